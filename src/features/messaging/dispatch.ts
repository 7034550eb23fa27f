import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { Jobs, QueuePolicy } from '../../platform/jobs/jobs.ts';
import { publicUrl } from '../../platform/http/public-url.ts';
import { candidatesQuery, summarizeAudience, type Audience } from './audience.ts';
import { couponExpiresAt, newCouponCode, type Coupon } from './domain/coupon.ts';
import { isQuietHour, nextAllowedInstant } from './domain/quiet-hours.ts';
import { lookbackRange, type SendSettings } from './domain/send-settings.ts';
import { providerFor } from './providers.ts';
import { ProviderError } from './provider/solapi.ts';
import type { ProviderMessage } from './provider/types.ts';
import * as repo from './repository.ts';
import { channelFor, groupMembersAt, newOptOutToken, renderText, type MessageContent } from './service.ts';

/**
 * MSG-8, MSG-9, MSG-11: sending. Two queues:
 * - `message-dispatch` ({ messageId, version }) runs at the message's time:
 *   a stale version (the message was edited or cancelled since) does nothing;
 *   inside the quiet hours the message waits (status `waiting`) and the job
 *   is put back at 08:00; otherwise the recipients are fixed — each with a
 *   coupon code and an opt-out token — split into batches, and one
 *   `message-batch` job per batch is enqueued, all in one transaction.
 * - `message-batch` ({ messageId, batchNo }) sends one batch: it creates the
 *   batch's provider group and stores its id before adding anything; a retry
 *   (after a crash or an error) lists what the group holds and adds only the
 *   rest, then sends the group. Each recipient reaches the provider once.
 *   A batch whose turn comes in the quiet hours waits for 08:00 too.
 */
export const MESSAGE_DISPATCH_QUEUE = 'message-dispatch';
export const MESSAGE_BATCH_QUEUE = 'message-batch';
export const BATCH_SIZE = 500;
/** Longer than a batch's provider calls take (each times out after 15 s). */
export const BATCH_LEASE_SECONDS = 120;

export const MESSAGE_DISPATCH_POLICY: QueuePolicy = { retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 600, pollingIntervalSeconds: 1 };
/**
 * Batches of one message go out four at a time per process; a worker that
 * dies is noticed by its missing heartbeat (30 s) rather than the 5-minute
 * expiry, and its batch resumes from the stored group.
 */
export const MESSAGE_BATCH_POLICY: QueuePolicy = {
  retryLimit: 12,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 300,
  expireInSeconds: 300,
  heartbeatSeconds: 30,
  pollingIntervalSeconds: 1,
  localConcurrency: 4,
};

interface DispatchJob {
  messageId: string;
  version: number;
}

interface BatchJob {
  messageId: string;
  batchNo: number;
}


export interface DispatchOptions {
  now?: () => Date;
}

/** Fixes the recipients of a due message and enqueues its batches; returns what it did. */
export async function dispatchMessage(db: Kysely<DB>, jobs: Jobs, job: DispatchJob, options: DispatchOptions): Promise<'stale' | 'waiting' | 'started' | 'empty'> {
  const now = options.now?.() ?? new Date();
  return db.transaction().execute(async (trx) => {
    const message = await repo.lockMessage(trx, job.messageId);
    if (!message || message.version !== job.version || (message.status !== 'scheduled' && message.status !== 'waiting')) return 'stale';
    const business = await trx.selectFrom('businesses').select(['time_zone']).where('id', '=', message.business_id).executeTakeFirstOrThrow();
    const zone = business.time_zone;
    if (message.advertising && isQuietHour(now, zone)) {
      const at = nextAllowedInstant(now, zone);
      const waiting = await repo.updateMessage(trx, message.id, { status: 'waiting', status_reason: '야간(21:00~08:00)에는 광고 메시지를 보내지 않아 08:00에 발송합니다.', version: message.version + 1 });
      await jobs.sendInTransaction(trx, MESSAGE_DISPATCH_QUEUE, { messageId: message.id, version: waiting.version } satisfies DispatchJob, { startAfter: at });
      return 'waiting';
    }
    const audience = message.audience as Audience;
    const settings = message.settings as SendSettings;
    const windows = {
      visitedWithin: settings.visitorRestriction ? lookbackRange(settings.visitorRestriction, now, zone) : null,
      receivedWithin: settings.duplicatePrevention ? lookbackRange(settings.duplicatePrevention, now, zone) : null,
    };
    const members = groupMembersAt(now, zone);
    const summary = await summarizeAudience(trx, message.business_id, audience, windows, members);
    const candidates = await candidatesQuery(trx, message.business_id, audience, windows, members).orderBy('c.id').execute();
    const recipients = candidates.filter((c) => c.reason === null);
    if (recipients.length === 0) {
      await repo.updateMessage(trx, message.id, { status: 'failed', status_reason: '보낼 수 있는 고객이 없습니다.', started_at: now, finished_at: now, excluded_count: summary.excluded.total });
      return 'empty';
    }
    const expiresAt = couponExpiresAt(now, message.coupon_validity, zone);
    const rows: repo.NewRecipient[] = recipients.map((c, i) => ({
      business_id: message.business_id,
      message_id: message.id,
      customer_id: c.id,
      name: c.name,
      phone: c.phone,
      batch_no: Math.floor(i / BATCH_SIZE),
      coupon_code: newCouponCode(),
      coupon_expires_at: expiresAt,
      opt_out_token: newOptOutToken(),
    }));
    for (let i = 0; i < rows.length; i += 1000) await repo.insertRecipients(trx, rows.slice(i, i + 1000));
    const batches = Math.ceil(rows.length / BATCH_SIZE);
    await repo.insertBatches(trx, message.business_id, message.id, batches);
    await repo.updateMessage(trx, message.id, { status: 'sending', status_reason: null, started_at: now, recipient_count: rows.length, excluded_count: summary.excluded.total });
    for (let b = 0; b < batches; b++) await jobs.sendInTransaction(trx, MESSAGE_BATCH_QUEUE, { messageId: message.id, batchNo: b } satisfies BatchJob);
    return 'started';
  });
}

/** Sends one batch through the business's provider, exactly once per recipient. */
export async function sendBatch(db: Kysely<DB>, jobs: Jobs, job: BatchJob, options: DispatchOptions): Promise<'sent' | 'waiting' | 'skipped'> {
  const now = options.now?.() ?? new Date();
  const message = await db.selectFrom('messages').selectAll().where('id', '=', job.messageId).executeTakeFirst();
  if (!message || message.status !== 'sending') return 'skipped';
  const batch = await db.selectFrom('message_batches').selectAll().where('message_id', '=', job.messageId).where('batch_no', '=', job.batchNo).executeTakeFirst();
  if (!batch || batch.status === 'sent') return 'skipped';
  const business = await db.selectFrom('businesses').select(['name', 'phone', 'time_zone']).where('id', '=', message.business_id).executeTakeFirstOrThrow();
  if (message.advertising && isQuietHour(now, business.time_zone)) {
    await jobs.boss.send(MESSAGE_BATCH_QUEUE, job, { startAfter: nextAllowedInstant(now, business.time_zone) });
    await db.updateTable('messages').set({ status_reason: '야간(21:00~08:00)이 되어 남은 발송을 08:00에 이어 갑니다.' }).where('id', '=', message.id).execute();
    return 'waiting';
  }
  // One run at a time: a second run (a retry of a job believed dead) waits for the lease to end.
  const token = crypto.randomUUID();
  const claimed = await repo.claimBatch(db, job.messageId, job.batchNo, token, new Date(Date.now() + BATCH_LEASE_SECONDS * 1000));
  if (!claimed) throw new BatchBusy(`batch ${job.batchNo} of message ${job.messageId} is being sent by another run`);
  try {
    return await sendClaimedBatch(db, job, claimed, token, message, business, now);
  } catch (error) {
    await repo.releaseBatch(db, job.messageId, job.batchNo, token);
    throw error;
  }
}

/** Another run holds the batch: retried later (pg-boss backoff), by when the batch is sent or the lease has ended. */
class BatchBusy extends Error {}

/** The holder lost its lease (it paused longer than the lease): it stops before sending anything more. */
class LeaseLost extends Error {}

async function sendClaimedBatch(
  db: Kysely<DB>,
  job: BatchJob,
  batch: { provider_group_id: string | null },
  token: string,
  message: repo.MessageRow,
  business: { name: string; phone: string; time_zone: string },
  now: Date,
): Promise<'sent'> {
  const stillMine = async () => {
    if (!(await repo.holdsBatch(db, job.messageId, job.batchNo, token))) throw new LeaseLost(`lost the lease of batch ${job.batchNo} of message ${job.messageId}`);
  };
  const { provider, senderPhone, pfId, optOutPhone } = await providerFor(db, message.business_id);

  // The group id is stored before anything is added to it: a retry finds it.
  let groupId = batch.provider_group_id;
  if (!groupId) {
    groupId = (await provider.createGroup()).groupId;
    await repo.setBatchGroup(db, job.messageId, job.batchNo, groupId);
  }
  const held = await provider.listGroupMessages(groupId);
  const heldIds = new Set(held.map((h) => h.recipientId));
  const recipients = await repo.batchRecipients(db, job.messageId, job.batchNo);
  const content: MessageContent = {
    channel: message.channel === 'alimtalk' ? 'alimtalk' : 'sms',
    templateKey: message.template_key,
    title: message.title,
    body: message.body,
    coupon: message.coupon,
    validity: message.coupon_validity,
  };
  const info = { name: business.name, phone: business.phone, timeZone: business.time_zone, optOutPhone };
  const missing: ProviderMessage[] = recipients
    .filter((r) => !heldIds.has(r.id))
    .map((r) => {
      const text = renderText(info, content, message.coupon as Coupon, { name: r.name, expiresAt: r.coupon_expires_at, optOutUrl: `${publicUrl()}/optout/${r.opt_out_token}` });
      const channel = channelFor(content.channel, text);
      const type = channel === 'alimtalk' ? 'ATA' : channel === 'sms' ? 'SMS' : 'LMS';
      return {
        recipientId: r.id,
        to: r.phone,
        from: senderPhone,
        type,
        text,
        ...(type === 'SMS' ? {} : { subject: message.title }),
        ...(type === 'ATA' && pfId ? { kakao: { pfId, templateId: message.template_key } } : {}),
      } satisfies ProviderMessage;
    });
  await stillMine();
  const accepted = missing.length > 0 ? await provider.addGroupMessages(groupId, missing) : [];
  await repo.recordAccepted(db, [...held, ...accepted]);
  await stillMine();
  await provider.sendGroup(groupId);
  await finishBatch(db, job, now);
  return 'sent';
}

/** The batch is done; the last batch of a message closes it: sent, or failed when no recipient got through. */
async function finishBatch(db: Kysely<DB>, job: BatchJob, now: Date) {
  await db.transaction().execute(async (trx) => {
    await repo.markBatchSent(trx, job.messageId, job.batchNo);
    const locked = await repo.lockMessage(trx, job.messageId);
    if (locked && locked.status === 'sending' && (await repo.countUnsentBatches(trx, job.messageId)) === 0) {
      const counts = (await repo.recipientCounts(trx, [job.messageId])).get(job.messageId);
      const allFailed = counts !== undefined && counts.failed === locked.recipient_count;
      await repo.updateMessage(trx, job.messageId, { status: allFailed ? 'failed' : 'sent', status_reason: allFailed ? '발송 서비스가 메시지를 받지 않았습니다.' : null, finished_at: now });
    }
  });
}

/**
 * A batch the provider refuses for good (a wrong key, a refused sender) or
 * that ran out of retries: its unsent recipients are marked failed with the
 * reason, so the message ends instead of staying "sending".
 */
export async function failBatch(db: Kysely<DB>, job: BatchJob, reason: string, now = new Date()) {
  await db
    .updateTable('message_recipients')
    .set({ status: 'failed', status_reason: reason, status_at: now })
    .where('message_id', '=', job.messageId)
    .where('batch_no', '=', job.batchNo)
    .where('status', '=', 'pending')
    .execute();
  await finishBatch(db, job, now);
}

export async function prepareMessagingQueues(jobs: Jobs) {
  await jobs.createQueue(MESSAGE_DISPATCH_QUEUE, MESSAGE_DISPATCH_POLICY);
  await jobs.createQueue(MESSAGE_BATCH_QUEUE, MESSAGE_BATCH_POLICY);
}

export async function startMessagingWorkers(db: Kysely<DB>, jobs: Jobs, options: DispatchOptions = {}) {
  await jobs.work<DispatchJob>(MESSAGE_DISPATCH_QUEUE, MESSAGE_DISPATCH_POLICY, async (batch) => {
    for (const job of batch) await dispatchMessage(db, jobs, job.data, options);
  });
  await jobs.work<BatchJob>(MESSAGE_BATCH_QUEUE, MESSAGE_BATCH_POLICY, async (batch) => {
    for (const job of batch) {
      try {
        await sendBatch(db, jobs, job.data, options);
      } catch (error) {
        const last = (job.retryCount ?? 0) >= (job.retryLimit ?? MESSAGE_BATCH_POLICY.retryLimit);
        if (error instanceof ProviderError && (!error.retryable || last)) {
          await failBatch(db, job.data, `발송 서비스 오류: ${error.message}`);
          continue;
        }
        throw error;
      }
    }
  });
}
