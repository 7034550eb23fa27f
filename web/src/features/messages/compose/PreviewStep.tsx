import { useEffect, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../../api/client';
import { keys } from '../../../api/keys';
import { fieldErrorsOf } from '../../../ui/fieldErrors';
import { useCurrentMe } from '../../auth/auth';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { Modal } from '../../../ui/Modal';
import { formatFriendlyDateTime } from '../../../../../src/shared/format';
import { addDays, minutesOfDay, todayKey, toLocalInput, zonedToUtc } from '../../../../../src/shared/time';
import { CHANNEL_LABELS, QUIET_HOURS_TEXT, couponLabel, inQuietHours, periodLabel, validityLabel } from '../labels';
import { smsMeter } from '../smsBytes';
import type { Message } from '../../../api/models';
import { AudienceCounts } from './AudienceSummary';
import type { StepKey } from './model';
import { toAudience, toContent, toCoupon, toSettings, type ComposeState } from './model';

interface Props {
  state: ComposeState;
  editing?: Message;
  onEdit: (step: StepKey) => void;
  onSent: (message: Message, scheduled: boolean, recipients: number) => void;
  onSendError: (error: unknown) => void;
}

export function PreviewStep({ state, editing, onEdit, onSent, onSendError }: Props) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  // The composer opens this step only once the audience step is valid, so there is an audience.
  const body = { content: toContent(state), audience: toAudience(state)!, settings: toSettings(state) };
  const preview = useQuery({
    queryKey: keys.messages.preview(JSON.stringify(body)),
    queryFn: () => api.post('/api/messages/preview', { body }),
  });
  // A field the server refuses (e.g. a character SMS cannot carry) is shown beside that field, on its step.
  useEffect(() => {
    if (preview.error && fieldErrorsOf(preview.error).messages.length > 0) onSendError(preview.error);
  }, [preview.error]);
  const [scheduling, setScheduling] = useState(false);
  const [confirmingNow, setConfirmingNow] = useState(false);

  const create = useMutation({
    mutationFn: (sendAt: string | null) =>
      editing
        ? api.patch('/api/messages/{id}', { path: { id: editing.id }, body: { ...body, ...(sendAt ? { sendAt } : {}), version: editing.version } })
        : api.post('/api/messages', { body: { ...body, ...(sendAt ? { sendAt } : {}) } }),
    onSuccess: (message, sendAt) => onSent(message, sendAt !== null, preview.data?.recipients ?? 0),
    onError: onSendError,
  });

  const rendered = preview.data?.rendered;
  const recipients = preview.data?.recipients ?? 0;
  const nowQuiet = inQuietHours(minutesOfDay(new Date(), timeZone));
  const channelName = rendered ? (CHANNEL_LABELS[rendered.channel] ?? rendered.channel) : CHANNEL_LABELS[state.channel];

  return (
    <div className="msg-step msg-preview">
      <div className="msg-preview-phone">
        <div className="msg-phone" data-testid="message-preview">
          <div className="msg-phone-top">
            <span>{state.channel === 'alimtalk' ? '알림톡' : '문자 메시지'}</span>
          </div>
          {preview.isPending && <p className="muted center">미리보기를 만드는 중…</p>}
          {preview.isError && <p className="form-error">{errorMessage(preview.error)}</p>}
          {rendered && (
            <>
              {rendered.title && state.channel === 'alimtalk' && <div className="msg-bubble-title">{rendered.title}</div>}
              <div className="msg-bubble" data-testid="preview-text">
                {rendered.text}
              </div>
              {rendered.sampleName && <p className="muted msg-small center">{rendered.sampleName}님께 보내는 모습이에요.</p>}
            </>
          )}
        </div>
      </div>

      <div className="msg-preview-side">
        <section className="msg-summary">
          <div className="msg-summary-head">
            <h2>내용</h2>
            <button type="button" className="btn btn-sm" onClick={() => onEdit('content')}>
              ✎ 수정
            </button>
          </div>
          <dl className="msg-dl">
            <dt>발송 수단</dt>
            <dd data-testid="preview-channel">
              {channelName}
              {rendered && state.channel === 'sms' && (
                <span className="muted">
                  {' '}
                  · {smsMeter(rendered.bytes).kind} {rendered.bytes.toLocaleString('ko-KR')}/{smsMeter(rendered.bytes).limit.toLocaleString('ko-KR')} byte
                </span>
              )}
              {rendered && state.channel === 'alimtalk' && <span className="muted"> · {rendered.bytes.toLocaleString('ko-KR')} byte</span>}
            </dd>
            <dt>제목</dt>
            <dd>{state.title}</dd>
            <dt>쿠폰</dt>
            <dd>
              {couponLabel(toCoupon(state))} · 유효 기간 {validityLabel(state.validity || null)}
            </dd>
          </dl>
        </section>

        <section className="msg-summary">
          <div className="msg-summary-head">
            <h2>발송 대상</h2>
            <button type="button" className="btn btn-sm" onClick={() => onEdit('audience')}>
              ✎ 수정
            </button>
          </div>
          <AudienceCounts answer={preview.data} loading={preview.isFetching} />
          <dl className="msg-dl">
            <dt>발송 대상 제한</dt>
            <dd>{periodLabel(body.settings.visitorRestriction)}</dd>
            <dt>중복 발송 방지</dt>
            <dd>{periodLabel(body.settings.duplicatePrevention)}</dd>
            <dt>메시지 성과</dt>
            <dd>{periodLabel(body.settings.performance)}</dd>
            {preview.data?.estimate && (
              <>
                <dt>예상 비용</dt>
                <dd data-testid="preview-cost">
                  {preview.data.estimate.typeLabel} {preview.data.estimate.count.toLocaleString('ko-KR')}건 × {preview.data.estimate.unitPrice.toLocaleString('ko-KR')}원 ={' '}
                  <strong>{preview.data.estimate.amount.toLocaleString('ko-KR')}원</strong>
                  <span className="muted"> (부가세 별도)</span>
                  {preview.data.estimate.fallback && (
                    <span className="block muted msg-small">
                      카카오 채널 친구가 아닌 고객에게는 {preview.data.estimate.fallback.typeLabel}로 대신 보내요: 최대 {preview.data.estimate.fallback.amount.toLocaleString('ko-KR')}원 추가
                    </span>
                  )}
                </dd>
              </>
            )}
          </dl>
          <button type="button" className="link-btn" onClick={() => onEdit('settings')}>
            발송 설정 바꾸기
          </button>
        </section>

        {create.isError && <p className="form-error" data-testid="send-error">{errorMessage(create.error)}</p>}
        {!editing && nowQuiet && <p className="hint hint-warning">{QUIET_HOURS_TEXT} 지금은 예약 발송만 할 수 있어요.</p>}

        <div className="msg-send-actions">
          <button type="button" className="btn" disabled={!preview.data || recipients === 0 || create.isPending} onClick={() => setScheduling(true)}>
            {editing ? '예약 일시 변경·저장' : '예약 발송'}
          </button>
          {!editing && (
            <button type="button" className="btn btn-primary" disabled={!preview.data || recipients === 0 || create.isPending} onClick={() => setConfirmingNow(true)}>
              바로 발송
            </button>
          )}
        </div>
      </div>

      {scheduling && (
        <ScheduleDialog
          initial={editing?.sendAt}
          busy={create.isPending}
          error={create.isError ? errorMessage(create.error) : null}
          onCancel={() => {
            create.reset();
            setScheduling(false);
          }}
          onConfirm={(sendAt) => create.mutate(sendAt)}
          confirmLabel={editing ? '저장' : '예약 등록'}
        />
      )}
      {confirmingNow && (
        <ConfirmDialog
          title="바로 발송할까요?"
          confirmLabel="발송"
          busy={create.isPending}
          error={create.isError ? errorMessage(create.error) : nowQuiet ? QUIET_HOURS_TEXT : null}
          onCancel={() => {
            create.reset();
            setConfirmingNow(false);
          }}
          onConfirm={() => create.mutate(null)}
        >
          <p>
            <strong>{recipients.toLocaleString('ko-KR')}명</strong>에게 {channelName}를 지금 발송해요. 발송을 시작하면 취소할 수 없어요.
          </p>
          <p className="muted">알림톡·문자는 테스트 발송을 지원하지 않아요. 미리보기로 내용을 확인해 주세요.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** 예약 일시: a date and a time in the business's zone, never 21:00–08:00 (MSG-9). */
function ScheduleDialog({
  initial,
  busy,
  error,
  confirmLabel,
  onCancel,
  onConfirm,
}: {
  initial?: string;
  busy: boolean;
  error: string | null;
  confirmLabel: string;
  onCancel: () => void;
  onConfirm: (sendAt: string) => void;
}) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const today = todayKey(timeZone);
  const start = initial ? toLocalInput(initial, timeZone) : `${addDays(today, 1)}T10:00`;
  const [date, setDate] = useState(start.slice(0, 10));
  const [time, setTime] = useState(start.slice(11, 16));

  const match = /^(\d{2}):(\d{2})$/.exec(time);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : null;
  const sendAt = date && minutes !== null ? zonedToUtc(date, minutes, timeZone) : null;
  let problem: string | null = null;
  if (!date || minutes === null) problem = '예약 날짜와 시간을 선택해 주세요.';
  else if (inQuietHours(minutes)) problem = QUIET_HOURS_TEXT;
  else if (sendAt && sendAt.getTime() <= Date.now()) problem = '지난 시각에는 예약할 수 없어요.';

  return (
    <Modal title="예약 발송" onClose={busy ? () => {} : onCancel} width={420}>
      <div className="form-grid">
        <div className="field-row">
          <label className="field">
            <span>예약 날짜</span>
            <input type="date" value={date} min={today} onChange={(event) => setDate(event.target.value)} />
          </label>
          <label className="field">
            <span>예약 시간</span>
            <input type="time" value={time} step={600} onChange={(event) => setTime(event.target.value)} />
          </label>
        </div>
        <p className="muted msg-small">08:00 ~ 20:59 사이로 예약할 수 있어요. 예약 후에도 발송 전까지 취소하거나 수정할 수 있어요.</p>
        {problem ? <p className="hint hint-warning" data-testid="schedule-problem">{problem}</p> : sendAt && <p className="strong">{formatFriendlyDateTime(sendAt.toISOString(), timeZone)}에 발송돼요.</p>}
        {error && <p className="form-error">{error}</p>}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            취소
          </button>
          <button type="button" className="btn btn-primary" disabled={busy || problem !== null} onClick={() => sendAt && onConfirm(sendAt.toISOString())}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </Modal>
  );
}
