import { catalogAppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { requireTimeSlot } from '../domain/edit-rules.ts';
import { validateHiddenSlot } from '../domain/validation.ts';
import * as repo from '../repository/products.ts';
import { editProduct, type Db } from './edit.ts';

/** BOOK-3: one slot 노출 ON/OFF. */
export async function setSlotHidden(db: Db, actor: Actor, productId: string, input: { startsAt: string; hidden: boolean }) {
  const startsAt = new Date(input.startsAt);
  await editProduct(db, actor, productId, async ({ trx, business, loaded }) => {
    const product = requireTimeSlot(loaded.product);
    const minute = startsAt.getTime() / 60_000;
    if (input.hidden) {
      const error = validateHiddenSlot(product, minute, business.time_zone);
      if (error) throw catalogAppError(error);
      await repo.hideSlot(trx, actor.businessId, productId, startsAt);
    } else {
      await repo.showSlot(trx, actor.businessId, productId, startsAt);
    }
  });
  return { startsAt: startsAt.toISOString(), hidden: input.hidden };
}
