import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { BookingShell } from './components';
import { normalizePhoneInput, rememberBookingPhone } from './publicApi';

/** 예약조회: booking number + phone → the booking view. */
export function LookupPage() {
  const navigate = useNavigate();
  const [bookingNumber, setBookingNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<{ number?: string; phone?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const number = bookingNumber.replace(/\s/g, '');
    const next: typeof errors = {};
    if (!number) next.number = '예약번호를 입력해 주세요.';
    else if (!/^\d{8,12}$/.test(number)) next.number = '예약번호는 숫자 8자리 이상입니다. 예약 완료 화면이나 안내 문자에서 확인해 주세요.';
    if (!phone.trim()) next.phone = '휴대폰 번호를 입력해 주세요.';
    setErrors(next);
    if (next.number || next.phone) return;
    const normalized = normalizePhoneInput(phone);
    rememberBookingPhone(number, normalized);
    navigate(`/book/bookings/${encodeURIComponent(number)}`);
  };

  return (
    <BookingShell title="예약 조회" back={-1}>
      <section className="bk-section">
        <h2 className="bk-section-title">예약 조회</h2>
        <p className="bk-muted">예약 완료 화면의 예약번호와 예약할 때 입력한 휴대폰 번호를 넣어 주세요.</p>
        <form className="bk-form" onSubmit={submit} noValidate>
          <div className="bk-field">
            <label htmlFor="bk-lookup-number">예약번호</label>
            <input
              id="bk-lookup-number"
              inputMode="numeric"
              autoComplete="off"
              placeholder="예: 10000123"
              value={bookingNumber}
              onChange={(e) => setBookingNumber(e.target.value)}
              aria-invalid={Boolean(errors.number)}
              aria-describedby={errors.number ? 'bk-lookup-number-error' : undefined}
            />
            {errors.number && (
              <p id="bk-lookup-number-error" className="bk-field-error">
                {errors.number}
              </p>
            )}
          </div>
          <div className="bk-field">
            <label htmlFor="bk-lookup-phone">휴대폰 번호</label>
            <input
              id="bk-lookup-phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel-national"
              placeholder="010-1234-5678"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              aria-invalid={Boolean(errors.phone)}
              aria-describedby={errors.phone ? 'bk-lookup-phone-error' : undefined}
            />
            {errors.phone && (
              <p id="bk-lookup-phone-error" className="bk-field-error">
                {errors.phone}
              </p>
            )}
          </div>
          <button type="submit" className="bk-btn bk-btn-primary bk-btn-block">
            조회하기
          </button>
        </form>
      </section>
    </BookingShell>
  );
}
