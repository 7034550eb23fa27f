import { registerConstraintErrors } from '../../platform/errors/constraints.ts';

// Emails are the login, unique across businesses: the constraint decides, so two sign-ups racing for one email cannot both pass.
registerConstraintErrors({ users_email_key: 'EMAIL_TAKEN' });
