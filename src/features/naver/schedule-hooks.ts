import type { ScheduleHooks } from '../schedules/index.ts';
import { commandsForNaverChange } from './use-cases/queue-naver-commands.ts';

/** NAVER-7, NAVER-8: what the shop decides on a Naver schedule goes to Naver, through the outbox, in the change's transaction. */
export const naverScheduleHooks: ScheduleHooks = {
  async afterUpdate({ trx, jobs, schedule }, change) {
    if (schedule.source !== 'naver' || change.departmentId === undefined) return;
    await commandsForNaverChange(trx, jobs, schedule.businessId, schedule.id, { departmentId: change.departmentId });
  },
  async afterStatusChange({ trx, jobs, schedule }, change) {
    if (schedule.source !== 'naver') return;
    await commandsForNaverChange(trx, jobs, schedule.businessId, schedule.id, { status: change.to });
  },
};
