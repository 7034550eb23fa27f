import type { FeeGrade, FeeMethod, FeeRule, FeeRuleInput, PaymentSettings } from '../../api/models';
import { addDays, isDateKey } from '../../../../src/shared/time';
import { formatPpm, parsePercentToPpm } from '../../ui/money';

/**
 * 설정 > 결제 and 수수료 (PAY-1, PAY-3) as pure functions: which API the
 * shop's keys are for, the secret key that is never shown again, and the
 * validity of a fee rate.
 */

export const TOSS_API_URL = 'https://api.tosspayments.com';
/** The local test payment server (tools/toss-local) the demo pays through. */
export const LOCAL_API_URL = 'local';

export type ApiUrlChoice = 'toss' | 'local' | 'custom';

export const API_URL_CHOICE_LABELS: Record<ApiUrlChoice, string> = {
  toss: `토스페이먼츠 (${TOSS_API_URL})`,
  local: '로컬 테스트 결제 서버 (local)',
  custom: '직접 입력 (토스페이먼츠 호환 서버)',
};

export function apiUrlChoiceOf(apiUrl: string): ApiUrlChoice {
  const url = apiUrl.trim().replace(/\/+$/, '');
  if (url === '' || url === TOSS_API_URL) return 'toss';
  if (url === LOCAL_API_URL) return 'local';
  return 'custom';
}

export function apiUrlOf(choice: ApiUrlChoice, custom: string): string {
  if (choice === 'toss') return TOSS_API_URL;
  if (choice === 'local') return LOCAL_API_URL;
  return custom.trim();
}

/** The secret key field says whether one is stored (and how it ends) without ever holding it. */
export function secretKeyPlaceholder(settings: Pick<PaymentSettings, 'secretKeySet' | 'secretKeyLast4'>): string {
  if (!settings.secretKeySet) return 'test_sk_… 또는 live_sk_…';
  return `저장됨 (끝자리 ••••${settings.secretKeyLast4 ?? ''}) — 바꿀 때만 입력`;
}

/** PUT /api/settings/payments: the secret key only when one was typed (empty keeps the stored one). */
export function paymentSettingsBody(form: { choice: ApiUrlChoice; customUrl: string; clientKey: string; secretKey: string }): { apiUrl: string; clientKey: string; secretKey?: string } {
  const secretKey = form.secretKey.trim();
  return { apiUrl: apiUrlOf(form.choice, form.customUrl), clientKey: form.clientKey.trim(), ...(secretKey ? { secretKey } : {}) };
}

/** What a form must have before it is sent; the server checks the rest. */
export function paymentSettingsProblems(
  form: { choice: ApiUrlChoice; customUrl: string; clientKey: string; secretKey: string },
  secretKeySet: boolean,
): { apiUrl?: string; clientKey?: string; secretKey?: string } {
  const problems: { apiUrl?: string; clientKey?: string; secretKey?: string } = {};
  if (form.choice === 'custom' && !/^https?:\/\/\S+$/.test(form.customUrl.trim())) problems.apiUrl = 'http:// 또는 https://로 시작하는 주소를 입력해 주세요.';
  if (!form.clientKey.trim()) problems.clientKey = '클라이언트 키를 입력해 주세요.';
  if (!secretKeySet && !form.secretKey.trim()) problems.secretKey = '시크릿 키를 입력해 주세요.';
  return problems;
}

/** A fee rate's validity: validFrom inclusive, validTo exclusive, shown as the days it applies. */
export function validityLabel(validFrom: string, validTo: string | null): string {
  if (!validTo) return `${validFrom}부터`;
  return `${validFrom} ~ ${addDays(validTo, -1)}`;
}

// ---------------------------------------------------------------- editing the fee table

export interface FeeRuleDraft {
  key: string;
  method: FeeMethod;
  /** '' = every grade. */
  grade: FeeGrade | '';
  /** Percent as typed: "1.65". */
  rate: string;
  validFrom: string;
  /** Last day it applies, inclusive, as the screen shows it; '' = open-ended. */
  validUntil: string;
}

let draftSeq = 0;
export const newDraftKey = () => `draft-${++draftSeq}`;

export function draftsOf(rules: readonly FeeRule[]): FeeRuleDraft[] {
  return rules.map((r) => ({
    key: newDraftKey(),
    method: r.method,
    grade: r.grade ?? '',
    rate: formatPpm(r.ratePpm).replace('%', ''),
    validFrom: r.validFrom,
    validUntil: r.validTo ? addDays(r.validTo, -1) : '',
  }));
}

/** The table to PUT (validTo exclusive, ppm), or the first problem of each row that has one, by draft key. */
export function rulesFromDrafts(drafts: readonly FeeRuleDraft[]): { ok: true; rules: FeeRuleInput[] } | { ok: false; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const rules: FeeRuleInput[] = [];
  for (const d of drafts) {
    const ratePpm = parsePercentToPpm(d.rate);
    if (ratePpm === null) problems[d.key] = '수수료율은 0~100% 사이로, 소수점 넷째 자리까지 입력하세요.';
    else if (!isDateKey(d.validFrom)) problems[d.key] = '적용 시작일을 고르세요.';
    else if (d.validUntil && (!isDateKey(d.validUntil) || d.validUntil < d.validFrom)) problems[d.key] = '적용 종료일은 시작일과 같거나 늦어야 합니다.';
    else rules.push({ method: d.method, grade: d.grade || null, ratePpm, validFrom: d.validFrom, validTo: d.validUntil ? addDays(d.validUntil, 1) : null });
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, rules };
}
