import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../api/models';
import { DRAG_INSTRUCTIONS, columnName, dragAnnouncements } from './dnd-text';
import type { CalendarColumn } from './model';

const ZONE = 'Asia/Seoul';

const schedule = { id: '5b2f0c4e-aaaa-4bbb-8ccc-000000000001', customer: { id: 'c', name: '홍길동', phone: '' }, staffId: 's1', departmentId: null, startsAt: '2026-12-01T01:00:00.000Z' } as unknown as Schedule;

const column = (key: string, title: string, target: CalendarColumn['target'], dateKey = '2026-12-01'): CalendarColumn => ({
  key,
  title,
  dateKey,
  color: null,
  channel: null,
  target,
  schedules: [],
});

const active = { id: schedule.id, data: { current: { schedule } } } as never;
const over = (c: CalendarColumn) => ({ id: c.key, data: { current: { column: c } } }) as never;

describe('what a screen reader hears while a card moves (OPS-6)', () => {
  const say = dragAnnouncements(ZONE);
  const kim = column('staff:s2', '김원장', { type: 'staff', staffId: 's2' });
  const own = column('staff:s1', '이실장', { type: 'staff', staffId: 's1' });

  it('names the customer and time, the column, and where it went, in Korean', () => {
    expect(say.onDragStart({ active })).toBe('홍길동 10:00 일정을 집었습니다.');
    expect(say.onDragOver({ active, over: over(kim) })).toBe('김원장 열 위에 있습니다.');
    expect(say.onDragEnd({ active, over: over(kim) })).toBe('홍길동 10:00 일정을 김원장에게 옮겼습니다.');
    expect(say.onDragEnd({ active, over: over(own) })).toBe('홍길동 10:00 일정을 이실장 열에 놓았습니다.');
    expect(say.onDragCancel({ active, over: null })).toBe('옮기기를 취소했습니다. 홍길동 10:00 일정은 그대로입니다.');
    expect(say.onDragOver({ active, over: null })).toContain('어느 열 위에도');
  });

  it('keeps the pick-up sentence while the card is still over its own column, then follows it', () => {
    const fresh = dragAnnouncements(ZONE);
    fresh.onDragStart({ active });
    expect(fresh.onDragOver({ active, over: over(own) })).toBeUndefined();
    expect(fresh.onDragOver({ active, over: over(kim) })).toBe('김원장 열 위에 있습니다.');
    expect(fresh.onDragOver({ active, over: over(own) })).toBe('이실장 열 위에 있습니다.');
  });

  it('in week view tells a move to another day from a drop on the same day', () => {
    const sameDay = column('day:2026-12-01', '2026-12-01', { type: 'day' });
    const nextDay = column('day:2026-12-02', '2026-12-02', { type: 'day' }, '2026-12-02');
    expect(say.onDragEnd({ active, over: over(sameDay) })).toBe('홍길동 10:00 일정을 12월 1일 (화) 열에 놓았습니다.');
    expect(say.onDragEnd({ active, over: over(nextDay) })).toBe('홍길동 10:00 일정을 12월 2일 (수) 열로 옮겼습니다.');
  });

  it('reads a department column and a day of the week view by their names', () => {
    const skin = column('department:d', '피부과', { type: 'department', departmentId: 'd' });
    expect(say.onDragEnd({ active, over: over(skin) })).toBe('홍길동 10:00 일정을 피부과 열로 옮겼습니다.');
    expect(columnName(column('day:2026-12-03', '2026-12-03', { type: 'day' }, '2026-12-03'))).toBe('12월 3일 (목)');
  });

  it('never says an id or an English word', () => {
    const texts = [
      say.onDragStart({ active }),
      say.onDragOver({ active, over: over(kim) }),
      say.onDragOver({ active, over: null }),
      say.onDragEnd({ active, over: over(kim) }),
      say.onDragEnd({ active, over: null }),
      say.onDragCancel({ active, over: null }),
      DRAG_INSTRUCTIONS.draggable,
    ];
    for (const text of texts) {
      expect(text).not.toContain(schedule.id);
      expect(text).not.toContain('staff:');
      expect(text).not.toMatch(/draggable|droppable|Picked up/i);
    }
  });
});
