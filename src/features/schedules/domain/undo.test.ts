import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScheduleSource, ScheduleStatus } from '../../../platform/db/types.ts';
import { SCHEDULE_SOURCES, SCHEDULE_STATUSES, allowedTransitions, canTransition, isFinal } from './status.ts';
import { STATUS_UNDO_ACTION, STATUS_UNDO_WINDOW_MS, UNDO_REASONS, decideStatusUndo, isUndoableChange, type UndoQuestion } from './undo.ts';

const status = fc.constantFrom(...SCHEDULE_STATUSES);
const source = fc.constantFrom(...SCHEDULE_SOURCES);
const AT = new Date('2026-11-24T05:00:00Z');
const ME = 'user-me';
const me = { userId: ME, isAdmin: false, mayChangeStatus: true };

/** The question after `from → to` was changed by `by` at AT, asked `afterMs` later. */
function ask(src: ScheduleSource, from: ScheduleStatus, to: ScheduleStatus, options: Partial<UndoQuestion> & { afterMs?: number; by?: string | null; action?: string } = {}): UndoQuestion {
  return {
    source: src,
    status: to,
    last: { action: options.action ?? 'status', from, to, at: AT, userId: options.by === undefined ? ME : options.by },
    actor: options.actor ?? me,
    now: new Date(AT.getTime() + (options.afterMs ?? 60_000)),
  };
}

/** The statuses reachable from a new schedule (확정대기 or 예약확정) along the table. */
function reachable(src: ScheduleSource): Set<ScheduleStatus> {
  const seen = new Set<ScheduleStatus>(['pending', 'confirmed']);
  const queue = [...seen];
  while (queue.length > 0) for (const next of allowedTransitions(queue.shift()!, src)) if (!seen.has(next)) seen.add(next), queue.push(next);
  return seen;
}

describe('undo of the last status change (OPS-4)', () => {
  it('takes back a manual 완료, 노쇼 or 취소 to the status it came from, for 10 minutes', () => {
    expect(decideStatusUndo(ask('manual', 'confirmed', 'no_show'))).toEqual({ ok: true, to: 'confirmed', until: new Date(AT.getTime() + 10 * 60_000) });
    expect(decideStatusUndo(ask('manual', 'pending', 'completed'))).toMatchObject({ ok: true, to: 'pending' });
    expect(decideStatusUndo(ask('manual', 'confirmed', 'completed'))).toMatchObject({ ok: true, to: 'confirmed' });
    expect(decideStatusUndo(ask('manual', 'pending', 'cancelled'))).toMatchObject({ ok: true, to: 'pending' });
    expect(STATUS_UNDO_WINDOW_MS).toBe(10 * 60_000);
  });

  it('refuses after the window with SCHEDULE_UNDO_EXPIRED, and a second in before it is still fine', () => {
    expect(decideStatusUndo(ask('manual', 'confirmed', 'no_show', { afterMs: STATUS_UNDO_WINDOW_MS - 1000 })).ok).toBe(true);
    const expired = decideStatusUndo(ask('manual', 'confirmed', 'no_show', { afterMs: STATUS_UNDO_WINDOW_MS }));
    expect(expired).toMatchObject({ ok: false, code: 'SCHEDULE_UNDO_EXPIRED' });
    expect(expired.ok || expired.reason).toContain('10분');
  });

  it('only the user who made the change, or an admin, and only with the permission to change statuses', () => {
    const colleague = { userId: 'user-other', isAdmin: false, mayChangeStatus: true };
    expect(decideStatusUndo(ask('manual', 'confirmed', 'no_show', { actor: colleague }))).toEqual({ ok: false, code: 'SCHEDULE_UNDO_NOT_ALLOWED', reason: UNDO_REASONS.otherUser });
    expect(decideStatusUndo(ask('manual', 'confirmed', 'no_show', { actor: { ...colleague, isAdmin: true } })).ok).toBe(true);
    expect(decideStatusUndo(ask('manual', 'confirmed', 'no_show', { actor: { ...me, mayChangeStatus: false } }))).toMatchObject({ reason: UNDO_REASONS.noPermission });
  });

  it('never a Naver or booking-page change: the channel was told, and a booking’s 취소 is final (seed 001)', () => {
    expect(decideStatusUndo(ask('naver', 'confirmed', 'completed'))).toMatchObject({ ok: false, code: 'SCHEDULE_UNDO_NOT_ALLOWED', reason: UNDO_REASONS.naver });
    expect(decideStatusUndo(ask('naver', 'confirmed', 'cancelled'))).toMatchObject({ reason: UNDO_REASONS.naver });
    expect(decideStatusUndo(ask('booking_page', 'confirmed', 'cancelled'))).toMatchObject({ reason: UNDO_REASONS.bookingPageCancelled });
    expect(decideStatusUndo(ask('booking_page', 'confirmed', 'completed'))).toMatchObject({ reason: UNDO_REASONS.bookingPage });
  });

  it('only the single most recent change, made in the calendar: not an undo, not a channel’s change, not one the status has moved on from', () => {
    expect(decideStatusUndo({ ...ask('manual', 'confirmed', 'no_show'), last: null })).toMatchObject({ reason: UNDO_REASONS.nothing });
    expect(decideStatusUndo(ask('manual', 'no_show', 'confirmed', { action: STATUS_UNDO_ACTION }))).toMatchObject({ reason: UNDO_REASONS.alreadyUndone });
    expect(decideStatusUndo(ask('manual', 'pending', 'confirmed'))).toMatchObject({ reason: UNDO_REASONS.notUndoable });
    expect(decideStatusUndo(ask('manual', 'confirmed', 'no_show', { by: null }))).toMatchObject({ reason: UNDO_REASONS.notUndoable });
    expect(decideStatusUndo(ask('manual', 'confirmed', 'cancelled', { action: 'naver_cancelled' }))).toMatchObject({ reason: UNDO_REASONS.notUndoable });
    expect(decideStatusUndo({ ...ask('manual', 'confirmed', 'no_show'), status: 'completed' })).toMatchObject({ reason: UNDO_REASONS.nothing });
  });

  it('property: undo(change(s)) restores s, for every change the table allows and the undo takes back', () => {
    fc.assert(
      fc.property(source, status, status, fc.integer({ min: 0, max: STATUS_UNDO_WINDOW_MS - 1 }), (src, from, to, afterMs) => {
        fc.pre(canTransition(from, to, src));
        const decision = decideStatusUndo(ask(src, from, to, { afterMs }));
        expect(decision.ok).toBe(isUndoableChange(src, from, to));
        if (decision.ok) expect(decision.to).toBe(from);
      }),
    );
  });

  it('property: an undo never leaves a state the table could not reach, and the change can be made again from it', () => {
    fc.assert(
      fc.property(source, status, status, (src, from, to) => {
        if (!isUndoableChange(src, from, to)) return;
        expect(canTransition(from, to, src)).toBe(true);
        expect(reachable(src).has(from)).toBe(true);
        expect(isFinal(from)).toBe(false);
        expect(isFinal(to)).toBe(true);
      }),
    );
  });

  it('property: 취소 is taken back only for schedules entered by hand, and nothing of a channel ever is', () => {
    fc.assert(
      fc.property(source, status, status, (src, from, to) => {
        if (src !== 'manual') expect(isUndoableChange(src, from, to)).toBe(false);
        const decision = decideStatusUndo(ask(src, from, to));
        if (src !== 'manual') expect(decision.ok).toBe(false);
      }),
    );
  });

  it('property: past the window, or asked by a colleague who is not an admin, nothing is ever undone', () => {
    fc.assert(
      fc.property(source, status, status, fc.integer({ min: STATUS_UNDO_WINDOW_MS, max: 30 * 24 * 3600_000 }), (src, from, to, afterMs) => {
        expect(decideStatusUndo(ask(src, from, to, { afterMs })).ok).toBe(false);
        expect(decideStatusUndo(ask(src, from, to, { actor: { userId: 'user-other', isAdmin: false, mayChangeStatus: true } })).ok).toBe(false);
        const late = decideStatusUndo(ask(src, from, to, { afterMs }));
        if (!late.ok && isUndoableChange(src, from, to)) expect(late.code).toBe('SCHEDULE_UNDO_EXPIRED');
      }),
    );
  });

  it('property: random walks of changes and undos stay in the table; an undo is never undone, and the next change can be undone again', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant('undo' as const), status), { maxLength: 30 }), (steps) => {
        let current: ScheduleStatus = 'confirmed';
        let last: UndoQuestion['last'] = null;
        for (const step of steps) {
          const now = new Date(AT.getTime() + 1000);
          if (step === 'undo') {
            const decision = decideStatusUndo({ source: 'manual', status: current, last, actor: me, now });
            if (!decision.ok) continue;
            expect(last?.action).toBe('status');
            expect(decision.to).toBe(last?.from);
            last = { action: STATUS_UNDO_ACTION, from: current, to: decision.to, at: AT, userId: ME };
            current = decision.to;
            expect(decideStatusUndo({ source: 'manual', status: current, last, actor: me, now }).ok).toBe(false);
          } else if (canTransition(current, step, 'manual')) {
            last = { action: 'status', from: current, to: step, at: AT, userId: ME };
            current = step;
          }
          expect(reachable('manual').has(current)).toBe(true);
        }
      }),
    );
  });
});
