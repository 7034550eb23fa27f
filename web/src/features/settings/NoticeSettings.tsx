import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { NoticeEventSettings, NoticeSettings as Settings, NoticeSettingsInput } from '../../api/models';
import { Field } from '../../ui/Field';
import { fieldErrorsOf } from '../../ui/fieldErrors';
import { useToast } from '../../ui/Toast';
import { formatDateTime } from '../../../../src/shared/format';
import { useCurrentMe } from '../auth/auth';

/**
 * 설정 > 알림 메시지 (NOTI-1 … NOTI-3, LAW-3): which notices customers get,
 * when the reminder goes, whether calendar schedules get them, and each
 * notice's 알림톡 template at Kakao (registered from here, inspected by
 * Kakao; until it is approved the notice goes as a text message).
 */
export function NoticeSettings() {
  const settings = useQuery({ queryKey: keys.noticeSettings, queryFn: () => api.get('/api/settings/notices') });
  return (
    <div data-testid="notice-settings">
      <h2 className="settings-title">알림 메시지</h2>
      <p className="muted settings-help">
        예약페이지로 예약한 고객에게 접수·확정·취소·방문 전 리마인드를 알림톡(승인 전에는 문자)으로 보냅니다. 네이버예약 고객에게는 네이버가 직접 알리므로 보내지 않습니다.
      </p>
      {settings.isPending && <p className="muted">불러오는 중…</p>}
      {settings.isError && <p className="form-error">{errorMessage(settings.error)}</p>}
      {settings.data && <NoticeSettingsBody settings={settings.data} />}
    </div>
  );
}

type Reminder = Settings['reminder'];

function bodyOf(settings: Settings, change: Partial<NoticeSettingsInput> = {}): NoticeSettingsInput {
  return {
    disabledEvents: settings.events.filter((e) => !e.enabled).map((e) => e.event),
    reminder: settings.reminder,
    manualSchedules: settings.manualSchedules,
    ...change,
  };
}

function NoticeSettingsBody({ settings }: { settings: Settings }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const onSaved = (saved: Settings) => queryClient.setQueryData(keys.noticeSettings, saved);
  const save = useMutation({ mutationFn: (body: NoticeSettingsInput) => api.put('/api/settings/notices', { body }), onSuccess: onSaved });
  const refresh = useMutation({ mutationFn: () => api.post('/api/settings/notices/kakao-templates/refresh'), onSuccess: onSaved });

  function toggle(event: NoticeEventSettings, enabled: boolean) {
    const disabled = new Set(settings.events.filter((e) => !e.enabled).map((e) => e.event));
    if (enabled) disabled.delete(event.event);
    else disabled.add(event.event);
    save.mutate(bodyOf(settings, { disabledEvents: [...disabled] }), {
      onSuccess: () => toast(`${event.label} 알림을 ${enabled ? '켰' : '껐'}습니다.`, 'success'),
      onError: (error) => toast(errorMessage(error), 'error'),
    });
  }

  const hasOpenTemplates = settings.events.some((e) => e.kakao && (e.kakao.status === 'INSPECTING' || e.kakao.status === 'PENDING'));

  return (
    <>
      {!settings.providerConfigured && (
        <div className="hint hint-warning" data-testid="notice-no-provider">
          메시지 발송 설정이 없어 알림을 보낼 수 없습니다. <Link to="/settings/messaging">설정 &gt; 메시지 발송</Link>에서 솔라피 계정을 먼저 연결하세요.
        </div>
      )}
      <ReminderCard settings={settings} saving={save.isPending} onSave={(reminder, manualSchedules) => save.mutateAsync(bodyOf(settings, { reminder, manualSchedules }))} />

      <section className="card payment-settings-card">
        <div className="payment-status-row">
          <h3>보낼 알림과 템플릿</h3>
          {settings.kakaoPfId && (
            <button type="button" className="btn btn-sm" onClick={() => refresh.mutate(undefined, { onError: (error) => toast(errorMessage(error), 'error') })} disabled={refresh.isPending || !hasOpenTemplates}>
              {refresh.isPending ? '확인 중…' : '검수 상태 새로고침'}
            </button>
          )}
        </div>
        {!settings.kakaoPfId && (
          <p className="hint hint-muted">
            카카오 채널 연동 ID(pfId)가 없어 모든 알림을 문자로 보냅니다. 알림톡으로 보내려면 <Link to="/settings/messaging">메시지 발송</Link>에 pfId를 입력하고 템플릿을 등록하세요.
          </p>
        )}
        <ul className="notice-event-list">
          {settings.events.map((event) => (
            <NoticeEventRow key={event.event} event={event} settings={settings} busy={save.isPending} onToggle={(enabled) => toggle(event, enabled)} onSaved={onSaved} />
          ))}
        </ul>
      </section>
    </>
  );
}

function ReminderCard({ settings, saving, onSave }: { settings: Settings; saving: boolean; onSave: (reminder: Reminder, manualSchedules: boolean) => Promise<unknown> }) {
  const toast = useToast();
  const [reminder, setReminder] = useState<Reminder>(settings.reminder);
  const [manual, setManual] = useState(settings.manualSchedules);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const changed = JSON.stringify(reminder) !== JSON.stringify(settings.reminder) || manual !== settings.manualSchedules;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      await onSave(reminder, manual);
      toast('알림 설정을 저장했습니다.', 'success');
    } catch (error) {
      const fields = fieldErrorsOf(error);
      const named = { 'reminder.days': fields.get('reminder.days'), 'reminder.hours': fields.get('reminder.hours'), 'reminder.time': fields.get('reminder.time') };
      const found = Object.fromEntries(Object.entries(named).filter((e): e is [string, string] => e[1] !== undefined));
      setErrors(Object.keys(found).length > 0 ? found : { form: errorMessage(error) });
    }
  }

  return (
    <section className="card payment-settings-card">
      <h3>방문 전 리마인드</h3>
      <form className="form-grid narrow" onSubmit={submit} noValidate>
        <Field label="보내는 때" error={errors['reminder.days'] ?? errors['reminder.hours']}>
          <div className="inline-fields">
            <select aria-label="리마인드 방식" value={reminder.mode} onChange={(e) => setReminder({ ...reminder, mode: e.target.value as Reminder['mode'] })}>
              <option value="days_before">방문일 기준</option>
              <option value="hours_before">방문 시각 기준</option>
            </select>
            {reminder.mode === 'days_before' ? (
              <select aria-label="며칠 전" value={reminder.days} onChange={(e) => setReminder({ ...reminder, days: Number(e.target.value) })}>
                {[0, 1, 2, 3, 5, 7].map((d) => (
                  <option key={d} value={d}>
                    {d === 0 ? '당일' : `${d}일 전`}
                  </option>
                ))}
              </select>
            ) : (
              <select aria-label="몇 시간 전" value={reminder.hours} onChange={(e) => setReminder({ ...reminder, hours: Number(e.target.value) })}>
                {[1, 2, 3, 6, 12, 24, 48].map((h) => (
                  <option key={h} value={h}>
                    {h}시간 전
                  </option>
                ))}
              </select>
            )}
            {reminder.mode === 'days_before' && <input aria-label="보낼 시각" type="time" min="08:00" max="20:59" value={reminder.time} onChange={(e) => setReminder({ ...reminder, time: e.target.value })} />}
          </div>
        </Field>
        {errors['reminder.time'] && <p className="form-error">{errors['reminder.time']}</p>}
        <p className="muted field-help">업체 시간대 기준입니다. 밤 9시부터 아침 8시 사이에 걸리면 그 전 저녁 9시 전에 보냅니다. 일정이 바뀌면 새 시각으로 다시 잡고, 취소된 일정에는 보내지 않습니다.</p>
        <label className="switch-row">
          <input type="checkbox" className="switch" checked={manual} onChange={(e) => setManual(e.target.checked)} />
          <span>캘린더에서 직접 등록한 일정(전화 예약 등)에도 확정·취소·리마인드 알림 보내기</span>
        </label>
        {errors.form && <p className="form-error">{errors.form}</p>}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={saving || !changed}>
            {saving ? '저장 중…' : '저장'}
          </button>
        </div>
      </form>
    </section>
  );
}

const TEMPLATE_BADGES: Record<string, string> = { APPROVED: 'badge badge-green', INSPECTING: 'badge badge-amber', PENDING: 'badge badge-amber', REJECTED: 'badge badge-red' };

function NoticeEventRow({ event, settings, busy, onToggle, onSaved }: { event: NoticeEventSettings; settings: Settings; busy: boolean; onToggle: (enabled: boolean) => void; onSaved: (s: Settings) => void }) {
  const toast = useToast();
  const me = useCurrentMe();
  const [open, setOpen] = useState(false);
  const [testPhone, setTestPhone] = useState(settings.testPhone);
  const register = useMutation({ mutationFn: () => api.post('/api/settings/notices/{event}/kakao-template', { path: { event: event.event } }), onSuccess: onSaved });
  const test = useMutation({ mutationFn: () => api.post('/api/settings/notices/{event}/test', { path: { event: event.event }, body: { phone: testPhone } }) });
  const kakao = event.kakao;
  const canRegister = Boolean(settings.kakaoPfId) && (!kakao || kakao.status === 'REJECTED' || !kakao.current);

  return (
    <li className="notice-event" data-testid={`notice-${event.event}`}>
      <div className="notice-event-head">
        <label className="switch-row">
          <input type="checkbox" className="switch" checked={event.enabled} disabled={!event.canDisable || busy} onChange={(e) => onToggle(e.target.checked)} aria-label={`${event.label} 알림 보내기`} />
          <strong>{event.label}</strong>
        </label>
        <span className="notice-event-channel">
          {kakao ? (
            <span className={TEMPLATE_BADGES[kakao.status]} title={kakao.checkedAt ? `확인 ${formatDateTime(kakao.checkedAt, me.business.timeZone)}` : undefined}>
              알림톡 {kakao.statusLabel}
            </span>
          ) : (
            <span className="badge badge-grey">문자로 발송</span>
          )}
        </span>
        <button type="button" className="btn btn-sm" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? '접기' : '템플릿 보기'}
        </button>
      </div>
      {!event.canDisable && <p className="muted small">정보통신망법 제50조 제8항에 따라 광고 수신에 동의한 고객에게 2년마다 자동으로 보내며, 끌 수 없습니다.</p>}
      {kakao?.status === 'REJECTED' && (
        <p className="form-error" role="alert">
          반려 사유: {kakao.rejectReason ?? '사유가 전달되지 않았습니다.'}
        </p>
      )}
      {open && (
        <div className="notice-event-body">
          <pre className="notice-sample" aria-label={`${event.label} 예시`}>
            {event.sample}
          </pre>
          <div className="notice-actions">
            {canRegister && (
              <button
                type="button"
                className="btn btn-sm"
                disabled={register.isPending}
                onClick={() =>
                  register.mutate(undefined, {
                    onSuccess: () => toast('알림톡 템플릿을 등록하고 카카오에 검수를 요청했습니다. 검수에는 영업일 기준 1~3일이 걸립니다.', 'success'),
                    onError: (error) => toast(errorMessage(error), 'error'),
                  })
                }
              >
                {register.isPending ? '등록 중…' : kakao ? '템플릿 다시 등록' : '알림톡 템플릿 등록'}
              </button>
            )}
            <span className="inline-fields">
              <input aria-label="테스트 받을 번호" value={testPhone} onChange={(e) => setTestPhone(e.target.value)} placeholder="010-0000-0000" inputMode="tel" />
              <button
                type="button"
                className="btn btn-sm"
                disabled={test.isPending || !settings.providerConfigured}
                onClick={() =>
                  test.mutate(undefined, {
                    onSuccess: (sent) => toast(sent.status === 'failed' ? `테스트 발송 실패: ${sent.statusReason ?? ''}` : `${sent.phone}(으)로 테스트 발송했습니다.`, sent.status === 'failed' ? 'error' : 'success'),
                    onError: (error) => toast(errorMessage(error), 'error'),
                  })
                }
              >
                테스트 발송
              </button>
            </span>
          </div>
        </div>
      )}
    </li>
  );
}
