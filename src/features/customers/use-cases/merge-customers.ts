import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { uniqueTags } from '../domain/values.ts';
import { customerHistoryMoved } from '../hooks.ts';
import * as consents from '../repository/consents.ts';
import * as repo from '../repository.ts';
import { presentOneCustomer } from './present.ts';

/**
 * Merges `sourceId` into `targetId` (NAVER-5: a renamed customer comes back
 * from Naver as a new one with the same phone). Only customers with the same
 * phone merge. The source's schedules move to the target with a history row
 * each (its bookings and notices with them), tags join, memos join,
 * marketing consent stays the target's; the source's consent history joins
 * the target's, with a merge event when the two consents differed (LAW-2);
 * the target's audience facts are recomputed from its history (loyalty's
 * hook); then the source is deleted. All in one transaction.
 */
export async function mergeCustomers(db: Kysely<DB>, actor: Actor, targetId: string, sourceId: string) {
  if (targetId === sourceId) throw new AppError('CUSTOMER_MERGE_SAME');
  const moved = await db.transaction().execute(async (trx) => {
    const rows = await repo.lockCustomers(trx, actor.businessId, [targetId, sourceId]);
    const target = rows.find((r) => r.id === targetId);
    const source = rows.find((r) => r.id === sourceId);
    if (!target || !source) throw new AppError('CUSTOMER_NOT_FOUND');
    if (target.anonymised_at || source.anonymised_at) throw new AppError('CUSTOMER_ANONYMISED');
    if (target.phone !== source.phone) throw new AppError('CUSTOMER_MERGE_PHONE_MISMATCH');
    const schedules = await repo.moveSchedules(trx, actor.businessId, source.id, target.id);
    await repo.moveBookingsAndNotices(trx, actor.businessId, source.id, target.id);
    await repo.insertMergeHistory(trx, {
      businessId: actor.businessId,
      scheduleIds: schedules.map((s) => s.id),
      userId: actor.userId,
      changes: { customer: { from: source.name, to: target.name, fromId: source.id, toId: target.id } },
    });
    await repo.mergeLoyalty(trx, actor.businessId, source.id, target.id);
    await customerHistoryMoved()(trx, actor.businessId, [target.id]);
    const memo = [target.memo, source.memo].filter((m) => m.trim() !== '').join('\n');
    await repo.updateCustomer(trx, actor.businessId, target.id, { tags: uniqueTags([...target.tags, ...source.tags]), memo });
    await consents.moveConsentEvents(trx, actor.businessId, source.id, target.id);
    // The source's last event no longer stands when the target's consent differs: say which one does.
    if (source.marketing_consent !== target.marketing_consent) {
      await consents.insertConsentEvents(trx, actor.businessId, [
        { customerId: target.id, kind: 'marketing', granted: target.marketing_consent, source: 'merge', actorUserId: actor.userId, detail: `'${source.name}' 고객을 병합하며 '${target.name}' 고객의 동의를 따름` },
      ]);
    }
    await repo.deleteCustomer(trx, actor.businessId, source.id);
    return schedules.length;
  });
  const merged = (await repo.findCustomer(db, actor.businessId, targetId)) ?? notFound('CUSTOMER_NOT_FOUND');
  return { customer: await presentOneCustomer(db, actor, merged), movedSchedules: moved };
}
