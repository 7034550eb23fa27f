import { registerConstraintErrors } from '../../platform/errors/constraints.ts';

// The constraint, not a lookup before the write, decides whether a name is taken: two requests racing for one name cannot both pass.
registerConstraintErrors({
  departments_name_key: 'DEPARTMENT_NAME_TAKEN',
  staff_user_key: 'STAFF_USER_TAKEN',
  permission_groups_name_key: 'PERMISSION_GROUP_NAME_TAKEN',
  memo_types_name_key: 'MEMO_TYPE_NAME_TAKEN',
});
