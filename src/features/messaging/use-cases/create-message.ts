import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import type { Actor } from '../../auth/index.ts';
import { windowsFor } from '../domain/audience.ts';
import type { MessageInput } from '../domain/message.ts';
import { enqueueDispatch } from '../queues.ts';
import { summarizeAudience } from '../repository/audience.ts';
import { insertMessage } from '../repository/messages.ts';
import { getMessage } from './get-message.ts';
import { groupMembersAt } from './group-members.ts';
import { validateAudience, validateContent, validateSendAt, validateSettings } from './validate.ts';
import { requireWorkingProvider } from './provider-settings.ts';

/**
 * MSG-8, MSG-9: a message to send now or at `sendAt`. The row and its
 * dispatch job commit together; the job re-checks everything at send time.
 */
export async function createMessage(db: Kysely<DB>, jobs: Jobs, actor: Actor, input: MessageInput & { sendAt?: string | undefined }, now = new Date()) {
  const { coupon, channel } = validateContent(input.content);
  await requireWorkingProvider(db, actor.businessId);
  await validateAudience(db, actor.businessId, input.audience);
  validateSettings(input.audience, input.settings);
  const sendAt = input.sendAt ? new Date(input.sendAt) : now;
  validateSendAt(sendAt, Boolean(input.sendAt), actor.timeZone, now);
  const summary = await summarizeAudience(db, actor.businessId, input.audience, windowsFor(input.settings, sendAt, actor.timeZone), groupMembersAt(sendAt, actor.timeZone));
  if (summary.recipients === 0) throw new AppError('MESSAGE_NO_RECIPIENTS');
  const id = await db.transaction().execute(async (trx) => {
    const row = await insertMessage(trx, actor.businessId, {
      channel,
      template_key: input.content.templateKey,
      title: input.content.title.trim(),
      body: input.content.body,
      coupon: JSON.stringify(coupon),
      coupon_validity: input.content.validity,
      audience: JSON.stringify(input.audience),
      settings: JSON.stringify(input.settings),
      status: 'scheduled',
      send_at: sendAt,
      created_by: actor.userId,
    });
    await enqueueDispatch(trx, jobs, { businessId: actor.businessId, messageId: row.id, version: row.version }, sendAt);
    return row.id;
  });
  return getMessage(db, actor, id);
}
