import type { MessagingSettings } from '../../api/models';
import { formatDateTime, formatWon } from '../../../../src/shared/format';
import { normalizePhone } from '../../../../src/shared/phone';

/**
 * 설정 > 메시지 발송 (MSG-11) as pure functions: which API the shop's Solapi
 * keys are for, the secret that is never shown again, what the form must
 * have before it is sent, and what the last 연결 확인 said.
 */

export const SOLAPI_API_URL = 'https://api.solapi.com';
/** The local test send server the demo sends through (no text leaves the installation). */
export const LOCAL_API_URL = 'local';

export type MessagingApiUrlChoice = 'solapi' | 'local' | 'custom';

export const MESSAGING_API_URL_CHOICE_LABELS: Record<MessagingApiUrlChoice, string> = {
  solapi: `솔라피 (${SOLAPI_API_URL})`,
  local: '로컬 테스트 발송 서버 (local)',
  custom: '직접 입력 (솔라피 호환 서버)',
};

export function messagingApiUrlChoiceOf(apiUrl: string): MessagingApiUrlChoice {
  const url = apiUrl.trim().replace(/\/+$/, '');
  if (url === '' || url === SOLAPI_API_URL) return 'solapi';
  if (url === LOCAL_API_URL) return 'local';
  return 'custom';
}

export function messagingApiUrlOf(choice: MessagingApiUrlChoice, custom: string): string {
  if (choice === 'solapi') return SOLAPI_API_URL;
  if (choice === 'local') return LOCAL_API_URL;
  return custom.trim().replace(/\/+$/, '');
}

/** The secret field says whether one is stored (and how it ends) without ever holding it. */
export function apiSecretPlaceholder(settings: Pick<MessagingSettings, 'apiSecretSet' | 'apiSecretLast4'>): string {
  if (!settings.apiSecretSet) return '솔라피 콘솔에서 발급한 API Secret';
  return `저장됨 (끝자리 ••••${settings.apiSecretLast4 ?? ''}) — 바꿀 때만 입력`;
}

export interface MessagingSettingsForm {
  choice: MessagingApiUrlChoice;
  customUrl: string;
  apiKey: string;
  apiSecret: string;
  senderPhone: string;
  optOutPhone: string;
  kakaoPfId: string;
}

export type MessagingSettingsField = 'apiUrl' | 'apiKey' | 'apiSecret' | 'senderPhone' | 'optOutPhone' | 'kakaoPfId';
export const MESSAGING_SETTINGS_FIELDS: readonly MessagingSettingsField[] = ['apiUrl', 'apiKey', 'apiSecret', 'senderPhone', 'optOutPhone', 'kakaoPfId'];

export function messagingSettingsFormOf(settings: MessagingSettings): MessagingSettingsForm {
  const choice = messagingApiUrlChoiceOf(settings.apiUrl);
  return {
    choice,
    customUrl: choice === 'custom' ? settings.apiUrl : '',
    apiKey: settings.apiKey,
    apiSecret: '',
    senderPhone: settings.senderPhone,
    optOutPhone: settings.optOutPhone,
    kakaoPfId: settings.kakaoPfId ?? '',
  };
}

/** PUT /api/settings/messaging: the secret only when one was typed (empty keeps the stored one); an empty pfId clears it. */
export function messagingSettingsBody(form: MessagingSettingsForm): {
  apiUrl: string;
  apiKey: string;
  apiSecret?: string;
  senderPhone: string;
  optOutPhone: string;
  kakaoPfId: string | null;
} {
  const apiSecret = form.apiSecret.trim();
  return {
    apiUrl: messagingApiUrlOf(form.choice, form.customUrl),
    apiKey: form.apiKey.trim(),
    ...(apiSecret ? { apiSecret } : {}),
    senderPhone: form.senderPhone.trim(),
    optOutPhone: form.optOutPhone.trim(),
    kakaoPfId: form.kakaoPfId.trim() || null,
  };
}

/** Whether the form differs from what is saved: 연결 확인 asks Solapi with the saved settings only. */
export function messagingSettingsChanged(form: MessagingSettingsForm, settings: MessagingSettings): boolean {
  const saved = messagingSettingsBody(messagingSettingsFormOf(settings));
  const typed = messagingSettingsBody(form);
  return (
    typed.apiSecret !== undefined ||
    typed.apiUrl !== saved.apiUrl ||
    typed.apiKey !== saved.apiKey ||
    normalizePhone(typed.senderPhone) !== normalizePhone(saved.senderPhone) ||
    normalizePhone(typed.optOutPhone) !== normalizePhone(saved.optOutPhone) ||
    typed.kakaoPfId !== saved.kakaoPfId
  );
}

/** What a form must have before it is sent; the server checks the rest (with the same messages). */
export function messagingSettingsProblems(form: MessagingSettingsForm, apiSecretSet: boolean): Partial<Record<MessagingSettingsField, string>> {
  const problems: Partial<Record<MessagingSettingsField, string>> = {};
  if (form.choice === 'custom' && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(form.customUrl.trim())) problems.apiUrl = 'http:// 또는 https://로 시작하는 주소를 입력해 주세요.';
  if (!form.apiKey.trim()) problems.apiKey = 'API Key를 입력해 주세요.';
  if (!apiSecretSet && !form.apiSecret.trim()) problems.apiSecret = 'API Secret을 입력해 주세요.';
  if (!form.senderPhone.trim()) problems.senderPhone = '발신번호를 입력해 주세요.';
  else if (!normalizePhone(form.senderPhone)) problems.senderPhone = '발신번호는 솔라피에 등록한 전화번호로 입력해 주세요.';
  if (!form.optOutPhone.trim()) problems.optOutPhone = '수신거부 번호를 입력해 주세요.';
  else if (!normalizePhone(form.optOutPhone)) problems.optOutPhone = '수신거부 번호가 올바른 전화번호가 아닙니다 (예: 080-123-4567).';
  return problems;
}

export type CheckState =
  | { kind: 'not-configured' }
  | { kind: 'unchecked' }
  | { kind: 'ok'; text: string }
  | { kind: 'failed'; error: string; at: string };

/** The last 연결 확인 as the screen tells it: "연결됨 · 잔액 12,300원 · 2026. 3. 2. 14:05", or the reason it failed. */
export function checkStateOf(settings: Pick<MessagingSettings, 'configured' | 'check'>, timeZone: string): CheckState {
  if (!settings.configured) return { kind: 'not-configured' };
  const check = settings.check;
  if (!check) return { kind: 'unchecked' };
  const at = formatDateTime(check.at, timeZone);
  if (check.ok) return { kind: 'ok', text: ['연결됨', ...(check.balance !== null ? [`잔액 ${formatWon(check.balance)}`] : []), at].join(' · ') };
  return { kind: 'failed', error: check.error ?? '연결 확인에 실패했습니다.', at };
}

export const CHECK_BADGES: Record<CheckState['kind'], { label: string; className: string }> = {
  'not-configured': { label: '설정 안 됨', className: 'badge badge-grey' },
  unchecked: { label: '연결 확인 전', className: 'badge badge-grey' },
  ok: { label: '연결됨', className: 'badge badge-green' },
  failed: { label: '연결 확인 실패', className: 'badge badge-amber' },
};
