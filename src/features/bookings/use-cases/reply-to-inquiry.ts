import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { runInquiryReplyHooks } from '../hooks.ts';
import * as repo from '../repository.ts';
import type { Db } from './prepare.ts';
import { presentInquiry } from './present.ts';

/** BOOK-11: the shop's answer to an inquiry, signed by who wrote it; the customer is told (NOTI-1) in the same transaction. */
export async function replyToInquiry(db: Db, actor: Actor, id: string, body: string) {
  const reply = body.trim();
  await db.transaction().execute(async (trx) => {
    if (!(await repo.replyInquiry(trx, actor.businessId, id, reply, actor.userId))) throw new AppError('INQUIRY_NOT_FOUND');
    const inquiry = (await repo.findInquiry(trx, actor.businessId, id))!;
    await runInquiryReplyHooks(trx, { businessId: actor.businessId, inquiryId: id, authorName: inquiry.author_name, authorPhone: inquiry.author_phone, question: inquiry.body, reply, now: new Date() });
  });
  return presentInquiry(actor, (await repo.findInquiry(db, actor.businessId, id))!);
}
