import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import type { Db } from './prepare.ts';
import { presentInquiry } from './present.ts';

/** BOOK-11: the shop's answer to an inquiry, signed by who wrote it. */
export async function replyToInquiry(db: Db, actor: Actor, id: string, body: string) {
  if (!(await repo.replyInquiry(db, actor.businessId, id, body.trim(), actor.userId))) throw new AppError('INQUIRY_NOT_FOUND');
  return presentInquiry(actor, (await repo.findInquiry(db, actor.businessId, id))!);
}
