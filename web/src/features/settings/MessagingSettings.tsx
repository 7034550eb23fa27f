import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { MessagingSettings as Settings } from '../../api/models';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Field } from '../../ui/Field';
import { copyText } from '../../ui/clipboard';
import { fieldErrorsOf } from '../../ui/fieldErrors';
import { useToast } from '../../ui/Toast';
import { formatDateTime } from '../../../../src/shared/format';
import { useCurrentMe } from '../auth/auth';
import {
  CHECK_BADGES,
  MESSAGING_API_URL_CHOICE_LABELS,
  MESSAGING_SETTINGS_FIELDS,
  apiSecretPlaceholder,
  checkStateOf,
  messagingSettingsBody,
  messagingSettingsChanged,
  messagingSettingsFormOf,
  messagingSettingsProblems,
  type MessagingApiUrlChoice,
  type MessagingSettingsField,
  type MessagingSettingsForm as Form,
} from './messaging';

/** 설정 > 메시지 발송 (MSG-11): the shop's own Solapi account, through which its texts and 알림톡 are sent. */
export function MessagingSettings() {
  const settings = useQuery({ queryKey: keys.messagingSettings, queryFn: () => api.get('/api/settings/messaging') });
  return (
    <div data-testid="messaging-settings">
      <h2 className="settings-title">메시지 발송</h2>
      <p className="muted settings-help">고객에게 보내는 문자와 카카오 알림톡은 업체의 솔라피(SOLAPI) 계정으로 발송되고, 발송 비용도 그 계정의 잔액에서 빠져나갑니다.</p>
      {settings.isPending && <p className="muted">불러오는 중…</p>}
      {settings.isError && <p className="form-error">{errorMessage(settings.error)}</p>}
      {settings.data && <MessagingSettingsForm key={settings.data.updatedAt ?? 'none'} settings={settings.data} />}
    </div>
  );
}

const CHOICES = Object.keys(MESSAGING_API_URL_CHOICE_LABELS) as MessagingApiUrlChoice[];

type Errors = Partial<Record<MessagingSettingsField | 'form', string>>;

function MessagingSettingsForm({ settings }: { settings: Settings }) {
  const me = useCurrentMe();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(() => messagingSettingsFormOf(settings));
  const [errors, setErrors] = useState<Errors>({});
  const [removing, setRemoving] = useState(false);
  const set = <K extends keyof Form>(name: K, value: Form[K]) => setForm((current) => ({ ...current, [name]: value }));

  const onSaved = (saved: Settings) => queryClient.setQueryData(keys.messagingSettings, saved);
  const save = useMutation({ mutationFn: (body: ReturnType<typeof messagingSettingsBody>) => api.put('/api/settings/messaging', { body }), onSuccess: onSaved });
  const remove = useMutation({ mutationFn: () => api.delete('/api/settings/messaging'), onSuccess: onSaved });
  const check = useMutation({ mutationFn: () => api.post('/api/settings/messaging/check'), onSuccess: onSaved });

  const timeZone = me.business.timeZone;
  const state = checkStateOf(settings, timeZone);
  const badge = CHECK_BADGES[state.kind];
  const changed = settings.configured && messagingSettingsChanged(form, settings);

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = messagingSettingsProblems(form, settings.apiSecretSet);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    save.mutate(messagingSettingsBody(form), {
      onSuccess: () => toast('메시지 발송 설정을 저장했습니다. 연결 확인으로 잔액과 발신번호를 확인해 보세요.', 'success'),
      onError: (error) => {
        const fields = fieldErrorsOf(error);
        const named: Errors = {};
        for (const name of MESSAGING_SETTINGS_FIELDS) {
          const message = fields.get(name);
          if (message) named[name] = message;
        }
        setErrors(Object.keys(named).length > 0 ? named : { form: errorMessage(error) });
      },
    });
  }

  function runCheck() {
    check.mutate(undefined, {
      onSuccess: (result) => {
        if (result.check?.ok) toast('솔라피에 연결되었습니다.', 'success');
        else toast('연결 확인에 실패했습니다. 아래 안내를 확인해 주세요.', 'error');
      },
    });
  }

  async function copyReportUrl() {
    if (!settings.reportUrl) return;
    toast((await copyText(settings.reportUrl)) ? '웹훅 주소를 복사했습니다.' : '웹훅 주소를 복사하지 못했습니다. 직접 선택해 복사하세요.', 'info');
  }

  return (
    <>
      <section className="card payment-settings-card">
        <div className="payment-status-row">
          <h3>솔라피</h3>
          <span className={badge.className} data-testid="messaging-configured">
            {badge.label}
          </span>
          {settings.updatedAt && <span className="muted small">저장 {formatDateTime(settings.updatedAt, timeZone)}</span>}
        </div>
        {!settings.configured && (
          <div className="hint hint-warning" data-testid="messaging-empty">
            메시지 발송 설정이 없으면 문자와 알림톡을 보낼 수 없습니다. 솔라피에 가입해 API Key를 발급받고 발신번호를 등록한 뒤 아래에 입력하세요.
          </div>
        )}
        <form className="form-grid narrow" onSubmit={submit} noValidate>
          <Field
            label="API 주소"
            error={form.choice === 'custom' ? undefined : errors.apiUrl}
            help={form.choice === 'local' ? '이 설치에 들어 있는 로컬 테스트 발송 서버로 보냅니다. 실제 문자는 나가지 않습니다 (데모·개발용).' : undefined}
          >
            <select value={form.choice} onChange={(event) => set('choice', event.target.value as MessagingApiUrlChoice)} name="apiUrlChoice">
              {CHOICES.map((c) => (
                <option key={c} value={c}>
                  {MESSAGING_API_URL_CHOICE_LABELS[c]}
                </option>
              ))}
            </select>
          </Field>
          {form.choice === 'custom' && (
            <Field label="서버 주소" error={errors.apiUrl}>
              <input value={form.customUrl} onChange={(event) => set('customUrl', event.target.value)} placeholder="예: https://sms-test.example.com" inputMode="url" name="apiUrl" />
            </Field>
          )}
          <Field label="API Key" error={errors.apiKey} help="솔라피 콘솔 > API Key 관리에서 발급한 키를 그대로 붙여 넣으세요.">
            <input value={form.apiKey} onChange={(event) => set('apiKey', event.target.value)} autoComplete="off" spellCheck={false} name="apiKey" />
          </Field>
          <Field
            label="API Secret"
            error={errors.apiSecret}
            help={settings.apiSecretSet ? '저장한 API Secret은 다시 보여 주지 않습니다. 비워 두면 그대로 둡니다.' : 'API Key와 함께 발급되는 비밀 값입니다. 외부에 알리지 마세요.'}
          >
            <input
              type="password"
              value={form.apiSecret}
              onChange={(event) => set('apiSecret', event.target.value)}
              placeholder={apiSecretPlaceholder(settings)}
              autoComplete="new-password"
              spellCheck={false}
              name="apiSecret"
            />
          </Field>
          <Field label="발신번호" error={errors.senderPhone} help="솔라피 콘솔 > 발신번호 관리에 등록하고 승인받은 번호만 쓸 수 있습니다.">
            <input value={form.senderPhone} onChange={(event) => set('senderPhone', event.target.value)} placeholder="예: 02-123-4567" inputMode="tel" autoComplete="off" name="senderPhone" />
          </Field>
          <Field label="수신거부 번호" error={errors.optOutPhone} help="광고 문자 끝에 ‘무료수신거부 080-…’로 함께 표시되는 번호입니다.">
            <input value={form.optOutPhone} onChange={(event) => set('optOutPhone', event.target.value)} placeholder="예: 080-123-4567" inputMode="tel" autoComplete="off" name="optOutPhone" />
          </Field>
          <Field
            label="카카오 채널 연동 ID (선택)"
            error={errors.kakaoPfId}
            help="알림톡을 보내려면 솔라피 콘솔 > 카카오 채널 연동에서 확인한 pfId를 입력하세요. 문자만 보낸다면 비워 두어도 됩니다."
          >
            <input value={form.kakaoPfId} onChange={(event) => set('kakaoPfId', event.target.value)} placeholder="예: KA01PF…" autoComplete="off" spellCheck={false} name="kakaoPfId" />
          </Field>
          {errors.form && <p className="form-error">{errors.form}</p>}
          <div className="form-actions">
            {settings.configured && (
              <button type="button" className="btn btn-danger" onClick={() => setRemoving(true)} disabled={save.isPending}>
                설정 삭제
              </button>
            )}
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              {save.isPending ? '저장 중…' : '저장'}
            </button>
          </div>
        </form>
      </section>

      {settings.configured && (
        <section className="card payment-settings-card" data-testid="messaging-check-card">
          <h3>연결 확인</h3>
          <p className="muted field-help">저장한 키로 솔라피에 접속해 잔액과 발신번호 등록·승인 여부를 확인합니다.</p>
          {state.kind === 'unchecked' && <p className="muted">아직 연결을 확인하지 않았습니다.</p>}
          {state.kind === 'ok' && (
            <div className="hint" data-testid="messaging-check">
              {state.text}
            </div>
          )}
          {state.kind === 'failed' && (
            <div className="hint hint-warning" role="alert" data-testid="messaging-check">
              <strong>연결 확인 실패 · {state.at}</strong>
              <br />
              {state.error}
              <br />
              문제를 해결하고 다시 확인하기 전까지는 메시지를 새로 만들거나 예약할 수 없습니다.
            </div>
          )}
          {check.isError && <p className="form-error">{errorMessage(check.error)}</p>}
          {changed && <p className="muted field-help">저장하지 않은 변경 내용이 있습니다. 저장한 뒤에 확인하세요.</p>}
          <div className="form-actions">
            <button type="button" className="btn" onClick={runCheck} disabled={check.isPending || changed || save.isPending}>
              {check.isPending ? '확인 중…' : '연결 확인'}
            </button>
          </div>
        </section>
      )}

      {settings.configured && (
        <section className="card payment-settings-card">
          <h3>발송 결과 웹훅</h3>
          <div className="naver-field">
            <span className="field-label">웹훅 주소</span>
            {settings.reportUrl ? (
              <div className="copy-row">
                <code className="copy-value" data-testid="messaging-report-url">
                  {settings.reportUrl}
                </code>
                <button type="button" className="btn btn-sm" onClick={copyReportUrl}>
                  복사
                </button>
              </div>
            ) : (
              <p className="form-error">저장된 API Secret을 읽을 수 없어 웹훅 주소를 만들지 못했습니다. API Secret을 다시 입력해 저장해 주세요.</p>
            )}
            <p className="muted field-help">솔라피 콘솔 &gt; 웹훅(발송 결과)에 등록하세요. 문자가 실제로 전달됐는지 솔라피가 이 주소로 알려 주어 발송 결과에 반영됩니다.</p>
          </div>
        </section>
      )}

      {settings.configured && <UnitPriceCard settings={settings} onSaved={onSaved} />}

      <div className="hint hint-muted">
        보낸 메시지와 발송 결과는 <Link to="/messages">메시지</Link> 화면에서 볼 수 있습니다.
      </div>

      {removing && (
        <ConfirmDialog
          title="메시지 발송 설정을 삭제할까요?"
          confirmLabel="삭제"
          danger
          busy={remove.isPending}
          error={remove.isError ? errorMessage(remove.error) : null}
          onCancel={() => setRemoving(false)}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                setRemoving(false);
                toast('메시지 발송 설정을 삭제했습니다.', 'success');
              },
            })
          }
        >
          <p>저장한 API Key와 API Secret, 발신번호, 수신거부 번호를 지웁니다.</p>
          <p>다시 설정할 때까지 메시지를 보낼 수 없고, 예약해 둔 메시지도 발송 시각에 보내지 못해 실패로 끝납니다.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

const PRICE_LABELS = { sms: '문자(SMS)', lms: '문자(LMS)', alimtalk: '알림톡', brand: '브랜드 메시지' } as const;
type PricedType = keyof typeof PRICE_LABELS;

/** The 원 per message the cost estimate uses: Solapi's list prices until the shop enters what its account pays. */
function UnitPriceCard({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const toast = useToast();
  const [prices, setPrices] = useState<Record<PricedType, string>>(() => ({
    sms: String(settings.unitPrices.sms),
    lms: String(settings.unitPrices.lms),
    alimtalk: String(settings.unitPrices.alimtalk),
    brand: String(settings.unitPrices.brand),
  }));
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (unitPrices: Record<PricedType, number> | null) =>
      api.put('/api/settings/messaging/unit-prices', { body: { unitPrices } }),
    onSuccess: onSaved,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = Object.fromEntries((Object.keys(PRICE_LABELS) as PricedType[]).map((type) => [type, Number(prices[type].replace(/,/g, ''))])) as Record<PricedType, number>;
    if (Object.values(parsed).some((p) => !Number.isFinite(p) || p < 0 || p > 1000)) {
      setError('단가는 0원부터 1,000원까지 숫자로 입력해 주세요.');
      return;
    }
    setError(null);
    save.mutate(parsed, { onSuccess: () => toast('발송 단가를 저장했습니다.', 'success'), onError: (e) => setError(errorMessage(e)) });
  }
  return (
    <section className="card payment-settings-card" data-testid="messaging-unit-prices">
      <h3>발송 단가 (비용 예상)</h3>
      <p className="muted field-help">메시지를 보내기 전에 보여 주는 예상 비용에 씁니다. 부가세 별도, 건당 원 단위입니다. 처음에는 솔라피 정가가 들어 있으니 계정의 실제 단가가 다르면 바꿔 주세요.</p>
      <form className="form-grid narrow" onSubmit={submit} noValidate>
        {(Object.keys(PRICE_LABELS) as PricedType[]).map((type) => (
          <Field key={type} label={PRICE_LABELS[type]} help={`정가 ${settings.defaultUnitPrices[type]}원`}>
            <input value={prices[type]} onChange={(e) => setPrices({ ...prices, [type]: e.target.value })} inputMode="decimal" name={`price-${type}`} />
          </Field>
        ))}
        {error && <p className="form-error">{error}</p>}
        <div className="form-actions">
          <button type="button" className="btn" disabled={save.isPending} onClick={() => save.mutate(null, { onSuccess: (saved) => { setPrices({ sms: String(saved.unitPrices.sms), lms: String(saved.unitPrices.lms), alimtalk: String(saved.unitPrices.alimtalk), brand: String(saved.unitPrices.brand) }); toast('솔라피 정가로 되돌렸습니다.', 'success'); } })}>
            정가로
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            저장
          </button>
        </div>
      </form>
    </section>
  );
}
