import { useEffect, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/client';

interface ShellProps {
  title: string;
  /** Where the back arrow leads; -1 = browser history. Omit for no arrow. */
  back?: string | -1;
  children: ReactNode;
  footer?: ReactNode;
}

/** The phone-sized frame of every booking page: a sticky header, the content, an optional sticky action bar. */
export function BookingShell({ title, back, children, footer }: ShellProps) {
  const navigate = useNavigate();
  useEffect(() => {
    document.title = `${title} · 예약`;
  }, [title]);
  return (
    <div className="bk-app">
      <header className="bk-header">
        {back !== undefined ? (
          <button type="button" className="bk-header-back" aria-label="뒤로" onClick={() => (back === -1 ? navigate(-1) : navigate(back))}>
            <span aria-hidden="true">‹</span>
          </button>
        ) : (
          <span className="bk-header-spacer" />
        )}
        <h1 className="bk-header-title">{title}</h1>
        <Link to="/book/lookup" className="bk-header-link">
          예약조회
        </Link>
      </header>
      <main className="bk-main">{children}</main>
      {footer && <div className="bk-footer">{footer}</div>}
    </div>
  );
}

export function LoadingView({ label = '불러오는 중…' }: { label?: string }) {
  return (
    <div className="bk-state" role="status" aria-live="polite">
      <span className="bk-spinner" aria-hidden="true" />
      <p>{label}</p>
    </div>
  );
}

export function ErrorView({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="bk-state" role="alert">
      <p className="bk-state-title">불러오지 못했습니다</p>
      <p className="bk-muted">{errorMessage(error)}</p>
      {onRetry && (
        <button type="button" className="bk-btn" onClick={onRetry}>
          다시 시도
        </button>
      )}
    </div>
  );
}

export function NotFoundView({
  title = '페이지를 찾을 수 없습니다',
  detail = '주소가 바뀌었거나 더 이상 공개하지 않는 페이지일 수 있습니다. 받은 링크를 다시 확인해 주세요.',
}: {
  title?: string;
  detail?: string;
}) {
  return (
    <BookingShell title="예약">
      <div className="bk-state bk-notfound" data-testid="booking-not-found">
        <div className="bk-notfound-mark" aria-hidden="true">
          ?
        </div>
        <p className="bk-state-title">{title}</p>
        <p className="bk-muted">{detail}</p>
        <Link to="/book/lookup" className="bk-btn">
          내 예약 조회하기
        </Link>
      </div>
    </BookingShell>
  );
}

export function StepHeading({ step, title, id, children }: { step: number; title: string; id?: string; children?: ReactNode }) {
  return (
    <div className="bk-step-heading">
      <h2 id={id}>
        <span className="bk-step-no" aria-hidden="true">
          {step}
        </span>
        <span className="bk-visually-hidden">{step}. </span>
        {title}
      </h2>
      {children}
    </div>
  );
}

interface StepperProps {
  label: string;
  value: number;
  min?: number;
  max: number;
  onChange: (value: number) => void;
  disabled?: boolean;
}

/** A − value + control with 44px buttons; the value is announced with the label. */
export function QuantityStepper({ label, value, min = 0, max, onChange, disabled }: StepperProps) {
  return (
    <div className="bk-stepper" role="group" aria-label={`${label} 수량`}>
      <button type="button" className="bk-stepper-btn" aria-label={`${label} 빼기`} disabled={disabled || value <= min} onClick={() => onChange(value - 1)}>
        −
      </button>
      <output className="bk-stepper-value" aria-live="polite" aria-label={`${label} ${value}`}>
        {value}
      </output>
      <button type="button" className="bk-stepper-btn" aria-label={`${label} 더하기`} disabled={disabled || value >= max} onClick={() => onChange(value + 1)}>
        +
      </button>
    </div>
  );
}
