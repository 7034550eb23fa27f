import { DateTime } from 'luxon';
import { SEND_SETTING_LABELS } from '../../../shared/labels/messaging.ts';

/**
 * MSG-6: the optional send settings and the time ranges they mean.
 *
 * - 발송 대상 제한 (visitorRestriction): only customers who visited in the
 *   period before sending.
 * - 중복 발송 방지 (duplicatePrevention): skip customers who received a
 *   message in the period before sending.
 * - 메시지 성과 (performance): count visits with an accrual in the period
 *   after sending.
 *
 * A period is 3, 7 or 30 days, or a custom range of local dates (직접 선택,
 * both days included, "선택 제한은 없어요": any length, any dates). Filter and
 * group audiences take all three; a direct selection only performance.
 */
export type PeriodDays = 3 | 7 | 30;
export type Period = { days: PeriodDays } | { from: string; to: string };

export interface SendSettings {
  visitorRestriction: Period | null;
  duplicatePrevention: Period | null;
  performance: Period | null;
}

export type AudienceKind = 'direct' | 'filter' | 'group';

export const PERIOD_DAYS: readonly PeriodDays[] = [3, 7, 30];

export const SEND_SETTING_KEYS = ['visitorRestriction', 'duplicatePrevention', 'performance'] as const satisfies readonly (keyof SendSettings)[];

export const NO_SEND_SETTINGS: SendSettings = { visitorRestriction: null, duplicatePrevention: null, performance: null };

export interface SendSettingError {
  path: string;
  code: 'SEND_SETTING_NOT_ALLOWED' | 'PERIOD_INVALID';
  message: string;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function localDate(value: unknown): DateTime | null {
  if (typeof value !== 'string' || !LOCAL_DATE.test(value)) return null;
  const date = DateTime.fromISO(value, { zone: 'UTC' });
  return date.isValid ? date : null;
}

function periodError(period: unknown): string | null {
  if (typeof period !== 'object' || period === null) return '기간을 선택해 주세요.';
  if ('days' in period) return PERIOD_DAYS.includes(period.days as PeriodDays) ? null : '기간은 3일 · 7일 · 30일 중에서 선택하거나 직접 선택해 주세요.';
  if (!('from' in period) || !('to' in period)) return '기간을 선택해 주세요.';
  const from = localDate(period.from);
  const to = localDate(period.to);
  if (from === null || to === null) return '날짜를 YYYY-MM-DD 형식의 올바른 날짜로 입력해 주세요.';
  if (from > to) return '시작일은 종료일보다 늦을 수 없어요.';
  return null;
}

/** Which settings an audience may use, and whether each period is well formed. Missing settings count as off. */
export function validateSendSettings(audienceKind: AudienceKind, settings: SendSettings): SendSettingError[] {
  const errors: SendSettingError[] = [];
  for (const key of SEND_SETTING_KEYS) {
    const period = settings[key] ?? null;
    if (period === null) continue;
    if (audienceKind === 'direct' && key !== 'performance') {
      errors.push({ path: key, code: 'SEND_SETTING_NOT_ALLOWED', message: `고객을 직접 선택했을 때는 메시지 성과 설정만 사용할 수 있어요. (${SEND_SETTING_LABELS[key]})` });
      continue;
    }
    const message = periodError(period);
    if (message !== null) errors.push({ path: key, code: 'PERIOD_INVALID', message });
  }
  return errors;
}

export interface InstantRange {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

function customRange(period: { from: string; to: string }, zone: string): InstantRange {
  const from = DateTime.fromISO(period.from, { zone }).startOf('day');
  const to = DateTime.fromISO(period.to, { zone }).startOf('day').plus({ days: 1 });
  if (!from.isValid || !to.isValid) throw new RangeError(`invalid period ${period.from}..${period.to} in ${zone}`);
  return { from: from.toJSDate(), to: to.toJSDate() };
}

function zoned(instant: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) throw new RangeError(`invalid time zone ${zone}`);
  return local;
}

/**
 * The range 발송 대상 제한 and 중복 발송 방지 look back over: N days →
 * [sendAt − N days, sendAt), counted as calendar days on the local clock
 * (the same wall time N days earlier, so a DST change does not shift it an
 * hour); a custom range → local [from 00:00, the day after to 00:00).
 */
export function lookbackRange(period: Period, sendAt: Date, zone: string): InstantRange {
  if ('from' in period) return customRange(period, zone);
  return { from: zoned(sendAt, zone).minus({ days: period.days }).toJSDate(), to: new Date(sendAt.getTime()) };
}

/**
 * The range 메시지 성과 counts visits in: N days → [sentAt, sentAt + N days)
 * on the local clock; a custom range → local [from 00:00, the day after to 00:00).
 */
export function performanceRange(period: Period, sentAt: Date, zone: string): InstantRange {
  if ('from' in period) return customRange(period, zone);
  return { from: new Date(sentAt.getTime()), to: zoned(sentAt, zone).plus({ days: period.days }).toJSDate() };
}
