import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { fieldErrorsOf, formMessage, normalizePath } from './fieldErrors';

const validation = (fields: { path: string; message: string }[]) => new ApiError('VALIDATION_FAILED', `입력값이 올바르지 않습니다: ${fields[0]?.path} - ${fields[0]?.message}`, 400, { fields });

describe('a refusal read field by field, the same for every form', () => {
  it('finds a field by its own name, its full path, or a leading or trailing part of the path', () => {
    const errors = fieldErrorsOf(validation([{ path: 'customer.phone', message: '올바른 휴대폰 번호가 아닙니다.' }]));
    expect(errors.get('customer.phone')).toBe('올바른 휴대폰 번호가 아닙니다.');
    expect(errors.get('phone')).toBe('올바른 휴대폰 번호가 아닙니다.');
    expect(errors.get('customer')).toBe('올바른 휴대폰 번호가 아닙니다.');
    expect(errors.get('name')).toBeUndefined();
    expect(errors.get('customer.name')).toBeUndefined();
  });

  it('leaves list indices out of paths', () => {
    expect(normalizePath('operatingPeriods[0].weeklyHours.1')).toBe('operatingPeriods.weeklyHours');
    const errors = fieldErrorsOf(validation([{ path: 'operatingPeriods.0.weeklyHours.1', message: '운영시간이 올바르지 않습니다.' }]));
    expect(errors.get('weeklyHours')).toBe('운영시간이 올바르지 않습니다.');
    expect(errors.byName.operatingPeriods).toBe('운영시간이 올바르지 않습니다.');
  });

  it('matches multi-part names as a whole: coupon.giftName within content.coupon.giftName', () => {
    const errors = fieldErrorsOf(validation([{ path: 'content.coupon.giftName', message: '증정 상품을 입력해 주세요.' }]));
    expect(errors.get('coupon.giftName')).toBe('증정 상품을 입력해 주세요.');
    expect(errors.get('content')).toBe('증정 상품을 입력해 주세요.');
    expect(errors.get('coupon.name')).toBeUndefined();
  });

  it('keeps the first message of a field and every distinct message in order', () => {
    const errors = fieldErrorsOf(
      validation([
        { path: 'name', message: '이름을 입력하세요.' },
        { path: 'name', message: '두 번째' },
        { path: 'phone', message: '이름을 입력하세요.' },
      ]),
    );
    expect(errors.get('name')).toBe('이름을 입력하세요.');
    expect(errors.messages).toEqual(['이름을 입력하세요.', '두 번째']);
  });

  it("replaces a message with no Korean in it (zod's own) by a readable one", () => {
    expect(fieldErrorsOf(validation([{ path: 'amount', message: 'Expected number' }])).get('amount')).toBe('올바른 값을 입력하세요.');
  });

  it("names a rule's path or field with the error's own message, and a code the form ties to a field", () => {
    expect(fieldErrorsOf(new ApiError('PRICE_PERIOD_INVALID', '기간이 올바르지 않습니다.', 400, { path: 'prices[1].bookableTo' })).get('bookableTo')).toBe('기간이 올바르지 않습니다.');
    expect(fieldErrorsOf(new ApiError('X', '메시지', 400, { field: 'settings.performance' })).get('performance')).toBe('메시지');
    expect(fieldErrorsOf(new ApiError('PHONE_INVALID', '올바른 한국 전화번호가 아닙니다.', 400), { PHONE_INVALID: 'phone' }).get('phone')).toBe('올바른 한국 전화번호가 아닙니다.');
  });

  it('knows nothing of anything but the server\'s refusals', () => {
    expect(fieldErrorsOf(new Error('boom')).messages).toEqual([]);
    expect(fieldErrorsOf(new ApiError('SOLD_OUT', '마감', 409)).get('anything')).toBeUndefined();
  });
});

it('words a refused form by its fields, not by the English paths of the summary', () => {
  expect(formMessage(validation([{ path: 'name', message: '이름을 입력하세요.' }, { path: 'phone', message: '번호를 입력하세요.' }]))).toBe('이름을 입력하세요. 번호를 입력하세요.');
  expect(formMessage(new ApiError('SOLD_OUT', '마감되었습니다.', 409))).toBe('마감되었습니다.');
});
