import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { EXCLUSION_REASON_LABELS } from '../../../shared/labels/messaging.ts';
import type { Actor } from '../../auth/index.ts';
import { canSeeFullPhone, presentCustomerPhone } from '../../customers/index.ts';
import { windowsFor, type Audience } from '../domain/audience.ts';
import type { SendSettings } from '../domain/send-settings.ts';
import { sampleExcluded, summarizeAudience } from '../repository/audience.ts';
import { groupMembersAt } from './group-members.ts';
import { validateSettings } from './validate.ts';

/** MSG-5, MSG-6: how many would receive the message now, and who is excluded and why (a sample of 100). */
export async function describeAudience(db: Kysely<DB>, actor: Actor, audience: Audience, settings: SendSettings, now = new Date()) {
  validateSettings(audience, settings);
  const windows = windowsFor(settings, now, actor.timeZone);
  const [summary, sample] = await Promise.all([
    summarizeAudience(db, actor.businessId, audience, windows, groupMembersAt(now, actor.timeZone)),
    sampleExcluded(db, actor.businessId, audience, windows, groupMembersAt(now, actor.timeZone), 100),
  ]);
  const full = canSeeFullPhone(actor);
  return {
    recipients: summary.recipients,
    excluded: {
      ...summary.excluded,
      sample: sample.map((row) => ({
        customerId: row.id,
        name: row.name,
        phone: presentCustomerPhone(row.phone, full).phone,
        reason: row.reason!,
        reasonLabel: EXCLUSION_REASON_LABELS[row.reason!],
      })),
    },
  };
}
