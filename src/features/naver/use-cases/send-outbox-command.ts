import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { NaverSendError, sendNaverCommand } from '../client.ts';
import type { NaverCommandPayload } from '../domain/commands.ts';
import type { OutboundJob } from '../outbound-queue.ts';
import * as outbox from '../repository/outbox.ts';

class WaitForEarlierCommand extends Error {}

/**
 * NAVER-9: the outbound job's work, after the change committed and never
 * inside a transaction: sends one command, signed, and records the outcome.
 * Throws to make pg-boss retry; commands of one schedule go out in the order
 * they were made (a job whose predecessor is unsent waits for it). The
 * command id is Naver's idempotency key, so a re-send after a crash is safe.
 */
export async function sendOutboxCommand(db: Kysely<DB>, job: OutboundJob, attempt: { isLast: boolean }): Promise<'sent' | 'skipped' | 'failed'> {
  const businessId = job.businessId ?? (await outbox.findCommandBusiness(db, job.outboxId));
  const command = businessId ? await outbox.findCommandForSend(db, businessId, job.outboxId) : undefined;
  if (!businessId || !command || command.status === 'sent') return 'skipped';
  if ((await outbox.countEarlierUnsent(db, businessId, command)) > 0) {
    if (attempt.isLast) {
      await outbox.markAttemptFailed(db, businessId, command.id, '앞선 명령이 아직 전송되지 않았습니다.', true);
      return 'failed';
    }
    throw new WaitForEarlierCommand('an earlier command of this schedule is not sent yet');
  }
  if (!command.enabled || !command.outbound_url || !command.secret) {
    await outbox.markAttemptFailed(db, businessId, command.id, '네이버예약 연동이 꺼져 있거나 전송 주소가 없습니다.', true);
    return 'failed';
  }
  const payload = command.payload as NaverCommandPayload;
  try {
    await sendNaverCommand(command.outbound_url, command.secret, { ...payload, commandId: command.id, bookingId: command.booking_id });
  } catch (error) {
    const message = error instanceof NaverSendError ? error.message : String(error);
    await outbox.markAttemptFailed(db, businessId, command.id, message, attempt.isLast);
    if (attempt.isLast) return 'failed';
    throw error;
  }
  await outbox.markSent(db, businessId, command.id);
  return 'sent';
}
