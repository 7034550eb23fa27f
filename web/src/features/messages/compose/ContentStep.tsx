import { useRef } from 'react';
import { useCurrentMe } from '../../auth/auth';
import { formatPhone } from '../../../../../src/shared/format';
import { addDays, todayKey } from '../../../../../src/shared/time';
import { VALIDITY_OPTIONS, couponLabel } from '../labels';
import { GIFT_NAME_MAX_BYTES, LMS_SUBJECT_MAX_BYTES, smsBytes, smsMeter } from '../smsBytes';
import type { MessageTemplate, Validity } from '../../../api/models';
import { VARIABLES, toCoupon, type ComposeState, type ContentErrors } from './model';

interface Props {
  state: ComposeState;
  templates: MessageTemplate[];
  errors: ContentErrors;
  serverErrors: Record<string, string>;
  update: (patch: Partial<ComposeState>) => void;
  onChangeTemplate: () => void;
}

const VALIDITY_DAYS: Record<Validity, number> = { same_day: 0, '3d': 3, '7d': 7, '30d': 30, '90d': 90, '365d': 365 };

export function ContentStep({ state, templates, errors, serverErrors, update, onChangeTemplate }: Props) {
  const me = useCurrentMe();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const template = templates.find((t) => t.key === state.templateKey);
  const giftBytes = smsBytes(state.giftName.trim());

  const fieldError = (key: keyof ContentErrors, ...serverKeys: string[]) => errors[key] ?? serverKeys.map((k) => serverErrors[k]).find(Boolean);

  /** Puts the variable where the cursor is, as typing it would. */
  function insertVariable(variable: string) {
    const area = bodyRef.current;
    const start = area?.selectionStart ?? state.body.length;
    const end = area?.selectionEnd ?? state.body.length;
    const body = state.body.slice(0, start) + variable + state.body.slice(end);
    update({ body });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + variable.length, start + variable.length);
    });
  }

  // The whole text as it will go out, with sample values: the server's count on the preview is the exact one.
  const today = todayKey(me.business.timeZone);
  const [, month, day] = (state.validity ? addDays(today, Math.max(0, VALIDITY_DAYS[state.validity] - 1)) : today).split('-').map(Number);
  const sampleText = [
    `(광고) ${me.business.name}`,
    state.body
      .trim()
      .replaceAll('#{이름}', '홍길동')
      .replaceAll('#{매장명}', me.business.name)
      .replaceAll('#{쿠폰}', couponLabel(toCoupon(state)) || '쿠폰')
      .replaceAll('#{유효기간}', `${month}월 ${day}일`)
      .replaceAll('#{쿠폰번호}', 'ABCD2345EF'),
    // Each recipient's own code (10 characters) goes on a line of its own unless the body places #{쿠폰번호}.
    state.body.includes('#{쿠폰번호}') ? '' : `쿠폰번호 ABCD2345EF (${month}월 ${day}일까지)`,
    me.business.phone ? `문의: ${formatPhone(me.business.phone)}` : '',
    '무료수신거부 080-…',
  ]
    .filter(Boolean)
    .join('\n');
  // The real last line carries the 080 number and each recipient's own opt-out link (all of one length).
  const optOutLine = `무료수신거부 080-000-0000 ${window.location.origin}/optout/${'x'.repeat(22)}`;
  const totalBytes = smsBytes(sampleText) - smsBytes('무료수신거부 080-…') + smsBytes(optOutLine);
  const meter = smsMeter(totalBytes);

  return (
    <div className="msg-step msg-content-step">
      <div className="msg-form">
        <div className="msg-field">
          <span className="msg-label">템플릿 선택</span>
          <div className="msg-template-current">
            <span className="strong">{template?.name ?? (state.templateKey || '선택 안 함')}</span>
            <button type="button" className="btn btn-sm" onClick={onChangeTemplate}>
              변경
            </button>
          </div>
          {fieldError('template', 'templateKey') && <p className="msg-field-error">{fieldError('template', 'templateKey')}</p>}
        </div>

        <label className="msg-field">
          <span className="msg-label">제목</span>
          <input
            value={state.title}
            onChange={(event) => update({ title: event.target.value })}
            placeholder="예: 단골 감사 쿠폰"
            aria-invalid={Boolean(fieldError('title', 'title'))}
          />
          {state.channel === 'sms' && (
            <span className={`muted msg-small${smsBytes(state.title.trim()) > LMS_SUBJECT_MAX_BYTES ? ' msg-over' : ''}`}>
              LMS 제목 {smsBytes(state.title.trim())}/{LMS_SUBJECT_MAX_BYTES} byte (넘는 부분은 휴대폰에서 잘려 보일 수 있어요)
            </span>
          )}
          {fieldError('title', 'title') && <span className="msg-field-error">{fieldError('title', 'title')}</span>}
        </label>

        <div className="msg-field">
          <label className="msg-label" htmlFor="msg-body">
            본문
          </label>
          <div className="msg-variables" aria-label="변수 넣기">
            {VARIABLES.map((variable) => (
              <button key={variable} type="button" className="msg-chip" onClick={() => insertVariable(variable)} title="커서 위치에 넣기">
                {variable}
              </button>
            ))}
          </div>
          <textarea
            id="msg-body"
            ref={bodyRef}
            rows={6}
            value={state.body}
            onChange={(event) => update({ body: event.target.value })}
            placeholder="#{이름}님, 늘 찾아주셔서 감사합니다. #{쿠폰} 쿠폰을 드려요."
            aria-invalid={Boolean(fieldError('body', 'body'))}
          />
          <span className="muted msg-small">#{'{이름}'} 등 변수는 받는 고객마다 바뀌어 발송돼요. 광고 표시와 수신거부 안내는 자동으로 붙어요.</span>
          {fieldError('body', 'body') && <span className="msg-field-error">{fieldError('body', 'body')}</span>}
        </div>

        <div className="msg-field">
          <span className="msg-label">쿠폰 유형</span>
          <div className="segmented msg-segmented" role="radiogroup" aria-label="쿠폰 유형">
            {(
              [
                ['discount', '할인 쿠폰'],
                ['gift', '증정 쿠폰'],
              ] as const
            ).map(([value, label]) => (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={state.couponType === value}
                className={state.couponType === value ? 'active' : undefined}
                onClick={() => update({ couponType: value })}
              >
                {label}
              </button>
            ))}
          </div>
          {fieldError('couponType', 'coupon', 'type') && <span className="msg-field-error">{fieldError('couponType', 'coupon', 'type')}</span>}
        </div>

        {state.couponType === 'discount' && (
          <div className="msg-field">
            <span className="msg-label">할인 유형</span>
            <div className="msg-inline">
              <select value={state.discountKind} onChange={(event) => update({ discountKind: event.target.value as 'percent' | 'won' })} aria-label="할인 단위">
                <option value="percent">%</option>
                <option value="won">원</option>
              </select>
              <input
                type="number"
                inputMode="numeric"
                min={1}
                max={state.discountKind === 'percent' ? 100 : undefined}
                className="msg-number"
                value={state.discountValue}
                onChange={(event) => update({ discountValue: event.target.value })}
                placeholder={state.discountKind === 'percent' ? '10' : '2000'}
                aria-label="할인 값"
                aria-invalid={Boolean(fieldError('discountValue', 'discountValue'))}
              />
              <span className="muted">{state.discountKind === 'percent' ? '% 할인' : '원 할인'}</span>
            </div>
            {fieldError('discountValue', 'discountValue', 'discountKind') && (
              <span className="msg-field-error">{fieldError('discountValue', 'discountValue', 'discountKind')}</span>
            )}
          </div>
        )}

        {state.couponType === 'gift' && (
          <label className="msg-field">
            <span className="msg-label">증정 상품</span>
            <div className="msg-input-counter">
              <input
                value={state.giftName}
                onChange={(event) => update({ giftName: event.target.value })}
                placeholder="예: 아메리카노 1잔"
                aria-invalid={Boolean(fieldError('giftName', 'giftName'))}
              />
              <span className={`msg-counter${giftBytes > GIFT_NAME_MAX_BYTES ? ' over' : ''}`} data-testid="gift-bytes">
                {giftBytes}/{GIFT_NAME_MAX_BYTES} byte
              </span>
            </div>
            {fieldError('giftName', 'giftName') && <span className="msg-field-error">{fieldError('giftName', 'giftName')}</span>}
          </label>
        )}

        <div className="msg-field">
          <span className="msg-label">유효 기간</span>
          <div className="segmented msg-segmented" role="radiogroup" aria-label="유효 기간">
            {VALIDITY_OPTIONS.map((option) => (
              <button
                key={option.value}
                type="button"
                role="radio"
                aria-checked={state.validity === option.value}
                className={state.validity === option.value ? 'active' : undefined}
                onClick={() => update({ validity: option.value })}
              >
                {option.label}
              </button>
            ))}
          </div>
          {state.validity && <span className="muted msg-small">{state.validity === 'same_day' ? '쿠폰은 발송 당일 자정까지 쓸 수 있어요.' : `쿠폰은 발송일부터 ${VALIDITY_DAYS[state.validity]}일 동안(마지막 날 자정까지) 쓸 수 있어요.`}</span>}
          {fieldError('validity', 'validity') && <span className="msg-field-error">{fieldError('validity', 'validity')}</span>}
        </div>
      </div>

      <aside className="msg-content-aside">
        <div className="msg-phone msg-phone-small" aria-label="예상 메시지">
          <div className="msg-bubble">{sampleText}</div>
        </div>
        {state.channel === 'sms' ? (
          <p className={`msg-byte-meter${meter.over ? ' over' : ''}`} data-testid="sms-bytes">
            <span className={`badge ${meter.kind === 'SMS' ? 'badge-green' : 'badge-amber'}`}>{meter.kind}</span> {totalBytes.toLocaleString('ko-KR')}/
            {meter.limit.toLocaleString('ko-KR')} byte
            <span className="muted msg-small block">
              {meter.kind === 'SMS' ? '90byte를 넘으면 LMS로 바뀌어 발송돼요.' : meter.over ? 'LMS 최대 길이를 넘었어요. 본문을 줄여 주세요.' : '90byte를 넘어 LMS로 발송돼요.'}
              {' '}변수는 예시 값으로 계산한 예상치예요.
            </span>
          </p>
        ) : (
          <p className="muted msg-small">알림톡으로 발송돼요. 예시 값으로 채운 모습이며, 정확한 내용은 미리보기에서 확인해요.</p>
        )}
      </aside>
    </div>
  );
}
