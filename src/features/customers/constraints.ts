import { registerConstraintErrors } from '../../platform/errors/constraints.ts';

// A customer is one (name, phone) pair of a business: the constraint decides, so two requests racing for one pair cannot both pass.
registerConstraintErrors({ customers_name_phone_key: 'CUSTOMER_DUPLICATE' });
// LAW-4: one erasure per customer, even when two requests race past the anonymised_at check.
registerConstraintErrors({ customer_erasures_customer_key: 'CUSTOMER_ALREADY_ANONYMISED' });
