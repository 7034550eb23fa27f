import { registerConstraintErrors } from '../../platform/errors/constraints.ts';

// A customer is one (name, phone) pair of a business: the constraint decides, so two requests racing for one pair cannot both pass.
registerConstraintErrors({ customers_name_phone_key: 'CUSTOMER_DUPLICATE' });
