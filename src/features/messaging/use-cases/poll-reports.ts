import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { connectProvider } from '../provider/connect.ts';
import type { MessageProvider } from '../provider/types.ts';
import * as notices from '../repository/notices.ts';
import { findProviderSettings } from '../repository/provider-settings.ts';
import { applyProviderReport } from './apply-reports.ts';
import { readableSettings } from './provider-settings.ts';

/**
 * MSG-11: statuses arrive even when the delivery-report webhook does not
 * (not registered, blocked, lost): a batch or a notice still "accepted" or
 * "sent" two minutes after it went is asked of Solapi (GET
 * /messages/v4/list, by group or by message id) every two minutes, and
 * what Solapi says is applied as a report would be. After 72 hours (Solapi
 * settles every message within that) what is still unknown is failed with
 * the reason, so no recipient stays "accepted" for ever.
 */
export const REPORT_LATE_AFTER_MS = 2 * 60_000;
export const REPORT_POLL_EVERY_MS = 2 * 60_000;
export const REPORT_GIVE_UP_AFTER_MS = 72 * 3_600_000;
const NO_REPORT_REASON = '72시간 동안 발송 결과를 받지 못했습니다.';

async function providerOf(db: Kysely<DB>, cache: Map<string, MessageProvider | null>, businessId: string) {
  if (!cache.has(businessId)) {
    const row = await findProviderSettings(db, businessId);
    cache.set(businessId, row ? await connectProvider(businessId, readableSettings(row)) : null);
  }
  return cache.get(businessId) ?? null;
}

async function listAll(provider: MessageProvider, query: { groupId?: string; messageIds?: readonly string[] }) {
  const out = [];
  let startKey: string | null = null;
  const seen = new Set<string>();
  do {
    const page = await provider.listMessages({ ...query, startKey, limit: 500 });
    out.push(...page.messages);
    startKey = page.nextKey && !seen.has(page.nextKey) ? page.nextKey : null;
    if (startKey) seen.add(startKey);
  } while (startKey);
  return out;
}

export async function pollLateReports(db: Kysely<DB>, now = new Date(), limit = 50): Promise<{ polled: number; updated: number }> {
  const lateBefore = new Date(now.getTime() - REPORT_LATE_AFTER_MS);
  const polledBefore = new Date(now.getTime() - REPORT_POLL_EVERY_MS);
  const giveUpBefore = new Date(now.getTime() - REPORT_GIVE_UP_AFTER_MS);
  const providers = new Map<string, MessageProvider | null>();
  let polled = 0;
  let updated = 0;

  for (const batch of await notices.listLateBatches(db, lateBefore, polledBefore, limit)) {
    polled++;
    await notices.markBatchPolled(db, batch.business_id, batch.message_id, batch.batch_no, now);
    try {
      const provider = await providerOf(db, providers, batch.business_id);
      if (provider) for (const report of await listAll(provider, { groupId: batch.provider_group_id! })) updated += await applyProviderReport(db, batch.business_id, report, now);
    } catch {
      // Asked again at the next poll; the give-up below still bounds the wait.
    }
    updated += await notices.failUnreportedRecipients(db, batch.business_id, batch.message_id, batch.batch_no, giveUpBefore, NO_REPORT_REASON);
  }

  const late = await notices.listLateNotices(db, lateBefore, polledBefore, limit * 10);
  const byBusiness = new Map<string, typeof late>();
  for (const notice of late) byBusiness.set(notice.business_id, [...(byBusiness.get(notice.business_id) ?? []), notice]);
  for (const [businessId, rows] of byBusiness) {
    polled += rows.length;
    await notices.markNoticesPolled(db, businessId, rows.map((r) => r.id), now);
    try {
      const provider = await providerOf(db, providers, businessId);
      if (provider) for (const report of await listAll(provider, { messageIds: rows.map((r) => r.provider_message_id!) })) updated += await applyProviderReport(db, businessId, report, now);
    } catch {
      // As above.
    }
    for (const row of rows) if (row.sent_at && row.sent_at < giveUpBefore) await notices.failUnreportedNotice(db, businessId, row.id, NO_REPORT_REASON);
  }
  return { polled, updated };
}
