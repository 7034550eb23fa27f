import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { DndContext, PointerSensor, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { formatTime, formatTimeRange } from '../../../../src/shared/format';
import { SCHEDULE_STATUS_LABELS } from '../../../../src/shared/labels/schedules';
import { minutesLabel, minutesOfDay, todayKey } from '../../../../src/shared/time';
import type { Schedule } from '../../api/models';
import { SourceBadge, StatusBadge } from './StatusBadge';
import {
  PX_PER_MINUTE,
  SLOT_HEIGHT,
  SLOT_MINUTES,
  placeSchedules,
  type CalendarColumn,
  type PlacedSchedule,
} from './model';

export interface ScheduleMove {
  schedule: Schedule;
  column: CalendarColumn;
  deltaMinutes: number;
}

interface CalendarGridProps {
  columns: CalendarColumn[];
  range: { start: number; end: number };
  timeZone: string;
  canEdit: boolean;
  renderHeader: (column: CalendarColumn) => ReactNode;
  /** Secondary label on a card, e.g. the staff name in week view. */
  cardLabel?: (schedule: Schedule) => { text: string; color: string | null } | null;
  onOpen: (schedule: Schedule) => void;
  onCreate: (column: CalendarColumn, startMinutes: number) => void;
  onMove: (move: ScheduleMove) => void;
}

export function CalendarGrid({ columns, range, timeZone, canEdit, renderHeader, cardLabel, onOpen, onCreate, onMove }: CalendarGridProps) {
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const slots: number[] = [];
  for (let minute = range.start; minute < range.end; minute += SLOT_MINUTES) slots.push(minute);
  const bodyHeight = slots.length * SLOT_HEIGHT;

  function handleDragEnd(event: DragEndEvent) {
    const schedule = event.active.data.current?.schedule as Schedule | undefined;
    const column = event.over?.data.current?.column as CalendarColumn | undefined;
    if (!schedule || !column) return;
    onMove({ schedule, column, deltaMinutes: event.delta.y / PX_PER_MINUTE });
  }

  return (
    <DndContext sensors={sensors} onDragEnd={handleDragEnd}>
      <div className="cal-scroll" data-testid="calendar-grid">
        <div className="cal-inner">
          <div className="cal-gutter">
            <div className="cal-col-header cal-gutter-header" />
            <div className="cal-gutter-body" style={{ height: bodyHeight }}>
              {slots.map((minute) => (
                <div key={minute} className={`cal-gutter-slot${minute % 60 === 0 ? ' hour' : ''}`} style={{ height: SLOT_HEIGHT }}>
                  {minute % 60 === 0 && <span>{minutesLabel(minute)}</span>}
                </div>
              ))}
            </div>
          </div>
          {columns.map((column) => (
            <Column
              key={column.key}
              column={column}
              slots={slots}
              range={range}
              bodyHeight={bodyHeight}
              timeZone={timeZone}
              canEdit={canEdit}
              header={renderHeader(column)}
              cardLabel={cardLabel}
              onOpen={onOpen}
              onCreate={onCreate}
            />
          ))}
        </div>
      </div>
    </DndContext>
  );
}

interface ColumnProps {
  column: CalendarColumn;
  slots: number[];
  range: { start: number; end: number };
  bodyHeight: number;
  timeZone: string;
  canEdit: boolean;
  header: ReactNode;
  cardLabel: CalendarGridProps['cardLabel'];
  onOpen: (schedule: Schedule) => void;
  onCreate: (column: CalendarColumn, startMinutes: number) => void;
}

function Column({ column, slots, range, bodyHeight, timeZone, canEdit, header, cardLabel, onOpen, onCreate }: ColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: column.key, data: { column } });
  const placed = placeSchedules(column.schedules, timeZone);
  const target = column.target;

  return (
    <div
      className={`cal-column${column.channel === 'naver' ? ' naver' : column.channel === 'booking_page' ? ' booking-page' : ''}`}
      data-testid="calendar-column"
      data-staff-id={target.type === 'staff' ? target.staffId : undefined}
      data-department-id={target.type === 'department' ? (target.departmentId ?? '') : undefined}
      data-date={column.dateKey}
    >
      <div className="cal-col-header" style={column.color ? ({ '--col-color': column.color } as CSSProperties) : undefined}>
        {header}
      </div>
      <div ref={setNodeRef} className={`cal-col-body${isOver ? ' drop-over' : ''}`} style={{ height: bodyHeight }}>
        {slots.map((minute) => (
          <div
            key={minute}
            className={`cal-slot${minute % 60 === 0 ? ' hour' : ''}${canEdit ? ' clickable' : ''}`}
            style={{ height: SLOT_HEIGHT }}
            onClick={canEdit ? () => onCreate(column, minute) : undefined}
            title={canEdit ? `${minutesLabel(minute)} 새 일정` : undefined}
          />
        ))}
        <NowLine dateKey={column.dateKey} range={range} timeZone={timeZone} />
        {placed.map((item) => (
          <ScheduleCard
            key={item.schedule.id}
            item={item}
            rangeStart={range.start}
            timeZone={timeZone}
            draggable={canEdit && !isFinal(item.schedule)}
            label={cardLabel?.(item.schedule) ?? null}
            onOpen={onOpen}
          />
        ))}
      </div>
    </div>
  );
}

/** The server refuses to move cancelled or completed schedules. */
function isFinal(schedule: Schedule): boolean {
  return schedule.status === 'cancelled' || schedule.status === 'completed';
}

function NowLine({ dateKey, range, timeZone }: { dateKey: string; range: { start: number; end: number }; timeZone: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  if (todayKey(timeZone) !== dateKey) return null;
  const minute = minutesOfDay(now, timeZone);
  if (minute < range.start || minute > range.end) return null;
  return <div className="cal-now" style={{ top: (minute - range.start) * PX_PER_MINUTE }} aria-hidden="true" />;
}

interface ScheduleCardProps {
  item: PlacedSchedule;
  rangeStart: number;
  timeZone: string;
  draggable: boolean;
  label: { text: string; color: string | null } | null;
  onOpen: (schedule: Schedule) => void;
}

function ScheduleCard({ item, rangeStart, timeZone, draggable, label, onOpen }: ScheduleCardProps) {
  const { schedule } = item;
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: schedule.id,
    data: { schedule },
    disabled: !draggable,
  });

  const height = Math.max((item.endMinutes - item.startMinutes) * PX_PER_MINUTE - 2, 20);
  const width = 100 / item.lanes;
  const style: CSSProperties = {
    top: (item.startMinutes - rangeStart) * PX_PER_MINUTE + 1,
    height,
    left: `calc(${item.lane * width}% + 2px)`,
    width: `calc(${width}% - 4px)`,
    transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
    ...(label?.color ? ({ '--card-accent': label.color } as CSSProperties) : {}),
  };
  const compact = height < 40;
  // A 30-minute card has no room for a third line: its label (the product in the 네이버예약 column) joins the top line.
  const labelInline = !compact && height < 58;
  const timeRange = formatTimeRange(schedule.startsAt, schedule.endsAt, timeZone);
  // A card that cannot be dragged still opens on click, so it must not be announced as disabled.
  const dragProps = draggable ? { ...listeners, ...attributes } : {};

  return (
    <div
      ref={setNodeRef}
      className={`schedule-card status-${schedule.status}${isDragging ? ' dragging' : ''}${compact ? ' compact' : ''}`}
      style={style}
      data-testid="schedule-card"
      data-schedule-id={schedule.id}
      onClick={() => onOpen(schedule)}
      onKeyDown={(event) => event.key === 'Enter' && onOpen(schedule)}
      {...dragProps}
      role="button"
      tabIndex={0}
      aria-label={`${schedule.customer.name} ${timeRange} ${SCHEDULE_STATUS_LABELS[schedule.status]}`}
      title={`${timeRange} ${schedule.customer.name} · ${SCHEDULE_STATUS_LABELS[schedule.status]}${label ? ` · ${label.text}` : ''}`}
    >
      {/* Narrow cards (overlaps, week view) drop the end time, badge and label through a container query. */}
      <div className="card-top">
        <span className="card-time">
          {formatTime(schedule.startsAt, timeZone)}
          <span className="card-time-end">–{formatTime(schedule.endsAt, timeZone)}</span>
        </span>
        {labelInline && label && <span className="card-label card-label-inline">{label.text}</span>}
        <SourceBadge source={schedule.source} />
      </div>
      <div className="card-main">
        <span className="card-name">{schedule.customer.name}</span>
        <StatusBadge status={schedule.status} />
      </div>
      {!compact && !labelInline && label && <div className="card-label">{label.text}</div>}
    </div>
  );
}
