import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { publicUrl } from '../../../platform/http/public-url.ts';
import { decryptSecret } from '../../../platform/secrets/encryption.ts';
import { findPaymentSettings } from '../repository/settings.ts';
import { createTossClient, TOSS_API_URL } from './toss.ts';
import type { PaymentProvider } from './types.ts';

/**
 * PAY-1: the payment provider a business's settings name. `api_url` is
 * Toss's (https://api.tosspayments.com, the browser then uses Toss's own
 * SDK), any Toss-compatible server (a test's), or `local`: the local
 * Toss-compatible server (tools/toss-local), which the product does not
 * contain; the process that runs it (src/main.ts) registers how to start
 * one, and every business with `local` becomes a merchant of it.
 */
export const LOCAL_TOSS_URL = 'local';
export const SECRET_PURPOSE = 'payment_settings.secret_key';

export interface LocalTossMerchant {
  clientKey: string;
  secretKey: string;
  /** Where the local server posts this merchant's PAYMENT_STATUS_CHANGED webhooks. */
  webhookUrl: string;
}

export type LocalTossStarter = (merchant: LocalTossMerchant) => Promise<{ url: string }>;

let localStarter: LocalTossStarter | null = null;

export function setLocalTossStarter(start: LocalTossStarter | null): void {
  localStarter = start;
}

/** Where a business's Toss account should post webhooks (shown in 설정 > 결제 for Toss's dashboard). */
export function paymentWebhookUrl(businessId: string): string {
  return `${publicUrl()}/api/public/payments/toss/${businessId}/webhook`;
}

export interface ConnectedProvider {
  provider: PaymentProvider;
  /** What the booking page opens: Toss's SDK with the client key, or the checkout page of a Toss-compatible server. */
  browser: { kind: 'toss'; clientKey: string } | { kind: 'local'; clientKey: string; checkoutUrl: string };
}

async function resolveApiUrl(businessId: string, apiUrl: string, clientKey: string, secretKey: string): Promise<string> {
  if (apiUrl !== LOCAL_TOSS_URL) return apiUrl.replace(/\/+$/, '');
  if (!localStarter) throw new AppError('PAYMENT_LOCAL_PROVIDER_UNAVAILABLE');
  return (await localStarter({ clientKey, secretKey, webhookUrl: paymentWebhookUrl(businessId) })).url;
}

/** The business's provider, or PAYMENT_SETTINGS_MISSING / PAYMENT_SETTINGS_INVALID (a secret this installation cannot read). */
export async function connectPaymentProvider(db: Kysely<DB>, businessId: string): Promise<ConnectedProvider> {
  const settings = await findPaymentSettings(db, businessId);
  if (!settings) throw new AppError('PAYMENT_SETTINGS_MISSING');
  const secretKey = decryptSecret(settings.secret_key_enc, SECRET_PURPOSE);
  if (secretKey === null) throw new AppError('PAYMENT_SETTINGS_INVALID', { message: '저장된 시크릿 키를 이 설치에서 읽을 수 없습니다. 설정 > 결제에서 키를 다시 입력해 주세요.' });
  const apiUrl = await resolveApiUrl(businessId, settings.api_url, settings.client_key, secretKey);
  const provider = createTossClient({ apiUrl, secretKey });
  const browser =
    apiUrl === TOSS_API_URL ? ({ kind: 'toss', clientKey: settings.client_key } as const) : ({ kind: 'local', clientKey: settings.client_key, checkoutUrl: `${apiUrl}/local/checkout` } as const);
  return { provider, browser };
}
