import { describe, expect, it } from 'vitest';
import { NAVER_BUSINESS_CANCEL_REASON as BUSINESS_CANCEL_REASON } from '../../src/shared/labels/naver.ts';
import { koreanDateTime, parseProductModes, seededRandom, shuffled } from './catalog.ts';
import { customerNotification } from './notifications.ts';

const booking = { bookingId: 'NB-20261123-0001', customerName: '홍길동', startsAt: '2026-11-24T01:00:00Z', productName: '여드름 진료' };

describe('the customer messages Naver sends (NAVER-7, NAVER-8)', () => {
  it('writes each command as Naver would, in Seoul time', () => {
    expect(koreanDateTime('2026-11-24T01:00:00Z')).toBe('11월 24일(화) 10:00');
    expect(customerNotification({ command: 'confirm', bookingId: booking.bookingId }, booking)).toBe('[네이버예약] 홍길동님, 11월 24일(화) 10:00 여드름 진료 예약이 확정되었습니다.');
    expect(customerNotification({ command: 'cancel', bookingId: booking.bookingId, reason: BUSINESS_CANCEL_REASON }, booking)).toBe(
      '[네이버예약] 홍길동님, 11월 24일(화) 10:00 여드름 진료 예약이 취소되었습니다. [취소사유] 업체 측 취소',
    );
    expect(customerNotification({ command: 'complete', bookingId: booking.bookingId }, booking)).toBe('[네이버예약] 홍길동님, 11월 24일(화) 10:00 여드름 진료 방문이 완료되었습니다.');
    expect(customerNotification({ command: 'change_product', bookingId: booking.bookingId }, booking, '레이저 토닝')).toBe(
      '[네이버예약] 홍길동님, 11월 24일(화) 10:00 여드름 진료 예약 상품이 변경되었습니다. [변경 상품] 레이저 토닝',
    );
  });

  it('still writes to the customer for a booking it did not make', () => {
    expect(customerNotification({ command: 'confirm', bookingId: 'NB-OLD' }, undefined)).toBe('[네이버예약] 고객님, 예약번호 NB-OLD 예약이 확정되었습니다.');
  });
});

describe('simulator settings', () => {
  it('parses the product table and refuses a bad one', () => {
    expect(parseProductModes('NAVER-P-100:approval, NAVER-P-200:instant')).toEqual([
      { productId: 'NAVER-P-100', mode: 'approval' },
      { productId: 'NAVER-P-200', mode: 'instant' },
    ]);
    expect(() => parseProductModes('NAVER-P-100:later')).toThrow(/상품 형식/);
    expect(() => parseProductModes(':instant')).toThrow(/상품 형식/);
  });

  it('replays a seeded shuffle and keeps every item', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const a = shuffled(items, seededRandom(42));
    expect(shuffled(items, seededRandom(42))).toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(a).not.toEqual(items);
  });
});
