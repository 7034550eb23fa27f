import { AppError } from '../../platform/errors/registry.ts';
import type { ScheduleHooks } from '../schedules/index.ts';
import { commandsForNaverChange } from './use-cases/queue-naver-commands.ts';

/** NAVER-7, NAVER-8: what the shop decides on a Naver schedule goes to Naver, through the outbox, in the change's transaction. */
export const naverScheduleHooks: ScheduleHooks = {
  beforeUpdate({ schedule }, change) {
    // OPS-5: the connector has no time-change command (docs/naver-contract.md), so a Naver booking's
    // time is Naver's: moved only here, the customer would come at the time Naver still shows.
    // Staff and department moves are allowed; Naver's own changes arrive as booking.changed.
    if (schedule.source !== 'naver') return;
    if (change.startsAt.getTime() !== schedule.startsAt.getTime() || change.endsAt.getTime() !== schedule.endsAt.getTime()) throw new AppError('NAVER_TIME_FIXED');
  },
  async afterUpdate({ trx, jobs, schedule }, change) {
    if (schedule.source !== 'naver' || change.departmentId === undefined) return;
    await commandsForNaverChange(trx, jobs, schedule.businessId, schedule.id, { departmentId: change.departmentId });
  },
  async afterStatusChange({ trx, jobs, schedule }, change) {
    if (schedule.source !== 'naver') return;
    await commandsForNaverChange(trx, jobs, schedule.businessId, schedule.id, { status: change.to });
  },
};
