import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { NO_SEND_SETTINGS, type Period, type SendSettings, lookbackRange, performanceRange, validateSendSettings } from './send-settings.ts';

const SEOUL = 'Asia/Seoul';
const seoul = (local: string) => new Date(`${local}+09:00`);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('send settings (MSG-6)', () => {
  const all: SendSettings = { visitorRestriction: { days: 7 }, duplicatePrevention: { days: 3 }, performance: { from: '2026-03-01', to: '2026-03-31' } };

  it('lets filter and group audiences use all three settings, and none is required', () => {
    expect(validateSendSettings('filter', all)).toEqual([]);
    expect(validateSendSettings('group', all)).toEqual([]);
    expect(validateSendSettings('group', NO_SEND_SETTINGS)).toEqual([]);
    expect(validateSendSettings('direct', NO_SEND_SETTINGS)).toEqual([]);
  });

  it('lets a direct selection use only performance', () => {
    expect(validateSendSettings('direct', { ...NO_SEND_SETTINGS, performance: { days: 30 } })).toEqual([]);
    const errors = validateSendSettings('direct', all);
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['visitorRestriction', 'SEND_SETTING_NOT_ALLOWED'],
      ['duplicatePrevention', 'SEND_SETTING_NOT_ALLOWED'],
    ]);
    expect(errors[0]!.message).toBe('고객을 직접 선택했을 때는 메시지 성과 설정만 사용할 수 있어요. (발송 대상 제한)');
  });

  it('takes 3, 7 or 30 days, or a custom range of real dates in order, of any length', () => {
    const check = (period: unknown) => validateSendSettings('group', { ...NO_SEND_SETTINGS, performance: period as Period });
    expect(check({ days: 3 })).toEqual([]);
    expect(check({ days: 14 })).toEqual([{ path: 'performance', code: 'PERIOD_INVALID', message: '기간은 3일 · 7일 · 30일 중에서 선택하거나 직접 선택해 주세요.' }]);
    expect(check({ from: '2026-03-05', to: '2026-03-05' })).toEqual([]);
    expect(check({ from: '2020-01-01', to: '2030-12-31' })).toEqual([]);
    expect(check({ from: '2026-03-06', to: '2026-03-05' })).toEqual([{ path: 'performance', code: 'PERIOD_INVALID', message: '시작일은 종료일보다 늦을 수 없어요.' }]);
    expect(check({ from: '2026-02-30', to: '2026-03-05' })).toMatchObject([{ code: 'PERIOD_INVALID', message: '날짜를 YYYY-MM-DD 형식의 올바른 날짜로 입력해 주세요.' }]);
    expect(check({ from: '2026-3-1', to: '2026-03-05' })).toMatchObject([{ code: 'PERIOD_INVALID' }]);
    expect(check({ from: '2026-03-01' })).toMatchObject([{ code: 'PERIOD_INVALID' }]);
    expect(check('7d')).toMatchObject([{ code: 'PERIOD_INVALID' }]);
  });

  it('looks back N days from the send time, or over the local days chosen', () => {
    const sendAt = seoul('2026-03-10T10:00:00');
    expect(lookbackRange({ days: 7 }, sendAt, SEOUL)).toEqual({ from: seoul('2026-03-03T10:00:00'), to: sendAt });
    expect(lookbackRange({ from: '2026-03-01', to: '2026-03-05' }, sendAt, SEOUL)).toEqual({ from: seoul('2026-03-01T00:00:00'), to: seoul('2026-03-06T00:00:00') });
  });

  it('measures performance N days from sending, or over the local days chosen', () => {
    const sentAt = seoul('2026-03-10T10:00:00');
    expect(performanceRange({ days: 3 }, sentAt, SEOUL)).toEqual({ from: sentAt, to: seoul('2026-03-13T10:00:00') });
    expect(performanceRange({ from: '2026-03-10', to: '2026-03-10' }, sentAt, SEOUL)).toEqual({ from: seoul('2026-03-10T00:00:00'), to: seoul('2026-03-11T00:00:00') });
  });

  it('reads custom dates in the business zone, not UTC, and keeps the wall clock across DST', () => {
    const range = lookbackRange({ from: '2026-03-08', to: '2026-03-08' }, new Date('2026-03-20T00:00:00Z'), 'America/New_York');
    // The day DST starts has 23 hours.
    expect(range).toEqual({ from: new Date('2026-03-08T05:00:00Z'), to: new Date('2026-03-09T04:00:00Z') });
    const perf = performanceRange({ days: 3 }, new Date('2026-03-07T15:00:00Z'), 'America/New_York');
    expect(perf.to.getTime() - perf.from.getTime()).toBe(3 * DAY - HOUR);
  });

  it('gives non-empty ranges of the length chosen (property)', () => {
    const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
    const zone = fc.constantFrom(SEOUL, 'America/New_York', 'Australia/Lord_Howe', 'UTC');
    const day = fc.integer({ min: 0, max: 40_000 }).map((n) => DateTime.fromObject({ year: 2000 }, { zone: 'UTC' }).plus({ days: n }).toISODate()!);
    const custom = fc.tuple(day, day).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
    const period = fc.oneof(fc.constantFrom<Period>({ days: 3 }, { days: 7 }, { days: 30 }), custom);
    fc.assert(
      fc.property(period, instant, zone, (p, at, tz) => {
        expect(validateSendSettings('group', { visitorRestriction: p, duplicatePrevention: p, performance: p })).toEqual([]);
        const days = 'days' in p ? p.days : DateTime.fromISO(p.to).diff(DateTime.fromISO(p.from), 'days').days + 1;
        for (const range of [lookbackRange(p, at, tz), performanceRange(p, at, tz)]) {
          const length = range.to.getTime() - range.from.getTime();
          expect(length).toBeGreaterThan(0);
          // Within a DST change or two of N whole days.
          expect(Math.abs(length - days * DAY)).toBeLessThanOrEqual(2 * HOUR);
        }
        if ('days' in p) {
          expect(lookbackRange(p, at, tz).to).toEqual(at);
          expect(performanceRange(p, at, tz).from).toEqual(at);
        }
      }),
    );
  });
});
