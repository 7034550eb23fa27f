import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import { windowsFor, type Audience } from '../domain/audience.ts';
import { couponExpiresAt, newCouponCode, SAMPLE_COUPON_CODE, type Coupon } from '../domain/coupon.ts';
import { contentOf } from '../domain/message.ts';
import { channelFor, longestName, renderText } from '../domain/render.ts';
import { publicUrl } from '../../../platform/http/public-url.ts';
import { findProviderSettings } from '../repository/provider-settings.ts';
import { OPT_OUT_TOKEN_BYTES, optOutPath, SAMPLE_OPT_OUT_TOKEN } from '../domain/opt-out.ts';
import { isQuietHour, nextAllowedInstant } from '../domain/quiet-hours.ts';
import type { SendSettings } from '../domain/send-settings.ts';
import { BATCH_SIZE, enqueueDispatch, MESSAGE_BATCH_QUEUE, type BatchJob, type DispatchJob, type DispatchOptions } from '../queues.ts';
import { listCandidates } from '../repository/audience.ts';
import { findBusinessProfile, lockMessage, updateMessage } from '../repository/messages.ts';
import { insertBatches, insertRecipients, type NewRecipient } from '../repository/sending.ts';
import { groupMembersAt } from './group-members.ts';

/** SMS or LMS for the message, from the text of the recipient with the longest name (codes and tokens at their real length). */
async function decidedSmsChannel(
  trx: Kysely<DB>,
  businessId: string,
  business: Awaited<ReturnType<typeof findBusinessProfile>>,
  message: NonNullable<Awaited<ReturnType<typeof lockMessage>>>,
  name: string,
  expiresAt: Date,
) {
  const settings = await findProviderSettings(trx, businessId);
  const sender = { name: business.name, phone: business.phone, timeZone: business.time_zone, optOutPhone: settings?.opt_out_phone ?? '' };
  const text = renderText(sender, contentOf(message), message.coupon as Coupon, { name, expiresAt, couponCode: SAMPLE_COUPON_CODE, optOutUrl: `${publicUrl()}${optOutPath(SAMPLE_OPT_OUT_TOKEN)}` });
  return channelFor('sms', text);
}

function newOptOutToken(): string {
  return crypto.randomBytes(OPT_OUT_TOKEN_BYTES).toString('base64url');
}

/**
 * The `message-dispatch` job (queues.ts): fixes the recipients of a due
 * message and enqueues its batches, in one transaction; returns what it did.
 */
export async function dispatchMessage(db: Kysely<DB>, jobs: Jobs, job: DispatchJob, options: DispatchOptions = {}): Promise<'stale' | 'waiting' | 'started' | 'empty'> {
  const now = options.now?.() ?? new Date();
  const { businessId } = job;
  return db.transaction().execute(async (trx) => {
    const message = await lockMessage(trx, businessId, job.messageId);
    if (!message || message.version !== job.version || (message.status !== 'scheduled' && message.status !== 'waiting')) return 'stale';
    const business = await findBusinessProfile(trx, businessId);
    const zone = business.time_zone;
    if (message.advertising && isQuietHour(now, zone)) {
      const at = nextAllowedInstant(now, zone);
      const waiting = await updateMessage(trx, businessId, message.id, { status: 'waiting', status_reason: '야간(21:00~08:00)에는 광고 메시지를 보내지 않아 08:00에 발송합니다.', version: message.version + 1 });
      await enqueueDispatch(trx, jobs, { businessId, messageId: message.id, version: waiting.version }, at);
      return 'waiting';
    }
    const audience = message.audience as Audience;
    const windows = windowsFor(message.settings as SendSettings, now, zone);
    const members = groupMembersAt(now, zone);
    const candidates = await listCandidates(trx, businessId, audience, windows, members);
    const recipients = candidates.filter((c) => c.reason === null);
    const excluded = candidates.length - recipients.length;
    if (recipients.length === 0) {
      await updateMessage(trx, businessId, message.id, { status: 'failed', status_reason: '보낼 수 있는 고객이 없습니다.', started_at: now, finished_at: now, excluded_count: excluded });
      return 'empty';
    }
    const expiresAt = couponExpiresAt(now, message.coupon_validity, zone);
    const rows: NewRecipient[] = recipients.map((c, i) => ({
      message_id: message.id,
      customer_id: c.id,
      name: c.name,
      phone: c.phone,
      batch_no: Math.floor(i / BATCH_SIZE),
      coupon_code: newCouponCode(),
      coupon_expires_at: expiresAt,
      opt_out_token: newOptOutToken(),
    }));
    for (let i = 0; i < rows.length; i += 1000) await insertRecipients(trx, businessId, rows.slice(i, i + 1000));
    const batches = Math.ceil(rows.length / BATCH_SIZE);
    await insertBatches(trx, businessId, message.id, batches);
    // One type for the whole message, the one the longest text needs (the list, the bill and every recipient agree).
    const channel = message.channel === 'alimtalk' ? 'alimtalk' : await decidedSmsChannel(trx, businessId, business, message, longestName(rows.map((r) => r.name)), expiresAt);
    await updateMessage(trx, businessId, message.id, { status: 'sending', status_reason: null, started_at: now, recipient_count: rows.length, excluded_count: excluded, channel });
    for (let b = 0; b < batches; b++) await jobs.sendInTransaction(trx, MESSAGE_BATCH_QUEUE, { businessId, messageId: message.id, batchNo: b } satisfies BatchJob);
    return 'started';
  });
}
