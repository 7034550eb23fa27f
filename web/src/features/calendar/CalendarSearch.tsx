import { useEffect, useId, useRef, useState } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { CustomerSchedule } from '../../api/models';
import { formatPhone, formatShortDateTitle, formatTimeRange } from '../../../../src/shared/format';
import { dateKeyOf } from '../../../../src/shared/time';
import { StatusBadge } from './StatusBadge';
import { useDebounced } from './hooks';
import { searchOrder } from './model';

/** Customers whose schedules the list shows, and schedules per customer. */
const CUSTOMERS_SHOWN = 5;
const SCHEDULES_PER_CUSTOMER = 4;

export interface SearchPick {
  scheduleId: string;
  dateKey: string;
  staffId: string;
  departmentId: string | null;
}

/**
 * OPS-6 검색: a customer's name or the last 4 digits of the phone, and their
 * schedules (coming first) to jump to. Uses the customers search and each
 * customer's schedules, as the customer pages do (and shares their cache).
 */
export function CalendarSearch({ timeZone, onPick }: { timeZone: string; onPick: (pick: SearchPick) => void }) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebounced(text.trim(), 250);
  const rootRef = useRef<HTMLDivElement>(null);
  const listId = useId();
  const digitsOnly = /^[0-9\s-]+$/.test(q);
  // Digits search by the last 4 of the phone (or a whole number): fewer would match half the customers.
  const searchable = q.length > 0 && (!digitsOnly || q.replace(/\D/g, '').length >= 4);

  const customers = useQuery({
    queryKey: keys.customers.picker(q),
    queryFn: () => api.get('/api/customers', { query: { q, limit: 8 } }),
    enabled: searchable,
  });
  const shown = (customers.data?.items ?? []).slice(0, CUSTOMERS_SHOWN);
  const schedules = useQueries({
    queries: shown.map((customer) => ({
      queryKey: keys.customer.schedules(customer.id),
      queryFn: () => api.get('/api/customers/{id}/schedules', { path: { id: customer.id } }).then((res) => res.items),
    })),
  });

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  function pick(schedule: CustomerSchedule) {
    setOpen(false);
    onPick({ scheduleId: schedule.id, dateKey: dateKeyOf(schedule.startsAt, timeZone), staffId: schedule.staffId, departmentId: schedule.departmentId });
  }

  const now = Date.now();
  const showList = open && searchable;

  return (
    <div className="cal-search" ref={rootRef} onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
      <input
        type="search"
        className="cal-search-input"
        aria-label="일정 검색"
        aria-controls={listId}
        aria-expanded={showList}
        placeholder="검색: 이름·전화 뒤 4자리"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
      />
      {showList && (
        <div className="cal-search-results" id={listId} data-testid="calendar-search-results">
          {customers.isPending && <p className="muted cal-search-note">찾는 중…</p>}
          {customers.isError && <p className="form-error cal-search-note">{errorMessage(customers.error)}</p>}
          {customers.isSuccess && shown.length === 0 && <p className="muted cal-search-note">“{q}”에 맞는 고객이 없습니다.</p>}
          {shown.map((customer, index) => {
            const result = schedules[index];
            const list = searchOrder(result?.data ?? [], now).slice(0, SCHEDULES_PER_CUSTOMER);
            return (
              <section key={customer.id} className="cal-search-customer">
                <div className="cal-search-customer-head">
                  <strong>{customer.name}</strong>
                  <span className="muted">{formatPhone(customer.phone)}</span>
                </div>
                {result?.isPending && <p className="muted cal-search-note">불러오는 중…</p>}
                {result?.isError && <p className="form-error cal-search-note">{errorMessage(result.error)}</p>}
                {result?.isSuccess && list.length === 0 && <p className="muted cal-search-note">일정이 없습니다.</p>}
                <ul>
                  {list.map((schedule) => (
                    <li key={schedule.id}>
                      <button type="button" className="cal-search-hit" data-testid="calendar-search-hit" data-schedule-id={schedule.id} onClick={() => pick(schedule)}>
                        <span className="cal-search-when">
                          {formatShortDateTitle(dateKeyOf(schedule.startsAt, timeZone))} {formatTimeRange(schedule.startsAt, schedule.endsAt, timeZone)}
                        </span>
                        <span className="cal-search-what">
                          {[schedule.staffName, schedule.title].filter(Boolean).join(' · ')}
                        </span>
                        <StatusBadge status={schedule.status} rejected={schedule.rejected} />
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
          {(customers.data?.total ?? 0) > CUSTOMERS_SHOWN && (
            <p className="muted cal-search-note">고객 {customers.data!.total}명 중 {CUSTOMERS_SHOWN}명을 보여 줍니다. 이름을 더 입력해 좁혀 보세요.</p>
          )}
        </div>
      )}
    </div>
  );
}
