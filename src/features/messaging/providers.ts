import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError } from '../../platform/errors/registry.ts';
import { publicUrl } from '../../platform/http/public-url.ts';
import { startLocalProvider, type LocalProvider } from './provider/local-server.ts';
import { createSolapiProvider, parseDeliveryReports, verifyReportSignature } from './provider/solapi.ts';
import type { MessageProvider } from './provider/types.ts';
import * as repo from './repository.ts';

/**
 * MSG-11: which provider a business sends through. Its settings name
 * Solapi's API URL, key and secret; the API URL `local` means the
 * Solapi-compatible server built into this process (the demo's, started on
 * first use on a free port), which reports deliveries back to this server's
 * webhook like Solapi does. `npm run provider:local` runs the same server
 * on its own, for a product with several processes or a crash test.
 */
export const LOCAL_PROVIDER_URL = 'local';

const embedded = new Map<string, Promise<LocalProvider>>();
const UNKNOWN_BUSINESS_SECRET = crypto.randomBytes(32).toString('hex');

export function reportWebhookUrl(businessId: string): string {
  return `${publicUrl()}/api/messaging/solapi/${businessId}/reports`;
}

function embeddedProvider(businessId: string, apiKey: string, apiSecret: string): Promise<LocalProvider> {
  let started = embedded.get(businessId);
  if (!started) {
    started = startLocalProvider({ port: 0, apiKey, apiSecret, reportUrl: reportWebhookUrl(businessId), deliveryDelayMs: 800 });
    embedded.set(businessId, started);
  }
  return started;
}

export async function stopEmbeddedProviders(): Promise<void> {
  const all = [...embedded.values()];
  embedded.clear();
  for (const p of all) await (await p).close();
}

export async function providerFor(db: Kysely<DB>, businessId: string): Promise<{ provider: MessageProvider; senderPhone: string; pfId: string | null; optOutPhone: string }> {
  const settings = await repo.findProviderSettings(db, businessId);
  if (!settings) throw new AppError('MESSAGE_PROVIDER_NOT_SET');
  const apiUrl = settings.api_url === LOCAL_PROVIDER_URL ? (await embeddedProvider(businessId, settings.api_key, settings.api_secret)).url : settings.api_url;
  return {
    provider: createSolapiProvider({ apiUrl, apiKey: settings.api_key, apiSecret: settings.api_secret }),
    senderPhone: settings.sender_phone,
    pfId: settings.kakao_pf_id,
    optOutPhone: settings.opt_out_phone,
  };
}

/** The delivery-report webhook: authenticated by the business's report token, applied so a status only moves forward. */
export async function receiveDeliveryReports(db: Kysely<DB>, input: { businessId: string; token: string | string[] | undefined; body: unknown }) {
  const settings = await repo.findProviderSettings(db, input.businessId);
  // SEC-4: a business without settings (or none at all) is checked against a secret nobody has: same 401, same reason.
  const check = verifyReportSignature({ apiSecret: settings?.api_secret ?? UNKNOWN_BUSINESS_SECRET, token: input.token });
  if (!check.ok || !settings) throw new AppError('MESSAGE_REPORT_SIGNATURE_INVALID', { details: { reason: check.ok ? 'mismatch' : check.reason } });
  const reports = parseDeliveryReports(input.body);
  let updated = 0;
  for (const report of reports) updated += await repo.applyDeliveryReport(db, input.businessId, report);
  return { received: reports.length, updated };
}
