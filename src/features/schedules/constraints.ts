import { registerConstraintErrors } from '../../platform/errors/constraints.ts';

/**
 * A write that loses a race with a delete, or names another business's row
 * (every foreign key between tenant tables includes the business id), fails
 * on a constraint: the user is told which thing is missing. The notification
 * keys are here because the schedule use cases write the assignment alert
 * in their transaction.
 */
registerConstraintErrors({
  schedules_business_id_customer_id_fkey: 'CUSTOMER_NOT_FOUND',
  schedules_business_id_staff_id_fkey: 'STAFF_NOT_FOUND',
  schedules_business_id_department_id_fkey: 'DEPARTMENT_NOT_FOUND',
  schedules_check: 'SCHEDULE_TIME_INVALID',
  schedule_memos_business_id_memo_type_id_fkey: 'MEMO_TYPE_NOT_FOUND',
  schedule_memos_business_id_schedule_id_fkey: 'SCHEDULE_NOT_FOUND',
  schedule_history_business_id_schedule_id_fkey: 'SCHEDULE_NOT_FOUND',
  notifications_business_id_schedule_id_fkey: 'SCHEDULE_NOT_FOUND',
  notifications_business_id_user_id_fkey: 'USER_NOT_FOUND',
});
