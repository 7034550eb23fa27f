import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { Jobs, QueuePolicy } from '../../platform/jobs/jobs.ts';
import { AppError } from '../../platform/errors/registry.ts';
import { sendNaverCommand, NaverSendError, type NaverCommand, type NaverCommandName } from './client.ts';
import * as repo from './outbox-repository.ts';

/**
 * NAVER-9: the transactional outbox. A decision in the calendar writes its
 * command row and enqueues its job in the transaction of the change; the job
 * sends it after commit, retrying with exponential backoff. Commands of one
 * schedule go out in the order they were made: a job whose predecessor is
 * unsent waits (retries) for it.
 */
export const NAVER_OUTBOUND_QUEUE = 'naver-outbound';

export const NAVER_OUTBOUND_POLICY: QueuePolicy = {
  retryLimit: 8,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 300,
  expireInSeconds: 60,
  pollingIntervalSeconds: 1,
};

export interface OutboundJob {
  outboxId: string;
}

export async function enqueueNaverCommand(
  trx: Kysely<DB>,
  jobs: Jobs,
  values: { businessId: string; scheduleId: string; command: NaverCommandName; reason?: string; productId?: string },
) {
  const payload: Omit<NaverCommand, 'commandId' | 'bookingId'> = { command: values.command };
  if (values.reason) payload.reason = values.reason;
  if (values.productId) payload.productId = values.productId;
  const row = await repo.insertCommand(trx, { businessId: values.businessId, scheduleId: values.scheduleId, command: values.command, payload });
  await jobs.sendInTransaction(trx, NAVER_OUTBOUND_QUEUE, { outboxId: row.id } satisfies OutboundJob);
  return row.id;
}

class WaitForEarlierCommand extends Error {}

/** Sends one outbox command; throws to make pg-boss retry. */
export async function sendOutboxCommand(db: Kysely<DB>, outboxId: string, attempt: { isLast: boolean }): Promise<'sent' | 'skipped' | 'failed'> {
  const command = await repo.findCommandForSend(db, outboxId);
  if (!command || command.status === 'sent') return 'skipped';
  if ((await repo.countEarlierUnsent(db, command)) > 0) {
    if (attempt.isLast) {
      await repo.markAttemptFailed(db, outboxId, '앞선 명령이 아직 전송되지 않았습니다.', true);
      return 'failed';
    }
    throw new WaitForEarlierCommand('an earlier command of this schedule is not sent yet');
  }
  if (!command.enabled || !command.outbound_url || !command.secret) {
    await repo.markAttemptFailed(db, outboxId, '네이버예약 연동이 꺼져 있거나 전송 주소가 없습니다.', true);
    return 'failed';
  }
  const payload = command.payload as Omit<NaverCommand, 'commandId' | 'bookingId'>;
  try {
    await sendNaverCommand(command.outbound_url, command.secret, { ...payload, commandId: command.id, bookingId: command.booking_id });
  } catch (error) {
    const message = error instanceof NaverSendError ? error.message : String(error);
    await repo.markAttemptFailed(db, outboxId, message, attempt.isLast);
    if (attempt.isLast) return 'failed';
    throw error;
  }
  await repo.markSent(db, outboxId);
  return 'sent';
}

export async function startNaverOutboundWorker(db: Kysely<DB>, jobs: Jobs): Promise<void> {
  await jobs.work<OutboundJob>(NAVER_OUTBOUND_QUEUE, NAVER_OUTBOUND_POLICY, async (batch) => {
    for (const job of batch) {
      await sendOutboxCommand(db, job.data.outboxId, { isLast: (job.retryCount ?? 0) >= (job.retryLimit ?? NAVER_OUTBOUND_POLICY.retryLimit) });
    }
  });
}

export async function listScheduleSync(db: Kysely<DB>, businessId: string, scheduleId: string) {
  const rows = await repo.listForSchedule(db, businessId, scheduleId);
  return rows.map((r) => ({
    id: r.id,
    command: r.command,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at ? r.sent_at.toISOString() : null,
  }));
}

/** NAVER-9: re-sends a failed command from the schedule panel. */
export async function retryNaverCommand(db: Kysely<DB>, jobs: Jobs, businessId: string, scheduleId: string, outboxId: string) {
  await db.transaction().execute(async (trx) => {
    const reset = await repo.resetFailed(trx, businessId, scheduleId, outboxId);
    // SEC-4: an id that is not this schedule's command (another business's, or none) is simply not found.
    if (!reset) throw new AppError((await repo.commandExists(trx, businessId, scheduleId, outboxId)) ? 'NAVER_COMMAND_NOT_RETRYABLE' : 'NAVER_COMMAND_NOT_FOUND');
    await jobs.sendInTransaction(trx, NAVER_OUTBOUND_QUEUE, { outboxId } satisfies OutboundJob);
  });
}
