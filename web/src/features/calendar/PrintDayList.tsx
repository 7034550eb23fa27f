import { useQueries, useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { ScheduleDetail } from '../../api/models';
import { formatDateTitle, formatDateTime, formatPhone, formatTimeRange } from '../../../../src/shared/format';
import { scheduleStatusLabel } from './StatusBadge';
import { buildDayColumns, isCancelled, withoutCancelled } from './model';

interface PrintDayListProps {
  date: string;
  timeZone: string;
  businessName: string;
  onClose: () => void;
}

/**
 * OPS-6 인쇄: the day's schedules per staff as a sheet for the front desk:
 * time, customer, phone, title and memos, status. Cancelled schedules are
 * left out. On screen it is a preview with its buttons; printed (@media
 * print) it is the sheet alone.
 */
export function PrintDayList({ date, timeZone, businessName, onClose }: PrintDayListProps) {
  const calendar = useQuery({
    queryKey: keys.calendar.range(date, 1),
    queryFn: () => api.get('/api/calendar', { query: { date, days: 1 } }),
  });
  const data = calendar.data ? withoutCancelled(calendar.data, false) : undefined;
  const columns = data ? buildDayColumns(data, date, 'staff', timeZone) : [];
  const withMemos = (data?.schedules ?? []).filter((s) => s.memoCount > 0);
  const details = useQueries({
    queries: withMemos.map((s) => ({
      queryKey: keys.schedule.one(s.id),
      queryFn: () => api.get('/api/schedules/{id}', { path: { id: s.id } }),
    })),
  });
  const memosOf = new Map<string, ScheduleDetail['memos']>();
  details.forEach((d) => d.data && memosOf.set(d.data.id, d.data.memos));
  const memosLoading = details.some((d) => d.isPending);

  const staffed = columns.filter((c) => c.schedules.length > 0);
  const idle = columns.filter((c) => c.schedules.length === 0 && !c.channel);
  const total = staffed.reduce((sum, c) => sum + c.schedules.length, 0);

  return (
    <div className="print-page" data-testid="print-day-list">
      <div className="print-actions">
        <button type="button" className="btn" onClick={onClose}>
          ← 캘린더로 돌아가기
        </button>
        <button type="button" className="btn btn-primary" onClick={() => window.print()} disabled={!data || memosLoading}>
          인쇄하기
        </button>
        <span className="muted">취소된 일정은 빠집니다.</span>
      </div>
      <div className="print-sheet">
        <header className="print-header">
          <h1>{formatDateTitle(date)} 일정표</h1>
          <p>
            {businessName} · 총 {total}건 · 출력 {formatDateTime(new Date().toISOString(), timeZone)}
          </p>
        </header>
        {calendar.isPending && <p className="muted">불러오는 중…</p>}
        {calendar.isError && <p className="form-error">{errorMessage(calendar.error)}</p>}
        {data && staffed.length === 0 && <p className="print-empty">이 날은 일정이 없습니다.</p>}
        {staffed.map((column) => (
          <section key={column.key} className="print-staff" data-testid="print-staff">
            <h2>
              {column.title} <span>{column.schedules.length}건</span>
            </h2>
            <table>
              <thead>
                <tr>
                  <th className="print-time">시간</th>
                  <th className="print-name">고객</th>
                  <th className="print-phone">전화번호</th>
                  <th>내용·메모</th>
                  <th className="print-status">상태</th>
                </tr>
              </thead>
              <tbody>
                {[...column.schedules]
                  .filter((s) => !isCancelled(s))
                  .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
                  .map((schedule) => {
                    const memos = memosOf.get(schedule.id) ?? [];
                    return (
                      <tr key={schedule.id} data-schedule-id={schedule.id}>
                        <td className="print-time">{formatTimeRange(schedule.startsAt, schedule.endsAt, timeZone)}</td>
                        <td className="print-name">{schedule.customer.name}</td>
                        <td className="print-phone">{formatPhone(schedule.customer.phone)}</td>
                        <td>
                          {[schedule.departmentName, schedule.title].filter(Boolean).join(' · ')}
                          {memos.map((memo) => (
                            <div key={memo.id} className="print-memo">
                              [{memo.memoTypeName}] {memo.body}
                            </div>
                          ))}
                        </td>
                        <td className="print-status">{scheduleStatusLabel(schedule.status, schedule.rejected)}</td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </section>
        ))}
        {data && staffed.length > 0 && idle.length > 0 && <p className="print-idle">일정 없음: {idle.map((c) => c.title).join(', ')}</p>}
      </div>
    </div>
  );
}
