import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { hasPermission, useCurrentMe } from '../auth/auth';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useToast } from '../../ui/Toast';
import { formatDate, formatDateTime, formatPhone, formatWon } from '../../../../src/shared/format';
import { BookingStatusBadge } from './BookingStatusBadge';
import type { BookingAction, BookingPayment, PartnerBooking, PaymentRefund } from '../../api/models';
import { BOOKING_ACTION_DONE, BOOKING_ACTION_LABELS, CANCEL_PAID_COMPLETED_LABEL, CANCEL_PAYMENT_ONLY_LABEL } from './labels';
import { formatDeduction } from '../../ui/money';
import { CONFIRMATION_MODE_LABELS, PAYMENT_MODE_LABELS } from '../../../../src/shared/labels/products';
import { useBookingAction, useCancelPaymentOnly, useRetryRefund } from './queries';

/** The order the buttons stand in: the usual next step first, the final ones last. */
const ACTION_ORDER: BookingAction[] = ['confirm', 'complete', 'reject', 'cancel'];

interface BookingDrawerProps {
  bookingId: string;
  /** The row as the list has it, shown while the detail loads. */
  initial?: PartnerBooking;
  onClose: () => void;
}

export function BookingDrawer({ bookingId, initial, onClose }: BookingDrawerProps) {
  const booking = useQuery({
    queryKey: keys.partner.booking(bookingId),
    queryFn: () => api.get('/api/bookings/{id}', { path: { id: bookingId } }),
    placeholderData: initial,
    // A refund is sent by a job: its outcome shows up without closing the drawer.
    refetchInterval: (query) => (query.state.data?.payment?.refunds.some((r) => r.status === 'requested' || r.status === 'processing') ? 5000 : false),
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A dialog above the drawer closes first.
      if (event.key === 'Escape' && !document.querySelector('dialog[open]')) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="drawer-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <aside className="drawer booking-drawer" data-testid="booking-drawer" aria-label="예약 상세">
        <div className="drawer-header">
          <h2>
            예약 상세
            {booking.data && <span className="booking-drawer-number">{booking.data.bookingNumber}</span>}
          </h2>
          <button type="button" className="icon-btn" aria-label="닫기" onClick={onClose}>
            ✕
          </button>
        </div>
        {booking.isPending && <p className="muted drawer-section">불러오는 중…</p>}
        {booking.isError && !booking.data && <p className="form-error drawer-section">{errorMessage(booking.error)}</p>}
        {booking.data && (
          <>
            <BookingDetails booking={booking.data} />
            <BookingFooter booking={booking.data} />
          </>
        )}
      </aside>
    </div>
  );
}

function BookingDetails({ booking }: { booking: PartnerBooking }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const calendarLink = booking.scheduleId
    ? `/calendar?date=${formatDate(booking.usageStartsAt, timeZone)}&schedule=${booking.scheduleId}`
    : null;

  return (
    <div className="drawer-body">
      <section className="drawer-section">
        <div className="panel-customer">
          {hasPermission(me, 'customers.view') ? (
            <Link to={`/customers/${booking.customerId}`} className="panel-customer-name">
              {booking.customerName}
            </Link>
          ) : (
            <span className="panel-customer-name">{booking.customerName}</span>
          )}
          <span className="panel-phone">{formatPhone(booking.customerPhone)}</span>
        </div>
        <div className="panel-meta">
          <BookingStatusBadge status={booking.status} label={booking.statusLabel} />
          <span className="muted">신청 {formatDateTime(booking.createdAt, timeZone)}</span>
        </div>
      </section>

      <section className="drawer-section">
        <dl className="booking-facts">
          <dt>상품</dt>
          <dd>
            {booking.product.name}
            <span className="muted"> · {booking.place.name}</span>
          </dd>
          <dt>이용일시</dt>
          <dd data-testid="booking-usage">{booking.usageLabel}</dd>
          <dt>결제</dt>
          <dd>{PAYMENT_MODE_LABELS[booking.paymentMode as keyof typeof PAYMENT_MODE_LABELS] ?? booking.paymentMode}</dd>
        </dl>
        {calendarLink && (
          <Link to={calendarLink} className="btn btn-sm booking-calendar-link">
            캘린더에서 보기
          </Link>
        )}
      </section>

      <section className="drawer-section">
        <h3>예약 내역</h3>
        <table className="booking-lines">
          <thead>
            <tr>
              <th>예약상세번호</th>
              <th>가격명</th>
              <th className="num">수량</th>
              <th className="num">금액</th>
            </tr>
          </thead>
          <tbody>
            {booking.lines.map((line) => (
              <tr key={line.detailNumber} data-testid="booking-line">
                <td className="mono">{line.detailNumber}</td>
                <td>
                  {line.priceName}
                  <span className="block muted small">{formatWon(line.unitAmount)}</span>
                </td>
                <td className="num">{line.quantity}</td>
                <td className="num">{formatWon(line.unitAmount * line.quantity)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={2}>합계</td>
              <td className="num">{booking.totalQuantity}</td>
              <td className="num">{formatWon(booking.totalAmount)}</td>
            </tr>
          </tfoot>
        </table>
      </section>

      {booking.payment && <PaymentSection booking={booking} payment={booking.payment} />}

      <section className="drawer-section">
        <h3>요청사항</h3>
        {booking.request.trim() ? <p className="booking-request pre-wrap">{booking.request}</p> : <p className="muted">요청사항이 없습니다.</p>}
      </section>

      <BookingTimeline booking={booking} />
    </div>
  );
}

/** The decisions stay in view below the details, however long the booking is. */
function BookingFooter({ booking }: { booking: PartnerBooking }) {
  const me = useCurrentMe();
  return (
    <footer className="booking-drawer-footer" data-testid="booking-actions">
      {hasPermission(me, 'bookings.manage') ? (
        <BookingActions booking={booking} />
      ) : (
        <p className="muted">예약을 처리하려면 ‘예약 관리(파트너센터)’ 권한이 필요합니다.</p>
      )}
    </footer>
  );
}

function BookingTimeline({ booking }: { booking: PartnerBooking }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const endLabel = booking.status === 'rejected' ? '거절' : '취소';
  const who = booking.cancelledBy === 'customer' ? ' (고객)' : booking.cancelledBy === 'business' ? ' (업체)' : '';
  const entries: { label: string; at: string; note?: string }[] = [{ label: '예약 신청', at: booking.createdAt }];
  if (booking.confirmedAt) entries.push({ label: '예약확정', at: booking.confirmedAt });
  if (booking.completedAt) entries.push({ label: '이용완료', at: booking.completedAt });
  if (booking.cancelledAt) {
    // 현장 결제 and 결제 없는 예약 paid nothing: no refund share to show.
    const refund = booking.refundPercent !== null && booking.paymentMode === 'prepaid' ? `환불 ${booking.refundPercent}%` : '';
    const note = [booking.cancelReason ? `사유: ${booking.cancelReason}` : '', refund].filter(Boolean).join(' · ');
    entries.push({ label: `${endLabel}${who}`, at: booking.cancelledAt, note });
  }

  return (
    <section className="drawer-section">
      <h3>처리 내역</h3>
      <ul className="history-list" data-testid="booking-history">
        {entries.map((entry) => (
          <li key={entry.label}>
            {formatDateTime(entry.at, timeZone)} {entry.label}
            {entry.note && <span className="block muted">{entry.note}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

type ReasonAction = Extract<BookingAction, 'reject' | 'cancel'>;

function BookingActions({ booking }: { booking: PartnerBooking }) {
  const toast = useToast();
  const action = useBookingAction(booking);
  const [asking, setAsking] = useState<ReasonAction | null>(null);
  const [reason, setReason] = useState('');
  const [dialogError, setDialogError] = useState<string | null>(null);

  const actions = ACTION_ORDER.filter((a) => booking.allowedActions.includes(a));
  const canCancelPayment = Boolean(booking.payment?.canCancelPaymentOnly);
  const [cancellingPayment, setCancellingPayment] = useState(false);
  // A 이용완료 booking paid at booking: cancelling it refunds what is left of the payment too, unlike 결제만 취소.
  const paidCompleted = booking.status === 'completed' && booking.prepaid && (booking.payment?.balancePg ?? 0) > 0;
  const labelOf = (name: BookingAction) => (name === 'cancel' && paidCompleted ? CANCEL_PAID_COMPLETED_LABEL : BOOKING_ACTION_LABELS[name]);
  const refundable = booking.payment ? booking.payment.balancePg : 0;

  function run(name: BookingAction, withReason?: string) {
    setDialogError(null);
    action.mutate(
      { action: name, reason: withReason?.trim() || undefined },
      {
        onSuccess: () => {
          toast(BOOKING_ACTION_DONE[name], 'success');
          setAsking(null);
          setReason('');
        },
        onError: (error) => {
          toast(errorMessage(error), 'error');
          if (asking) setDialogError(errorMessage(error));
        },
      },
    );
  }

  function choose(name: BookingAction) {
    if (name === 'reject' || name === 'cancel') {
      setReason('');
      setDialogError(null);
      setAsking(name);
      return;
    }
    run(name);
  }

  if (actions.length === 0 && !canCancelPayment) {
    const final = booking.status === 'cancelled' || booking.status === 'rejected';
    return (
      <p className="muted" data-testid="booking-no-actions">
        {final ? '취소·거절된 예약은 되돌릴 수 없습니다. 고객이 다시 예약할 수 있습니다.' : '더 처리할 수 있는 작업이 없습니다.'}
      </p>
    );
  }

  return (
    <>
      {booking.status === 'pending' && (
        <div className="hint hint-warning booking-pending-hint">{CONFIRMATION_MODE_LABELS.approval} 상품의 예약입니다. 예약번호 전체를 확정하거나 거절합니다.</div>
      )}
      <div className="booking-actions">
        {actions.map((name) => (
          <button
            key={name}
            type="button"
            className={`btn ${name === 'confirm' ? 'btn-primary' : name === 'complete' ? 'status-btn status-btn-completed' : 'btn-danger'}`}
            onClick={() => choose(name)}
            disabled={action.isPending}
            data-action={name}
          >
            {labelOf(name)}
          </button>
        ))}
        {canCancelPayment && (
          <button type="button" className="btn btn-danger" onClick={() => setCancellingPayment(true)} disabled={action.isPending} data-action="cancel-payment">
            {CANCEL_PAYMENT_ONLY_LABEL}
          </button>
        )}
      </div>
      {cancellingPayment && <CancelPaymentDialog booking={booking} onClose={() => setCancellingPayment(false)} />}
      {asking && (
        <ConfirmDialog
          title={asking === 'cancel' ? (paidCompleted ? CANCEL_PAID_COMPLETED_LABEL : '예약 취소') : '예약 거절'}
          confirmLabel={asking === 'cancel' ? '예약 취소' : '거절'}
          cancelLabel="닫기"
          danger
          busy={action.isPending}
          error={dialogError}
          onCancel={() => setAsking(null)}
          onConfirm={() => run(asking, reason)}
        >
          <p>
            <strong>{booking.customerName}</strong> 님의 예약 {booking.bookingNumber} ({booking.usageLabel})을 {asking === 'cancel' ? '취소' : '거절'}할까요?
          </p>
          <label className="field">
            <span>{asking === 'cancel' ? '취소 사유' : '거절 사유'}</span>
            <textarea
              rows={3}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              placeholder={asking === 'cancel' ? '예: 업체 사정으로 운영하지 않습니다.' : '예: 해당 시간은 예약이 마감되었습니다.'}
              maxLength={500}
            />
          </label>
          {booking.payment && refundable > 0 && (
            <div className="hint" data-testid="cancel-refund-hint">
              결제 금액 중 남은 <strong>{formatWon(refundable)}</strong>을 모두 환불합니다{booking.payment.points > 0 ? ' (사용한 포인트 포함)' : ''}.
            </div>
          )}
          <div className="hint hint-warning">
            {asking === 'cancel' ? '취소한 예약은 되돌릴 수 없습니다.' : '거절한 예약은 되돌릴 수 없습니다.'} 예약 수량은 다시 예약할 수 있게 풀립니다.
          </div>
        </ConfirmDialog>
      )}
    </>
  );
}

/** 결제 (PAY-1, PAY-2): what the customer paid and with what, what is left, and every refund with its outcome. */
function PaymentSection({ booking, payment }: { booking: PartnerBooking; payment: BookingPayment }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const canManage = hasPermission(me, 'bookings.manage');
  return (
    <section className="drawer-section" data-testid="booking-payment">
      <div className="booking-payment-head">
        <h3>결제</h3>
        <span className={`badge ${paymentBadge(payment.status)}`} data-testid="payment-status">
          {payment.statusLabel}
        </span>
      </div>
      <dl className="booking-money">
        <dt>상품 금액</dt>
        <dd>{formatWon(payment.amountGross)}</dd>
        {payment.couponBusiness > 0 && (
          <>
            <dt>업체 쿠폰</dt>
            <dd className="money-minus">{formatDeduction(payment.couponBusiness)}</dd>
          </>
        )}
        {payment.couponPlatform > 0 && (
          <>
            <dt>플랫폼 쿠폰</dt>
            <dd className="money-minus">{formatDeduction(payment.couponPlatform)}</dd>
          </>
        )}
        {payment.points > 0 && (
          <>
            <dt>포인트</dt>
            <dd className="money-minus">{formatDeduction(payment.points)}</dd>
          </>
        )}
        <dt className="strong">결제 금액</dt>
        <dd className="strong" data-testid="payment-amount">
          {formatWon(payment.amountPg)}
        </dd>
        <dt>남은 결제 금액</dt>
        <dd data-testid="payment-balance">{formatWon(payment.balancePg)}</dd>
      </dl>
      <dl className="booking-facts booking-payment-facts">
        <dt>결제 수단</dt>
        <dd>{payment.methodLabel ?? '-'}</dd>
        {payment.paidAt && (
          <>
            <dt>결제일시</dt>
            <dd>{formatDateTime(payment.paidAt, timeZone)}</dd>
          </>
        )}
      </dl>
      {payment.receiptUrl && (
        <a href={payment.receiptUrl} target="_blank" rel="noreferrer" className="small">
          영수증 보기
        </a>
      )}
      {payment.refunds.length > 0 && <RefundList booking={booking} refunds={payment.refunds} canRetry={canManage} timeZone={timeZone} />}
    </section>
  );
}

function paymentBadge(status: string): string {
  if (status === 'paid') return 'status-completed';
  if (status === 'refunded' || status === 'partially_refunded') return 'badge-grey';
  if (status === 'failed' || status === 'expired') return 'badge-danger';
  return 'status-pending';
}

function refundBadge(status: string): string {
  if (status === 'succeeded') return 'status-completed';
  if (status === 'failed') return 'badge-danger';
  return 'status-pending';
}

function RefundList({ booking, refunds, canRetry, timeZone }: { booking: PartnerBooking; refunds: PaymentRefund[]; canRetry: boolean; timeZone: string }) {
  const toast = useToast();
  const retry = useRetryRefund(booking);
  return (
    <div className="booking-refunds">
      <h4>환불 내역</h4>
      <ul data-testid="booking-refunds">
        {refunds.map((refund) => (
          <li key={refund.id} data-testid="booking-refund" data-status={refund.status}>
            <div className="booking-refund-row">
              <span>
                <span className="strong">{refund.kindLabel}</span>
                <span className="block muted small">
                  {formatDateTime(refund.doneAt ?? refund.createdAt, timeZone)}
                  {refund.reason ? ` · ${refund.reason}` : ''}
                </span>
              </span>
              <span className="booking-refund-amount">
                <span className="strong">{formatWon(refund.amountPg)}</span>
                {refund.points > 0 && <span className="block muted small">포인트 {formatWon(refund.points)}</span>}
              </span>
              <span className={`badge ${refundBadge(refund.status)}`}>{refund.statusLabel}</span>
            </div>
            {refund.errorMessage && <p className="form-error small">{refund.errorMessage}</p>}
            {refund.status === 'failed' && canRetry && (
              <button
                type="button"
                className="btn btn-sm"
                disabled={retry.isPending}
                onClick={() =>
                  retry.mutate(refund.id, {
                    onSuccess: () => toast('환불을 다시 요청했습니다.', 'success'),
                    onError: (error) => toast(errorMessage(error), 'error'),
                  })
                }
              >
                {retry.isPending && retry.variables === refund.id ? '요청 중…' : '다시 시도'}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** 결제만 취소 (PAY-2): after 이용완료, refund what is left of the payment and keep the booking 이용완료. */
function CancelPaymentDialog({ booking, onClose }: { booking: PartnerBooking; onClose: () => void }) {
  const toast = useToast();
  const cancel = useCancelPaymentOnly(booking);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const payment = booking.payment;
  return (
    <ConfirmDialog
      title="결제만 취소"
      confirmLabel="결제 취소"
      cancelLabel="닫기"
      danger
      busy={cancel.isPending}
      error={error}
      onCancel={onClose}
      onConfirm={() => {
        setError(null);
        cancel.mutate(reason.trim(), {
          onSuccess: () => {
            toast('결제를 취소하고 환불을 요청했습니다.', 'success');
            onClose();
          },
          onError: (err) => setError(errorMessage(err)),
        });
      }}
    >
      <p>
        <strong>{booking.customerName}</strong> 님의 예약 {booking.bookingNumber}은 이용완료로 두고, 결제 금액 중 남은 <strong>{formatWon(payment?.balancePg ?? 0)}</strong>을 환불합니다
        {payment && payment.points > 0 ? ' (사용한 포인트 포함)' : ''}.
      </p>
      <label className="field">
        <span>취소 사유</span>
        <textarea rows={3} value={reason} onChange={(event) => setReason(event.target.value)} placeholder="예: 서비스 불만족으로 결제를 취소합니다." maxLength={200} />
      </label>
      <div className="hint hint-warning">결제 취소는 되돌릴 수 없습니다. 정산에서는 결제취소로 빠집니다.</div>
    </ConfirmDialog>
  );
}
