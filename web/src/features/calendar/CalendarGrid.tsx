import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import {
  DndContext,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { formatTime, formatTimeRange } from '../../../../src/shared/format';
import { minutesLabel, minutesOfDay, todayKey } from '../../../../src/shared/time';
import type { Schedule } from '../../api/models';
import { SourceBadge, StatusBadge, scheduleStatusLabel } from './StatusBadge';
import { useScheduleParam } from './useScheduleParam';
import { offBandsOf, type StaffOff } from './staff-off';
import { DRAG_INSTRUCTIONS, dragAnnouncements } from './dnd-text';
import {
  MORE_CHIP_WIDTH,
  PX_PER_MINUTE,
  SLOT_HEIGHT,
  SLOT_MINUTES,
  SNAP_MINUTES,
  layoutColumn,
  maxLanesFor,
  type CalendarColumn,
  type MoreChip,
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
  /** One column filling the width (the phone's day view, OPS-7). */
  single?: boolean;
  /** OPS-2: the staff's absences and off hours, shaded in their columns. */
  staffOff?: readonly StaffOff[];
}

/** The column width a keyboard move steps sideways when the column under the card is not known yet. */
const FALLBACK_COLUMN_WIDTH = 170;

/** Arrow keys move a picked-up card by the snap (up, down) or by one column (left, right). */
const keyboardCoordinates: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  const overRect = context.over ? context.droppableRects.get(context.over.id) : undefined;
  const step = SNAP_MINUTES * PX_PER_MINUTE;
  const sideways = overRect?.width ?? FALLBACK_COLUMN_WIDTH;
  switch (event.code) {
    case 'ArrowDown':
      event.preventDefault();
      return { ...currentCoordinates, y: currentCoordinates.y + step };
    case 'ArrowUp':
      event.preventDefault();
      return { ...currentCoordinates, y: currentCoordinates.y - step };
    case 'ArrowRight':
      event.preventDefault();
      return { ...currentCoordinates, x: currentCoordinates.x + sideways };
    case 'ArrowLeft':
      event.preventDefault();
      return { ...currentCoordinates, x: currentCoordinates.x - sideways };
    default:
      return undefined;
  }
};

export function CalendarGrid({ columns, range, timeZone, canEdit, renderHeader, cardLabel, onOpen, onCreate, onMove, single, staffOff }: CalendarGridProps) {
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    // A finger scrolls the calendar; holding a card a moment picks it up (OPS-7).
    useSensor(TouchSensor, { activationConstraint: { delay: 300, tolerance: 8 } }),
    // Enter opens the card, so only the space bar picks up and drops.
    useSensor(KeyboardSensor, { keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space'] }, coordinateGetter: keyboardCoordinates }),
  );
  // One set of sentences per grid: it remembers a pick-up until the card leaves its column.
  const announcements = useMemo(() => dragAnnouncements(timeZone), [timeZone]);
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
    <DndContext
      sensors={sensors}
      onDragEnd={handleDragEnd}
      accessibility={{ announcements, screenReaderInstructions: DRAG_INSTRUCTIONS }}
    >
      <div className={`cal-scroll${single ? ' single' : ''}`} data-testid="calendar-grid">
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
              staffOff={staffOff ?? NO_OFF}
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
  staffOff: readonly StaffOff[];
}

const NO_OFF: readonly StaffOff[] = [];

/** The width of an element, followed as it changes. */
function useWidth(): [(node: HTMLElement | null) => void, number] {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((node: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!node) return;
    setWidth(node.getBoundingClientRect().width);
    observer.current = new ResizeObserver(([entry]) => entry && setWidth(entry.contentRect.width));
    observer.current.observe(node);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, width];
}

function Column({ column, slots, range, bodyHeight, timeZone, canEdit, header, cardLabel, onOpen, onCreate, staffOff }: ColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: column.key, data: { column } });
  const [measure, width] = useWidth();
  const bodyRef = useCallback(
    (node: HTMLDivElement | null) => {
      setNodeRef(node);
      measure(node);
    },
    [setNodeRef, measure],
  );
  const { scheduleId: openId } = useScheduleParam();
  const { cards, more } = layoutColumn(column.schedules, timeZone, maxLanesFor(width), openId);
  const [openChip, setOpenChip] = useState<{ chip: MoreChip; anchor: HTMLElement } | null>(null);
  const target = column.target;
  const bands = target.type === 'staff' ? offBandsOf(staffOff, target.staffId, column.dateKey, range, timeZone) : [];

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
      <div ref={bodyRef} className={`cal-col-body${isOver ? ' drop-over' : ''}`} style={{ height: bodyHeight }}>
        {slots.map((minute) => (
          <div
            key={minute}
            className={`cal-slot${minute % 60 === 0 ? ' hour' : ''}${canEdit ? ' clickable' : ''}`}
            style={{ height: SLOT_HEIGHT }}
            onClick={canEdit ? () => onCreate(column, minute) : undefined}
            title={canEdit ? `${minutesLabel(minute)} 새 일정` : undefined}
          />
        ))}
        {bands.map((band) => (
          <div
            key={band.key}
            className={`staff-off ${band.kind === 'off_hours' ? 'off-hours' : 'absence'}`}
            data-testid="staff-off"
            data-kind={band.kind}
            style={{ top: (band.startMinutes - range.start) * PX_PER_MINUTE, height: (band.endMinutes - band.startMinutes) * PX_PER_MINUTE }}
            title={`${band.label} ${minutesLabel(band.startMinutes)}–${minutesLabel(band.endMinutes)}`}
          >
            {band.endMinutes - band.startMinutes >= 30 && <span className="staff-off-label">{band.label}</span>}
          </div>
        ))}
        <NowLine dateKey={column.dateKey} range={range} timeZone={timeZone} />
        {cards.map((item) => (
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
        {more.map((chip) => (
          <button
            key={chip.key}
            type="button"
            className={`more-chip${openChip?.chip.key === chip.key ? ' open' : ''}`}
            data-testid="more-chip"
            style={{
              top: (chip.startMinutes - range.start) * PX_PER_MINUTE + 1,
              height: Math.max((chip.endMinutes - chip.startMinutes) * PX_PER_MINUTE - 2, 22),
              width: MORE_CHIP_WIDTH - 4,
            }}
            aria-label={`겹친 일정 ${chip.schedules.length}건 더 보기`}
            aria-expanded={openChip?.chip.key === chip.key}
            title={chip.schedules.map((s) => `${formatTime(s.startsAt, timeZone)} ${s.customer.name}`).join('\n')}
            onClick={(event) => {
              const anchor = event.currentTarget;
              setOpenChip((open) => (open?.chip.key === chip.key ? null : { chip, anchor }));
            }}
          >
            +{chip.schedules.length}
          </button>
        ))}
      </div>
      {openChip && (
        <MorePopover
          chip={openChip.chip}
          anchor={openChip.anchor}
          timeZone={timeZone}
          label={cardLabel}
          onOpen={(schedule) => {
            setOpenChip(null);
            onOpen(schedule);
          }}
          onClose={() => setOpenChip(null)}
        />
      )}
    </div>
  );
}

const POPOVER_WIDTH = 260;

/** The schedules behind a "+N" chip: a small list beside it, each opening its panel. */
function MorePopover({
  chip,
  anchor,
  timeZone,
  label,
  onOpen,
  onClose,
}: {
  chip: MoreChip;
  anchor: HTMLElement;
  timeZone: string;
  label: CalendarGridProps['cardLabel'];
  onOpen: (schedule: Schedule) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    const rect = anchor.getBoundingClientRect();
    const height = ref.current?.offsetHeight ?? 0;
    // Beside the chip, so the cards it stands next to stay in sight: to its right, else to its left, else over the column.
    const right = rect.right + 6;
    const left =
      right + POPOVER_WIDTH + 8 <= window.innerWidth
        ? right
        : rect.left - POPOVER_WIDTH - 6 >= 8
          ? rect.left - POPOVER_WIDTH - 6
          : Math.max(8, window.innerWidth - POPOVER_WIDTH - 8);
    const top = rect.top + height + 8 > window.innerHeight ? Math.max(8, window.innerHeight - height - 8) : Math.max(8, rect.top);
    setPosition({ top, left });
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [anchor]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        onClose();
        anchor.focus();
      }
    };
    const onDown = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!ref.current?.contains(target) && !anchor.contains(target)) onClose();
    };
    // The list belongs beside its chip: scrolling the calendar closes it rather than leaving it behind.
    const onScroll = (event: Event) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('scroll', onScroll, true);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('scroll', onScroll, true);
    };
  }, [anchor, onClose]);

  return createPortal(
    <div
      ref={ref}
      className="more-popover"
      data-testid="more-popover"
      role="dialog"
      aria-label={`겹친 일정 ${chip.schedules.length}건`}
      style={{ width: POPOVER_WIDTH, top: position?.top ?? -9999, left: position?.left ?? -9999 }}
    >
      <div className="more-popover-title">겹친 일정 {chip.schedules.length}건</div>
      <ul>
        {chip.schedules.map((schedule) => {
          const extra = label?.(schedule);
          return (
            <li key={schedule.id}>
              <button type="button" className={`more-item status-${schedule.status}`} data-schedule-id={schedule.id} onClick={() => onOpen(schedule)}>
                <span className="more-item-time">{formatTimeRange(schedule.startsAt, schedule.endsAt, timeZone)}</span>
                <span className="more-item-name">{schedule.customer.name}</span>
                <StatusBadge status={schedule.status} rejected={schedule.rejected} />
                {(extra || schedule.title) && <span className="more-item-extra">{[extra?.text, schedule.title].filter(Boolean).join(' · ')}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </div>,
    document.body,
  );
}

/** The server refuses to move cancelled, completed or no-show schedules. */
function isFinal(schedule: Schedule): boolean {
  return schedule.status === 'cancelled' || schedule.status === 'completed' || schedule.status === 'no_show';
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
    attributes: { roleDescription: '옮길 수 있는 일정' },
  });

  const height = Math.max((item.endMinutes - item.startMinutes) * PX_PER_MINUTE - 2, 20);
  // A crowded cluster leaves the right-hand strip to its "+N" chips.
  const room = item.reserve ? `(100% - ${MORE_CHIP_WIDTH}px)` : '100%';
  const style: CSSProperties = {
    top: (item.startMinutes - rangeStart) * PX_PER_MINUTE + 1,
    height,
    left: `calc(${room} * ${item.lane} / ${item.lanes} + 2px)`,
    width: `calc(${room} / ${item.lanes} - 4px)`,
    transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
    ...(label?.color ? ({ '--card-accent': label.color } as CSSProperties) : {}),
  };
  const compact = height < 40;
  // A 30-minute card has no room for a third line: its label (the product in the 네이버예약 column) joins the top line.
  const labelInline = !compact && height < 58;
  const timeRange = formatTimeRange(schedule.startsAt, schedule.endsAt, timeZone);
  // A card that cannot be dragged still opens on click, so it must not be announced as disabled.
  const dragProps = draggable ? { ...listeners, ...attributes } : {};
  const dragKeyDown = draggable ? listeners?.onKeyDown : undefined;

  return (
    <div
      ref={setNodeRef}
      className={`schedule-card status-${schedule.status}${isDragging ? ' dragging' : ''}${compact ? ' compact' : ''}${item.lanes > 1 ? ' shared' : ''}`}
      style={style}
      data-testid="schedule-card"
      data-schedule-id={schedule.id}
      onClick={() => onOpen(schedule)}
      {...dragProps}
      onKeyDown={(event) => {
        dragKeyDown?.(event);
        if (event.key === 'Enter' && !isDragging) onOpen(schedule);
      }}
      role="button"
      tabIndex={0}
      aria-label={`${schedule.customer.name} ${timeRange} ${scheduleStatusLabel(schedule.status, schedule.rejected)}${label ? ` ${label.text}` : ''}`}
      title={`${timeRange} ${schedule.customer.name} · ${scheduleStatusLabel(schedule.status, schedule.rejected)}${label ? ` · ${label.text}` : ''}`}
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
        <StatusBadge status={schedule.status} rejected={schedule.rejected} />
      </div>
      {!compact && !labelInline && label && <div className="card-label">{label.text}</div>}
    </div>
  );
}
