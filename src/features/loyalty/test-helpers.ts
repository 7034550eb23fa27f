import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { TestApp } from '../../../test/app.ts';

/**
 * A coupon as the messaging feature writes it: a message and one recipient
 * row carrying the code. Written here directly so these tests do not depend
 * on the send flow.
 */
export async function insertCoupon(
  db: Kysely<DB>,
  businessId: string,
  options: { customerId?: string | null; code?: string; expiresAt?: Date; redeemedAt?: Date | null } = {},
): Promise<{ code: string; messageId: string; recipientId: string }> {
  const message = await db
    .insertInto('messages')
    .values({
      business_id: businessId,
      channel: 'alimtalk',
      template_key: 'regular-thanks',
      title: '단골 감사 쿠폰',
      body: '#{이름}님 감사합니다',
      coupon: JSON.stringify({ type: 'discount', discountKind: 'percent', discountValue: 10 }),
      coupon_validity: '7d',
      audience: JSON.stringify({ kind: 'direct', customerIds: [] }),
      settings: JSON.stringify({ visitorRestriction: null, duplicatePrevention: null, performance: null }),
      status: 'sent',
      send_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const code = options.code ?? `C${crypto.randomBytes(5).toString('hex').toUpperCase()}`;
  const recipient = await db
    .insertInto('message_recipients')
    .values({
      business_id: businessId,
      message_id: message.id,
      customer_id: options.customerId ?? null,
      name: '쿠폰고객',
      phone: '01099998888',
      batch_no: 0,
      status: 'delivered',
      coupon_code: code,
      coupon_expires_at: options.expiresAt ?? new Date(Date.now() + 7 * 86_400_000),
      coupon_redeemed_at: options.redeemedAt ?? null,
      opt_out_token: crypto.randomBytes(12).toString('hex'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { code, messageId: message.id, recipientId: recipient.id };
}

/** A call with a POS key instead of a session. */
export async function posCall(t: TestApp, key: string | null, method: string, url: string, body?: unknown) {
  const response = await t.app.inject({
    method: method as 'POST',
    url,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    ...(body !== undefined ? { payload: body as object } : {}),
  });
  return { status: response.statusCode, body: response.body ? response.json() : null };
}
