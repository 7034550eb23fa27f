import { z } from 'zod';
import * as s from '../../../platform/http/schemas.ts';

/** Request pieces the booking routes share. */

const quantity = z.number().int({ error: '수량은 정수여야 합니다.' }).min(1, { error: '수량은 1 이상이어야 합니다.' }).max(50, { error: '수량은 50 이하여야 합니다.' });
const line = z.union([
  z.object({ startsAt: s.isoDateTime, quantity }).strict(),
  z.object({ bookingScheduleId: z.uuid({ error: '예약 스케줄을 골라 주세요.' }), quantity }).strict(),
]);
export const lines = z.array(line).min(1, { error: '예약할 항목을 하나 이상 골라 주세요.' }).max(20);
export const phoneInput = z.string().trim().min(1, { error: '휴대폰 번호를 입력해 주세요.' }).max(40);
export const bookingNumber = z.string().trim().regex(/^[0-9]{8,12}$/, { error: '예약번호는 숫자 8자리 이상입니다.' });
export const availabilityRange = z.object({ from: s.isoDate.optional(), to: s.isoDate.optional() });
/** LAW-1: what the customer ticked; privacy must be true (PRIVACY_CONSENT_REQUIRED), marketing is optional. */
export const consents = z.object(
  {
    privacy: z.boolean({ error: '개인정보 수집·이용에 동의해 주세요.' }).describe('[필수] 개인정보 수집·이용 동의: true가 아니면 PRIVACY_CONSENT_REQUIRED'),
    marketing: z.boolean().optional().describe('[선택] 광고성 정보(혜택·쿠폰) 수신 동의 (없으면 false)'),
  },
  { error: '개인정보 수집·이용에 동의해 주세요.' },
);
