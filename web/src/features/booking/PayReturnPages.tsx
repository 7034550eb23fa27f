import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { CheckoutResult } from '../../api/models';
import { formatWon } from '../../../../src/shared/format';
import { BookingShell, LoadingView } from './components';
import {
  CONFIRM_POLL_MS,
  canPayAgain,
  failMessage,
  forgetCheckout,
  isPaymentCancel,
  readFailQuery,
  readSuccessQuery,
  recalledCheckout,
  type PendingCheckout,
} from './checkout';
import { openPaymentWindow, paymentWindowError } from './paymentWindow';
import { publicApi, rememberBookingPhone } from './publicApi';

/**
 * Where the payment window comes back to (PAY-1): /book/pay/success with
 * paymentKey, orderId and amount, which the server confirms and books; and
 * /book/pay/fail with the window's code and message. The order the tab kept
 * (checkout.ts) names the product to go back to and can open the window again.
 */

/** One confirm per order and page load, however often React runs the effect (StrictMode runs it twice). */
const confirms = new Map<string, Promise<CheckoutResult>>();

function confirmOnce(orderId: string, body: { paymentKey: string; amount: number }): Promise<CheckoutResult> {
  let pending = confirms.get(orderId);
  if (!pending) {
    pending = publicApi.confirmCheckout(orderId, body);
    confirms.set(orderId, pending);
    // A failed call may be tried again (the 다시 시도 button).
    pending.catch(() => confirms.delete(orderId));
  }
  return pending;
}

type Failure = { title: string; message: string; retry: boolean };

/** What the customer reads when the confirm did not book. */
function failureOf(result: CheckoutResult): Failure | null {
  if (result.outcome === 'failed') return { title: '결제하지 못했습니다', message: result.errorMessage ?? '결제가 승인되지 않았습니다. 결제되지 않았으니 다시 시도해 주세요.', retry: false };
  if (result.outcome === 'refunded') {
    return {
      title: '예약하지 못했습니다',
      message: `${result.errorMessage ? `${result.errorMessage} ` : ''}예약을 완료하지 못해 결제를 취소했습니다. 결제한 금액은 환불됩니다.`,
      retry: false,
    };
  }
  return null;
}

function failureOfError(error: unknown): Failure {
  const temporary = error instanceof ApiError && (error.status === 0 || error.status >= 500);
  return {
    title: temporary ? '결제를 확인하지 못했습니다' : '결제하지 못했습니다',
    message: temporary ? `${errorMessage(error)} 결제가 되었다면 다시 시도하면 예약이 완료됩니다.` : errorMessage(error),
    retry: temporary,
  };
}

export function PaySuccessPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = readSuccessQuery(location.search);
  const pending = recalledCheckout(query?.orderId ?? null);
  const [state, setState] = useState<{ kind: 'confirming' } | { kind: 'processing'; since: number } | { kind: 'failed'; failure: Failure }>(() =>
    query ? { kind: 'confirming' } : { kind: 'failed', failure: { title: '결제 정보를 확인할 수 없습니다', message: '결제창에서 돌아온 주소가 올바르지 않습니다. 예약 조회에서 예약을 확인해 주세요.', retry: false } },
  );
  const [attempt, setAttempt] = useState(0);

  const settle = (result: CheckoutResult) => {
    if (result.outcome === 'booked' && result.booking) {
      const booking = result.booking;
      const phone = pending?.customerPhone ?? (booking.customerPhoneMasked ? null : booking.customerPhone);
      forgetCheckout(result.orderId);
      if (phone) {
        rememberBookingPhone(booking.bookingNumber, phone);
        queryClient.setQueryData(keys.booking.booking(booking.bookingNumber, phone), booking);
      }
      void queryClient.invalidateQueries({ queryKey: keys.booking.availabilityOf(booking.product.id) });
      // The done screen, with this address (and its paymentKey) left out of the history.
      navigate(`/book/bookings/${encodeURIComponent(booking.bookingNumber)}`, { replace: true, state: { paidAmount: result.amount } });
      return;
    }
    const failure = failureOf(result);
    if (failure) {
      forgetCheckout(result.orderId);
      setState({ kind: 'failed', failure });
    } else setState((s) => (s.kind === 'processing' ? s : { kind: 'processing', since: Date.now() }));
  };

  useEffect(() => {
    if (!query) return;
    let live = true;
    confirmOnce(query.orderId, { paymentKey: query.paymentKey, amount: query.amount }).then(
      (result) => live && settle(result),
      (error) => live && setState({ kind: 'failed', failure: failureOfError(error) }),
    );
    return () => {
      live = false;
    };
  }, [query?.orderId, attempt]);

  // 202: the payment is still being confirmed; ask every 2 seconds until it is booked, failed or refunded.
  const poll = useQuery({
    queryKey: keys.booking.checkout(query?.orderId ?? ''),
    queryFn: () => publicApi.getCheckout(query?.orderId ?? ''),
    enabled: state.kind === 'processing' && Boolean(query),
    refetchInterval: (q) => (q.state.data && q.state.data.outcome !== 'processing' ? false : CONFIRM_POLL_MS),
    // A lost connection is asked again; an order the server does not know (4xx) is not.
    retry: (_, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    gcTime: 0,
  });
  useEffect(() => {
    if (state.kind !== 'processing') return;
    if (poll.data && poll.data.outcome !== 'processing') settle(poll.data);
    else if (poll.isError) setState({ kind: 'failed', failure: failureOfError(poll.error) });
  }, [poll.data, poll.isError, state.kind]);

  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (state.kind !== 'processing') return;
    const id = window.setInterval(() => setNow(Date.now()), 5000);
    return () => window.clearInterval(id);
  }, [state.kind]);

  return (
    // While the payment is confirmed there is nowhere to go back to: leaving does not stop it.
    <BookingShell title="결제" back={pending && state.kind === 'failed' ? `/book/products/${pending.productId}` : undefined}>
      {state.kind === 'failed' ? (
        <PayFailure pending={pending} title={state.failure.title} message={state.failure.message} onRetry={state.failure.retry ? () => setAttempt((n) => n + 1) : undefined} />
      ) : (
        <section className="bk-section" data-testid="pay-confirming">
          <LoadingView label={state.kind === 'processing' ? '결제를 확인하고 있습니다' : '결제를 확인하는 중…'} />
          <p className="bk-muted bk-center">창을 닫거나 뒤로 가지 말고 잠시만 기다려 주세요.</p>
          {state.kind === 'processing' && now - state.since > 60_000 && (
            <p className="bk-notice bk-notice-info" role="status">
              확인이 늦어지고 있습니다. 결제가 완료되면 예약이 자동으로 확정되며, 예약 조회에서 휴대폰 번호로 확인할 수 있습니다.
            </p>
          )}
          {query && <p className="bk-field-help bk-center">결제 금액 {formatWon(query.amount)}</p>}
        </section>
      )}
    </BookingShell>
  );
}

export function PayFailPage() {
  const location = useLocation();
  const { code, message, orderId } = readFailQuery(location.search);
  const pending = recalledCheckout(orderId);
  const cancelled = isPaymentCancel(code);
  return (
    <BookingShell title="결제" back={pending ? `/book/products/${pending.productId}` : undefined}>
      <PayFailure pending={pending} title={cancelled ? '결제창을 닫았습니다' : '결제하지 못했습니다'} message={failMessage(code, message)} canPayAgain code={code} />
    </BookingShell>
  );
}

interface PayFailureProps {
  pending: PendingCheckout | null;
  title: string;
  message: string;
  /** The fail page: the same order may be paid again while it holds its seats. */
  canPayAgain?: boolean;
  code?: string;
  onRetry?: () => void;
}

function PayFailure({ pending, title, message, canPayAgain: offerAgain, code, onRetry }: PayFailureProps) {
  const [opening, setOpening] = useState(false);
  const [windowError, setWindowError] = useState<string | null>(null);
  const again = offerAgain && canPayAgain(pending, Date.now());

  const payAgain = async () => {
    if (!pending) return;
    setOpening(true);
    setWindowError(null);
    try {
      await openPaymentWindow(pending);
    } catch (error) {
      const refused = paymentWindowError(error);
      setWindowError(isPaymentCancel(refused.code) ? '결제를 취소했습니다. 결제되지 않았습니다.' : refused.message);
      setOpening(false);
    }
  };

  return (
    <>
      <section className="bk-section">
        <div className="bk-state" role="alert" data-testid="pay-failed">
          <div className="bk-notfound-mark" aria-hidden="true">
            !
          </div>
          <p className="bk-state-title">{title}</p>
          <p className="bk-muted" data-testid="pay-failed-message">
            {message}
          </p>
          {code && !isPaymentCancel(code) && <p className="bk-field-help">오류 코드 {code}</p>}
        </div>
        {pending && (
          <dl className="bk-info-list">
            <div>
              <dt>주문</dt>
              <dd>{pending.orderName}</dd>
            </div>
            <div>
              <dt>결제 금액</dt>
              <dd>{formatWon(pending.amount)}</dd>
            </div>
          </dl>
        )}
        {windowError && (
          <p className="bk-notice bk-notice-warn" role="status">
            {windowError}
          </p>
        )}
      </section>
      <div className="bk-section bk-actions">
        {onRetry && (
          <button type="button" className="bk-btn bk-btn-primary bk-btn-block" onClick={onRetry}>
            다시 시도
          </button>
        )}
        {again && (
          <>
            <button type="button" className="bk-btn bk-btn-primary bk-btn-block" onClick={payAgain} disabled={opening} data-testid="pay-again">
              {opening ? '결제창을 여는 중…' : `${formatWon(pending.amount)} 다시 결제하기`}
            </button>
            <p className="bk-field-help bk-center">결제 시간 안에는 같은 주문으로 다시 결제할 수 있습니다.</p>
          </>
        )}
        {pending ? (
          <Link to={`/book/products/${pending.productId}`} className={`bk-btn bk-btn-block${again || onRetry ? '' : ' bk-btn-primary'}`} data-testid="back-to-product">
            상품으로 돌아가기
          </Link>
        ) : (
          <Link to="/book/lookup" className="bk-btn bk-btn-block">
            예약 조회
          </Link>
        )}
      </div>
    </>
  );
}
