import crypto from 'node:crypto';
import { AppError } from '../../../platform/errors/registry.ts';
import { normalizePhone } from '../../../shared/phone.ts';
import * as instruments from '../repository/instruments.ts';
import type { Db } from './support.ts';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** PAY-4: a platform coupon (platform-borne, the 쿠폰할인 column), issued by the operator. */
export async function issuePlatformCoupon(db: Db, input: { amount: number; businessId: string | null; days: number; code?: string }, now = new Date()) {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new AppError('VALIDATION_FAILED', { message: '쿠폰 금액은 1원 이상의 정수여야 합니다.' });
  const code = input.code ?? `P${Array.from(crypto.randomBytes(9), (b) => ALPHABET[b % ALPHABET.length]).join('')}`;
  return instruments.insertPlatformCoupon(db, { code, amount: input.amount, businessId: input.businessId, validUntil: new Date(now.getTime() + input.days * 86_400_000) });
}

/** PAY-4: platform points credited to a customer's phone (the 포인트 column), issued by the operator. */
export async function creditPlatformPoints(db: Db, input: { phone: string; amount: number; note?: string }) {
  const phone = normalizePhone(input.phone);
  if (!phone) throw new AppError('PHONE_INVALID');
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new AppError('VALIDATION_FAILED', { message: '포인트는 1 이상의 정수여야 합니다.' });
  return db.transaction().execute((trx) => instruments.addPoints(trx, { phone, amount: input.amount, note: input.note ?? '운영자 지급' }));
}
