import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
import { formatShortDateTitle, formatTime } from '../../../../src/shared/format';
import { dateKeyOf } from '../../../../src/shared/time';
import type { Schedule } from '../../api/models';
import type { CalendarColumn } from './model';

/**
 * OPS-6: what a screen reader says while a card is moved, in Korean and by
 * the names on the screen (the customer, the time, the column), never the
 * ids dnd-kit knows them by.
 */
export const DRAG_INSTRUCTIONS: ScreenReaderInstructions = {
  draggable:
    '일정을 옮기려면 스페이스바를 눌러 집고, 화살표 키로 시간(위·아래)과 열(왼쪽·오른쪽)을 바꾼 뒤 스페이스바를 다시 눌러 놓으세요. Esc를 누르면 옮기기를 취소합니다. Enter를 누르면 일정 상세가 열립니다.',
};

/** The parts of dnd-kit's active and over entries these sentences read (their `data.current`). */
interface Entry {
  data: { current?: Record<string, unknown> | undefined };
}

function scheduleOf(active: Entry): Schedule | undefined {
  return active.data.current?.schedule as Schedule | undefined;
}

function columnOf(over: Entry | null): CalendarColumn | undefined {
  return over?.data.current?.column as CalendarColumn | undefined;
}

/** "홍길동 10:00 일정" */
function scheduleName(active: Entry, timeZone: string): string {
  const schedule = scheduleOf(active);
  return schedule ? `${schedule.customer.name} ${formatTime(schedule.startsAt, timeZone)} 일정` : '일정';
}

/** A column as its header reads: the staff or department name, or the day of a week view. */
export function columnName(column: Pick<CalendarColumn, 'title' | 'dateKey' | 'target'>): string {
  return column.target.type === 'day' ? formatShortDateTitle(column.dateKey) : column.title;
}

/** "김원장에게", "피부과 열로", "12월 3일 (목) 열로" */
function toColumn(column: CalendarColumn): string {
  return column.target.type === 'staff' ? `${columnName(column)}에게` : `${columnName(column)} 열로`;
}

/** Whether a drop on this column changes who (or which day) takes the schedule. */
function isOwnColumn(column: CalendarColumn, schedule: Schedule | undefined, timeZone: string): boolean {
  if (!schedule) return false;
  const target = column.target;
  if (target.type === 'staff') return target.staffId === schedule.staffId;
  if (target.type === 'department') return target.departmentId === (schedule.departmentId ?? null);
  return column.dateKey === dateKeyOf(schedule.startsAt, timeZone);
}

/**
 * The sentences for one calendar. A card picked up is first "over" its own
 * column; that is not news, so the pick-up sentence stays until the card
 * reaches another column (hence the small state: make one set per grid).
 */
export function dragAnnouncements(timeZone: string): Announcements {
  let justPickedUp = false;
  return {
    onDragStart: ({ active }) => {
      justPickedUp = true;
      return `${scheduleName(active, timeZone)}을 집었습니다.`;
    },
    onDragOver: ({ active, over }) => {
      const column = columnOf(over);
      const first = justPickedUp;
      justPickedUp = false;
      if (first && column && isOwnColumn(column, scheduleOf(active), timeZone)) return undefined;
      return column ? `${columnName(column)} 열 위에 있습니다.` : `${scheduleName(active, timeZone)}이 어느 열 위에도 있지 않습니다.`;
    },
    onDragEnd: ({ active, over }) => {
      justPickedUp = false;
      const column = columnOf(over);
      if (!column) return `${scheduleName(active, timeZone)}을 열 밖에 놓아 옮기지 않았습니다.`;
      return isOwnColumn(column, scheduleOf(active), timeZone)
        ? `${scheduleName(active, timeZone)}을 ${columnName(column)} 열에 놓았습니다.`
        : `${scheduleName(active, timeZone)}을 ${toColumn(column)} 옮겼습니다.`;
    },
    onDragCancel: ({ active }) => {
      justPickedUp = false;
      return `옮기기를 취소했습니다. ${scheduleName(active, timeZone)}은 그대로입니다.`;
    },
  };
}
