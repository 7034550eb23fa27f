import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client';
import { copyText } from '../../ui/clipboard';
import { formatWon } from '../../../../src/shared/format';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { BookingShell, ErrorView, LoadingView } from './components';
import { formatClock, formatInstant, productTimeZone } from './bookingFormat';
import { PAYMENT_MODE_LABELS } from '../../../../src/shared/labels/products';
import { keys } from '../../api/keys';
import { formMessage } from '../../ui/fieldErrors';
import {
  forgetBookingPhone,
  normalizePhoneInput,
  publicApi,
  recalledBookingPhone,
  rememberBookingPhone,
  usePublicBooking,
  usePublicProduct,
} from './publicApi';
import type { PublicBooking } from '../../api/models';
import { formatDeduction } from '../../ui/money';

type PublicPayment = NonNullable<PublicBooking['payment']>;

/** What the success page passes on after a payment booked (PayReturnPages.tsx). */
interface DoneState {
  paidAmount?: number;
}

/** 예약 확인: right after booking (phone from this tab's session) or from 예약조회 (BOOK-7, BOOK-10). */
export function BookingPage() {
  const { bookingNumber = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const paidAmount = (location.state as DoneState | null)?.paidAmount;
  const [phone, setPhone] = useState<string | null>(() => recalledBookingPhone(bookingNumber));
  const booking = usePublicBooking(bookingNumber, phone);

  if (!phone) {
    return (
      <BookingShell title="예약 확인" back="/book/lookup">
        <PhonePrompt
          bookingNumber={bookingNumber}
          onSubmit={(entered) => {
            rememberBookingPhone(bookingNumber, entered);
            setPhone(entered);
          }}
        />
      </BookingShell>
    );
  }

  // A wrong number or phone (404) and a mistyped number (400) both mean: type them again.
  const notFound = booking.isError && booking.error instanceof ApiError && booking.error.status >= 400 && booking.error.status < 500;
  return (
    <BookingShell title="예약 확인" back={booking.data ? `/book/places/${booking.data.place.id}` : '/book/lookup'}>
      {booking.isPending ? (
        <LoadingView />
      ) : notFound ? (
        <div className="bk-state" role="alert">
          <p className="bk-state-title">예약을 찾을 수 없습니다</p>
          <p className="bk-muted">{formMessage(booking.error)}</p>
          <button
            type="button"
            className="bk-btn"
            onClick={() => {
              forgetBookingPhone(bookingNumber);
              navigate('/book/lookup');
            }}
          >
            다시 조회하기
          </button>
        </div>
      ) : booking.isError ? (
        <ErrorView error={booking.error} onRetry={() => booking.refetch()} />
      ) : (
        <BookingDetail booking={booking.data} phone={phone} paidAmount={paidAmount} />
      )}
    </BookingShell>
  );
}

function PhonePrompt({ bookingNumber, onSubmit }: { bookingNumber: string; onSubmit: (phone: string) => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) {
      setError('휴대폰 번호를 입력해 주세요.');
      return;
    }
    onSubmit(normalizePhoneInput(value));
  };
  return (
    <section className="bk-section">
      <h2 className="bk-section-title">예약번호 {bookingNumber}</h2>
      <p className="bk-muted">예약할 때 입력한 휴대폰 번호를 넣으면 예약 내용을 볼 수 있습니다.</p>
      <form className="bk-form" onSubmit={submit} noValidate>
        <div className="bk-field">
          <label htmlFor="bk-confirm-phone">휴대폰 번호</label>
          <input
            id="bk-confirm-phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel-national"
            placeholder="010-1234-5678"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? 'bk-confirm-phone-error' : undefined}
          />
          {error && (
            <p id="bk-confirm-phone-error" className="bk-field-error">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="bk-btn bk-btn-primary bk-btn-block">
          예약 확인
        </button>
      </form>
    </section>
  );
}

/** Sessions and slots end on the same day at a time worth showing; dates and periods do not. */
function hasClockTime(booking: PublicBooking): boolean {
  const type = booking.product.bookingType;
  return (type === 'time_slot' || type === 'date_time') && /\d{1,2}:\d{2}$/.test(booking.usageLabel);
}

function statusClass(status: PublicBooking['status']): string {
  switch (status) {
    case 'confirmed':
      return 'bk-badge-green';
    case 'pending':
      return 'bk-badge-amber';
    case 'completed':
      return 'bk-badge-blue';
    default:
      return 'bk-badge-grey';
  }
}

function BookingDetail({ booking, phone, paidAmount }: { booking: PublicBooking; phone: string; paidAmount?: number }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const product = usePublicProduct(booking.product.id);
  // A hidden product still has bookings; then the business's zone is the Korean default.
  const timeZone = productTimeZone(product.data);
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [cancelBusy, setCancelBusy] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [justCancelled, setJustCancelled] = useState(false);

  const copy = async () => {
    setCopied(await copyText(booking.bookingNumber));
    window.setTimeout(() => setCopied(false), 2000);
  };

  const cancel = async () => {
    setCancelBusy(true);
    setCancelError(null);
    try {
      const cancelled = await publicApi.cancelBooking(booking.bookingNumber, phone);
      queryClient.setQueryData(keys.booking.booking(booking.bookingNumber, phone), cancelled);
      void queryClient.invalidateQueries({ queryKey: keys.booking.availabilityOf(booking.product.id) });
      setConfirming(false);
      setJustCancelled(true);
    } catch (error) {
      setCancelError(errorMessage(error));
    } finally {
      setCancelBusy(false);
    }
  };

  const { cancellation } = booking;
  const isFinal = booking.status === 'cancelled' || booking.status === 'rejected';
  return (
    <>
      <section className="bk-section bk-booking-hero" data-testid="booking-result">
        <span className={`bk-badge bk-badge-lg ${statusClass(booking.status)}`} data-testid="booking-status">
          {booking.statusLabel}
        </span>
        {justCancelled && (
          <p className="bk-notice bk-notice-info" role="status">
            예약이 취소되었습니다.{refundedNow(booking.payment)}
          </p>
        )}
        {paidAmount !== undefined && !justCancelled && (
          <p className="bk-notice bk-notice-info" role="status" data-testid="paid-notice">
            {paidAmount > 0 ? `${formatWon(paidAmount)} 결제를 완료했습니다.` : '결제할 금액 없이 예약을 마쳤습니다.'}
          </p>
        )}
        {booking.status === 'pending' && <p className="bk-hero-note">업체 확인 후 확정됩니다. 확정되면 예약확정으로 바뀝니다.</p>}
        {booking.status === 'confirmed' && <p className="bk-hero-note">예약이 확정되었습니다.</p>}
        {booking.status === 'completed' && <p className="bk-hero-note">이용이 완료된 예약입니다.</p>}
        {booking.status === 'rejected' && <p className="bk-hero-note">업체 사정으로 예약이 거절되었습니다.</p>}
        {booking.status === 'cancelled' && (
          <p className="bk-hero-note">
            {booking.cancelledBy === 'business' ? '업체가 예약을 취소했습니다.' : '취소된 예약입니다.'}
            {/* A refund share means something only for what was paid at booking; 현장 결제 paid nothing yet. */}
            {booking.refundPercent != null && booking.paymentMode === 'prepaid' ? ` (환불 ${booking.refundPercent}%)` : ''}
          </p>
        )}
        <p className="bk-muted">예약번호</p>
        <div className="bk-booking-number-row">
          <strong className="bk-booking-number" data-testid="booking-number">
            {booking.bookingNumber}
          </strong>
          <button type="button" className="bk-btn bk-btn-sm" onClick={copy} aria-label="예약번호 복사">
            {copied ? '복사됨' : '복사'}
          </button>
        </div>
        <p className="bk-field-help">예약 조회와 취소에 예약번호와 휴대폰 번호가 필요합니다.</p>
      </section>

      <section className="bk-section">
        <h2 className="bk-section-title">예약 내용</h2>
        <dl className="bk-info-list">
          <div>
            <dt>장소</dt>
            <dd>
              <Link to={`/book/places/${booking.place.id}`}>{booking.place.name}</Link>
            </dd>
          </div>
          <div>
            <dt>상품</dt>
            <dd>{booking.product.name}</dd>
          </div>
          <div>
            <dt>이용일시</dt>
            <dd data-testid="booking-usage">
              {booking.usageLabel}
              {hasClockTime(booking) ? ` ~ ${formatClock(booking.usageEndsAt, timeZone)}` : ''}
            </dd>
          </div>
          <div>
            <dt>예약자</dt>
            <dd>
              {booking.customerName} · {booking.customerPhone}
            </dd>
          </div>
          {booking.request && (
            <div>
              <dt>요청사항</dt>
              <dd className="bk-pre">{booking.request}</dd>
            </div>
          )}
        </dl>
      </section>

      <section className="bk-section">
        <h2 className="bk-section-title">예약상세</h2>
        <ul className="bk-line-list">
          {booking.lines.map((line) => (
            <li key={line.detailNumber}>
              <div>
                <p className="bk-price-name">
                  {line.priceName} × {line.quantity}
                </p>
                <p className="bk-muted">예약상세번호 {line.detailNumber}</p>
              </div>
              <span>{formatWon(line.unitAmount * line.quantity)}</span>
            </li>
          ))}
        </ul>
        <div className="bk-summary-total">
          <span>총 금액</span>
          <strong>{formatWon(booking.totalAmount)}</strong>
        </div>
        <p className="bk-summary-note">{PAYMENT_MODE_LABELS[booking.paymentMode] ?? booking.paymentMode}</p>
      </section>

      {booking.payment && <PaymentSection payment={booking.payment} timeZone={timeZone} />}

      <section className="bk-section bk-policy">
        <h2 className="bk-section-title">취소 규정</h2>
        <ul>
          {cancellation.policyText.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {!isFinal && cancellation.canCancel && cancellation.deadline && (
          <p className="bk-field-help">
            {booking.paymentMode === 'prepaid'
              ? `${formatInstant(cancellation.deadline, timeZone)}까지 취소하면 ${cancellation.refundPercent ?? 100}% 환불됩니다.`
              : `${formatInstant(cancellation.deadline, timeZone)}까지 직접 취소할 수 있습니다. 결제 전 예약이라 취소 수수료는 없습니다.`}
          </p>
        )}
        {!isFinal && !cancellation.canCancel && booking.status !== 'completed' && (
          <p className="bk-field-help">취소 가능 기한이 지나 직접 취소할 수 없습니다. 업체에 문의해 주세요.</p>
        )}
      </section>

      <div className="bk-section bk-actions">
        {!isFinal && cancellation.canCancel && (
          <button type="button" className="bk-btn bk-btn-danger bk-btn-block" onClick={() => setConfirming(true)}>
            예약 취소
          </button>
        )}
        <button type="button" className="bk-btn bk-btn-block" onClick={() => navigate(`/book/products/${booking.product.id}`)}>
          {isFinal ? '다시 예약하기' : '같은 상품 또 예약하기'}
        </button>
        <Link to="/book/lookup" className="bk-btn bk-btn-block bk-btn-ghost">
          다른 예약 조회
        </Link>
      </div>

      {confirming && (
        <ConfirmDialog
          title="예약을 취소할까요?"
          confirmLabel="예약 취소"
          cancelLabel="닫기"
          danger
          busy={cancelBusy}
          error={cancelError}
          onConfirm={cancel}
          onCancel={() => {
            setConfirming(false);
            setCancelError(null);
          }}
        >
          <p>
            {booking.usageLabel} {booking.product.name} 예약을 취소합니다.
          </p>
          {booking.payment?.cancelRefund ? (
            <p data-testid="cancel-refund">
              취소하면 <strong>{formatWon(booking.payment.cancelRefund.amountPg)}</strong>이 환불됩니다 (환불 {booking.payment.cancelRefund.percent}%).
              {booking.payment.cancelRefund.points > 0 && ` 사용한 포인트 ${booking.payment.cancelRefund.points.toLocaleString('ko-KR')}P도 돌려드립니다.`}
            </p>
          ) : (
            <p>
              {booking.paymentMode === 'prepaid' ? (
                <>
                  지금 취소하면 <strong>{cancellation.refundPercent ?? 100}% 환불</strong> 규정이 적용됩니다.
                </>
              ) : (
                '결제하지 않은 예약이라 환불할 금액은 없습니다.'
              )}
            </p>
          )}
          <p className="bk-muted">취소한 예약은 되돌릴 수 없습니다.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** " 12,000원 환불을 요청했습니다." after a cancel whose refund the server wrote. */
function refundedNow(payment: PublicBooking['payment']): string {
  const refund = payment?.refunds.at(-1);
  if (!refund || refund.amountPg + refund.points === 0) return '';
  return refund.amountPg > 0 ? ` ${formatWon(refund.amountPg)} 환불을 요청했습니다.` : ' 사용한 포인트를 돌려드렸습니다.';
}

/** 결제 (PAY-1, PAY-2): what was paid, with what, and every refund since. */
function PaymentSection({ payment, timeZone }: { payment: PublicPayment; timeZone: string }) {
  const discounts = payment.couponBusiness + payment.couponPlatform + payment.points > 0;
  return (
    <section className="bk-section" data-testid="booking-payment">
      <h2 className="bk-section-title">결제</h2>
      <dl className="bk-info-list">
        <div>
          <dt>결제 금액</dt>
          <dd>
            <strong data-testid="payment-amount">{formatWon(payment.amountPg)}</strong>
          </dd>
        </div>
        {payment.methodLabel && (
          <div>
            <dt>결제 수단</dt>
            <dd>{payment.methodLabel}</dd>
          </div>
        )}
        <div>
          <dt>결제 상태</dt>
          <dd data-testid="payment-status">{payment.statusLabel}</dd>
        </div>
        {payment.paidAt && (
          <div>
            <dt>결제일시</dt>
            <dd>{formatInstant(payment.paidAt, timeZone)}</dd>
          </div>
        )}
      </dl>
      {discounts && (
        <div className="bk-summary">
          <ul>
            <li>
              <span>상품 금액</span>
              <span>{formatWon(payment.amountGross)}</span>
            </li>
            {payment.couponBusiness > 0 && (
              <li>
                <span>쿠폰 할인</span>
                <span className="bk-minus">{formatDeduction(payment.couponBusiness)}</span>
              </li>
            )}
            {payment.couponPlatform > 0 && (
              <li>
                <span>플랫폼 쿠폰</span>
                <span className="bk-minus">{formatDeduction(payment.couponPlatform)}</span>
              </li>
            )}
            {payment.points > 0 && (
              <li>
                <span>포인트 사용</span>
                <span className="bk-minus">{formatDeduction(payment.points)}</span>
              </li>
            )}
          </ul>
          <div className="bk-summary-total">
            <span>결제 금액</span>
            <strong>{formatWon(payment.amountPg)}</strong>
          </div>
        </div>
      )}
      {payment.receiptUrl && (
        <p className="bk-field-help">
          <a href={payment.receiptUrl} target="_blank" rel="noreferrer">
            영수증 보기
          </a>
        </p>
      )}
      {payment.refunds.length > 0 && (
        <>
          <h3 className="bk-pay-title bk-refunds-title">환불 내역</h3>
          <ul className="bk-payment-refunds" data-testid="booking-refunds">
            {payment.refunds.map((refund) => (
              <li key={refund.id} data-testid="booking-refund">
                <div>
                  <p className="bk-price-name">{formatWon(refund.amountPg)}</p>
                  <p className="bk-muted">
                    {refund.kindLabel}
                    {refund.points > 0 ? ` · 포인트 ${refund.points.toLocaleString('ko-KR')}P` : ''} · {formatInstant(refund.doneAt ?? refund.createdAt, timeZone)}
                  </p>
                </div>
                <span className={`bk-badge ${refundBadge(refund.status)}`}>{refund.statusLabel}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function refundBadge(status: string): string {
  if (status === 'succeeded') return 'bk-badge-green';
  if (status === 'failed') return 'bk-badge-amber';
  return 'bk-badge-blue';
}
