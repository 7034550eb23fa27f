import { AppError } from '../../../platform/errors/registry.ts';
import { encryptSecret } from '../../../platform/secrets/encryption.ts';
import { LOCAL_TOSS_URL, paymentWebhookUrl, SECRET_PURPOSE } from '../provider/connect.ts';
import { TOSS_API_URL } from '../provider/toss.ts';
import { REVENUE_GRADE_LABELS, FEE_METHOD_LABELS, gradeOn, rateOn, type FeeMethod, type RevenueGrade } from '../domain/fees.ts';
import * as settings from '../repository/settings.ts';
import * as settlement from '../repository/settlement.ts';
import { feeContext, type Db } from './support.ts';

/**
 * PAY-1: a shop's own Toss keys. The client key is public (the browser
 * uses it); the secret key is write-only: stored encrypted
 * (platform/secrets/encryption.ts), shown as its last four characters, and
 * left unchanged when a save does not send it.
 */
export async function getPaymentSettings(db: Db, businessId: string) {
  const row = await settings.findPaymentSettings(db, businessId);
  return {
    configured: row !== undefined,
    provider: 'toss' as const,
    apiUrl: row?.api_url ?? TOSS_API_URL,
    clientKey: row?.client_key ?? '',
    secretKeySet: row !== undefined,
    secretKeyLast4: row?.secret_key_last4 ?? null,
    webhookUrl: paymentWebhookUrl(businessId),
    updatedAt: row?.updated_at.toISOString() ?? null,
  };
}

function checkKeys(apiUrl: string, clientKey: string, secretKey: string | null) {
  const fields: { path: string; message: string }[] = [];
  if (apiUrl !== LOCAL_TOSS_URL && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(apiUrl)) fields.push({ path: 'apiUrl', message: 'API 주소는 https:// 로 시작하는 주소이거나 local 이어야 합니다.' });
  if (!/^(test|live)_g?ck_[A-Za-z0-9_]+$/.test(clientKey) && !(apiUrl === LOCAL_TOSS_URL && clientKey.length >= 4)) fields.push({ path: 'clientKey', message: '클라이언트 키는 test_ck_, test_gck_, live_ck_, live_gck_ 로 시작합니다.' });
  if (secretKey !== null && !/^(test|live)_g?sk_[A-Za-z0-9_]+$/.test(secretKey) && !(apiUrl === LOCAL_TOSS_URL && secretKey.length >= 4)) fields.push({ path: 'secretKey', message: '시크릿 키는 test_sk_, test_gsk_, live_sk_, live_gsk_ 로 시작합니다.' });
  if (secretKey !== null && apiUrl !== LOCAL_TOSS_URL && clientKey.startsWith('live_') !== secretKey.startsWith('live_')) fields.push({ path: 'secretKey', message: '클라이언트 키와 시크릿 키는 둘 다 테스트 키이거나 둘 다 라이브 키여야 합니다.' });
  if (fields.length > 0) throw new AppError('PAYMENT_SETTINGS_INVALID', { message: fields[0]!.message, details: { fields } });
}

export async function savePaymentSettings(db: Db, businessId: string, input: { apiUrl?: string | undefined; clientKey: string; secretKey?: string | undefined }) {
  const apiUrl = (input.apiUrl?.trim() || TOSS_API_URL).replace(/\/+$/, '');
  const clientKey = input.clientKey.trim();
  const secretKey = input.secretKey?.trim() || null;
  checkKeys(apiUrl, clientKey, secretKey);
  const existing = await settings.findPaymentSettings(db, businessId);
  if (!secretKey && !existing) throw new AppError('PAYMENT_SETTINGS_INVALID', { message: '시크릿 키를 입력해 주세요.', details: { fields: [{ path: 'secretKey', message: '시크릿 키를 입력해 주세요.' }] } });
  if (secretKey) await settings.upsertPaymentSettings(db, businessId, { apiUrl, clientKey, secretKeyEnc: encryptSecret(secretKey, SECRET_PURPOSE), secretKeyLast4: secretKey.slice(-4) });
  else await settings.updatePaymentSettingsPublic(db, businessId, { apiUrl, clientKey });
  return getPaymentSettings(db, businessId);
}

export async function removePaymentSettings(db: Db, businessId: string) {
  await settings.deletePaymentSettings(db, businessId);
  return getPaymentSettings(db, businessId);
}

/** PAY-3: the business's fee rates (its own, or the illustrative defaults) and revenue grade history, with today's rates. */
export async function getFeeSettings(db: Db, businessId: string, today: string) {
  const { rules, grades, custom } = await feeContext(db, businessId);
  const grade = gradeOn(grades, today);
  const methods: FeeMethod[] = ['card', 'kakaopay_card', 'kakaopay_money', 'points'];
  return {
    custom,
    grade,
    gradeLabel: REVENUE_GRADE_LABELS[grade],
    grades: grades.map((g) => ({ grade: g.grade, gradeLabel: REVENUE_GRADE_LABELS[g.grade], validFrom: g.validFrom })),
    rules: rules.map((r) => ({ method: r.method, methodLabel: FEE_METHOD_LABELS[r.method], grade: r.grade, ratePpm: r.ratePpm, validFrom: r.validFrom, validTo: r.validTo })),
    today: methods.map((method) => ({ method, methodLabel: FEE_METHOD_LABELS[method], ratePpm: rateOn(rules, method, grade, today)?.ratePpm ?? null })),
  };
}

export async function saveFeeRules(db: Db, businessId: string, rules: { method: FeeMethod; grade: RevenueGrade | null; ratePpm: number; validFrom: string; validTo: string | null }[], today: string) {
  for (const [i, r] of rules.entries()) {
    if (r.validTo !== null && r.validTo <= r.validFrom) throw new AppError('FEE_RULE_INVALID', { message: '적용 종료일은 시작일보다 늦어야 합니다.', details: { fields: [{ path: `rules[${i}].validTo`, message: '적용 종료일은 시작일보다 늦어야 합니다.' }] } });
  }
  await db.transaction().execute((trx) => settlement.replaceFeeRules(trx, businessId, rules));
  return getFeeSettings(db, businessId, today);
}

export async function saveFeeGrade(db: Db, businessId: string, grade: RevenueGrade, validFrom: string, today: string) {
  await settlement.upsertFeeGrade(db, businessId, grade, validFrom);
  return getFeeSettings(db, businessId, today);
}
