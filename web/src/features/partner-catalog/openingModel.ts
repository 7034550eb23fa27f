import { affectedBookingsNotice } from '../../../../src/shared/labels/opening';
import { formatShortDateTitle } from '../../../../src/shared/format';
import type { PlaceHoliday, PlaceOpening } from '../../api/models';

/**
 * The partner center's 영업시간·휴무일 section (OPS-1) as pure functions:
 * what the 공휴일 휴무 switch says, what a holiday's button does, what a new
 * 임시휴무's form refuses before the server does, and the notice over the
 * bookings a closure touches. PlaceOpening.tsx renders these.
 */

/** "병의원형 기본값: 공휴일 휴무 — 병의원은 대부분 …" with whether the place follows it. */
export function holidayPolicyText(opening: Pick<PlaceOpening, 'holidaysClosed' | 'holidaysClosedSetting' | 'holidaysClosedDefault' | 'holidayDefaultReason' | 'serviceTypeLabel'>): {
  state: string;
  explanation: string;
} {
  const state = opening.holidaysClosed ? '공휴일에는 쉽니다 (예약을 받지 않음)' : '공휴일에도 영업합니다';
  const follows = opening.holidaysClosedSetting === null ? '업종 기본값을 따르고 있습니다.' : `업종 기본값(${opening.holidaysClosedDefault ? '휴무' : '영업'})과 다르게 정했습니다.`;
  return { state, explanation: `${opening.serviceTypeLabel}: ${opening.holidayDefaultReason} ${follows}` };
}

/** A holiday row: its state, what its button switches it to, and whether it may go back to the policy. */
export function holidayRow(holiday: PlaceHoliday): { label: string; state: '휴무' | '영업'; toggleTo: boolean; toggleLabel: string; note: string | null } {
  const names = holiday.names.join(', ');
  return {
    label: `${formatShortDateTitle(holiday.date)} ${names}`,
    state: holiday.closed ? '휴무' : '영업',
    toggleTo: !holiday.holidayClosed,
    toggleLabel: holiday.holidayClosed ? '이날은 영업' : '이날은 휴무',
    note: holiday.closureReason ? `임시휴무(${holiday.closureReason})로 쉽니다` : holiday.overridden ? '이 공휴일만 따로 정함' : null,
  };
}

/** What the 임시휴무 form refuses before sending: missing or reversed dates, a blank reason. */
export function closureDraftErrors(draft: { startsOn: string; endsOn: string; reason: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.startsOn) errors.startsOn = '시작일을 고르세요.';
  if (!draft.endsOn) errors.endsOn = '종료일을 고르세요.';
  else if (draft.startsOn && draft.endsOn < draft.startsOn) errors.endsOn = '종료일은 시작일과 같거나 늦어야 합니다.';
  if (!draft.reason.trim()) errors.reason = '휴무 사유를 입력하세요. 예약 페이지에 그대로 보입니다.';
  else if (draft.reason.trim().length > 100) errors.reason = '휴무 사유는 100자 이하여야 합니다.';
  return errors;
}

/** "이 기간에 예약 N건이 있습니다 — 직접 연락하거나 취소해 주세요." (null when there is none). */
export function affectedNotice(count: number): string | null {
  return count > 0 ? affectedBookingsNotice(count) : null;
}

/** "12월 24일 (목) ~ 12월 26일 (토)" or one day. */
export function closureRangeLabel(startsOn: string, endsOn: string): string {
  return startsOn === endsOn ? formatShortDateTitle(startsOn) : `${formatShortDateTitle(startsOn)} ~ ${formatShortDateTitle(endsOn)}`;
}
