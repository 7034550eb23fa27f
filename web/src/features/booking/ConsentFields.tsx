import { useId, useState } from 'react';
import { MARKETING_CONSENT, PRIVACY_CONSENT } from '../../../../src/shared/labels/consents';

export interface BookingConsentsState {
  privacy: boolean;
  marketing: boolean;
}

interface ConsentFieldsProps {
  value: BookingConsentsState;
  onChange: (next: BookingConsentsState) => void;
  error?: string | undefined;
  disabled?: boolean;
}

/**
 * LAW-1: the booking page's two consents, worded by src/shared/labels/consents.ts
 * (the version the server records): 개인정보 수집·이용 (필수, with its items,
 * purposes, retention and the right to refuse behind 보기) and 광고성 정보
 * 수신 (선택). The page cannot book without the first; the server refuses too.
 */
export function ConsentFields({ value, onChange, error, disabled }: ConsentFieldsProps) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const errorId = useId();
  return (
    <fieldset className="bk-fieldset bk-consents" disabled={disabled} data-testid="booking-consents">
      <legend className="bk-visually-hidden">개인정보 동의</legend>
      <div className="bk-consent-row">
        <label className="bk-check">
          <input
            type="checkbox"
            checked={value.privacy}
            onChange={(e) => onChange({ ...value, privacy: e.target.checked })}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? errorId : undefined}
            data-testid="consent-privacy"
          />
          <span>{PRIVACY_CONSENT.label}</span>
        </label>
        <button type="button" className="bk-link-btn" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((o) => !o)}>
          {open ? '접기' : '보기'}
        </button>
      </div>
      {open && (
        <dl className="bk-consent-details" id={detailsId} data-testid="consent-privacy-details">
          <div>
            <dt>수집 항목</dt>
            <dd>{PRIVACY_CONSENT.items.join(', ')}</dd>
          </div>
          <div>
            <dt>이용 목적</dt>
            <dd>{PRIVACY_CONSENT.purposes.join(', ')}</dd>
          </div>
          <div>
            <dt>보유 기간</dt>
            <dd>{PRIVACY_CONSENT.retention}</dd>
          </div>
          <div>
            <dt>거부할 권리</dt>
            <dd>{PRIVACY_CONSENT.refusal}</dd>
          </div>
        </dl>
      )}
      {error && (
        <p id={errorId} className="bk-field-error">
          {error}
        </p>
      )}
      <label className="bk-check">
        <input type="checkbox" checked={value.marketing} onChange={(e) => onChange({ ...value, marketing: e.target.checked })} data-testid="consent-marketing" />
        <span>{MARKETING_CONSENT.label}</span>
      </label>
      <p className="bk-field-help">{MARKETING_CONSENT.description}</p>
    </fieldset>
  );
}
