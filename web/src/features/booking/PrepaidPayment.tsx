import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import type { BookingLineInput, CheckoutQuote } from '../../api/models';
import { formatWon } from '../../../../src/shared/format';
import { formatDeduction } from '../../ui/money';
import { maxUsablePoints, parsePointsInput, payableBeforePoints } from './checkout';
import { RESELECT_CODES } from './model';
import { publicApi } from './publicApi';

/**
 * 예약 시 결제 (PAY-1): the price the customer will pay, from the server's
 * quote, with the shop's coupon and the customer's points applied. What is
 * applied only changes when the server accepts it: a refused coupon or
 * amount of points leaves the last accepted price on screen, with the
 * reason under its field.
 */

export interface AppliedInstruments {
  couponCode: string;
  points: number;
  /** The phone the points were looked up for (normalized), '' before one is entered. */
  phone: string;
}

const NONE: AppliedInstruments = { couponCode: '', points: 0, phone: '' };

type Target = 'coupon' | 'points' | 'phone' | 'initial';

export interface QuoteErrors {
  coupon?: string;
  points?: string;
  form?: string;
}

/** Codes that are about the coupon the customer typed. */
const isCouponError = (code: string) => code.startsWith('COUPON_') || code === 'PAYMENT_COUPON_NOT_APPLICABLE';
/** Codes that are about the points the customer asked for (or what is left to pay by card). */
const isPointsError = (code: string) => code === 'PAYMENT_POINTS_INVALID' || code === 'PAYMENT_BELOW_MINIMUM';

export function useCheckoutQuote(input: { productId: string; holdId: string; lines: BookingLineInput[]; onReselect: (message: string) => void; enabled: boolean }) {
  const { productId, holdId, lines, onReselect, enabled } = input;
  const [quote, setQuote] = useState<CheckoutQuote | null>(null);
  const [applied, setApplied] = useState<AppliedInstruments>(NONE);
  const [errors, setErrors] = useState<QuoteErrors>({});
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);
  const appliedRef = useRef(applied);
  appliedRef.current = applied;
  const linesRef = useRef(lines);
  linesRef.current = lines;

  const request = useCallback(
    (next: AppliedInstruments) =>
      publicApi.quoteCheckout({
        productId,
        holdId,
        lines: linesRef.current,
        ...(next.phone ? { phone: next.phone } : {}),
        ...(next.couponCode ? { couponCode: next.couponCode } : {}),
        ...(next.points > 0 ? { points: next.points } : {}),
      }),
    [productId, holdId],
  );

  /** Asks for the price with `change` applied on top of what is; true when the server took it. */
  const apply = useCallback(
    async (change: Partial<AppliedInstruments>, target: Target): Promise<boolean> => {
      const next = { ...appliedRef.current, ...change };
      const id = ++latest.current;
      setBusy(true);
      try {
        let answer: CheckoutQuote;
        try {
          answer = await request(next);
        } catch (error) {
          // A new phone with fewer points than were applied: keep the phone, drop the points.
          if (target === 'phone' && next.points > 0 && error instanceof ApiError && isPointsError(error.code)) {
            next.points = 0;
            answer = await request(next);
            if (id === latest.current) setErrors((e) => ({ ...e, points: '이 번호로 쓸 수 있는 포인트가 부족해 포인트 사용을 취소했습니다.' }));
          } else throw error;
        }
        if (id !== latest.current) return false;
        setQuote(answer);
        setApplied(next);
        setErrors((e) => ({ ...e, form: undefined, ...(target === 'coupon' ? { coupon: undefined } : {}), ...(target === 'points' ? { points: undefined } : {}) }));
        return true;
      } catch (error) {
        if (id !== latest.current) return false;
        if (error instanceof ApiError && RESELECT_CODES.has(error.code)) {
          onReselect(error.message);
        } else if (error instanceof ApiError && target === 'coupon' && isCouponError(error.code)) {
          setErrors((e) => ({ ...e, coupon: error.message }));
        } else if (error instanceof ApiError && target === 'points' && isPointsError(error.code)) {
          setErrors((e) => ({ ...e, points: error.message }));
        } else if (target === 'phone' && error instanceof ApiError && error.status === 400) {
          // A phone still being typed (or mistyped): the points wait for a valid one; submitting names the phone's problem.
        } else {
          setErrors((e) => ({ ...e, form: errorMessage(error) }));
        }
        return false;
      } finally {
        if (id === latest.current) setBusy(false);
      }
    },
    [request, onReselect],
  );

  useEffect(() => {
    if (enabled) void apply({}, 'initial');
    // The first price, once per hold.
  }, [holdId, enabled]);

  /** Errors of the checkout itself (POST /api/public/checkouts) that belong under the coupon or points field. */
  const showCheckoutError = useCallback((error: unknown): boolean => {
    if (!(error instanceof ApiError)) return false;
    if (isCouponError(error.code)) {
      setErrors((e) => ({ ...e, coupon: error.message }));
      return true;
    }
    if (isPointsError(error.code)) {
      setErrors((e) => ({ ...e, points: error.message }));
      return true;
    }
    return false;
  }, []);

  return { quote, applied, errors, busy, apply, showCheckoutError, setErrors };
}

interface PaymentFieldsProps {
  quote: CheckoutQuote | null;
  applied: AppliedInstruments;
  errors: QuoteErrors;
  busy: boolean;
  /** Locked once the order is made: what it charges is fixed. */
  locked: boolean;
  couponInput: string;
  onCouponInput: (value: string) => void;
  pointsInput: string;
  onPointsInput: (value: string) => void;
  onApply: (change: Partial<AppliedInstruments>, target: 'coupon' | 'points') => Promise<boolean>;
}

/** 쿠폰 번호, 포인트 사용 and the price: the prepaid part of the customer step. */
export function PaymentFields({ quote, applied, errors, busy, locked, couponInput, onCouponInput, pointsInput, onPointsInput, onApply }: PaymentFieldsProps) {
  const payable = quote ? payableBeforePoints(quote) : 0;
  const available = quote?.availablePoints ?? 0;
  const usable = maxUsablePoints(payable, available);
  const couponApplied = applied.couponCode !== '';
  const disabled = locked || busy;

  return (
    <div className="bk-pay" aria-labelledby="bk-pay-title" data-testid="prepaid-payment">
      <h3 id="bk-pay-title" className="bk-pay-title">
        결제
      </h3>

      <div className="bk-field">
        <label htmlFor="bk-coupon">
          쿠폰 번호 <span className="bk-optional">(선택)</span>
        </label>
        {couponApplied ? (
          <div className="bk-applied" data-testid="coupon-applied">
            <span>
              <strong>{quote?.couponLabel ?? applied.couponCode}</strong>
              <span className="bk-muted"> · {applied.couponCode}</span>
            </span>
            {!locked && (
              <button
                type="button"
                className="bk-link-btn"
                disabled={busy}
                onClick={() => {
                  onCouponInput('');
                  void onApply({ couponCode: '' }, 'coupon');
                }}
              >
                사용 안 함
              </button>
            )}
          </div>
        ) : (
          <div className="bk-inline">
            <input
              id="bk-coupon"
              name="couponCode"
              autoComplete="off"
              autoCapitalize="characters"
              placeholder="문자로 받은 쿠폰 번호"
              value={couponInput}
              maxLength={40}
              disabled={locked}
              onChange={(e) => onCouponInput(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  if (couponInput.trim()) void onApply({ couponCode: couponInput.trim() }, 'coupon');
                }
              }}
              aria-invalid={Boolean(errors.coupon)}
              aria-describedby={errors.coupon ? 'bk-coupon-error' : undefined}
            />
            <button type="button" className="bk-btn" disabled={disabled || !couponInput.trim()} onClick={() => void onApply({ couponCode: couponInput.trim() }, 'coupon')}>
              적용
            </button>
          </div>
        )}
        {errors.coupon && (
          <p id="bk-coupon-error" className="bk-field-error" role="alert" data-testid="coupon-error">
            {errors.coupon}
          </p>
        )}
      </div>

      <div className="bk-field">
        <label htmlFor="bk-points">
          포인트 사용 <span className="bk-optional">(선택)</span>
        </label>
        {!applied.phone ? (
          <p className="bk-field-help">휴대폰 번호를 입력하면 쓸 수 있는 포인트를 알려 드립니다.</p>
        ) : available === 0 && applied.points === 0 ? (
          <p className="bk-field-help" data-testid="points-none">
            쓸 수 있는 포인트가 없습니다.
          </p>
        ) : (
          <>
            <div className="bk-inline">
              <input
                id="bk-points"
                name="points"
                inputMode="numeric"
                autoComplete="off"
                placeholder="0"
                value={pointsInput}
                disabled={locked}
                onChange={(e) => onPointsInput(e.target.value.replace(/[^\d,]/g, ''))}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void onApply({ points: parsePointsInput(pointsInput) }, 'points');
                  }
                }}
                aria-invalid={Boolean(errors.points)}
                aria-describedby="bk-points-note"
              />
              <button
                type="button"
                className="bk-btn"
                disabled={disabled || usable === 0}
                onClick={() => {
                  onPointsInput(usable.toLocaleString('ko-KR'));
                  void onApply({ points: usable }, 'points');
                }}
              >
                모두 사용
              </button>
              <button type="button" className="bk-btn" disabled={disabled || parsePointsInput(pointsInput) === applied.points} onClick={() => void onApply({ points: parsePointsInput(pointsInput) }, 'points')}>
                적용
              </button>
            </div>
            <p id="bk-points-note" className="bk-field-help" data-testid="points-available">
              사용 가능 {available.toLocaleString('ko-KR')}P{usable < available && usable > 0 ? ` · 이번 결제에는 ${usable.toLocaleString('ko-KR')}P까지` : ''}
            </p>
          </>
        )}
        {errors.points && (
          <p className="bk-field-error" role="alert" data-testid="points-error">
            {errors.points}
          </p>
        )}
      </div>

      <PriceBreakdown quote={quote} busy={busy} />
    </div>
  );
}

function PriceBreakdown({ quote, busy }: { quote: CheckoutQuote | null; busy: boolean }) {
  if (!quote) return <p className="bk-hint">{busy ? '결제 금액을 계산하는 중…' : '결제 금액을 불러오지 못했습니다.'}</p>;
  return (
    <div className="bk-summary bk-pay-summary" data-testid="checkout-quote" aria-busy={busy}>
      <ul>
        <li>
          <span>상품 금액</span>
          <span>{formatWon(quote.gross)}</span>
        </li>
        {quote.couponBusiness > 0 && (
          <li>
            <span>쿠폰 할인{quote.couponLabel ? ` (${quote.couponLabel})` : ''}</span>
            <span className="bk-minus">{formatDeduction(quote.couponBusiness)}</span>
          </li>
        )}
        {quote.couponPlatform > 0 && (
          <li>
            <span>플랫폼 쿠폰</span>
            <span className="bk-minus">{formatDeduction(quote.couponPlatform)}</span>
          </li>
        )}
        {quote.points > 0 && (
          <li>
            <span>포인트 사용</span>
            <span className="bk-minus">{formatDeduction(quote.points)}</span>
          </li>
        )}
      </ul>
      <div className="bk-summary-total">
        <span>결제 금액</span>
        <strong data-testid="checkout-amount">{formatWon(quote.amount)}</strong>
      </div>
      {quote.amount === 0 && <p className="bk-summary-note">결제할 금액이 없어 결제창 없이 바로 예약됩니다.</p>}
    </div>
  );
}
