import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { PaymentSettings as Settings } from '../../api/models';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Field } from '../../ui/Field';
import { copyText } from '../../ui/clipboard';
import { fieldErrorsOf } from '../../ui/fieldErrors';
import { useToast } from '../../ui/Toast';
import { formatDateTime } from '../../../../src/shared/format';
import { PAYMENT_MODE_LABELS } from '../../../../src/shared/labels/products';
import { useCurrentMe } from '../auth/auth';
import { API_URL_CHOICE_LABELS, apiUrlChoiceOf, paymentSettingsBody, paymentSettingsProblems, secretKeyPlaceholder, type ApiUrlChoice } from './payments';

/** 설정 > 결제 (PAY-1): the shop's own Toss Payments keys, for products paid at booking. */
export function PaymentSettings() {
  const settings = useQuery({ queryKey: keys.paymentSettings, queryFn: () => api.get('/api/settings/payments') });
  return (
    <div data-testid="payment-settings">
      <h2 className="settings-title">결제</h2>
      <p className="muted settings-help">
        결제 방식이 ‘{PAYMENT_MODE_LABELS.prepaid}’인 상품은 고객이 예약할 때 토스페이먼츠로 결제합니다. 토스페이먼츠 개발자센터의 API 키를 등록하세요.
      </p>
      {settings.isPending && <p className="muted">불러오는 중…</p>}
      {settings.isError && <p className="form-error">{errorMessage(settings.error)}</p>}
      {settings.data && <PaymentSettingsForm key={settings.data.updatedAt ?? 'none'} settings={settings.data} />}
    </div>
  );
}

const CHOICES = Object.keys(API_URL_CHOICE_LABELS) as ApiUrlChoice[];

function PaymentSettingsForm({ settings }: { settings: Settings }) {
  const me = useCurrentMe();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<ApiUrlChoice>(apiUrlChoiceOf(settings.apiUrl));
  const [customUrl, setCustomUrl] = useState(apiUrlChoiceOf(settings.apiUrl) === 'custom' ? settings.apiUrl : '');
  const [clientKey, setClientKey] = useState(settings.clientKey);
  const [secretKey, setSecretKey] = useState('');
  const [errors, setErrors] = useState<{ apiUrl?: string; clientKey?: string; secretKey?: string; form?: string }>({});
  const [removing, setRemoving] = useState(false);

  const onSaved = (saved: Settings) => queryClient.setQueryData(keys.paymentSettings, saved);
  const save = useMutation({ mutationFn: (body: ReturnType<typeof paymentSettingsBody>) => api.put('/api/settings/payments', { body }), onSuccess: onSaved });
  const remove = useMutation({ mutationFn: () => api.delete('/api/settings/payments'), onSuccess: onSaved });

  function submit(event: FormEvent) {
    event.preventDefault();
    const form = { choice, customUrl, clientKey, secretKey };
    const problems = paymentSettingsProblems(form, settings.secretKeySet);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    save.mutate(paymentSettingsBody(form), {
      onSuccess: () => {
        setSecretKey('');
        toast('결제 설정을 저장했습니다.', 'success');
      },
      onError: (error) => {
        const fields = fieldErrorsOf(error);
        const named = { apiUrl: fields.get('apiUrl'), clientKey: fields.get('clientKey'), secretKey: fields.get('secretKey') };
        setErrors(named.apiUrl || named.clientKey || named.secretKey ? named : { form: errorMessage(error) });
      },
    });
  }

  async function copyWebhook() {
    toast((await copyText(settings.webhookUrl)) ? '웹훅 주소를 복사했습니다.' : '웹훅 주소를 복사하지 못했습니다. 직접 선택해 복사하세요.', 'info');
  }

  return (
    <>
      <section className="card payment-settings-card">
        <div className="payment-status-row">
          <h3>토스페이먼츠</h3>
          {settings.configured ? (
            <span className="badge badge-green" data-testid="payment-configured">
              연결됨
            </span>
          ) : (
            <span className="badge badge-grey" data-testid="payment-configured">
              설정 안 됨
            </span>
          )}
          {settings.updatedAt && <span className="muted small">저장 {formatDateTime(settings.updatedAt, me.business.timeZone)}</span>}
        </div>
        {!settings.configured && (
          <div className="hint hint-warning">결제 설정이 없으면 ‘{PAYMENT_MODE_LABELS.prepaid}’ 상품은 결제할 수 없어 예약을 받을 수 없습니다.</div>
        )}
        <form className="form-grid narrow" onSubmit={submit} noValidate>
          <Field label="API 주소" error={choice === 'custom' ? undefined : errors.apiUrl} help={choice === 'local' ? '이 설치에 들어 있는 로컬 테스트 결제 서버로 결제합니다. 실제 돈은 오가지 않습니다 (데모·개발용).' : undefined}>
            <select value={choice} onChange={(event) => setChoice(event.target.value as ApiUrlChoice)} name="apiUrlChoice">
              {CHOICES.map((c) => (
                <option key={c} value={c}>
                  {API_URL_CHOICE_LABELS[c]}
                </option>
              ))}
            </select>
          </Field>
          {choice === 'custom' && (
            <Field label="서버 주소" error={errors.apiUrl}>
              <input value={customUrl} onChange={(event) => setCustomUrl(event.target.value)} placeholder="예: https://pay-test.example.com" inputMode="url" name="apiUrl" />
            </Field>
          )}
          <Field label="클라이언트 키" error={errors.clientKey} help="결제창을 여는 데 쓰는 공개 키입니다 (test_ck_… 또는 live_ck_…).">
            <input value={clientKey} onChange={(event) => setClientKey(event.target.value)} autoComplete="off" spellCheck={false} name="clientKey" />
          </Field>
          <Field
            label="시크릿 키"
            error={errors.secretKey}
            help={settings.secretKeySet ? '저장한 시크릿 키는 다시 보여 주지 않습니다. 비워 두면 그대로 둡니다.' : '결제 승인과 환불에 쓰는 비밀 키입니다. 외부에 알리지 마세요.'}
          >
            <input
              type="password"
              value={secretKey}
              onChange={(event) => setSecretKey(event.target.value)}
              placeholder={secretKeyPlaceholder(settings)}
              autoComplete="new-password"
              spellCheck={false}
              name="secretKey"
            />
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

      <section className="card payment-settings-card">
        <h3>웹훅</h3>
        <div className="naver-field">
          <span className="field-label">웹훅 주소</span>
          <div className="copy-row">
            <code className="copy-value" data-testid="payment-webhook-url">
              {settings.webhookUrl}
            </code>
            <button type="button" className="btn btn-sm" onClick={copyWebhook}>
              복사
            </button>
          </div>
          <p className="muted field-help">토스페이먼츠 개발자센터 &gt; 웹훅에 등록하세요. 결제사에서 결제 상태가 바뀌면 이 주소로 알려 줍니다.</p>
        </div>
      </section>

      <div className="hint hint-muted">
        결제 수수료율과 매출 등급은 <Link to="/settings/fees">설정 &gt; 수수료</Link>에서, 정산 내역은 파트너센터 &gt; 정산에서 볼 수 있습니다.
      </div>

      {removing && (
        <ConfirmDialog
          title="결제 설정을 삭제할까요?"
          confirmLabel="삭제"
          danger
          busy={remove.isPending}
          error={remove.isError ? errorMessage(remove.error) : null}
          onCancel={() => setRemoving(false)}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                setRemoving(false);
                toast('결제 설정을 삭제했습니다.', 'success');
              },
            })
          }
        >
          <p>저장한 클라이언트 키와 시크릿 키를 지웁니다.</p>
          <p>‘{PAYMENT_MODE_LABELS.prepaid}’ 상품은 다시 설정할 때까지 결제할 수 없어 예약을 받을 수 없습니다. 이미 결제한 예약의 환불도 키가 있어야 처리됩니다.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
