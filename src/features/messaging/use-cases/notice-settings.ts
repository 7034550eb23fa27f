import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { formatPhone, maskPhone, normalizePhone } from '../../../shared/phone.ts';
import { KAKAO_TEMPLATE_STATUS_LABELS, NOTICE_EVENT_LABELS, NOTICE_STATUS_LABELS, CHANNEL_LABELS } from '../../../shared/labels/messaging.ts';
import { canDisable, isNoticeEvent, NOTICE_EVENTS, NOTICE_TEMPLATES, noticeText, type NoticeEvent, type NoticeVariables } from '../domain/notices.ts';
import { connectProvider } from '../provider/connect.ts';
import { ProviderError } from '../provider/solapi.ts';
import type { ProviderKakaoTemplate } from '../provider/types.ts';
import { findBusinessProfile } from '../repository/messages.ts';
import * as repo from '../repository/notices.ts';
import { findProviderSettings } from '../repository/provider-settings.ts';
import { noticeSettingsOf, sendNotice } from './notices.ts';
import { readableSettings } from './provider-settings.ts';

type Db = Kysely<DB>;

/** A Korean mobile number (010, 011, 016–019): what 알림톡 and a test send reach. */
const isMobile = (digits: string) => /^01[016789]\d{7,8}$/.test(digits);

/**
 * 설정 > 알림 메시지 (NOTI-1 … NOTI-3, LAW-3): which customer notices are
 * sent, the reminder's time, whether calendar schedules get them, each
 * event's template as the customer reads it, and its 알림톡 template at
 * Kakao (registered through Solapi's template API, inspected by Kakao;
 * only an approved one is used, until then the notice goes by SMS/LMS).
 */

/**
 * Kakao's template category for every notice. Solapi's template API needs
 * one; "999999" is Kakao's 기타 category, accepted for any informational
 * template (Kakao's reviewers may re-file it).
 */
const TEMPLATE_CATEGORY = '999999';

/** The variables a sample (the settings screen, a test send) is filled with. */
const SAMPLE: NoticeVariables = {
  고객명: '홍길동',
  일시: '12월 24일 (목) 14:30',
  예약내용: '초진 상담 1명',
  사유: '해당 시간 예약 마감',
  환불금액: '30,000원',
  문의: '주차 가능한가요?',
  답변: '건물 지하 주차장을 2시간 무료로 이용하실 수 있습니다.',
  동의일자: '2024년 12월 24일',
  수신거부: '080-000-0000 으로 전화해 주세요.',
};

function templateJson(row: repo.KakaoTemplateRow | undefined) {
  if (!row) return null;
  return {
    id: row.id,
    templateId: row.provider_template_id,
    name: row.name,
    status: row.status,
    statusLabel: KAKAO_TEMPLATE_STATUS_LABELS[row.status],
    rejectReason: row.reject_reason,
    checkedAt: row.checked_at?.toISOString() ?? null,
    current: row.content === NOTICE_TEMPLATES[row.event as NoticeEvent]?.content,
  };
}

export async function getNoticeSettings(db: Db, businessId: string) {
  const [settings, templates, provider, business] = await Promise.all([noticeSettingsOf(db, businessId), repo.listCurrentKakaoTemplates(db, businessId), findProviderSettings(db, businessId), findBusinessProfile(db, businessId)]);
  const pfId = provider?.kakao_pf_id ?? null;
  const sample = { ...SAMPLE, 업체명: business.name, 연락처: business.phone ? formatPhone(business.phone) : '-' };
  return {
    events: NOTICE_EVENTS.map((event) => {
      const template = templates.get(event);
      return {
        event,
        label: NOTICE_EVENT_LABELS[event],
        name: NOTICE_TEMPLATES[event].name,
        content: NOTICE_TEMPLATES[event].content,
        sample: noticeText(NOTICE_TEMPLATES[event].content, sample),
        enabled: !settings.disabled.has(event),
        canDisable: canDisable(event),
        kakao: templateJson(template && template.pf_id === pfId ? template : undefined),
      };
    }),
    reminder: settings.reminder.mode === 'hours_before' ? { mode: 'hours_before' as const, days: 1, time: '10:00', hours: settings.reminder.hours } : { mode: 'days_before' as const, days: settings.reminder.days, time: settings.reminder.time, hours: 2 },
    manualSchedules: settings.manualSchedules,
    kakaoPfId: pfId,
    providerConfigured: provider !== undefined,
    testPhone: business.phone && isMobile(business.phone) ? formatPhone(business.phone) : '',
  };
}

function invalid(path: string, message: string): never {
  throw new AppError('NOTICE_SETTINGS_INVALID', { message, details: { fields: [{ path, message }] } });
}

export interface NoticeSettingsInput {
  disabledEvents: string[];
  reminder: { mode: 'days_before' | 'hours_before'; days: number; time: string; hours: number };
  manualSchedules: boolean;
}

export async function saveNoticeSettings(db: Db, businessId: string, input: NoticeSettingsInput) {
  const disabled = [...new Set(input.disabledEvents)];
  for (const event of disabled) {
    if (!isNoticeEvent(event)) invalid('disabledEvents', `알 수 없는 알림 종류입니다: ${event}`);
    if (!canDisable(event)) throw new AppError('NOTICE_EVENT_REQUIRED');
  }
  const { mode, days, time, hours } = input.reminder;
  if (!Number.isInteger(days) || days < 0 || days > 7) invalid('reminder.days', '리마인드는 방문 0일 전(당일)부터 7일 전까지 고를 수 있습니다.');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) invalid('reminder.time', '보낼 시각을 HH:MM 으로 입력해 주세요.');
  const [hh] = time.split(':').map(Number);
  if (hh! < 8 || hh! >= 21) invalid('reminder.time', '알림은 08:00부터 20:59 사이 시각으로만 정할 수 있습니다 (야간 21:00~08:00에는 보내지 않습니다).');
  if (!Number.isInteger(hours) || hours < 1 || hours > 72) invalid('reminder.hours', '리마인드는 방문 1시간 전부터 72시간 전까지 고를 수 있습니다.');
  await repo.writeNoticeSettings(db, businessId, { disabled_events: disabled, reminder_mode: mode, reminder_days: days, reminder_time: time, reminder_hours: hours, manual_schedules: input.manualSchedules });
  return getNoticeSettings(db, businessId);
}

function eventOf(value: string): NoticeEvent {
  if (!isNoticeEvent(value)) throw new AppError('NOTICE_EVENT_NOT_FOUND');
  return value;
}

async function kakaoProvider(db: Db, businessId: string) {
  const row = await findProviderSettings(db, businessId);
  if (!row) throw new AppError('MESSAGE_PROVIDER_NOT_SET');
  if (!row.kakao_pf_id) throw new AppError('NOTICE_KAKAO_CHANNEL_NOT_SET');
  return { provider: await connectProvider(businessId, readableSettings(row)), pfId: row.kakao_pf_id };
}

function providerFailure(error: unknown): never {
  if (error instanceof ProviderError) {
    const reason = error.httpStatus === 401 || error.httpStatus === 403 ? 'API 키 또는 시크릿이 올바르지 않습니다.' : error.retryable ? '솔라피가 응답하지 않습니다. 잠시 후 다시 시도해 주세요.' : error.message;
    throw new AppError('NOTICE_TEMPLATE_PROVIDER_FAILED', { message: `솔라피에 알림톡 템플릿을 등록하거나 확인하지 못했습니다: ${reason}` });
  }
  throw error;
}

/**
 * Registers the event's template with Kakao through Solapi (submitted for
 * inspection at once). A template already approved or in inspection with
 * the same text is kept; a rejected or outdated one is registered anew,
 * under a numbered name (Kakao names are unique per channel).
 */
export async function registerNoticeTemplate(db: Db, businessId: string, rawEvent: string, now = new Date()) {
  const event = eventOf(rawEvent);
  const { provider, pfId } = await kakaoProvider(db, businessId);
  const { name, content } = NOTICE_TEMPLATES[event];
  const existing = (await repo.listKakaoTemplates(db, businessId, event)).filter((t) => t.pf_id === pfId);
  const current = existing[0];
  if (current && current.content === content && (current.status === 'APPROVED' || current.status === 'INSPECTING' || current.status === 'PENDING')) return getNoticeSettings(db, businessId);
  let created: ProviderKakaoTemplate;
  try {
    created = await provider.createKakaoTemplate({ pfId, name: existing.length === 0 ? name : `${name} ${existing.length + 1}`, content, categoryCode: TEMPLATE_CATEGORY });
  } catch (error) {
    providerFailure(error);
  }
  await repo.insertKakaoTemplate(db, businessId, { event, pfId, providerTemplateId: created.templateId, name: created.name, content, status: created.status, rejectReason: created.rejectReason, checkedAt: now });
  return getNoticeSettings(db, businessId);
}

/** 상태 새로고침: every current template not decided yet is read again from Solapi (a PENDING one is submitted for inspection). */
export async function refreshNoticeTemplates(db: Db, businessId: string, now = new Date()) {
  const templates = await repo.listCurrentKakaoTemplates(db, businessId);
  const open = [...templates.values()].filter((t) => t.status === 'PENDING' || t.status === 'INSPECTING');
  if (open.length > 0) {
    const { provider } = await kakaoProvider(db, businessId);
    for (const template of open) {
      let read: ProviderKakaoTemplate;
      try {
        read = template.status === 'PENDING' ? await provider.requestKakaoTemplateInspection(template.provider_template_id) : await provider.getKakaoTemplate(template.provider_template_id);
      } catch (error) {
        providerFailure(error);
      }
      await repo.updateKakaoTemplateStatus(db, businessId, template.id, { status: read.status, rejectReason: read.rejectReason, checkedAt: now });
    }
  }
  return getNoticeSettings(db, businessId);
}

/**
 * 테스트 발송: the event's template filled with sample values, sent now to
 * the shop's own mobile number (informational templates only; seed 002
 * allows no test send of advertising). Goes through the outbox like every
 * notice, so it shows in the history.
 */
export async function testSendNotice(db: Db, businessId: string, rawEvent: string, rawPhone: string, now = new Date()) {
  const event = eventOf(rawEvent);
  const phone = normalizePhone(rawPhone);
  if (!phone || !isMobile(phone)) throw new AppError('NOTICE_TEST_PHONE_INVALID');
  if (!(await findProviderSettings(db, businessId))) throw new AppError('MESSAGE_PROVIDER_NOT_SET');
  const business = await findBusinessProfile(db, businessId);
  const variables = { ...SAMPLE, 업체명: business.name, 연락처: business.phone ? formatPhone(business.phone) : '-', 고객명: '테스트' };
  const id = await repo.writeNotice(db, businessId, {
    event,
    dedupe_key: `test:${crypto.randomUUID()}`,
    customer_id: null,
    schedule_id: null,
    booking_id: null,
    name: '테스트 발송',
    phone,
    variables: variables as Record<string, string>,
    send_at: now,
  });
  if (!id) throw new Error('a test notice with a fresh key was not written');
  await sendNotice(db, { businessId, noticeId: id }, now);
  return noticeJson((await repo.findNotice(db, businessId, id))!);
}

export function noticeJson(row: repo.NoticeRow, fullPhone = true) {
  return {
    id: row.id,
    event: row.event,
    eventLabel: NOTICE_EVENT_LABELS[row.event as keyof typeof NOTICE_EVENT_LABELS] ?? row.event,
    name: row.name,
    phone: fullPhone ? formatPhone(row.phone) : maskPhone(row.phone),
    status: row.status,
    statusLabel: NOTICE_STATUS_LABELS[row.status],
    statusReason: row.status_reason,
    channel: row.channel,
    channelLabel: row.channel ? CHANNEL_LABELS[row.channel] : null,
    text: row.text,
    sendAt: row.send_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
    scheduleId: row.schedule_id,
    bookingId: row.booking_id,
    customerId: row.customer_id,
  };
}

/** The notices of a schedule, a booking or a customer (their pages' 알림 내역), or the newest of the business (메시지 > 알림 내역). */
export async function listNoticeHistory(db: Db, businessId: string, fullPhone: boolean, filter: { scheduleId?: string | undefined; bookingId?: string | undefined; customerId?: string | undefined; event?: string | undefined; limit: number; offset: number }) {
  if (filter.scheduleId || filter.bookingId || filter.customerId) {
    const rows = await repo.listNotices(db, businessId, { scheduleId: filter.scheduleId, bookingId: filter.bookingId, customerId: filter.customerId }, filter.limit);
    return { items: rows.map((row) => noticeJson(row, fullPhone)), total: rows.length };
  }
  const { items, total } = await repo.listRecentNotices(db, businessId, filter.limit, filter.offset, filter.event);
  return { items: items.map((row) => noticeJson(row, fullPhone)), total };
}
