import type { Kysely } from 'kysely';
import { hasChanges } from '../../../platform/db/changes.ts';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import type { Actor } from '../../auth/index.ts';
import { windowsFor, type Audience } from '../domain/audience.ts';
import { contentOf, type MessageInput } from '../domain/message.ts';
import type { SendSettings } from '../domain/send-settings.ts';
import { enqueueDispatch } from '../queues.ts';
import { summarizeAudience } from '../repository/audience.ts';
import { lockMessage, updateMessage as updateMessageRow } from '../repository/messages.ts';
import { getMessage } from './get-message.ts';
import { groupMembersAt } from './group-members.ts';
import { validateAudience, validateContent, validateSendAt, validateSettings } from './validate.ts';
import { requireWorkingProvider } from './provider-settings.ts';

/**
 * MSG-8: a scheduled (or waiting) message edited until it goes out. An edit
 * bumps the version and enqueues a new dispatch job; the job of the old
 * version finds a newer version and does nothing.
 */
export async function updateMessage(
  db: Kysely<DB>,
  jobs: Jobs,
  actor: Actor,
  id: string,
  input: Partial<MessageInput> & { sendAt?: string | undefined; version?: number | undefined },
  now = new Date(),
) {
  await db.transaction().execute(async (trx) => {
    const row = await lockMessage(trx, actor.businessId, id);
    if (!row) throw new AppError('MESSAGE_NOT_FOUND');
    if (row.status !== 'scheduled' && row.status !== 'waiting') throw new AppError('MESSAGE_NOT_EDITABLE');
    if (input.version !== undefined && input.version !== row.version) throw new AppError('MESSAGE_VERSION_CONFLICT');
    // Nothing asked is nothing done: no new version, no new dispatch job.
    const { version: _version, ...asked } = input;
    if (!hasChanges(asked)) return;
    const content = input.content ?? contentOf(row);
    const audience = input.audience ?? (row.audience as Audience);
    const settings = input.settings ?? (row.settings as SendSettings);
    const { coupon, channel } = validateContent(content);
    await requireWorkingProvider(trx, actor.businessId);
    await validateAudience(trx, actor.businessId, audience);
    validateSettings(audience, settings);
    const sendAt = input.sendAt ? new Date(input.sendAt) : row.send_at;
    validateSendAt(sendAt, Boolean(input.sendAt), actor.timeZone, now);
    const summary = await summarizeAudience(trx, actor.businessId, audience, windowsFor(settings, sendAt, actor.timeZone), groupMembersAt(sendAt, actor.timeZone));
    if (summary.recipients === 0) throw new AppError('MESSAGE_NO_RECIPIENTS');
    const updated = await updateMessageRow(trx, actor.businessId, id, {
      channel,
      template_key: content.templateKey,
      title: content.title.trim(),
      body: content.body,
      coupon: JSON.stringify(coupon),
      coupon_validity: content.validity,
      audience: JSON.stringify(audience),
      settings: JSON.stringify(settings),
      status: 'scheduled',
      status_reason: null,
      send_at: sendAt,
      version: row.version + 1,
    });
    await enqueueDispatch(trx, jobs, { businessId: actor.businessId, messageId: id, version: updated.version }, sendAt);
  });
  return getMessage(db, actor, id);
}
