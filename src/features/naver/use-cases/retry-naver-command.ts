import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import type { Actor } from '../../auth/index.ts';
import { enqueueOutbound } from '../outbound-queue.ts';
import * as outbox from '../repository/outbox.ts';
import { loadScheduleCommands } from './present.ts';

/** NAVER-9: re-sends a failed command from the schedule panel (다시 보내기); answers the schedule's commands. */
export async function retryNaverCommand(db: Kysely<DB>, jobs: Jobs, actor: Actor, scheduleId: string, outboxId: string) {
  await db.transaction().execute(async (trx) => {
    const reset = await outbox.resetFailed(trx, actor.businessId, scheduleId, outboxId);
    // SEC-4: an id that is not this schedule's command (another business's, or none) is simply not found.
    if (!reset) throw new AppError((await outbox.commandExists(trx, actor.businessId, scheduleId, outboxId)) ? 'NAVER_COMMAND_NOT_RETRYABLE' : 'NAVER_COMMAND_NOT_FOUND');
    await enqueueOutbound(trx, jobs, { outboxId, businessId: actor.businessId });
  });
  return { commands: await loadScheduleCommands(db, actor.businessId, scheduleId) };
}
