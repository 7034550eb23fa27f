import type { Kysely } from 'kysely';
import type { DB, ScheduleSource, ScheduleStatus } from '../../platform/db/types.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import type { Actor } from '../auth/index.ts';

/**
 * What a schedule change means elsewhere (a Naver command, the booking
 * behind a booking-page schedule, a visit for loyalty) is not known to the
 * schedules feature: the feature that cares registers a hook at app
 * assembly (src/app/hooks.ts), and the schedules use cases run every hook
 * inside the change's transaction, so the reaction commits with the change
 * or not at all. Schedules never branch on another feature's kind of data.
 */
export interface ScheduleRef {
  id: string;
  businessId: string;
  source: ScheduleSource;
  customerId: string;
  startsAt: Date;
  endsAt: Date;
  status: ScheduleStatus;
}

export interface ScheduleHookContext {
  trx: Kysely<DB>;
  jobs: Jobs;
  actor: Actor;
  schedule: ScheduleRef;
}

export interface ScheduleHooks {
  /** Before a move or reassignment is written: refuse what the channel cannot follow (throw an AppError). */
  beforeUpdate?(ctx: ScheduleHookContext, change: { startsAt: Date; endsAt: Date }): Promise<void> | void;
  /** After a move or reassignment was written (`departmentId` set when the department changed); `schedule` is as it was, `startsAt`/`endsAt`/`customerId` as it is now. */
  afterUpdate?(ctx: ScheduleHookContext, change: { departmentId?: string | null; startsAt: Date; endsAt: Date; customerId: string }): Promise<void>;
  /** After a schedule was made in the calendar (source 'manual'), in its transaction. `jobs` is the process's when the route has them (a reaction also leaves a row its sweep finds). */
  afterCreate?(ctx: Omit<ScheduleHookContext, 'jobs'> & { jobs: Jobs | null; title: string }): Promise<void>;
  /** After a status change was written. */
  afterStatusChange?(ctx: ScheduleHookContext, change: { from: ScheduleStatus; to: ScheduleStatus }): Promise<void>;
  /**
   * OPS-4: why this feature cannot take back what it did for the status
   * change `undone` (a notice the customer was already sent), in Korean, or
   * null. Read only: asked for the detail view's offer and again, under the
   * schedule's lock, before an undo.
   */
  statusUndoBlocker?(db: Kysely<DB>, schedule: ScheduleRef, undone: { from: ScheduleStatus; to: ScheduleStatus }): Promise<string | null>;
  /**
   * OPS-4: the status change `undone` was taken back (the schedule is
   * `undone.from` again, `schedule.status` is still `undone.to`): reverse
   * exactly what `afterStatusChange` did for it, in the undo's transaction.
   * Throw AppError('SCHEDULE_UNDO_NOT_ALLOWED') when that is no longer
   * possible (a notice claimed by its sender meanwhile): nothing is written.
   */
  afterStatusUndo?(ctx: ScheduleHookContext, undone: { from: ScheduleStatus; to: ScheduleStatus }): Promise<void>;
  /** What the channel adds to a schedule's detail view. */
  describe?(db: Kysely<DB>, schedule: ScheduleRef): Promise<{ bookingNumber?: string | null }>;
}

const registered = new Map<string, ScheduleHooks>();

/** Registers (or replaces, by name) a feature's reactions to schedule changes. */
export function registerScheduleHooks(name: string, hooks: ScheduleHooks): void {
  registered.set(name, hooks);
}

export function scheduleHooks(): ScheduleHooks[] {
  return [...registered.values()];
}
