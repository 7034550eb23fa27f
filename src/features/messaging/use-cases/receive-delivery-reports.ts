import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { parseDeliveryReports, verifyReportSignature } from '../provider/solapi.ts';
import { findProviderSettings } from '../repository/provider-settings.ts';
import { apiSecretOf } from './provider-settings.ts';
import { applyProviderReport } from './apply-reports.ts';

const UNKNOWN_BUSINESS_SECRET = crypto.randomBytes(32).toString('hex');

/** MSG-11, the delivery-report webhook: authenticated by the business's report token, applied so a status only moves forward (a replay changes nothing). */
export async function receiveDeliveryReports(db: Kysely<DB>, input: { businessId: string; token: string | string[] | undefined; body: unknown }) {
  const settings = await findProviderSettings(db, input.businessId);
  // SEC-4: a business without settings (or none at all) is checked against a secret nobody has: same 401, same reason.
  const check = verifyReportSignature({ apiSecret: (settings ? apiSecretOf(settings) : null) ?? UNKNOWN_BUSINESS_SECRET, token: input.token });
  if (!check.ok || !settings) throw new AppError('MESSAGE_REPORT_SIGNATURE_INVALID', { details: { reason: check.ok ? 'mismatch' : check.reason } });
  const reports = parseDeliveryReports(input.body);
  let updated = 0;
  for (const report of reports) updated += await applyProviderReport(db, input.businessId, report);
  return { received: reports.length, updated };
}
