import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScheduleStatus } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { SCHEDULE_STATUS_LABELS as STATUS_LABELS } from '../../../shared/labels/schedules.ts';
import {
  SCHEDULE_SOURCES,
  SCHEDULE_STATUSES,
  TRANSITIONS,
  allowedTransitions,
  assertTransition,
  canTransition,
  isFinal,
} from './status.ts';

const status = fc.constantFrom(...SCHEDULE_STATUSES);
const source = fc.constantFrom(...SCHEDULE_SOURCES);

describe('schedule status machine (CORE-7)', () => {
  it('has Korean labels for every status', () => {
    expect(STATUS_LABELS).toEqual({ pending: '확정대기', confirmed: '예약확정', cancelled: '취소', completed: '완료', no_show: '노쇼' });
  });

  it('lets a manual schedule go pending → confirmed/cancelled/completed and confirmed → completed/노쇼/cancelled only; 노쇼 is final', () => {
    expect(allowedTransitions('pending', 'manual')).toEqual(['confirmed', 'cancelled', 'completed']);
    expect(allowedTransitions('confirmed', 'manual')).toEqual(['completed', 'no_show', 'cancelled']);
    expect(canTransition('confirmed', 'pending', 'manual')).toBe(false);
    expect(canTransition('pending', 'no_show', 'manual')).toBe(false);
    expect(allowedTransitions('no_show', 'manual')).toEqual([]);
    expect(isFinal('no_show')).toBe(true);
  });

  it('OPS-4: no channel booking is marked 노쇼 here (Naver has no such command; a booking has no such status)', () => {
    for (const source of ['naver', 'booking_page'] as const) for (const from of SCHEDULE_STATUSES) expect(canTransition(from, 'no_show', source)).toBe(false);
  });

  it('NAVER-7: a Naver booking in 확정대기 can only be confirmed or cancelled; NAVER-8: confirmed → completed or cancelled', () => {
    expect([...allowedTransitions('pending', 'naver')].sort()).toEqual(['cancelled', 'confirmed']);
    expect(canTransition('pending', 'completed', 'naver')).toBe(false);
    expect([...allowedTransitions('confirmed', 'naver')].sort()).toEqual(['cancelled', 'completed']);
  });

  it('refuses with SCHEDULE_TRANSITION_NOT_ALLOWED and a message naming both statuses', () => {
    let caught: unknown;
    try {
      assertTransition('pending', 'completed', 'naver');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.code).toBe('SCHEDULE_TRANSITION_NOT_ALLOWED');
    expect(error.status).toBe(409);
    expect(error.message).toContain('확정대기');
    expect(error.message).toContain('완료');
    expect(error.message).toContain('예약확정');
    expect(() => assertTransition('completed', 'pending', 'manual')).toThrow(/완료.*확정대기.*더 이상 바꿀 수 없습니다/);
  });

  it('property: nothing leaves a final state, whatever the source', () => {
    fc.assert(
      fc.property(status, status, source, (from, to, src) => {
        if (isFinal(from)) {
          expect(canTransition(from, to, src)).toBe(false);
          expect(() => assertTransition(from, to, src)).toThrow(AppError);
        }
      }),
    );
  });

  it('property: a status is final exactly when no source allows any way out of it', () => {
    fc.assert(fc.property(status, (s) => isFinal(s) === SCHEDULE_SOURCES.every((src) => TRANSITIONS[src][s].length === 0)));
  });

  it('property: canTransition and assertTransition agree with the table, and only the table', () => {
    fc.assert(
      fc.property(status, status, source, (from, to, src) => {
        const inTable = TRANSITIONS[src][from].includes(to);
        expect(canTransition(from, to, src)).toBe(inTable);
        if (inTable) expect(() => assertTransition(from, to, src)).not.toThrow();
        else expect(() => assertTransition(from, to, src)).toThrow(AppError);
      }),
    );
  });

  it('property: the allowed list never includes the current status and has no duplicates', () => {
    fc.assert(
      fc.property(status, source, (s, src) => {
        const allowed = allowedTransitions(s, src);
        expect(allowed).not.toContain(s);
        expect(new Set(allowed).size).toBe(allowed.length);
      }),
    );
  });

  it('property: a channel only narrows the manual rules, never widens them', () => {
    fc.assert(
      fc.property(status, source, (s, src) => {
        for (const to of allowedTransitions(s, src)) expect(allowedTransitions(s, 'manual')).toContain(to);
      }),
    );
  });

  it('property: random walks that follow allowed transitions stay in the table and end, at the latest, in a final state', () => {
    fc.assert(
      fc.property(source, fc.array(fc.nat(), { maxLength: 20 }), (src, choices) => {
        let current: ScheduleStatus = 'pending';
        const seen: ScheduleStatus[] = [current];
        for (const choice of choices) {
          const allowed = allowedTransitions(current, src);
          if (allowed.length === 0) {
            expect(isFinal(current)).toBe(true);
            break;
          }
          const next = allowed[choice % allowed.length]!;
          expect(TRANSITIONS[src][current]).toContain(next);
          expect(SCHEDULE_STATUSES).toContain(next);
          current = next;
          seen.push(current);
        }
        // The graph has no cycles: a walk never comes back to a status it left.
        expect(new Set(seen).size).toBe(seen.length);
      }),
    );
  });

  it('property: random attempts (allowed or not) never move a schedule outside the table', () => {
    fc.assert(
      fc.property(source, fc.array(status, { maxLength: 30 }), (src, attempts) => {
        let current: ScheduleStatus = 'pending';
        for (const to of attempts) {
          const before: ScheduleStatus = current;
          try {
            assertTransition(current, to, src);
            current = to;
          } catch (error) {
            expect((error as AppError).code).toBe('SCHEDULE_TRANSITION_NOT_ALLOWED');
          }
          if (current !== before) expect(TRANSITIONS[src][before]).toContain(current);
        }
      }),
    );
  });
});
