import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { BookingLineInput, BookingScheduleAvailability, Hold, PublicProduct, Slot } from '../../api/models';
import { formatWon } from '../../../../src/shared/format';
import { describeCancellationPolicy } from '../../../../src/shared/labels/bookings';
import { addDays, todayKey } from '../../../../src/shared/time';
import { Field } from '../../ui/Field';
import { fieldErrorsOf } from '../../ui/fieldErrors';
import { BookingShell, ErrorView, LoadingView, NotFoundView, QuantityStepper, StepHeading } from './components';
import { PAYMENT_NOTES, formatClock, formatDateKey, formatInstant, productTimeZone } from './bookingFormat';
import {
  RESELECT_CODES,
  dateStatesOf,
  holdExpiry,
  maxForRow,
  priceRowsOf,
  remainingLabel,
  scheduleStatusLabel,
  schedulesOfDate,
  selectionOf,
  selfCancelClosed,
  sessionStatusText,
  sessionTimesOf,
  slotStatusText,
  slotsOfDate,
  stepsOf,
  visibleSteps,
  type SessionTime,
  type SummaryLine,
} from './model';
import { MonthCalendar, addMonthsToKey, monthKeyOf, monthRange } from './MonthCalendar';
import { isNotFound, normalizePhoneInput, publicApi, rememberBookingPhone, useAvailability, usePublicProduct } from './publicApi';
import { CANCELLED_MESSAGE, forgetCheckout, isPaymentCancel, orderExpiry, parsePointsInput, pendingCheckoutOf, rememberCheckout, type PendingCheckout } from './checkout';
import { PaymentFields, useCheckoutQuote } from './PrepaidPayment';
import { openPaymentWindow, paymentWindowError } from './paymentWindow';
import { ConsentFields, type BookingConsentsState } from './ConsentFields';
import { ClosedDayNotice } from './ClosedDayNotice';
import { closedReasonsOf } from './closedDays';

/** 상품 페이지: the whole booking on one screen, step by step (BOOK-7). */
export function ProductPage() {
  const { productId = '' } = useParams();
  const product = usePublicProduct(productId);

  if (product.isError && isNotFound(product.error)) {
    return <NotFoundView title="상품을 찾을 수 없습니다" detail="예약을 마감했거나 업체가 더 이상 공개하지 않는 상품일 수 있습니다. 받은 링크를 다시 확인해 주세요." />;
  }
  if (product.isPending || product.isError) {
    return (
      <BookingShell title="예약하기" back={-1}>
        {product.isPending ? <LoadingView /> : <ErrorView error={product.error} onRetry={() => product.refetch()} />}
      </BookingShell>
    );
  }
  return <BookingFlow key={product.data.id} product={product.data} />;
}

function BookingFlow({ product }: { product: PublicProduct }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const timeZone = productTimeZone(product);
  const today = todayKey(timeZone);
  const isTimeSlot = product.bookingType === 'time_slot';
  const isAlways = product.bookingType === 'always';
  const opensAt = product.bookingOpensAt && Date.parse(product.bookingOpensAt) > Date.now() ? product.bookingOpensAt : null;

  const [monthKey, setMonthKey] = useState(() => monthKeyOf(today));
  const [autoAdvance, setAutoAdvance] = useState(true);
  const [date, setDate] = useState<string | null>(null);
  const [slotStart, setSlotStart] = useState<string | null>(null);
  const [sessionTime, setSessionTime] = useState<string | null>(null);
  const [slotQuantity, setSlotQuantity] = useState(1);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [hold, setHold] = useState<Hold | null>(null);
  const [holdBusy, setHoldBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const prepaid = product.paymentMode === 'prepaid';
  /** 예약 시 결제: what the footer's 결제하기 charges, from the customer step's quote. */
  const [payAmount, setPayAmount] = useState<number | null>(null);
  /** LAW-1: 예약하기 / 결제하기 waits for the required 개인정보 수집·이용 consent. */
  const [privacyAgreed, setPrivacyAgreed] = useState(false);

  // The month shown, from today on; 상시형 has no calendar and asks for the next 62 days.
  const range = useMemo(() => {
    if (isAlways) return { from: today, to: addDays(today, 61) };
    const { first, last } = monthRange(monthKey);
    return { from: first < today ? today : first, to: last };
  }, [isAlways, monthKey, today]);
  const availability = useAvailability(product.id, range.from, range.to);
  const data = availability.data;

  const dateStates = useMemo(() => dateStatesOf(data), [data]);
  const closedReasons = useMemo(() => closedReasonsOf(data, today), [data, today]);
  const maxMonth = useMemo(() => {
    if (data?.kind === 'time_slot' && data.lastDate) return monthKeyOf(data.lastDate);
    return addMonthsToKey(monthKeyOf(today), isTimeSlot ? 6 : 12);
  }, [data, today, isTimeSlot]);
  const minMonth = monthKeyOf(today);

  // Late in a month the first bookable day is often in the next one: look there once, by itself.
  useEffect(() => {
    if (!autoAdvance || isAlways || !data || availability.isFetching) return;
    setAutoAdvance(false);
    if (dateStates.size === 0 && monthKey < maxMonth) setMonthKey(addMonthsToKey(monthKey, 1));
  }, [autoAdvance, isAlways, data, availability.isFetching, dateStates, monthKey, maxMonth]);

  const dateSlots: Slot[] = useMemo(() => slotsOfDate(data, date), [data, date]);
  const selectedSlot = dateSlots.find((s) => s.startsAt === slotStart && s.status === 'bookable') ?? null;
  const dateSchedules: BookingScheduleAvailability[] = useMemo(() => schedulesOfDate(data, date, product.bookingType), [data, date, product.bookingType]);
  const sessionTimes = useMemo(() => sessionTimesOf(dateSchedules), [dateSchedules]);
  const priceRows = priceRowsOf(dateSchedules, product.bookingType, sessionTime);

  const maxPerBooking = product.maxQuantityPerBooking || 10;
  const unitPrice = product.priceAmount ?? product.prices[0]?.amount ?? null;
  const { lines, summary, totalAmount, totalQuantity } = selectionOf({
    bookingType: product.bookingType,
    slot: selectedSlot,
    slotQuantity,
    unitPrice,
    unitLabel: product.prices[0]?.name ?? '인원',
    priceRows,
    quantities,
  });

  const holdRef = useRef<Hold | null>(null);
  holdRef.current = hold;
  // A customer who leaves mid-way gives the seats back at once instead of after 10 minutes.
  useEffect(
    () => () => {
      if (holdRef.current) publicApi.releaseHold(holdRef.current.holdId).catch(() => {});
    },
    [],
  );

  const refreshAvailability = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: keys.booking.availabilityOf(product.id) });
  }, [queryClient, product.id]);

  const resetChoice = useCallback(
    (message: string) => {
      setHold(null);
      setSlotStart(null);
      setSlotQuantity(1);
      setQuantities({});
      setNotice(message);
      refreshAvailability();
    },
    [refreshAvailability],
  );

  const chooseDate = (next: string) => {
    setDate(next);
    setSlotStart(null);
    setSessionTime(null);
    setSlotQuantity(1);
    setQuantities({});
    setNotice(null);
  };

  const goToMonth = (next: string) => {
    setAutoAdvance(false);
    setMonthKey(next);
    // A date of another month has no availability loaded any more: choose again.
    setDate(null);
    setSlotStart(null);
    setSessionTime(null);
    setQuantities({});
  };

  const startHold = async () => {
    if (lines.length === 0) return;
    setHoldBusy(true);
    setNotice(null);
    try {
      const created = await publicApi.createHold(product.id, lines);
      // The countdown runs on this device's clock.
      setHold({ ...created, expiresAt: holdExpiry(created.expiresAt, Date.now()) });
    } catch (error) {
      if (error instanceof ApiError && RESELECT_CODES.has(error.code)) resetChoice(error.message);
      else setNotice(errorMessage(error));
    } finally {
      setHoldBusy(false);
    }
  };

  const changeChoice = () => {
    if (hold) publicApi.releaseHold(hold.holdId).catch(() => {});
    setHold(null);
    refreshAvailability();
  };

  // The order of a prepaid booking keeps the held seats until it is paid or runs out: leaving must not give them back.
  const onOrdered = useCallback(() => {
    holdRef.current = null;
  }, []);

  const onBooked = (bookingNumber: string, phone: string) => {
    holdRef.current = null;
    rememberBookingPhone(bookingNumber, phone);
    navigate(`/book/bookings/${encodeURIComponent(bookingNumber)}`);
  };

  const step = stepsOf(product.bookingType);

  const recapOf = (): string => {
    const when = isTimeSlot
      ? selectedSlot
        ? `${formatDateKey(date ?? '')} ${formatClock(selectedSlot.startsAt, timeZone)}`
        : ''
      : isAlways
        ? ''
        : `${formatDateKey(date ?? '')}${sessionTime ? ` ${sessionTime}` : ''}`;
    const what = summary.map((l) => `${l.label} ${l.quantity}${isTimeSlot ? '명' : ''}`).join(', ');
    const total = totalAmount !== null ? formatWon(totalAmount) : '';
    return [when, what, total].filter(Boolean).join(' · ');
  };

  const shown = visibleSteps(product.bookingType, { date, slotStart, sessionTime, slotQuantity, quantities }, selectedSlot);
  const showTimeStep = shown.time;
  const showQuantityStep = shown.quantity;
  const canContinue = !opensAt && lines.length > 0 && !hold;

  // The footer stays on screen, so a refusal (sold out, hold expired) is read where the customer tapped.
  const noticeBar = notice && (
    <div className="bk-notice bk-notice-error bk-footer-notice" role="alert" data-testid="booking-notice">
      {notice}
    </div>
  );
  const action = opensAt ? (
    <div className="bk-open-soon" data-testid="booking-opens-at">
      예약 오픈 예정: {formatInstant(opensAt, timeZone)}
    </div>
  ) : hold ? (
    <button type="submit" form="bk-customer-form" className="bk-btn bk-btn-primary bk-btn-block" data-testid="booking-submit" disabled={!privacyAgreed} title={privacyAgreed ? undefined : '개인정보 수집·이용에 동의해 주세요.'}>
      {prepaid
        ? payAmount !== null
          ? `${formatWon(payAmount)} 결제하기`
          : '결제하기'
        : totalAmount !== null && totalAmount > 0
          ? `${formatWon(totalAmount)} 예약하기`
          : '예약하기'}
    </button>
  ) : (
    <button type="button" className="bk-btn bk-btn-primary bk-btn-block" disabled={!canContinue || holdBusy} onClick={startHold}>
      {holdBusy ? '자리 확인 중…' : lines.length === 0 ? '다음' : `${totalQuantity}${isTimeSlot ? '명' : '개'} 선택 · 다음`}
    </button>
  );
  const footer = (
    <>
      {noticeBar}
      {action}
    </>
  );

  return (
    <BookingShell title={product.name} back={`/book/places/${product.place.id}`} footer={footer}>
      <section className="bk-section bk-product-head">
        <div className="bk-badges">
          <span className="bk-badge">{product.bookingTypeLabel}</span>
          <span className={`bk-badge ${product.confirmationMode === 'instant' ? 'bk-badge-green' : 'bk-badge-amber'}`}>
            {product.confirmationModeLabel}
          </span>
          <span className="bk-badge bk-badge-grey">{product.paymentModeLabel}</span>
        </div>
        <h2 className="bk-place-name">{product.name}</h2>
        <p className="bk-muted">
          <Link to={`/book/places/${product.place.id}`}>{product.place.name}</Link>
          {product.place.address ? ` · ${product.place.address}` : ''}
        </p>
        {product.description && <p className="bk-pre">{product.description}</p>}
        {isTimeSlot && unitPrice !== null && <p className="bk-product-price">1명 {formatWon(unitPrice)}</p>}
        <p className="bk-muted">
          <Link to={`/book/places/${product.place.id}/inquiry?productId=${encodeURIComponent(product.id)}`}>이 상품 문의하기</Link>
        </p>
        {opensAt && (
          <p className="bk-notice bk-notice-info" role="status">
            예약 오픈 예정: {formatInstant(opensAt, timeZone)}
            <br />
            오픈 시각부터 예약하실 수 있습니다.
          </p>
        )}
      </section>

      <fieldset className="bk-fieldset" disabled={hold !== null}>
        <legend className="bk-visually-hidden">예약 선택</legend>
        {!isAlways && (
          <section className="bk-section" aria-labelledby="bk-step-date">
            <StepHeading step={step.date} title="날짜 선택" id="bk-step-date" />
            <MonthCalendar
              monthKey={monthKey}
              today={today}
              dates={dateStates}
              closed={closedReasons}
              selected={date}
              onSelect={chooseDate}
              onPrev={() => goToMonth(addMonthsToKey(monthKey, -1))}
              onNext={() => goToMonth(addMonthsToKey(monthKey, 1))}
              canPrev={monthKey > minMonth}
              canNext={monthKey < maxMonth}
              loading={availability.isFetching}
            />
            <ClosedDayNotice availability={data} today={today} />
            {availability.isPending ? (
              <LoadingView label="예약 가능한 날짜를 확인하는 중…" />
            ) : availability.isError ? (
              <ErrorView error={availability.error} onRetry={() => availability.refetch()} />
            ) : dateStates.size === 0 ? (
              <div className="bk-empty" data-testid="no-dates">
                <p>{monthKey === minMonth ? '예약 가능한 날짜가 없습니다.' : '이 달에는 예약 가능한 날짜가 없습니다.'}</p>
                {monthKey < maxMonth && (
                  <button type="button" className="bk-btn" onClick={() => goToMonth(addMonthsToKey(monthKey, 1))}>
                    다음 달 보기
                  </button>
                )}
              </div>
            ) : (
              date === null && <p className="bk-hint">{opensAt ? '날짜를 고르면 오픈 예정인 시간을 미리 볼 수 있습니다.' : '예약할 날짜를 골라 주세요.'}</p>
            )}
          </section>
        )}

        {showTimeStep && (
          <section className="bk-section" aria-labelledby="bk-step-time">
            <StepHeading step={step.time} title="시간 선택" id="bk-step-time">
              {date && <span className="bk-step-sub">{formatDateKey(date)}</span>}
            </StepHeading>
            {isTimeSlot ? (
              <SlotPicker
                slots={dateSlots}
                timeZone={timeZone}
                selected={slotStart}
                onSelect={(startsAt) => {
                  setSlotStart(startsAt);
                  setSlotQuantity(1);
                  setNotice(null);
                }}
              />
            ) : (
              <SessionPicker
                times={sessionTimes}
                selected={sessionTime}
                onSelect={(time) => {
                  setSessionTime(time);
                  setQuantities({});
                  setNotice(null);
                }}
              />
            )}
          </section>
        )}

        {showQuantityStep && (
          <section className="bk-section" aria-labelledby="bk-step-quantity">
            <StepHeading step={step.quantity} title={isTimeSlot ? '인원 선택' : '인원/수량 선택'} id="bk-step-quantity">
              <span className="bk-step-sub">한 번에 최대 {maxPerBooking}{isTimeSlot ? '명' : '개'}</span>
            </StepHeading>
            {isAlways && <PeriodNote rows={priceRows} />}
            {isTimeSlot && selectedSlot ? (
              <div className="bk-price-row">
                <div>
                  <p className="bk-price-name">{product.prices?.[0]?.name ?? '인원'}</p>
                  <p className="bk-muted">
                    {unitPrice !== null ? `${formatWon(unitPrice)} · ` : ''}
                    {remainingLabel(selectedSlot.remaining)}
                  </p>
                </div>
                <QuantityStepper label="인원" value={slotQuantity} min={1} max={Math.min(selectedSlot.remaining, maxPerBooking)} onChange={setSlotQuantity} />
              </div>
            ) : isAlways && availability.isError ? (
              <ErrorView error={availability.error} onRetry={() => availability.refetch()} />
            ) : priceRows.length === 0 ? (
              <p className="bk-empty">{isAlways && availability.isPending ? '불러오는 중…' : '예약할 수 있는 가격이 없습니다.'}</p>
            ) : (
              <ul className="bk-price-list">
                {priceRows.map((row) => {
                  const value = quantities[row.id] ?? 0;
                  const bookable = row.status === 'bookable';
                  const max = maxForRow(row, quantities, priceRows, maxPerBooking);
                  return (
                    <li key={row.id} className={`bk-price-row${bookable ? '' : ' is-unavailable'}`}>
                      <div>
                        <p className="bk-price-name">{row.priceName}</p>
                        <p className="bk-muted">
                          {formatWon(row.amount)} · {bookable ? remainingLabel(row.remaining) : scheduleStatusLabel(row.status)}
                        </p>
                      </div>
                      <QuantityStepper
                        label={row.priceName}
                        value={value}
                        max={max}
                        disabled={!bookable}
                        onChange={(next) => setQuantities((q) => ({ ...q, [row.id]: next }))}
                      />
                    </li>
                  );
                })}
              </ul>
            )}
            {summary.length > 0 && <Summary lines={summary} total={totalAmount} product={product} />}
          </section>
        )}
      </fieldset>

      {hold && (
        <CustomerStep
          recap={recapOf()}
          step={step.customer}
          product={product}
          hold={hold}
          onChange={changeChoice}
          onExpired={() => resetChoice('선택한 자리의 유지 시간(10분)이 지났습니다. 다시 선택해 주세요.')}
          onReselect={resetChoice}
          lines={lines}
          onBooked={onBooked}
          onOrdered={onOrdered}
          onPayAmount={setPayAmount}
          onPrivacyAgreed={setPrivacyAgreed}
        />
      )}
    </BookingShell>
  );
}

function SlotPicker({ slots, timeZone, selected, onSelect }: { slots: Slot[]; timeZone: string; selected: string | null; onSelect: (startsAt: string) => void }) {
  if (slots.length === 0) return <p className="bk-empty">이 날짜에는 예약 가능한 시간이 없습니다.</p>;
  const morning = slots.filter((s) => Number(formatClock(s.startsAt, timeZone).slice(0, 2)) < 12);
  const afternoon = slots.filter((s) => !morning.includes(s));
  const group = (title: string, list: Slot[]) =>
    list.length > 0 && (
      <div className="bk-slot-group">
        <h3 className="bk-slot-group-title">{title}</h3>
        <div className="bk-slot-grid">
          {list.map((slot) => {
            const time = formatClock(slot.startsAt, timeZone);
            const unavailable = slot.status !== 'bookable';
            const status = slotStatusText(slot);
            return (
              <button
                key={slot.startsAt}
                type="button"
                className={`bk-slot${slot.startsAt === selected ? ' is-selected' : ''}${unavailable ? ' is-unavailable' : ''}`}
                aria-label={`${time} ${status}`}
                aria-pressed={slot.startsAt === selected}
                aria-disabled={unavailable || undefined}
                data-testid="slot"
                data-starts-at={slot.startsAt}
                onClick={() => !unavailable && onSelect(slot.startsAt)}
              >
                <span className="bk-slot-time">{time}</span>
                <span className="bk-slot-status">{status}</span>
              </button>
            );
          })}
        </div>
      </div>
    );
  return (
    <>
      {group('오전', morning)}
      {group('오후', afternoon)}
    </>
  );
}

function SessionPicker({ times, selected, onSelect }: { times: SessionTime[]; selected: string | null; onSelect: (time: string) => void }) {
  if (times.length === 0) return <p className="bk-empty">이 날짜에는 예약 가능한 시간이 없습니다.</p>;
  return (
    <div className="bk-slot-grid">
      {times.map((t) => {
        const unavailable = t.status !== 'bookable';
        const status = sessionStatusText(t);
        return (
          <button
            key={t.time}
            type="button"
            className={`bk-slot${t.time === selected ? ' is-selected' : ''}${unavailable ? ' is-unavailable' : ''}`}
            aria-label={`${t.time} ${status}`}
            aria-pressed={t.time === selected}
            aria-disabled={unavailable || undefined}
            data-testid="slot"
            onClick={() => !unavailable && onSelect(t.time)}
          >
            <span className="bk-slot-time">{t.time}</span>
            <span className="bk-slot-status">{status}</span>
          </button>
        );
      })}
    </div>
  );
}

function PeriodNote({ rows }: { rows: BookingScheduleAvailability[] }) {
  const usage = rows.find((r) => r.usage.kind === 'period')?.usage;
  if (!usage || usage.kind !== 'period') return null;
  return (
    <p className="bk-notice bk-notice-info">
      이용기간: {formatDateKey(usage.from)} ~ {formatDateKey(usage.to)}
    </p>
  );
}

function Summary({ lines, total, product }: { lines: SummaryLine[]; total: number | null; product: PublicProduct }) {
  return (
    <div className="bk-summary" data-testid="booking-summary">
      <ul>
        {lines.map((line) => (
          <li key={line.label}>
            <span>
              {line.label} × {line.quantity}
            </span>
            <span>{line.unitAmount !== null ? formatWon(line.unitAmount * line.quantity) : '-'}</span>
          </li>
        ))}
      </ul>
      <div className="bk-summary-total">
        <span>총 금액</span>
        <strong>{total !== null ? formatWon(total) : '현장 안내'}</strong>
      </div>
      <p className="bk-summary-note">
        <strong>{product.paymentModeLabel}</strong> · {PAYMENT_NOTES[product.paymentMode]}
      </p>
      {product.confirmationMode === 'approval' && <p className="bk-summary-note">업체 확인 후 확정되는 상품입니다. 확정되기 전까지는 확정대기 상태입니다.</p>}
    </div>
  );
}

interface CustomerStepProps {
  /** What is held, in one line, since the choice above is scrolled away. */
  recap: string;
  step: number;
  product: PublicProduct;
  hold: Hold;
  lines: BookingLineInput[];
  onChange: () => void;
  onExpired: () => void;
  onReselect: (message: string) => void;
  onBooked: (bookingNumber: string, phone: string) => void;
  /** 예약 시 결제: the order is made; its seats are held for it now. */
  onOrdered: () => void;
  onPayAmount: (amount: number | null) => void;
  /** LAW-1: whether the required consent is ticked (the footer's button waits for it). */
  onPrivacyAgreed: (agreed: boolean) => void;
}

function CustomerStep({ recap, step, product, hold, lines, onChange, onExpired, onReselect, onBooked, onOrdered, onPayAmount, onPrivacyAgreed }: CustomerStepProps) {
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [request, setRequest] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [consents, setConsents] = useState<BookingConsentsState>({ privacy: false, marketing: false });
  const [errors, setErrors] = useState<{ name?: string; phone?: string; agree?: string; privacy?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const prepaid = product.paymentMode === 'prepaid';
  const payment = useCheckoutQuote({ productId: product.id, holdId: hold.holdId, lines, onReselect, enabled: prepaid });
  const [couponInput, setCouponInput] = useState('');
  const [pointsInput, setPointsInput] = useState('');
  /** The order once 결제하기 made it: paying again reopens its window instead of making another. */
  const [order, setOrder] = useState<PendingCheckout | null>(null);
  const [payNotice, setPayNotice] = useState<string | null>(null);
  const secondsLeft = useSecondsLeft(order ? order.expiresAt : hold.expiresAt);
  const sectionRef = useRef<HTMLElement>(null);

  useEffect(() => {
    onPrivacyAgreed(consents.privacy);
  }, [consents.privacy, onPrivacyAgreed]);
  useEffect(() => () => onPrivacyAgreed(false), [onPrivacyAgreed]);

  const quotedAmount = payment.quote?.amount ?? null;
  useEffect(() => {
    onPayAmount(prepaid ? quotedAmount : null);
  }, [prepaid, quotedAmount, onPayAmount]);

  const lookUpPoints = () => {
    if (!prepaid || order) return;
    const normalized = normalizePhoneInput(phone);
    if (normalized.replace(/\D/g, '').length >= 10 && normalized !== payment.applied.phone) void payment.apply({ phone: normalized }, 'phone');
  };

  const pay = async (pending: PendingCheckout) => {
    setBusy(true);
    setPayNotice(null);
    try {
      await openPaymentWindow(pending);
      // The local payment page replaces this one; Toss's window returns to /book/pay/… by itself.
    } catch (error) {
      const refused = paymentWindowError(error);
      setPayNotice(isPaymentCancel(refused.code) ? `${CANCELLED_MESSAGE} 다시 결제하려면 아래 결제하기를 눌러 주세요.` : refused.message);
      setBusy(false);
    }
  };

  useEffect(() => {
    sectionRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    sectionRef.current?.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    if (secondsLeft > 0 || busy) return;
    if (order) {
      forgetCheckout(order.orderId);
      onReselect('결제 시간이 지났습니다. 결제되지 않았으니 다시 선택해 주세요.');
    } else onExpired();
  }, [secondsLeft, busy, onExpired, onReselect, order]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const next: typeof errors = {};
    if (!name.trim()) next.name = '이름을 입력해 주세요.';
    if (!phone.trim()) next.phone = '휴대폰 번호를 입력해 주세요.';
    if (!agreed) next.agree = '취소 규정에 동의해 주세요.';
    if (!consents.privacy) next.privacy = '개인정보 수집·이용에 동의해 주세요.';
    setErrors(next);
    if (prepaid && order) {
      if (Object.keys(next).length === 0) void pay(order);
      return;
    }
    if (prepaid) {
      const unapplied: { coupon?: string; points?: string } = {};
      if (couponInput.trim() && couponInput.trim() !== payment.applied.couponCode) unapplied.coupon = '‘적용’을 눌러 쿠폰을 확인하거나 쿠폰 번호를 지워 주세요.';
      if (parsePointsInput(pointsInput) !== payment.applied.points) unapplied.points = '‘적용’을 눌러 포인트 사용 금액을 확인해 주세요.';
      if (unapplied.coupon || unapplied.points) {
        payment.setErrors((e) => ({ ...e, ...unapplied }));
        return;
      }
      if (payment.busy) return;
      if (!payment.quote) {
        void payment.apply({}, 'initial');
        return;
      }
    }
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    const normalizedPhone = normalizePhoneInput(phone);
    if (prepaid) {
      await checkout(normalizedPhone);
      return;
    }
    try {
      const booking = await publicApi.createBooking({
        productId: product.id,
        holdId: hold.holdId,
        lines,
        customer: { name: name.trim(), phone: normalizedPhone },
        ...(request.trim() ? { request: request.trim() } : {}),
        consents,
      });
      onBooked(booking.bookingNumber, normalizedPhone);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && RESELECT_CODES.has(error.code)) {
        onReselect(error.message);
      } else {
        const fields = fieldErrorsOf(error, { PHONE_INVALID: 'customer.phone', PRIVACY_CONSENT_REQUIRED: 'consents.privacy' });
        const named = { name: fields.get('customer.name'), phone: fields.get('customer.phone'), privacy: fields.get('consents.privacy') };
        setErrors(named.name || named.phone || named.privacy ? named : { form: errorMessage(error) });
      }
    }
  };

  /** 예약 시 결제: the order (or, at 0원, the booking) and then the payment window. */
  const checkout = async (normalizedPhone: string) => {
    let made;
    try {
      made = await publicApi.createCheckout({
        productId: product.id,
        holdId: hold.holdId,
        lines,
        customer: { name: name.trim(), phone: normalizedPhone },
        ...(request.trim() ? { request: request.trim() } : {}),
        consents,
        ...(payment.applied.couponCode ? { couponCode: payment.applied.couponCode } : {}),
        ...(payment.applied.points > 0 ? { points: payment.applied.points } : {}),
      });
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && RESELECT_CODES.has(error.code)) return onReselect(error.message);
      if (payment.showCheckoutError(error)) return;
      const fields = fieldErrorsOf(error, { PHONE_INVALID: 'customer.phone', PRIVACY_CONSENT_REQUIRED: 'consents.privacy' });
      const named = { name: fields.get('customer.name'), phone: fields.get('customer.phone'), privacy: fields.get('consents.privacy') };
      setErrors(named.name || named.phone || named.privacy ? named : { form: errorMessage(error) });
      return;
    }
    if (made.status === 'paid') {
      if (made.booking) return onBooked(made.booking.bookingNumber, normalizedPhone);
      setBusy(false);
      setErrors({ form: '예약을 확인하지 못했습니다. 예약조회에서 휴대폰 번호로 확인해 주세요.' });
      return;
    }
    const pending = pendingCheckoutOf(made, { customerPhone: normalizedPhone, productId: product.id, placeId: product.place.id });
    if (!pending) {
      setBusy(false);
      setErrors({ form: '결제창 정보를 받지 못했습니다. 잠시 후 다시 시도해 주세요.' });
      return;
    }
    const kept = { ...pending, expiresAt: orderExpiry(pending.expiresAt, Date.now()) };
    rememberCheckout(kept);
    setOrder(kept);
    onOrdered();
    await pay(kept);
  };

  const minutes = Math.floor(Math.max(secondsLeft, 0) / 60);
  const seconds = String(Math.max(secondsLeft, 0) % 60).padStart(2, '0');

  return (
    <section className="bk-section" aria-labelledby="bk-step-customer" ref={sectionRef}>
      <StepHeading step={step} title={prepaid ? '예약자 정보 · 결제' : '예약자 정보'} id="bk-step-customer">
        {!order && (
          <button type="button" className="bk-link-btn" onClick={onChange}>
            선택 변경
          </button>
        )}
      </StepHeading>
      <p className="bk-recap" data-testid="booking-recap">
        {recap}
      </p>
      <p className="bk-hold-timer" role="timer" aria-live="off">
        {order ? (
          <>
            <strong>{minutes}:{seconds}</strong> 안에 결제를 마쳐 주세요. 그동안 자리를 잡아 둡니다.
          </>
        ) : (
          <>
            선택한 자리를 <strong>{minutes}:{seconds}</strong> 동안 잡아 두었습니다.
          </>
        )}
      </p>
      <form id="bk-customer-form" className="bk-form" onSubmit={submit} noValidate aria-busy={busy}>
        <fieldset className="bk-fieldset bk-form-group" disabled={order !== null}>
          <legend className="bk-visually-hidden">예약자 정보</legend>
          <Field tone="booking" label="이름" error={errors.name}>
            <input name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={50} />
          </Field>
          <Field tone="booking" label="휴대폰 번호" error={errors.phone} errorTestId="phone-error" help="예약 확인과 조회에 쓰입니다.">
            <input
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel-national"
              placeholder="010-1234-5678"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              onBlur={lookUpPoints}
              maxLength={20}
            />
          </Field>
          <div className="bk-field">
            <label htmlFor="bk-request">
              요청사항 <span className="bk-optional">(선택)</span>
            </label>
            <textarea id="bk-request" name="request" rows={3} maxLength={500} value={request} onChange={(e) => setRequest(e.target.value)} />
          </div>
        </fieldset>

        {prepaid && (
          <PaymentFields
            quote={payment.quote}
            applied={payment.applied}
            errors={payment.errors}
            busy={payment.busy}
            locked={order !== null}
            couponInput={couponInput}
            onCouponInput={setCouponInput}
            pointsInput={pointsInput}
            onPointsInput={setPointsInput}
            onApply={payment.apply}
          />
        )}
        {prepaid && payment.errors.form && (
          <p className="bk-notice bk-notice-error" role="alert">
            {payment.errors.form}
          </p>
        )}

        <div className="bk-policy" aria-labelledby="bk-policy-title">
          <h3 id="bk-policy-title">취소 규정</h3>
          <ul>
            {describeCancellationPolicy(product.cancellationPolicy).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {selfCancelClosed(product.cancellationPolicy, lines) && (
            <p className="bk-notice bk-notice-warn" role="note" data-testid="no-self-cancel">
              이 시간은 직접 취소할 수 있는 기한이 이미 지났습니다. 예약한 뒤에는 고객님이 직접 취소할 수 없고, 취소하려면 업체에 문의해야 합니다.
            </p>
          )}
        </div>
        <div className="bk-field">
          <label className="bk-check">
            <input
              type="checkbox"
              checked={agreed}
              onChange={(e) => setAgreed(e.target.checked)}
              aria-invalid={Boolean(errors.agree)}
              aria-describedby={errors.agree ? 'bk-agree-error' : undefined}
            />
            <span>취소 규정을 확인했으며 동의합니다 (필수)</span>
          </label>
          {errors.agree && (
            <p id="bk-agree-error" className="bk-field-error">
              {errors.agree}
            </p>
          )}
        </div>
        <ConsentFields value={consents} onChange={setConsents} error={errors.privacy} disabled={order !== null} />
        {errors.form && (
          <p className="bk-notice bk-notice-error" role="alert">
            {errors.form}
          </p>
        )}
        {order && !payNotice && !busy && (
          <p className="bk-notice bk-notice-info" role="status">
            주문을 만들었습니다. 결제를 마치면 예약이 완료됩니다.
          </p>
        )}
        {payNotice && (
          <p className="bk-notice bk-notice-warn" role="status" data-testid="pay-notice">
            {payNotice}
          </p>
        )}
        {busy && <p className="bk-hint">{prepaid ? (order ? '결제창을 여는 중…' : '결제를 준비하는 중…') : '예약하는 중…'}</p>}
      </form>
    </section>
  );
}

function useSecondsLeft(expiresAt: string): number {
  const compute = useCallback(() => Math.round((Date.parse(expiresAt) - Date.now()) / 1000), [expiresAt]);
  const [seconds, setSeconds] = useState(compute);
  useEffect(() => {
    const id = window.setInterval(() => setSeconds(compute()), 1000);
    return () => window.clearInterval(id);
  }, [compute]);
  return seconds;
}
