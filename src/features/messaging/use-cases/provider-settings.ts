import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { decryptSecret, encryptSecret } from '../../../platform/secrets/encryption.ts';
import { formatPhone, normalizePhone } from '../../../shared/phone.ts';
import { connectProvider, reportWebhookUrl } from '../provider/connect.ts';
import { LOCAL_PROVIDER_URL } from '../provider/local.ts';
import { withReportToken } from '../provider/solapi-auth.ts';
import { ProviderError, SOLAPI_API_URL } from '../provider/solapi.ts';
import * as repo from '../repository/provider-settings.ts';
import { DEFAULT_UNIT_PRICES, isUnitPrice, PRICED_TYPES, unitPricesOf, type UnitPrices } from '../domain/cost.ts';

/**
 * MSG-11: a shop's own Solapi account — API key, secret (write-only, stored
 * encrypted with a key outside the database), its registered sender number
 * (발신번호), its Kakao channel (pfId) and the 080 number of the opt-out line
 * — and the 연결 확인 that asks Solapi for the balance and the registered
 * sender numbers.
 */

const SECRET_PURPOSE = 'message_provider_settings.api_secret';
/** Below this (balance + points, 원) a send cannot pay for even a few LMS: the check says so. */
export const LOW_BALANCE_WON = 100;

type Db = Kysely<DB>;

/** The secret as the provider needs it: decrypted, or (a row written before encryption) as it was stored. */
export function apiSecretOf(row: repo.ProviderSettingsRow): string | null {
  if (!row.api_secret.startsWith('v1.')) return row.api_secret;
  return decryptSecret(row.api_secret, SECRET_PURPOSE);
}

/** The row with its secret readable, for the send and the delivery reports. */
export function readableSettings(row: repo.ProviderSettingsRow): repo.ProviderSettingsRow {
  const secret = apiSecretOf(row);
  if (secret === null) throw new ProviderError('저장된 발송 서비스 시크릿을 이 설치에서 읽을 수 없습니다. 설정 > 메시지 발송에서 다시 입력해 주세요.', { retryable: false, httpStatus: null, code: 'MESSAGE_PROVIDER_SECRET_UNREADABLE' });
  return { ...row, api_secret: secret };
}

/** Writes the settings with the secret encrypted (the demo, the tests and the settings screen). */
export async function upsertProviderSettings(db: Db, values: { businessId: string; apiUrl: string; apiKey: string; apiSecret: string; senderPhone: string; optOutPhone: string; kakaoPfId: string | null }) {
  await repo.writeProviderSettings(db, { ...values, apiSecretStored: encryptSecret(values.apiSecret, SECRET_PURPOSE), apiSecretLast4: values.apiSecret.slice(-4) });
}

export async function getMessagingSettings(db: Db, businessId: string) {
  const row = await repo.findProviderSettings(db, businessId);
  const secret = row ? apiSecretOf(row) : null;
  return {
    configured: row !== undefined,
    provider: 'solapi' as const,
    apiUrl: row?.api_url ?? SOLAPI_API_URL,
    apiKey: row?.api_key ?? '',
    apiSecretSet: row !== undefined,
    apiSecretLast4: row ? (row.api_secret_last4 ?? secret?.slice(-4) ?? null) : null,
    senderPhone: row ? formatPhone(row.sender_phone) : '',
    optOutPhone: row ? formatPhone(row.opt_out_phone) : '',
    kakaoPfId: row?.kakao_pf_id ?? null,
    // Solapi 콘솔 > 웹훅: where delivery reports go (the token in it is derived from the secret).
    reportUrl: row && secret ? withReportToken(reportWebhookUrl(businessId), secret) : null,
    check: row?.checked_at ? { at: row.checked_at.toISOString(), ok: row.check_error === null, error: row.check_error, balance: row.balance } : null,
    unitPrices: unitPricesOf(row?.unit_prices ?? null),
    defaultUnitPrices: DEFAULT_UNIT_PRICES,
    updatedAt: row?.updated_at.toISOString() ?? null,
  };
}

function field(path: string, message: string): never {
  throw new AppError('MESSAGE_PROVIDER_SETTINGS_INVALID', { message, details: { fields: [{ path, message }] } });
}

export async function saveMessagingSettings(
  db: Db,
  businessId: string,
  input: { apiUrl?: string | undefined; apiKey: string; apiSecret?: string | undefined; senderPhone: string; optOutPhone: string; kakaoPfId?: string | null | undefined },
) {
  const apiUrl = (input.apiUrl?.trim() || SOLAPI_API_URL).replace(/\/+$/, '');
  if (apiUrl !== LOCAL_PROVIDER_URL && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(apiUrl)) field('apiUrl', 'API 주소는 https:// 로 시작하는 주소이거나 local 이어야 합니다.');
  const apiKey = input.apiKey.trim();
  if (!/^[A-Za-z0-9]{4,64}$/.test(apiKey)) field('apiKey', 'API 키는 솔라피 콘솔의 API Key(영문·숫자)를 그대로 붙여 넣어 주세요.');
  const sender = normalizePhone(input.senderPhone);
  if (!sender) field('senderPhone', '발신번호는 솔라피에 등록한 전화번호로 입력해 주세요.');
  const optOut = normalizePhone(input.optOutPhone);
  if (!optOut) field('optOutPhone', '수신거부 번호(080 번호 등)를 입력해 주세요.');
  const kakaoPfId = input.kakaoPfId?.trim() || null;
  if (kakaoPfId !== null && !/^[A-Za-z0-9_-]{4,64}$/.test(kakaoPfId)) field('kakaoPfId', '카카오 채널 연동 ID(pfId)가 올바르지 않습니다.');
  const secret = input.apiSecret?.trim() || null;
  const existing = await repo.findProviderSettings(db, businessId);
  if (!secret && !existing) field('apiSecret', 'API 시크릿을 입력해 주세요.');
  if (secret) await upsertProviderSettings(db, { businessId, apiUrl, apiKey, apiSecret: secret, senderPhone: sender, optOutPhone: optOut, kakaoPfId });
  else await repo.updateProviderSettingsKeepingSecret(db, { businessId, apiUrl, apiKey, senderPhone: sender, optOutPhone: optOut, kakaoPfId });
  return getMessagingSettings(db, businessId);
}

/** 발송 단가: the shop's prices for the cost estimate (what is not given keeps its value); null: Solapi's list prices again. */
export async function saveUnitPrices(db: Db, businessId: string, prices: Partial<UnitPrices> | null) {
  const row = await repo.findProviderSettings(db, businessId);
  if (!row) throw new AppError('MESSAGE_PROVIDER_NOT_SET');
  for (const type of PRICED_TYPES) {
    const price = prices?.[type];
    if (price !== undefined && !isUnitPrice(price)) field(`unitPrices.${type}`, '단가는 0원부터 1,000원까지, 소수점 한 자리까지 입력해 주세요.');
  }
  await repo.writeUnitPrices(db, businessId, prices ? { ...unitPricesOf(row.unit_prices), ...prices } : null);
  return getMessagingSettings(db, businessId);
}

export async function removeMessagingSettings(db: Db, businessId: string) {
  await repo.deleteProviderSettings(db, businessId);
  return getMessagingSettings(db, businessId);
}

function reasonOf(error: unknown): string {
  if (error instanceof ProviderError) {
    if (['InvalidAPIKey', 'SignatureDoesNotMatch', 'Unauthorized', 'InvalidAuthorization'].includes(error.code) || error.httpStatus === 401 || error.httpStatus === 403) {
      return 'API 키 또는 시크릿이 올바르지 않습니다. 솔라피 콘솔의 API Key와 API Secret을 확인해 주세요.';
    }
    if (error.retryable) return `솔라피에 연결하지 못했습니다 (${error.code}). 잠시 후 다시 확인해 주세요.`;
    return `솔라피가 요청을 거절했습니다: ${error.message}`;
  }
  if (error instanceof AppError) return error.message;
  return '연결 확인 중 알 수 없는 오류가 났습니다.';
}

/**
 * 연결 확인: the balance and the account's registered sender numbers, asked
 * of Solapi with the saved keys (never inside a transaction). Fails with the
 * Korean reason for a wrong key, a sender number Solapi has not registered,
 * or a balance too low to send; the outcome is recorded and shown.
 */
export async function checkMessagingSettings(db: Db, businessId: string, now = new Date()) {
  const row = await repo.findProviderSettings(db, businessId);
  if (!row) throw new AppError('MESSAGE_PROVIDER_NOT_SET');
  let error: string | null = null;
  let balance: number | null = null;
  try {
    const provider = await connectProvider(businessId, readableSettings(row));
    const account = await provider.getBalance();
    balance = Math.floor(account.balance);
    const senders = await provider.listSenderIds();
    const registered = senders.find((s) => s.phoneNumber === row.sender_phone);
    if (!registered) error = `발신번호 ${formatPhone(row.sender_phone)} 이(가) 솔라피 계정에 등록되어 있지 않습니다. 솔라피 콘솔 > 발신번호 관리에서 등록해 주세요.`;
    else if (!registered.approved) error = `발신번호 ${formatPhone(row.sender_phone)} 은(는) 아직 승인되지 않았습니다. 솔라피의 발신번호 승인을 기다려 주세요.`;
    else if (account.balance + account.point < LOW_BALANCE_WON) error = `잔액이 부족합니다 (잔액 ${Math.floor(account.balance).toLocaleString('ko-KR')}원, 포인트 ${Math.floor(account.point).toLocaleString('ko-KR')}). 솔라피에서 충전해 주세요.`;
  } catch (caught) {
    error = reasonOf(caught);
  }
  await repo.recordProviderCheck(db, businessId, { at: now, error, balance });
  return getMessagingSettings(db, businessId);
}

/** MSG-11: a message can be created or scheduled only with settings whose last 연결 확인 (if any) did not fail. */
export async function requireWorkingProvider(db: Db, businessId: string): Promise<void> {
  const row = await repo.findProviderSettings(db, businessId);
  if (!row) throw new AppError('MESSAGE_PROVIDER_NOT_SET');
  if (row.checked_at && row.check_error) throw new AppError('MESSAGE_PROVIDER_CHECK_FAILED', { message: `메시지를 보낼 수 없습니다: ${row.check_error}`, details: { checkedAt: row.checked_at.toISOString() } });
}
