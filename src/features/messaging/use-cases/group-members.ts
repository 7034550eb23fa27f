import { groupMemberCondition } from '../../loyalty/index.ts';
import type { GroupMembers } from '../repository/audience.ts';

/** Group members as of `now`, with the business's zone given so the planner sees the window as a constant. */
export const groupMembersAt =
  (now: Date, zone: string): GroupMembers =>
  (customer, businessId, group) =>
    groupMemberCondition(customer, businessId, group, now, zone);
