import { registerConstraintErrors } from '../../../platform/errors/constraints.ts';

/**
 * The messaging tables' constraints a write can break through no fault of
 * the code, each with the error a user sees: a customer or a message
 * deleted, or a business removed, while a message was being fixed or sent.
 * (Codes, tokens and statuses are made by the code; breaking those is a bug.)
 */
registerConstraintErrors({
  message_recipients_business_id_customer_id_fkey: 'CUSTOMER_NOT_FOUND',
  message_recipients_business_id_message_id_fkey: 'MESSAGE_NOT_FOUND',
  message_batches_business_id_message_id_fkey: 'MESSAGE_NOT_FOUND',
  messages_business_id_fkey: 'BUSINESS_NOT_FOUND',
  message_drafts_business_id_fkey: 'BUSINESS_NOT_FOUND',
  message_provider_settings_business_id_fkey: 'BUSINESS_NOT_FOUND',
  marketing_opt_outs_business_id_fkey: 'BUSINESS_NOT_FOUND',
});
