/**
 * The local Solapi-compatible server (MSG-11): what the demo sends through
 * (src/main.ts starts one per business), what the tests and the bench send
 * to, and `npm run provider:local`. Talks HTTP only; nothing here opens a
 * database.
 */
export {
  LOCAL_PROVIDER_DEFAULT_API_KEY,
  LOCAL_PROVIDER_DEFAULT_API_SECRET,
  LOCAL_PROVIDER_DEFAULT_PORT,
  startLocalProvider,
  type LocalProvider,
  type LocalProviderOptions,
  type ReportStats,
} from './server.ts';
export {
  LOCAL_PROVIDER_DEFAULT_BALANCE,
  LOCAL_PROVIDER_DEFAULT_SENDER_ID,
  type LocalAccountSettings,
  type LocalAccountState,
  type LocalSenderId,
  type LocalSenderIdStatus,
} from './account.ts';
export { findDuplicates, readLocalProviderFile, type LocalGroupStatus, type RecipientDuplicate, type StoredGroup, type StoredMessage } from './records.ts';
export { AD_REJECT_COMMENT, type StoredTemplate, type TemplateReview, type TemplateStatus } from './templates.ts';
