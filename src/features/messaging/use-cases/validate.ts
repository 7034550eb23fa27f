import type { Kysely } from 'kysely';
import type { DB, MessageChannel } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Audience } from '../domain/audience.ts';
import { LMS_SUBJECT_MAX_BYTES, smsBytes, unsupportedChars } from '../domain/bytes.ts';
import { validateCoupon, type Coupon } from '../domain/coupon.ts';
import { isQuietHour, QUIET_HOURS_MESSAGE } from '../domain/quiet-hours.ts';
import type { MessageContent } from '../domain/message.ts';
import { validateSendSettings, type SendSettings } from '../domain/send-settings.ts';
import { templateByKey } from '../domain/templates.ts';
import { knownCustomerIds } from '../repository/messages.ts';

/** The checks a message passes before it is previewed, created or edited (MSG-3, MSG-6, MSG-9). */

type FieldError = { path: string; message: string };

function fieldErrors(errors: FieldError[]): never {
  throw new AppError('VALIDATION_FAILED', { message: errors[0]!.message, details: { fields: errors } });
}

/** MSG-3: every field required, the coupon valid, the text sendable on its channel. */
export function validateContent(content: MessageContent): { coupon: Coupon; channel: MessageChannel } {
  const errors: FieldError[] = [];
  if (!templateByKey(content.templateKey)) errors.push({ path: 'content.templateKey', message: '템플릿을 선택해 주세요.' });
  if (content.title.trim() === '') errors.push({ path: 'content.title', message: '제목을 입력해 주세요.' });
  else if (content.channel === 'sms' && smsBytes(content.title) > LMS_SUBJECT_MAX_BYTES) {
    errors.push({ path: 'content.title', message: `문자 제목은 ${LMS_SUBJECT_MAX_BYTES}byte 이내로 입력해 주세요. (현재 ${smsBytes(content.title)} byte)` });
  }
  if (content.body.trim() === '') errors.push({ path: 'content.body', message: '내용을 입력해 주세요.' });
  const coupon = validateCoupon(content.coupon);
  if (!coupon.ok) errors.push(...coupon.errors.map((e) => ({ path: `content.coupon.${e.path}`.replace(/\.$/, ''), message: e.message })));
  const channel: MessageChannel = content.channel;
  if (content.channel === 'sms') {
    const bad = unsupportedChars(content.body + content.title);
    if (bad.length > 0) errors.push({ path: 'content.body', message: `문자로 보낼 수 없는 글자가 있습니다: ${bad.join(' ')}` });
  }
  if (errors.length > 0 || !coupon.ok) fieldErrors(errors);
  return { coupon: coupon.value, channel };
}

/**
 * A direct audience names customers of this business only: an id of another
 * business's customer (or of nobody) is refused, the same for create and
 * edit, instead of being counted as nobody.
 */
export async function validateAudience(db: Kysely<DB>, businessId: string, audience: Audience): Promise<void> {
  if (audience.kind !== 'direct') return;
  if (audience.customerIds.length === 0) throw new AppError('MESSAGE_NO_RECIPIENTS', { message: '보낼 고객을 한 명 이상 선택해 주세요.' });
  const known = await knownCustomerIds(db, businessId, audience.customerIds);
  const unknown = audience.customerIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const message = `선택한 고객 ${unknown.length}명을 찾을 수 없습니다. 고객 목록을 새로고침한 뒤 다시 선택해 주세요.`;
    throw new AppError('CUSTOMER_NOT_FOUND', { message, details: { fields: [{ path: 'audience.customerIds', message }], unknownCustomerIds: unknown } });
  }
}

export function validateSettings(audience: Audience, settings: SendSettings): void {
  const problems = validateSendSettings(audience.kind, settings);
  const notAllowed = problems.find((p) => p.code === 'SEND_SETTING_NOT_ALLOWED');
  if (notAllowed) throw new AppError('SEND_SETTING_NOT_ALLOWED', { message: notAllowed.message, details: { path: notAllowed.path } });
  if (problems.length > 0) fieldErrors(problems.map((p) => ({ path: `settings.${p.path}`.replace(/\.$/, ''), message: p.message })));
}

/** MSG-8, MSG-9: a send time is not in the past (a minute's grace) and not in the quiet hours. */
export function validateSendAt(sendAt: Date, asked: boolean, zone: string, now: Date): void {
  if (asked && sendAt.getTime() < now.getTime() - 60_000) throw new AppError('MESSAGE_SEND_AT_PAST');
  if (isQuietHour(sendAt, zone)) throw new AppError('MESSAGE_QUIET_HOURS', { message: QUIET_HOURS_MESSAGE });
}
