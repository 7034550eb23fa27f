import { registerConstraintErrors } from '../../../platform/errors/constraints.ts';

// A grade's or a tag's name is unique in its business: the constraint decides, so two requests racing for one name cannot both pass.
registerConstraintErrors({
  customer_grades_name_key: 'CUSTOMER_GRADE_NAME_TAKEN',
  customer_tags_name_key: 'CUSTOMER_TAG_NAME_TAKEN',
});
