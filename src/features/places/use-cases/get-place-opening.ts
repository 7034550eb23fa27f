import type { Actor } from '../../auth/index.ts';
import { openingContext, presentOpening } from './opening-support.ts';
import type { Db } from './present.ts';

/** OPS-1: the place's weekly hours and 공휴일 휴무, with its category's default and why. */
export async function getPlaceOpening(db: Db, actor: Actor, placeId: string) {
  return presentOpening(await openingContext(db, actor.businessId, placeId));
}
