import { formatDate, formatDateTime, formatTime } from '../../../../src/shared/format';
import { BOOKING_STATUS_LABELS } from '../../../../src/shared/labels/bookings';
import { NAVER_HISTORY_ACTION_LABELS, NAVER_HISTORY_FIELD_LABELS } from '../../../../src/shared/labels/naver';
import {
  SCHEDULE_HISTORY_ACTION_LABELS,
  SCHEDULE_HISTORY_FIELD_LABELS,
  SCHEDULE_STATUS_LABELS,
} from '../../../../src/shared/labels/schedules';
import type { HistoryEntry } from '../../api/models';

/**
 * OPS-6: a schedule's change history in the words of the screen. Every field
 * the server writes into a history row (schedules: staff, department,
 * customer, startsAt, endsAt, status, title, memo; the booking page:
 * bookingNumber, bookingStatus; Naver: bookingId) has a Korean label (an
 * undo of a status change reads "상태 되돌림: 노쇼 → 예약확정"); the
 * ids beside the names (fromId, toId) are never shown, and a field this
 * screen does not know reads "기타 변경", never its key.
 */
export const HISTORY_FIELD_LABELS: Record<string, string> = {
  ...SCHEDULE_HISTORY_FIELD_LABELS,
  bookingNumber: '예약번호',
  bookingStatus: '예약 상태',
  ...NAVER_HISTORY_FIELD_LABELS,
};

const HISTORY_ACTION_LABELS: Record<string, string> = { ...SCHEDULE_HISTORY_ACTION_LABELS, ...NAVER_HISTORY_ACTION_LABELS };

export const UNKNOWN_CHANGE = '기타 변경';
const NONE = '없음';
const MEMO_PREVIEW = 60;

type Change = HistoryEntry['changes'][string];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const has = (labels: Record<string, string>, key: string) => Object.prototype.hasOwnProperty.call(labels, key);

/** One side of a change as a person reads it: a status in words, a time in the business zone, never an id. */
export function historyValue(field: string, value: string | null | undefined, timeZone: string): string {
  if (value === null || value === undefined || value === '') return NONE;
  if (field === 'status' && has(SCHEDULE_STATUS_LABELS, value)) return SCHEDULE_STATUS_LABELS[value as keyof typeof SCHEDULE_STATUS_LABELS];
  if (field === 'bookingStatus' && has(BOOKING_STATUS_LABELS, value)) return BOOKING_STATUS_LABELS[value as keyof typeof BOOKING_STATUS_LABELS];
  if ((field === 'startsAt' || field === 'endsAt') && !Number.isNaN(Date.parse(value))) return formatDateTime(value, timeZone);
  // A name the server could not find is stored as its id: say so rather than show it.
  if (UUID.test(value)) return '알 수 없음';
  return value;
}

/** "2026-11-24 16:00–16:30", or only the times when `sameDayAs` falls on the same day. */
function timeSpan(start: string, end: string, timeZone: string, sameDayAs?: string): string {
  const day = sameDayAs && formatDate(sameDayAs, timeZone) === formatDate(start, timeZone) ? '' : `${formatDate(start, timeZone)} `;
  return `${day}${formatTime(start, timeZone)}–${formatTime(end, timeZone)}`;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MEMO_PREVIEW ? `${flat.slice(0, MEMO_PREVIEW - 1)}…` : flat;
}

/** The changed fields of one history row, one line each, in the order of the labels; unknown fields once as "기타 변경". */
export function describeChanges(changes: Record<string, Change>, timeZone: string, action = 'updated'): string[] {
  const order = Object.keys(HISTORY_FIELD_LABELS);
  const known = Object.keys(changes)
    .filter((field) => has(HISTORY_FIELD_LABELS, field))
    .sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const unknown = Object.keys(changes).some((field) => !has(HISTORY_FIELD_LABELS, field));
  const created = action === 'created';
  const { startsAt, endsAt } = changes;
  // A drag moves start and end together; one "시간" line reads better than two.
  const moved =
    startsAt?.from && startsAt.to && endsAt?.from && endsAt.to
      ? { fromStart: startsAt.from, fromEnd: endsAt.from, toStart: startsAt.to, toEnd: endsAt.to }
      : null;

  const lines = known
    .filter((field) => !(moved && field === 'endsAt'))
    .map((field) => {
      const change = changes[field]!;
      const label = HISTORY_FIELD_LABELS[field]!;
      if (moved && field === 'startsAt') {
        const from = timeSpan(moved.fromStart, moved.fromEnd, timeZone);
        const to = timeSpan(moved.toStart, moved.toEnd, timeZone, moved.fromStart);
        return `시간 ${from} → ${to}`;
      }
      if (field === 'memo') {
        if (!change.from && change.to) return `메모 추가 (${preview(change.to)})`;
        if (change.from && !change.to) return `메모 삭제 (${preview(change.from)})`;
        return `메모 변경 (${preview(change.to ?? '')})`;
      }
      const to = historyValue(field, change.to, timeZone);
      // OPS-4: an undo names itself, so the history never reads as if someone chose the old status anew.
      if (field === 'status' && action === 'status_undone') return `상태 되돌림: ${historyValue(field, change.from, timeZone)} → ${to}`;
      // What a new schedule starts with, and what Naver's changes name only by the new value (its department).
      if (change.from === null && created) return `${label} ${to}`;
      if (change.from === null && action.startsWith('naver_')) return `${label} → ${to}`;
      return `${label} ${historyValue(field, change.from, timeZone)} → ${to}`;
    });
  if (unknown) lines.push(UNKNOWN_CHANGE);
  return lines;
}

export interface HistoryLine {
  at: string;
  actor: string;
  /** What happened, one line each: "일정 생성", "상태 확정대기 → 예약확정", … */
  lines: string[];
  /** The lines in one sentence. */
  what: string;
}

/** One row of 변경 이력: when, who ("시스템" when nobody), and what in Korean. */
export function describeHistory(entry: Pick<HistoryEntry, 'at' | 'actorName' | 'action' | 'changes'>, timeZone: string): HistoryLine {
  const changes = describeChanges(entry.changes ?? {}, timeZone, entry.action);
  const action = HISTORY_ACTION_LABELS[entry.action] ?? (changes.length > 0 ? '' : UNKNOWN_CHANGE);
  // A creation says so before what it started with; other rows are their changes.
  if (entry.action === 'created' || changes.length === 0) {
    const lines = [action, ...changes].filter(Boolean);
    return { at: formatDateTime(entry.at, timeZone), actor: entry.actorName ?? '시스템', lines, what: lines.join(' · ') };
  }
  return { at: formatDateTime(entry.at, timeZone), actor: entry.actorName ?? '시스템', lines: changes, what: changes.join(', ') };
}
