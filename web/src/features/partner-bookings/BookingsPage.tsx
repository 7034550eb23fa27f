import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { DataTable } from '../../ui/DataTable';
import { Pagination, pageCountOf } from '../../ui/Pagination';
import { useCurrentMe } from '../auth/auth';
import { formatDateTime, formatPhone, formatWon } from '../../../../src/shared/format';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { isDateKey } from '../../../../src/shared/time';
import { BookingDrawer } from './BookingDrawer';
import { BookingStatusBadge } from './BookingStatusBadge';
import type { BookingStatus } from '../../api/models';
import { BOOKING_STATUS_LABELS } from '../../../../src/shared/labels/bookings';
import { useProductOptions } from './queries';

const PAGE_SIZE = 20;

/** OPS-8: the CSV of what the list shows (its filters, every page), sent with the session cookie by a plain link. */
function bookingExportUrl(filters: Record<string, string>): string {
  const params = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ''));
  const query = params.toString();
  return `/api/bookings/export.csv${query ? `?${query}` : ''}`;
}
const BOOKING_STATUSES = Object.keys(BOOKING_STATUS_LABELS) as BookingStatus[];

/** 예약 관리 (BOOK-10): the filters live in the URL so the home cards and the calendar can link to a filtered list. */
export function BookingsPage() {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const [searchParams, setSearchParams] = useSearchParams();
  const [query, setQuery] = useState(searchParams.get('q') ?? '');
  const debounced = useDebouncedValue(query.trim(), 300);
  const products = useProductOptions();

  const fromParam = searchParams.get('from');
  const toParam = searchParams.get('to');
  const from = isDateKey(fromParam) ? fromParam : '';
  const to = isDateKey(toParam) ? toParam : '';
  const productId = searchParams.get('productId') ?? '';
  const statusParam = searchParams.get('status');
  const status = statusParam && (BOOKING_STATUSES as string[]).includes(statusParam) ? (statusParam as BookingStatus) : '';
  const q = searchParams.get('q') ?? '';
  const page = Math.max(0, Number(searchParams.get('page') ?? 0) || 0);
  const openId = searchParams.get('booking');

  // A link (e.g. from the calendar) may change ?q while the page is open; typing changes it only through the debounce.
  useEffect(() => {
    if (q !== debounced) setQuery(q);
  }, [q]);

  useEffect(() => {
    setSearchParams(
      (params) => {
        if (debounced === (params.get('q') ?? '')) return params;
        if (debounced) params.set('q', debounced);
        else params.delete('q');
        params.delete('page');
        return params;
      },
      { replace: true },
    );
  }, [debounced, setSearchParams]);

  function setFilter(name: string, value: string) {
    setSearchParams((params) => {
      if (value) params.set(name, value);
      else params.delete(name);
      params.delete('page');
      return params;
    });
  }

  function setPage(next: number) {
    setSearchParams((params) => {
      if (next > 0) params.set('page', String(next));
      else params.delete('page');
      return params;
    });
  }

  function openBooking(id: string | null) {
    setSearchParams((params) => {
      if (id) params.set('booking', id);
      else params.delete('booking');
      return params;
    });
  }

  function resetFilters() {
    setQuery('');
    setSearchParams(new URLSearchParams());
  }

  const filters = { from, to, productId, status: status || undefined, q, offset: page * PAGE_SIZE, limit: PAGE_SIZE };
  const bookings = useQuery({
    queryKey: keys.partner.bookings(filters),
    queryFn: () => api.get('/api/bookings', { query: filters }),
    placeholderData: keepPreviousData,
  });

  const total = bookings.data?.total ?? 0;
  const filtered = Boolean(from || to || productId || status || q);
  const items = bookings.data?.items ?? [];

  return (
    <div className="partner-bookings">
      <div className="page-header">
        <h1>예약 관리</h1>
        <a className="btn" href={bookingExportUrl({ from, to, productId, status, q })} download data-testid="bookings-export">
          엑셀(CSV) 내려받기
        </a>
      </div>

      <div className="partner-filters" role="search">
        <div className="field">
          <span>이용일</span>
          <div className="partner-range">
            <input type="date" aria-label="이용일 시작" value={from} max={to || undefined} onChange={(event) => setFilter('from', event.target.value)} />
            <span className="muted">~</span>
            <input type="date" aria-label="이용일 끝" value={to} min={from || undefined} onChange={(event) => setFilter('to', event.target.value)} />
          </div>
        </div>
        <label className="field">
          <span>상품</span>
          <select value={productId} onChange={(event) => setFilter('productId', event.target.value)}>
            <option value="">전체 상품</option>
            {(products.data ?? []).map((product) => (
              <option key={product.id} value={product.id}>
                {product.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>상태</span>
          <select value={status} onChange={(event) => setFilter('status', event.target.value)} aria-label="예약 상태">
            <option value="">전체</option>
            {BOOKING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {BOOKING_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field partner-search">
          <span>검색</span>
          <input
            type="search"
            placeholder="예약번호, 이름, 전화번호"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            aria-label="예약 검색"
          />
        </label>
        {filtered && (
          <button type="button" className="btn btn-ghost btn-sm partner-reset" onClick={resetFilters}>
            초기화
          </button>
        )}
      </div>

      <div className="partner-list-meta">
        {bookings.data && <span className="muted">총 {total.toLocaleString('ko-KR')}건</span>}
        {bookings.isFetching && !bookings.isPending && <span className="muted">새로고침 중…</span>}
      </div>

      {bookings.isError && <p className="form-error">{errorMessage(bookings.error)}</p>}
      {bookings.isPending && <p className="muted">불러오는 중…</p>}
      {bookings.data && items.length === 0 && (
        <div className="empty-state" data-testid="bookings-empty">
          {filtered ? '조건에 맞는 예약이 없습니다.' : '예약이 없습니다. 예약페이지에서 들어온 예약이 여기에 표시됩니다.'}
        </div>
      )}
      {items.length > 0 && (
        <DataTable
          className="partner-table"
          rows={items}
          rowKey={(booking) => booking.id}
          onRowClick={(booking) => openBooking(booking.id)}
          rowProps={(booking) => ({
            'data-testid': 'booking-row',
            'data-booking-number': booking.bookingNumber,
            className: openId === booking.id ? 'selected' : undefined,
          })}
          columns={[
            {
              header: '예약번호',
              cell: (booking) => (
                <button type="button" className="link-btn booking-number" onClick={() => openBooking(booking.id)}>
                  {booking.bookingNumber}
                </button>
              ),
            },
            { header: '상태', cell: (booking) => <BookingStatusBadge status={booking.status} label={booking.statusLabel} /> },
            {
              header: '예약자',
              cell: (booking) => (
                <>
                  <span className="strong">{booking.customerName}</span>
                  <span className="block muted small">{formatPhone(booking.customerPhone)}</span>
                </>
              ),
            },
            {
              header: '상품',
              cell: (booking) => (
                <>
                  <span>{booking.product.name}</span>
                  <span className="block muted small">{booking.place.name}</span>
                </>
              ),
            },
            { header: '이용일시', className: 'nowrap', cell: (booking) => booking.usageLabel },
            { header: '수량', className: 'num', cell: (booking) => booking.totalQuantity },
            { header: '금액', className: 'num nowrap', cell: (booking) => formatWon(booking.totalAmount) },
            { header: '신청일시', className: 'nowrap muted', cell: (booking) => formatDateTime(booking.createdAt, timeZone) },
          ]}
        />
      )}
      <Pagination page={page} onPage={setPage} pageCount={pageCountOf(total, PAGE_SIZE)} />

      {openId && <BookingDrawer key={openId} bookingId={openId} initial={items.find((b) => b.id === openId)} onClose={() => openBooking(null)} />}
    </div>
  );
}
