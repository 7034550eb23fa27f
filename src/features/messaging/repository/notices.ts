import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { CustomerNoticesTable as CustomerNotices, DB, NoticeStatus, RecipientStatus } from '../../../platform/db/types.ts';
import './constraints.ts';

type Db = Kysely<DB>;

export type NoticeRow = Selectable<CustomerNotices>;

/** NOTI-1 … NOTI-3: the shop's choices; null when it never changed them (the defaults apply). */
export async function findNoticeSettings(db: Db, businessId: string) {
  return db.selectFrom('notice_settings').selectAll().where('business_id', '=', businessId).executeTakeFirst();
}

export async function writeNoticeSettings(
  db: Db,
  businessId: string,
  values: { disabled_events: string[]; reminder_mode: 'days_before' | 'hours_before'; reminder_days: number; reminder_time: string; reminder_hours: number; manual_schedules: boolean },
) {
  const row = { ...values, updated_at: sql<Date>`now()` };
  await db
    .insertInto('notice_settings')
    .values({ business_id: businessId, ...row })
    .onConflict((oc) => oc.column('business_id').doUpdateSet(row))
    .execute();
}

export type NewNotice = Omit<Insertable<CustomerNotices>, 'business_id' | 'variables'> & { variables: Record<string, string> };

/**
 * One event, one notice: a second write of the same key changes nothing,
 * except a reminder cancelled before (a schedule moved away and back),
 * which is planned again. Returns the notice's id when it is pending now.
 */
export async function writeNotice(db: Db, businessId: string, notice: NewNotice): Promise<string | null> {
  const row = await db
    .insertInto('customer_notices')
    .values({ ...notice, business_id: businessId, variables: JSON.stringify(notice.variables) })
    .onConflict((oc) =>
      oc
        .columns(['business_id', 'dedupe_key'])
        .doUpdateSet({ status: 'pending', status_reason: null, send_at: notice.send_at, status_at: sql<Date>`now()` })
        .where('customer_notices.status', '=', 'cancelled')
        .where('customer_notices.provider_group_id', 'is', null),
    )
    .returning(['id', 'status'])
    .executeTakeFirst();
  return row && row.status === 'pending' ? row.id : null;
}

/** The notice of one event (its key), if it was written. */
export async function findNoticeByKey(db: Db, businessId: string, dedupeKey: string) {
  return db.selectFrom('customer_notices').select(['id', 'status']).where('business_id', '=', businessId).where('dedupe_key', '=', dedupeKey).executeTakeFirst();
}

/** Pending notices of a schedule (its reminders when it moves or ends) cancelled, with the reason; returns how many. */
export async function cancelPendingNotices(db: Db, businessId: string, filter: { scheduleId: string; events: readonly string[]; exceptKey?: string }, reason: string) {
  let query = db
    .updateTable('customer_notices')
    .set({ status: 'cancelled', status_reason: reason, status_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('schedule_id', '=', filter.scheduleId)
    .where('event', 'in', filter.events)
    .where('status', '=', 'pending')
    .where('provider_group_id', 'is', null);
  if (filter.exceptKey) query = query.where('dedupe_key', '<>', filter.exceptKey);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Notices due now, pending or left sending by a run that died (its lease
 * ended), oldest first, across businesses.
 * @installation the sweep's look over every business's outbox.
 */
export async function listDueNotices(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('customer_notices')
    .select(['business_id', 'id'])
    .where('send_at', '<=', now)
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)])]))
    .orderBy('send_at')
    .limit(limit)
    .execute();
}

/** The notice for one run: due and not held by a live run; the lease says until when it is this run's. */
export async function claimNotice(db: Db, businessId: string, id: string, token: string, now: Date, leaseUntil: Date) {
  return db
    .updateTable('customer_notices')
    .set({ status: 'sending', lease_token: token, lease_until: leaseUntil, attempts: sql<number>`attempts + 1` })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('send_at', '<=', now)
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)])]))
    .returningAll()
    .executeTakeFirst();
}

export async function findNotice(db: Db, businessId: string, id: string) {
  return db.selectFrom('customer_notices').selectAll().where('business_id', '=', businessId).where('id', '=', id).executeTakeFirst();
}

/** Set while the run holds the lease, before the message is added: a retry finds the group. */
export async function setNoticeGroup(db: Db, businessId: string, id: string, token: string, groupId: string, content: { channel: 'alimtalk' | 'sms' | 'lms'; text: string }) {
  const result = await db
    .updateTable('customer_notices')
    .set({ provider_group_id: groupId, channel: content.channel, text: content.text })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('lease_token', '=', token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markNoticeAccepted(db: Db, businessId: string, id: string, accepted: { messageId: string; status: RecipientStatus; statusCode: string; statusMessage: string }, at: Date) {
  await db
    .updateTable('customer_notices')
    .set({
      status: accepted.status === 'pending' ? 'accepted' : accepted.status,
      provider_message_id: accepted.messageId,
      status_code: accepted.statusCode,
      status_reason: accepted.status === 'failed' ? accepted.statusMessage : null,
      sent_at: at,
      status_at: at,
      lease_token: null,
      lease_until: null,
    })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** Not sent, and why (no provider, the schedule was cancelled, the provider refused). */
export async function finishNotice(db: Db, businessId: string, id: string, status: Extract<NoticeStatus, 'failed' | 'cancelled'>, reason: string) {
  await db
    .updateTable('customer_notices')
    .set({ status, status_reason: reason, status_at: sql<Date>`now()`, lease_token: null, lease_until: null })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'sending'])
    .execute();
}

/** A run that failed in a way worth another try gives the notice back, with the reason and when to try. */
export async function releaseNotice(db: Db, businessId: string, id: string, token: string, retryAt: Date, reason: string) {
  await db
    .updateTable('customer_notices')
    .set({ status: 'pending', send_at: retryAt, status_reason: reason, lease_token: null, lease_until: null })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('lease_token', '=', token)
    .execute();
}

const RANK: Record<NoticeStatus, number> = { pending: 0, sending: 0, accepted: 1, sent: 2, delivered: 3, failed: 3, cancelled: 3 };

/** A delivery report (or a polled status) for a notice: a status only moves forward, so a replay changes nothing. */
export async function applyNoticeReport(db: Db, businessId: string, report: { messageId: string; status: RecipientStatus; statusCode: string; statusMessage: string }) {
  const lower = (['accepted', 'sent'] as NoticeStatus[]).filter((s) => RANK[s] < RANK[report.status as NoticeStatus]);
  if (lower.length === 0) return null;
  return db
    .updateTable('customer_notices')
    .set({ status: report.status as NoticeStatus, status_code: report.statusCode, status_reason: report.status === 'failed' ? report.statusMessage : null, status_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('provider_message_id', '=', report.messageId)
    .where('status', 'in', lower)
    .returning(['id', 'event', 'recipient_id'])
    .executeTakeFirst();
}

/** A schedule's, a booking's or a customer's notices, newest first. */
export async function listNotices(db: Db, businessId: string, of: { scheduleId?: string; bookingId?: string; customerId?: string }, limit = 50) {
  let query = db.selectFrom('customer_notices').selectAll().where('business_id', '=', businessId);
  if (of.scheduleId && of.bookingId) query = query.where((eb) => eb.or([eb('schedule_id', '=', of.scheduleId!), eb('booking_id', '=', of.bookingId!)]));
  else if (of.scheduleId) query = query.where('schedule_id', '=', of.scheduleId);
  else if (of.bookingId) query = query.where('booking_id', '=', of.bookingId);
  if (of.customerId) query = query.where('customer_id', '=', of.customerId);
  return query.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

/** The business's notices, newest first (the messages page lists them). */
export async function listRecentNotices(db: Db, businessId: string, limit: number, offset: number, event?: string) {
  let query = db.selectFrom('customer_notices').selectAll().where('business_id', '=', businessId);
  if (event) query = query.where('event', '=', event);
  const [items, total] = await Promise.all([
    query.orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
    (event ? db.selectFrom('customer_notices').where('business_id', '=', businessId).where('event', '=', event) : db.selectFrom('customer_notices').where('business_id', '=', businessId))
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/**
 * Notices handed to the provider whose final report is late: accepted or
 * sent more than `lateAfter` ago, not polled since `polledBefore`.
 * @installation the poller's look over every business.
 */
export async function listLateNotices(db: Db, lateBefore: Date, polledBefore: Date, limit: number) {
  return db
    .selectFrom('customer_notices')
    .select(['business_id', 'id', 'provider_message_id', 'sent_at'])
    .where('status', 'in', ['accepted', 'sent'])
    .where('sent_at', '<', lateBefore)
    .where('provider_message_id', 'is not', null)
    .where((eb) => eb.or([eb('polled_at', 'is', null), eb('polled_at', '<', polledBefore)]))
    .orderBy('sent_at')
    .limit(limit)
    .execute();
}

export async function markNoticesPolled(db: Db, businessId: string, ids: readonly string[], at: Date) {
  if (ids.length === 0) return;
  await db.updateTable('customer_notices').set({ polled_at: at }).where('business_id', '=', businessId).where('id', 'in', ids).execute();
}

/** LAW-3: when the customer's last consent notice went (or was written), to send the next one two years on. */
export async function lastNoticeAt(db: Db, businessId: string, customerId: string, event: string) {
  const row = await db
    .selectFrom('customer_notices')
    .select('created_at')
    .where('business_id', '=', businessId)
    .where('customer_id', '=', customerId)
    .where('event', '=', event)
    .where('status', '<>', 'cancelled')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.created_at ?? null;
}

// --- Kakao templates (MSG-3, MSG-11) -----------------------------------------

export async function insertKakaoTemplate(
  db: Db,
  businessId: string,
  values: { event: string; pfId: string; providerTemplateId: string; name: string; content: string; status: 'PENDING' | 'INSPECTING' | 'APPROVED' | 'REJECTED'; rejectReason: string | null; checkedAt: Date },
) {
  return db
    .insertInto('kakao_templates')
    .values({
      business_id: businessId,
      event: values.event,
      pf_id: values.pfId,
      provider_template_id: values.providerTemplateId,
      name: values.name,
      content: values.content,
      status: values.status,
      reject_reason: values.rejectReason,
      checked_at: values.checkedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type KakaoTemplateRow = Selectable<DB['kakao_templates']>;

/** An event's templates, newest first. */
export async function listKakaoTemplates(db: Db, businessId: string, event: string) {
  return db.selectFrom('kakao_templates').selectAll().where('business_id', '=', businessId).where('event', '=', event).orderBy('created_at', 'desc').orderBy('id').execute();
}

/** The newest template per event (the one the shop sees and sends with once approved). */
export async function listCurrentKakaoTemplates(db: Db, businessId: string) {
  const rows = await db.selectFrom('kakao_templates').selectAll().where('business_id', '=', businessId).orderBy('created_at', 'desc').orderBy('id').execute();
  const current = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!current.has(row.event)) current.set(row.event, row);
  return current;
}

export async function updateKakaoTemplateStatus(db: Db, businessId: string, id: string, status: { status: 'PENDING' | 'INSPECTING' | 'APPROVED' | 'REJECTED'; rejectReason: string | null; checkedAt: Date }) {
  await db
    .updateTable('kakao_templates')
    .set({ status: status.status, reject_reason: status.rejectReason, checked_at: status.checkedAt })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .execute();
}

/** The approved template of an event on the business's current channel, newest first; none: the notice goes by SMS/LMS. */
export async function findApprovedKakaoTemplate(db: Db, businessId: string, event: string, pfId: string) {
  return db
    .selectFrom('kakao_templates')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('event', '=', event)
    .where('pf_id', '=', pfId)
    .where('status', '=', 'APPROVED')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

// --- Coupon recipients: polling and the product's fallback (MSG-11) -----------

/**
 * Batches sent more than `lateBefore` ago that still have recipients
 * without a final status, not polled since `polledBefore`.
 * @installation the poller's look over every business.
 */
export async function listLateBatches(db: Db, lateBefore: Date, polledBefore: Date, limit: number) {
  return db
    .selectFrom('message_batches as b')
    .select(['b.business_id', 'b.message_id', 'b.batch_no', 'b.provider_group_id'])
    .where('b.status', '=', 'sent')
    .where('b.sent_at', '<', lateBefore)
    .where('b.provider_group_id', 'is not', null)
    .where((eb) => eb.or([eb('b.polled_at', 'is', null), eb('b.polled_at', '<', polledBefore)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('message_recipients as r')
          .select(sql`1`.as('one'))
          .whereRef('r.message_id', '=', 'b.message_id')
          .whereRef('r.batch_no', '=', 'b.batch_no')
          .where('r.status', 'in', ['accepted', 'sent']),
      ),
    )
    .orderBy('b.sent_at')
    .limit(limit)
    .execute();
}

export async function markBatchPolled(db: Db, businessId: string, messageId: string, batchNo: number, at: Date) {
  await db.updateTable('message_batches').set({ polled_at: at }).where('business_id', '=', businessId).where('message_id', '=', messageId).where('batch_no', '=', batchNo).execute();
}

/** A batch's recipients still waiting for a final status and older than `giveUpBefore`: failed, the report never came. */
export async function failUnreportedRecipients(db: Db, businessId: string, messageId: string, batchNo: number, giveUpBefore: Date, reason: string) {
  const result = await db
    .updateTable('message_recipients')
    .set({ status: 'failed', status_code: 'NO_REPORT', status_reason: reason, status_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('message_id', '=', messageId)
    .where('batch_no', '=', batchNo)
    .where('status', 'in', ['accepted', 'sent'])
    .where('status_at', '<', giveUpBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Notices whose report never came within `giveUpBefore`: failed with the reason. */
export async function failUnreportedNotice(db: Db, businessId: string, id: string, reason: string) {
  await db
    .updateTable('customer_notices')
    .set({ status: 'failed', status_code: 'NO_REPORT', status_reason: reason, status_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('status', 'in', ['accepted', 'sent'])
    .execute();
}

/** The coupon recipient a report failed for, with what its fallback needs; null unless it is a 브랜드 메시지 recipient without a fallback yet. */
export async function findFallbackCandidate(db: Db, businessId: string, providerMessageId: string) {
  return db
    .selectFrom('message_recipients as r')
    .innerJoin('messages as m', (join) => join.onRef('m.id', '=', 'r.message_id').onRef('m.business_id', '=', 'r.business_id'))
    .select(['r.id', 'r.message_id', 'r.customer_id', 'r.name', 'r.phone', 'r.coupon_code', 'r.coupon_expires_at', 'r.opt_out_token', 'r.fallback_notice_id', 'm.channel'])
    .where('r.business_id', '=', businessId)
    .where('r.provider_message_id', '=', providerMessageId)
    .executeTakeFirst();
}

/** Links the fallback notice once: false when the recipient already has one (a replayed report). */
export async function linkFallbackNotice(db: Db, businessId: string, recipientId: string, noticeId: string) {
  const result = await db
    .updateTable('message_recipients')
    .set({ fallback_notice_id: noticeId })
    .where('business_id', '=', businessId)
    .where('id', '=', recipientId)
    .where('fallback_notice_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// --- LAW-3: the two-yearly consent notice ------------------------------------

/**
 * Customers who consented to advertising at least two years ago and were
 * not told of it in the last two years.
 * @installation the sweep's look over every business.
 */
export async function listConsentNoticesDue(db: Db, consentedBefore: Date, limit: number) {
  return db
    .selectFrom('customers as c')
    .select(['c.business_id', 'c.id', 'c.name', 'c.phone', 'c.marketing_consent_at'])
    .where('c.marketing_consent', '=', true)
    .where('c.marketing_consent_at', '<=', consentedBefore)
    .where('c.phone', '<>', '')
    // A shop that cannot send yet is told nothing now; the notice is written once it can (the two years are counted from the consent).
    .where((eb) => eb.exists(eb.selectFrom('message_provider_settings as p').select(sql`1`.as('one')).whereRef('p.business_id', '=', 'c.business_id')))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('customer_notices as n')
            .select(sql`1`.as('one'))
            .whereRef('n.business_id', '=', 'c.business_id')
            .whereRef('n.customer_id', '=', 'c.id')
            .where('n.event', '=', 'consent_notice')
            .where('n.created_at', '>', consentedBefore),
        ),
      ),
    )
    .orderBy('c.marketing_consent_at')
    .limit(limit)
    .execute();
}
