import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { errorCodes } from '../../../platform/errors/registry.ts';
import { publicUrl } from '../../../platform/http/public-url.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import { refreshCustomerFacts } from '../../loyalty/index.ts';
import type { Coupon } from '../domain/coupon.ts';
import { contentOf } from '../domain/message.ts';
import { isQuietHour, nextAllowedInstant } from '../domain/quiet-hours.ts';
import { channelFor, renderText, type SenderInfo } from '../domain/render.ts';
import { connectProvider } from '../provider/connect.ts';
import { kakaoFallbackNeeded, ProviderError } from '../provider/solapi.ts';
import { writeCouponFallback } from './apply-reports.ts';
import { brandMessageText } from '../domain/render.ts';
import type { ProviderMessage } from '../provider/types.ts';
import { BATCH_LEASE_SECONDS, MESSAGE_BATCH_QUEUE, type BatchJob, type DispatchOptions } from '../queues.ts';
import { findBusinessProfile, findMessage, setMessageStatusReason, type MessageRow } from '../repository/messages.ts';
import { findProviderSettings } from '../repository/provider-settings.ts';
import { readableSettings } from './provider-settings.ts';
import { batchRecipients, claimBatch, findBatch, holdsBatch, recordAccepted, releaseBatch, setBatchGroup } from '../repository/sending.ts';
import { finishBatch } from './finish-batch.ts';
import { optOutPath } from '../domain/opt-out.ts';

/** Another run holds the batch: retried later (pg-boss backoff), by when the batch is sent or the lease has ended. */
class BatchBusy extends Error {}

/** The holder lost its lease (it paused longer than the lease): it stops before sending anything more. */
class LeaseLost extends Error {}

/** The `message-batch` job (queues.ts): sends one batch through the business's provider, exactly once per recipient. */
export async function sendBatch(db: Kysely<DB>, jobs: Jobs, job: BatchJob, options: DispatchOptions = {}): Promise<'sent' | 'waiting' | 'skipped'> {
  const now = options.now?.() ?? new Date();
  const { businessId } = job;
  const message = await findMessage(db, businessId, job.messageId);
  if (!message || message.status !== 'sending') return 'skipped';
  const batch = await findBatch(db, businessId, job.messageId, job.batchNo);
  if (!batch || batch.status === 'sent') return 'skipped';
  const business = await findBusinessProfile(db, businessId);
  if (message.advertising && isQuietHour(now, business.time_zone)) {
    await jobs.boss.send(MESSAGE_BATCH_QUEUE, job, { startAfter: nextAllowedInstant(now, business.time_zone) });
    await setMessageStatusReason(db, businessId, message.id, '야간(21:00~08:00)이 되어 남은 발송을 08:00에 이어 갑니다.');
    return 'waiting';
  }
  // One run at a time: a second run (a retry of a job believed dead) waits for the lease to end.
  const token = crypto.randomUUID();
  const claimed = await claimBatch(db, businessId, job.messageId, job.batchNo, token, new Date(Date.now() + BATCH_LEASE_SECONDS * 1000));
  if (!claimed) throw new BatchBusy(`batch ${job.batchNo} of message ${job.messageId} is being sent by another run`);
  try {
    return await sendClaimedBatch(db, job, claimed, token, message, business, now);
  } catch (error) {
    await releaseBatch(db, businessId, job.messageId, job.batchNo, token);
    throw error;
  }
}

async function sendClaimedBatch(
  db: Kysely<DB>,
  job: BatchJob,
  batch: { provider_group_id: string | null },
  token: string,
  message: MessageRow,
  business: { name: string; phone: string; time_zone: string },
  now: Date,
): Promise<'sent'> {
  const { businessId } = job;
  const stillMine = async () => {
    if (!(await holdsBatch(db, businessId, job.messageId, job.batchNo, token))) throw new LeaseLost(`lost the lease of batch ${job.batchNo} of message ${job.messageId}`);
  };
  const settings = await findProviderSettings(db, businessId);
  // Not retried: without keys every attempt fails the same way, so the batch ends failed with the reason at once.
  if (!settings) throw new ProviderError(errorCodes.MESSAGE_PROVIDER_NOT_SET.message, { retryable: false, httpStatus: null, code: 'MESSAGE_PROVIDER_NOT_SET' });
  const provider = await connectProvider(businessId, readableSettings(settings));

  // The group id is stored before anything is added to it: a retry finds it.
  let groupId = batch.provider_group_id;
  if (!groupId) {
    groupId = (await provider.createGroup()).groupId;
    await setBatchGroup(db, businessId, job.messageId, job.batchNo, groupId);
  }
  const held = await provider.listGroupMessages(groupId);
  const heldIds = new Set(held.map((h) => h.recipientId));
  const recipients = await batchRecipients(db, businessId, job.messageId, job.batchNo);
  const content = contentOf(message);
  const sender: SenderInfo = { name: business.name, phone: business.phone, timeZone: business.time_zone, optOutPhone: settings.opt_out_phone };
  const pfId = settings.kakao_pf_id;
  const missing: ProviderMessage[] = recipients
    .filter((r) => !heldIds.has(r.id))
    .map((r) => {
      const text = renderText(sender, content, message.coupon as Coupon, { name: r.name, expiresAt: r.coupon_expires_at, couponCode: r.coupon_code, optOutUrl: `${publicUrl()}${optOutPath(r.opt_out_token)}` });
      // 알림톡 as the shop asked it is, on the wire, a 브랜드 메시지 to the channel's friends (advertising may not go as 알림톡);
      // without a channel it goes by text. The SMS/LMS type was decided at dispatch for all its recipients.
      if (message.channel === 'alimtalk' && pfId) {
        return { recipientId: r.id, to: r.phone, from: settings.sender_phone, type: 'BMS_FREE', text: brandMessageText(text), kakao: { pfId, disableSms: true, bms: { targeting: 'I', chatBubbleType: 'TEXT' } } } satisfies ProviderMessage;
      }
      const channel = message.channel === 'lms' ? 'lms' : channelFor('sms', text);
      const type = channel === 'sms' ? 'SMS' : 'LMS';
      return { recipientId: r.id, to: r.phone, from: settings.sender_phone, type, text, ...(type === 'SMS' ? {} : { subject: message.title }) } satisfies ProviderMessage;
    });
  await stillMine();
  const accepted = missing.length > 0 ? await provider.addGroupMessages(groupId, missing) : [];
  // The statuses and the recipients' last-message facts (중복 발송 방지) change together.
  await db.transaction().execute(async (trx) => refreshCustomerFacts(trx, businessId, await recordAccepted(trx, businessId, [...held, ...accepted])));
  // Refused at once by Kakao's rules for this recipient: the product's SMS/LMS, once (apply-reports.ts).
  for (const a of [...held, ...accepted]) if (a.status === 'failed' && kakaoFallbackNeeded(a.statusCode) && a.messageId) await writeCouponFallback(db, businessId, a.messageId, now);
  await stillMine();
  await provider.sendGroup(groupId);
  await finishBatch(db, job, now);
  return 'sent';
}
