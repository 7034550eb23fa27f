import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import { formatPhone } from '../../../shared/phone.ts';
import { smsKind } from '../domain/bytes.ts';
import { canDisable, isNoticeEvent, kakaoVariables, NOTICE_TEMPLATES, noticeDateTime, noticeKey, noticeText, type NoticeEvent, type NoticeVariables } from '../domain/notices.ts';
import { DEFAULT_REMINDER_RULE, reminderSendAt, type ReminderRule } from '../domain/reminder.ts';
import { connectProvider } from '../provider/connect.ts';
import { ProviderError } from '../provider/solapi.ts';
import type { ProviderMessage } from '../provider/types.ts';
import { NOTICE_SEND_QUEUE, type NoticeJob } from '../queues.ts';
import { findBusinessProfile } from '../repository/messages.ts';
import * as repo from '../repository/notices.ts';
import { findProviderSettings } from '../repository/provider-settings.ts';
import { readableSettings } from './provider-settings.ts';

type Db = Kysely<DB>;

/** The shop's notice choices with the defaults filled in (NOTI-1 … NOTI-3). */
export interface NoticeSettings {
  disabled: Set<NoticeEvent>;
  reminder: ReminderRule;
  manualSchedules: boolean;
}

export async function noticeSettingsOf(db: Db, businessId: string): Promise<NoticeSettings> {
  const row = await repo.findNoticeSettings(db, businessId);
  if (!row) return { disabled: new Set(), reminder: DEFAULT_REMINDER_RULE, manualSchedules: false };
  return {
    disabled: new Set(row.disabled_events.filter(isNoticeEvent).filter(canDisable)),
    reminder: row.reminder_mode === 'hours_before' ? { mode: 'hours_before', hours: row.reminder_hours } : { mode: 'days_before', days: row.reminder_days, time: row.reminder_time },
    manualSchedules: row.manual_schedules,
  };
}

/** Who a notice is for and what it is about. */
export interface NoticeSubject {
  businessId: string;
  customerId: string | null;
  scheduleId?: string | null;
  bookingId?: string | null;
  name: string;
  phone: string;
}

/** The variables every notice has: the business's name and contact, the customer's name. */
async function baseVariables(db: Db, businessId: string, name: string): Promise<{ vars: NoticeVariables; zone: string }> {
  const business = await findBusinessProfile(db, businessId);
  return { vars: { 업체명: business.name, 연락처: business.phone ? formatPhone(business.phone) : '-', 고객명: name }, zone: business.time_zone };
}

/**
 * Writes one notice in the caller's transaction (the event's), unless the
 * shop turned the event off; one event is one notice (its key). With the
 * process's jobs the send is queued at its time; without, the minute's
 * sweep finds it. Returns the notice id when one is pending.
 */
export async function writeNoticeFor(
  trx: Db,
  jobs: Jobs | null,
  event: NoticeEvent,
  subject: NoticeSubject,
  extra: { key: string; vars: NoticeVariables; startsAt?: Date; sendAt: Date; settings?: NoticeSettings },
): Promise<string | null> {
  const settings = extra.settings ?? (await noticeSettingsOf(trx, subject.businessId));
  if (settings.disabled.has(event)) return null;
  const { vars, zone } = await baseVariables(trx, subject.businessId, subject.name);
  const all: NoticeVariables = { ...vars, ...(extra.startsAt ? { 일시: noticeDateTime(extra.startsAt, zone) } : {}), ...extra.vars };
  const id = await repo.writeNotice(trx, subject.businessId, {
    event,
    dedupe_key: extra.key,
    customer_id: subject.customerId,
    schedule_id: subject.scheduleId ?? null,
    booking_id: subject.bookingId ?? null,
    name: subject.name,
    phone: subject.phone,
    variables: all as Record<string, string>,
    send_at: extra.sendAt,
  });
  if (id && jobs) await jobs.sendInTransaction(trx, NOTICE_SEND_QUEUE, { businessId: subject.businessId, noticeId: id } satisfies NoticeJob, { startAfter: extra.sendAt });
  return id;
}

const REMINDER_EVENTS = ['reminder'] as const;

/**
 * NOTI-2: plans the reminder of a schedule at its start (the shop's rule,
 * never 21:00–08:00), cancelling any other pending reminder of it (a move).
 * None when the time has passed already.
 */
export async function planReminder(trx: Db, jobs: Jobs | null, subject: NoticeSubject & { scheduleId: string }, startsAt: Date, what: string, now: Date, settings?: NoticeSettings) {
  const chosen = settings ?? (await noticeSettingsOf(trx, subject.businessId));
  const key = noticeKey('reminder', subject.scheduleId, startsAt.getTime());
  await repo.cancelPendingNotices(trx, subject.businessId, { scheduleId: subject.scheduleId, events: REMINDER_EVENTS, exceptKey: key }, '일정이 바뀌어 새 시각으로 다시 예약했습니다.');
  if (chosen.disabled.has('reminder')) return null;
  const { time_zone: zone } = await findBusinessProfile(trx, subject.businessId);
  const sendAt = reminderSendAt(startsAt, chosen.reminder, zone, now);
  if (!sendAt) return null;
  return writeNoticeFor(trx, jobs, 'reminder', subject, { key, vars: { 예약내용: what }, startsAt, sendAt, settings: chosen });
}

/** A schedule that will not happen (cancelled, rejected, done): its pending reminders are cancelled. */
export async function cancelReminders(trx: Db, businessId: string, scheduleId: string, reason: string) {
  return repo.cancelPendingNotices(trx, businessId, { scheduleId, events: REMINDER_EVENTS }, reason);
}

// ------------------------------------------------------------------ send

/** A send attempt holds the notice this long; a run that died gives it back when it ends. */
const LEASE_SECONDS = 120;
/** Retries of a provider that does not answer, then failed with the reason. */
const MAX_ATTEMPTS = 8;

function retryDelaySeconds(attempts: number): number {
  return Math.min(1800, 30 * 2 ** Math.max(0, attempts - 1));
}

/** The message a notice goes as: 알림톡 on an approved template with Solapi's SMS fallback, or SMS/LMS. */
async function messageOf(db: Db, notice: repo.NoticeRow, settings: NonNullable<Awaited<ReturnType<typeof findProviderSettings>>>) {
  const vars = notice.variables as NoticeVariables;
  if (notice.event !== 'coupon_fallback' && isNoticeEvent(notice.event) && settings.kakao_pf_id) {
    const template = await repo.findApprovedKakaoTemplate(db, notice.business_id, notice.event, settings.kakao_pf_id);
    if (template) {
      const text = noticeText(template.content, vars);
      return {
        channel: 'alimtalk' as const,
        text,
        message: {
          recipientId: notice.id,
          to: notice.phone,
          from: settings.sender_phone,
          type: 'ATA',
          text,
          kakao: { pfId: settings.kakao_pf_id, templateId: template.provider_template_id, variables: kakaoVariables(template.content, vars), disableSms: false },
        } satisfies ProviderMessage,
      };
    }
  }
  // The fallback of a coupon carries its text as rendered for the recipient; a notice without an approved template goes by text.
  const text = notice.text ?? noticeText(NOTICE_TEMPLATES[notice.event as NoticeEvent].content, vars);
  const channel = smsKind(text) === 'sms' ? ('sms' as const) : ('lms' as const);
  const subject = notice.event === 'coupon_fallback' ? undefined : NOTICE_TEMPLATES[notice.event as NoticeEvent]?.name;
  return {
    channel,
    text,
    message: { recipientId: notice.id, to: notice.phone, from: settings.sender_phone, type: channel === 'sms' ? 'SMS' : 'LMS', text, ...(channel === 'lms' && subject ? { subject } : {}) } satisfies ProviderMessage,
  };
}

export type NoticeOutcome = 'sent' | 'failed' | 'retry' | 'skipped';

/**
 * Sends one due notice, exactly once: the notice is claimed with a lease;
 * the provider group's id is stored before the message is added, so a run
 * after a crash lists the group and records what it holds instead of
 * adding it again.
 */
export async function sendNotice(db: Db, job: NoticeJob, now = new Date()): Promise<NoticeOutcome> {
  const token = crypto.randomUUID();
  const notice = await repo.claimNotice(db, job.businessId, job.noticeId, token, now, new Date(now.getTime() + LEASE_SECONDS * 1000));
  if (!notice) return 'skipped';
  const settingsRow = await findProviderSettings(db, job.businessId);
  if (!settingsRow) {
    await repo.finishNotice(db, job.businessId, notice.id, 'failed', '메시지 발송 설정(설정 > 메시지 발송)이 없어 보내지 못했습니다.');
    return 'failed';
  }
  try {
    const settings = readableSettings(settingsRow);
    const provider = await connectProvider(job.businessId, settings);
    const content = await messageOf(db, notice, settings);
    let groupId = notice.provider_group_id;
    if (!groupId) {
      groupId = (await provider.createGroup()).groupId;
      if (!(await repo.setNoticeGroup(db, job.businessId, notice.id, token, groupId, { channel: content.channel, text: content.text }))) return 'skipped';
    }
    const held = (await provider.listGroupMessages(groupId)).find((m) => m.recipientId === notice.id);
    const accepted = held ?? (await provider.addGroupMessages(groupId, [content.message]))[0];
    if (!accepted) throw new ProviderError('Solapi 메시지 추가: 결과가 없습니다', { retryable: true, httpStatus: 200, code: 'INVALID_RESPONSE' });
    await provider.sendGroup(groupId);
    await repo.markNoticeAccepted(db, job.businessId, notice.id, accepted, now);
    return accepted.status === 'failed' ? 'failed' : 'sent';
  } catch (error) {
    const retryable = error instanceof ProviderError ? error.retryable : true;
    const reason = error instanceof Error ? error.message : String(error);
    if (!retryable || notice.attempts >= MAX_ATTEMPTS) {
      await repo.finishNotice(db, job.businessId, notice.id, 'failed', `발송 서비스 오류: ${reason}`);
      return 'failed';
    }
    await repo.releaseNotice(db, job.businessId, notice.id, token, new Date(now.getTime() + retryDelaySeconds(notice.attempts) * 1000), `발송 서비스 응답이 없어 다시 시도합니다: ${reason}`);
    return 'retry';
  }
}

/** The minute's sweep: every due notice (a lost job, a retry's time, a run that died), oldest first. */
export async function sweepNotices(db: Db, now = new Date(), limit = 200): Promise<number> {
  const due = await repo.listDueNotices(db, now, limit);
  for (const notice of due) await sendNotice(db, { businessId: notice.business_id, noticeId: notice.id }, now);
  return due.length;
}

