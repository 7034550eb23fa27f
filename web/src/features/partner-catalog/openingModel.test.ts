import { describe, expect, it } from 'vitest';
import { affectedNotice, closureDraftErrors, closureRangeLabel, holidayPolicyText, holidayRow } from './openingModel';

const holiday = { date: '2026-12-25', weekday: 5, names: ['기독탄신일'], closed: true, holidayClosed: true, overridden: false, closureReason: null };

describe('영업시간·휴무일 (OPS-1)', () => {
  it('explains the 공휴일 휴무 switch with the category default and whether the place follows it', () => {
    const clinic = { holidaysClosed: true, holidaysClosedSetting: null, holidaysClosedDefault: true, holidayDefaultReason: '병의원은 대부분 공휴일에 휴진합니다.', serviceTypeLabel: '병의원형' };
    expect(holidayPolicyText(clinic)).toEqual({ state: '공휴일에는 쉽니다 (예약을 받지 않음)', explanation: '병의원형: 병의원은 대부분 공휴일에 휴진합니다. 업종 기본값을 따르고 있습니다.' });
    expect(holidayPolicyText({ ...clinic, holidaysClosed: false, holidaysClosedSetting: false }).explanation).toContain('업종 기본값(휴무)과 다르게');
  });

  it('offers each holiday the other state, and names an override or a closure on the day', () => {
    expect(holidayRow(holiday)).toEqual({ label: '12월 25일 (금) 기독탄신일', state: '휴무', toggleTo: false, toggleLabel: '이날은 영업', note: null });
    expect(holidayRow({ ...holiday, closed: false, holidayClosed: false, overridden: true })).toMatchObject({ state: '영업', toggleTo: true, toggleLabel: '이날은 휴무', note: '이 공휴일만 따로 정함' });
    expect(holidayRow({ ...holiday, closed: true, holidayClosed: false, closureReason: '연말 휴가' })).toMatchObject({ state: '휴무', note: '임시휴무(연말 휴가)로 쉽니다' });
  });

  it('refuses a 임시휴무 draft with missing or reversed dates or no reason', () => {
    expect(closureDraftErrors({ startsOn: '2026-12-24', endsOn: '2026-12-26', reason: '원장님 학회' })).toEqual({});
    expect(closureDraftErrors({ startsOn: '2026-12-26', endsOn: '2026-12-24', reason: ' ' })).toEqual({
      endsOn: '종료일은 시작일과 같거나 늦어야 합니다.',
      reason: '휴무 사유를 입력하세요. 예약 페이지에 그대로 보입니다.',
    });
    expect(Object.keys(closureDraftErrors({ startsOn: '', endsOn: '', reason: 'x'.repeat(101) }))).toEqual(['startsOn', 'endsOn', 'reason']);
  });

  it('says how many bookings a closure touches, and labels its dates', () => {
    expect(affectedNotice(0)).toBeNull();
    expect(affectedNotice(2)).toBe('이 기간에 예약 2건이 있습니다 — 직접 연락하거나 취소해 주세요.');
    expect(closureRangeLabel('2026-12-24', '2026-12-26')).toBe('12월 24일 (목) ~ 12월 26일 (토)');
    expect(closureRangeLabel('2026-12-24', '2026-12-24')).toBe('12월 24일 (목)');
  });
});
