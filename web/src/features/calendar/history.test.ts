import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../api/models';
import { HISTORY_FIELD_LABELS, UNKNOWN_CHANGE, describeChanges, describeHistory, historyValue } from './history';

const ZONE = 'Asia/Seoul';
const at = (time: string, day = '2026-12-01') => new Date(`${day}T${time}:00+09:00`).toISOString();

function entry(action: string, changes: HistoryEntry['changes'], actorName: string | null = '김관리'): HistoryEntry {
  return { id: 'h', at: at('09:05'), actorName, action, changes };
}

/** Any run of latin letters in a line: a raw key such as "bookingId" or "staffId" would show up here. */
const LATIN_WORD = /[A-Za-z]{3,}/;

describe('변경 이력 in Korean (OPS-6)', () => {
  it('labels every field the server writes', () => {
    // schedules (update-schedule, change-schedule-status, memos), bookings (create-booking, apply-action), naver (ingest-naver-event)
    for (const field of ['staff', 'department', 'customer', 'startsAt', 'endsAt', 'status', 'title', 'memo', 'bookingNumber', 'bookingStatus', 'bookingId']) {
      expect(HISTORY_FIELD_LABELS[field], field).toMatch(/^[가-힣 ]+$/);
    }
    expect(HISTORY_FIELD_LABELS.bookingId).toBe('네이버 예약번호');
    expect(HISTORY_FIELD_LABELS.bookingNumber).toBe('예약번호');
  });

  it('says what a booking-page booking started with, without "없음 →"', () => {
    const line = describeHistory(
      entry('created', { bookingNumber: { from: null, to: 'BK-20261201-0007' }, status: { from: null, to: 'pending' } }, '예약페이지'),
      ZONE,
    );
    expect(line).toEqual({
      at: '2026-12-01 09:05',
      actor: '예약페이지',
      lines: ['일정 생성', '상태 확정대기', '예약번호 BK-20261201-0007'],
      what: '일정 생성 · 상태 확정대기 · 예약번호 BK-20261201-0007',
    });
  });

  it('names a Naver booking number in Korean', () => {
    const { what } = describeHistory(entry('created', { bookingId: { from: null, to: 'NB-1234' }, status: { from: null, to: 'confirmed' } }, '네이버예약'), ZONE);
    expect(what).toBe('일정 생성 · 상태 예약확정 · 네이버 예약번호 NB-1234');
  });

  it('shows names for staff, department and customer, never their ids', () => {
    const lines = describeChanges(
      {
        staff: { from: '김원장', to: '이실장', fromId: '8d3c5e0a-1111-4222-8333-944455556666', toId: '9d3c5e0a-1111-4222-8333-944455556666' },
        department: { from: null, to: '피부과', fromId: null, toId: '7d3c5e0a-1111-4222-8333-944455556666' },
        customer: { from: '홍길동', to: '홍길순', fromId: 'a', toId: 'b' },
      },
      ZONE,
    );
    expect(lines).toEqual(['담당자 김원장 → 이실장', '부서 없음 → 피부과', '고객 홍길동 → 홍길순']);
    expect(lines.join(' ')).not.toMatch(/[0-9a-f]{8}-/);
  });

  it('never prints an id that stood in for a name', () => {
    expect(historyValue('staff', '8d3c5e0a-1111-4222-8333-944455556666', ZONE)).toBe('알 수 없음');
  });

  it('joins a move of start and end into one 시간 line', () => {
    const lines = describeChanges(
      { startsAt: { from: at('10:00'), to: at('11:00') }, endsAt: { from: at('10:30'), to: at('11:30') } },
      ZONE,
    );
    expect(lines).toEqual(['시간 2026-12-01 10:00–10:30 → 11:00–11:30']);
  });

  it('reads statuses, the booking status and times in words', () => {
    expect(describeChanges({ status: { from: 'confirmed', to: 'cancelled' }, bookingStatus: { from: 'pending', to: 'rejected' } }, ZONE, 'status')).toEqual([
      '상태 예약확정 → 취소',
      '예약 상태 확정대기 → 거절',
    ]);
    expect(describeChanges({ endsAt: { from: at('10:30'), to: at('11:00') } }, ZONE)).toEqual(['종료 2026-12-01 10:30 → 2026-12-01 11:00']);
  });

  it('OPS-4: says an undo of a status change is one, with who did it', () => {
    const line = describeHistory(entry('status_undone', { status: { from: 'completed', to: 'confirmed' } }, '김원장'), ZONE);
    expect(line).toEqual({ at: '2026-12-01 09:05', actor: '김원장', lines: ['상태 되돌림: 완료 → 예약확정'], what: '상태 되돌림: 완료 → 예약확정' });
    expect(describeHistory(entry('status_undone', { status: { from: 'no_show', to: 'confirmed' } }), ZONE).what).toBe('상태 되돌림: 노쇼 → 예약확정');
    expect(describeHistory(entry('status', { status: { from: 'confirmed', to: 'no_show' } }), ZONE).what).toBe('상태 예약확정 → 노쇼');
  });

  it('tells a memo added, deleted and (by Naver) changed apart', () => {
    expect(describeChanges({ memo: { from: null, to: '[일반] 알레르기' } }, ZONE, 'memo_added')).toEqual(['메모 추가 ([일반] 알레르기)']);
    expect(describeChanges({ memo: { from: '[일반] 알레르기', to: null } }, ZONE, 'memo_deleted')).toEqual(['메모 삭제 ([일반] 알레르기)']);
    expect(describeChanges({ memo: { from: '옵션: 얼굴', to: '옵션: 전신' } }, ZONE, 'naver_changed')).toEqual(['메모 변경 (옵션: 전신)']);
    expect(describeChanges({ memo: { from: null, to: 'x'.repeat(200) } }, ZONE)[0]!.length).toBeLessThan(80);
  });

  it('says 기타 변경 once for fields it does not know, never their keys', () => {
    const lines = describeChanges({ title: { from: '', to: '상담' }, someNewField: { from: 'a', to: 'b' }, another_one: { from: null, to: 'c' } }, ZONE);
    expect(lines).toEqual(['제목 없음 → 상담', UNKNOWN_CHANGE]);
    expect(describeHistory(entry('reticulated', {}), ZONE).what).toBe(UNKNOWN_CHANGE);
  });

  it('names the action when there is nothing else, and 시스템 when nobody acted', () => {
    expect(describeHistory(entry('created', {}, null), ZONE)).toEqual({ at: '2026-12-01 09:05', actor: '시스템', lines: ['일정 생성'], what: '일정 생성' });
    expect(describeHistory(entry('naver_cancelled', { status: { from: 'confirmed', to: 'cancelled' } }, '네이버예약'), ZONE).what).toBe('상태 예약확정 → 취소');
    expect(describeHistory(entry('naver_changed', { department: { from: null, to: '피부과' } }, '네이버예약'), ZONE).what).toBe('부서 → 피부과');
  });

  it('has no latin word in any line built from what the server writes', () => {
    const rows: HistoryEntry[] = [
      entry('created', { bookingId: { from: null, to: '1234' }, status: { from: null, to: 'pending' } }),
      entry('status', { status: { from: 'pending', to: 'confirmed' }, bookingStatus: { from: 'pending', to: 'rejected' } }),
      entry('updated', { staff: { from: 'A원장', to: null }, title: { from: '진료', to: '상담' }, whatever: { from: null, to: null } }),
      entry('memo_deleted', { memo: { from: '메모', to: null } }),
    ];
    for (const row of rows) expect(describeHistory(row, ZONE).what).not.toMatch(LATIN_WORD);
  });
});
