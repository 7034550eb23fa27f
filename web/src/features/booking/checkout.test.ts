import { describe, expect, it } from 'vitest';
import type { Checkout } from '../../api/models';
import {
  CANCELLED_MESSAGE,
  canPayAgain,
  failMessage,
  forgetCheckout,
  hasRefundUnderWay,
  isPaymentCancel,
  localCheckoutUrl,
  maxUsablePoints,
  orderExpiry,
  parsePointsInput,
  payableBeforePoints,
  paymentReturnUrls,
  pendingCheckoutOf,
  readFailQuery,
  readSuccessQuery,
  recalledCheckout,
  rememberCheckout,
  tossMobilePhone,
  type PendingCheckout,
} from './checkout';

function memoryStore() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    map,
  };
}

const pending = (over: Partial<PendingCheckout> = {}): PendingCheckout => ({
  orderId: 'yk_abc123',
  orderName: '커트 1명',
  amount: 25000,
  customerName: '김고객',
  customerPhone: '01012345678',
  productId: 'p-1',
  placeId: 'pl-1',
  expiresAt: '2026-12-01T10:20:00.000Z',
  provider: { kind: 'local', clientKey: 'test_ck_1', checkoutUrl: 'http://127.0.0.1:4100/local/checkout' },
  ...over,
});

describe('checkout: the price', () => {
  it('leaves the coupons out of what points may pay', () => {
    expect(payableBeforePoints({ gross: 30000, couponBusiness: 3000, couponPlatform: 2000 })).toBe(25000);
    expect(payableBeforePoints({ gross: 1000, couponBusiness: 1000, couponPlatform: 500 })).toBe(0);
  });

  it('uses points up to all of it, or leaves the card at least 100원', () => {
    expect(maxUsablePoints(25000, 30000)).toBe(25000);
    expect(maxUsablePoints(25000, 25000)).toBe(25000);
    expect(maxUsablePoints(25000, 3000)).toBe(3000);
    expect(maxUsablePoints(25000, 24950)).toBe(24900);
    expect(maxUsablePoints(25000, 24900)).toBe(24900);
    expect(maxUsablePoints(50, 40)).toBe(0);
    expect(maxUsablePoints(0, 1000)).toBe(0);
    expect(maxUsablePoints(1000, 0)).toBe(0);
  });

  it('reads points as typed', () => {
    expect(parsePointsInput('1,500')).toBe(1500);
    expect(parsePointsInput(' 300P ')).toBe(300);
    expect(parsePointsInput('')).toBe(0);
    expect(parsePointsInput('abc')).toBe(0);
  });
});

describe('checkout: the payment window', () => {
  it('returns to the booking page routes', () => {
    expect(paymentReturnUrls('https://yeyak.example')).toEqual({
      successUrl: 'https://yeyak.example/book/pay/success',
      failUrl: 'https://yeyak.example/book/pay/fail',
    });
  });

  it('opens the local checkout page with the order in its query', () => {
    const url = new URL(
      localCheckoutUrl('http://127.0.0.1:4100/local/checkout', {
        clientKey: 'test_ck_1',
        orderId: 'yk_abc123',
        orderName: '커트 & 펌 1명',
        amount: 25000,
        customerName: '김고객',
        successUrl: 'https://yeyak.example/book/pay/success',
        failUrl: 'https://yeyak.example/book/pay/fail',
      }),
    );
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:4100/local/checkout');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      clientKey: 'test_ck_1',
      orderId: 'yk_abc123',
      orderName: '커트 & 펌 1명',
      amount: '25000',
      customerName: '김고객',
      successUrl: 'https://yeyak.example/book/pay/success',
      failUrl: 'https://yeyak.example/book/pay/fail',
    });
  });

  it('gives Toss a phone of digits only', () => {
    expect(tossMobilePhone('010-1234-5678')).toBe('01012345678');
    expect(tossMobilePhone('+821012345678')).toBe('01012345678');
    expect(tossMobilePhone('123')).toBeNull();
  });
});

describe('checkout: the return addresses', () => {
  it('reads paymentKey, orderId and amount from the success address', () => {
    expect(readSuccessQuery('?paymentType=NORMAL&orderId=yk_abc123&paymentKey=tgen_1&amount=25000')).toEqual({ paymentKey: 'tgen_1', orderId: 'yk_abc123', amount: 25000 });
    expect(readSuccessQuery('?orderId=yk_abc123&amount=25000')).toBeNull();
    expect(readSuccessQuery('?orderId=yk_abc123&paymentKey=k&amount=12.5')).toBeNull();
    expect(readSuccessQuery('?orderId=yk_abc123&paymentKey=k&amount=')).toBeNull();
    expect(readSuccessQuery('')).toBeNull();
  });

  it('reads code, message and the order from the fail address', () => {
    expect(readFailQuery('?code=REJECT_CARD_COMPANY&message=%EA%B1%B0%EC%A0%88&orderId=yk_abc123')).toEqual({ code: 'REJECT_CARD_COMPANY', message: '거절', orderId: 'yk_abc123' });
    expect(readFailQuery('?code=PAY_PROCESS_CANCELED&message=x')).toEqual({ code: 'PAY_PROCESS_CANCELED', message: 'x', orderId: null });
  });

  it('words a closed window as a cancel, anything else with its own message', () => {
    expect(isPaymentCancel('PAY_PROCESS_CANCELED')).toBe(true);
    expect(isPaymentCancel('USER_CANCEL')).toBe(true);
    expect(isPaymentCancel('REJECT_CARD_COMPANY')).toBe(false);
    expect(failMessage('PAY_PROCESS_CANCELED', '사용자에 의해 결제가 취소되었습니다.')).toBe(CANCELLED_MESSAGE);
    expect(CANCELLED_MESSAGE).toBe('결제를 취소했습니다. 결제되지 않았습니다.');
    expect(failMessage('REJECT_CARD_COMPANY', '카드사에서 거절했습니다.')).toBe('카드사에서 거절했습니다.');
    expect(failMessage('X', ' ')).toMatch(/결제되지 않았으니/);
  });
});

describe('checkout: the order kept in the tab', () => {
  it('keeps what opens the window again and goes back to the product', () => {
    const checkout = {
      orderId: 'yk_abc123',
      orderName: '커트 1명',
      customerName: '김고객',
      amount: 25000,
      price: { gross: 25000, couponBusiness: 0, couponPlatform: 0, points: 0, amount: 25000 },
      expiresAt: '2026-12-01T10:20:00.000Z',
      status: 'pending',
      provider: { kind: 'toss', clientKey: 'live_ck' },
      booking: null,
    } satisfies Checkout;
    expect(pendingCheckoutOf(checkout, { customerPhone: '01012345678', productId: 'p-1', placeId: 'pl-1' })).toEqual(
      pending({ provider: { kind: 'toss', clientKey: 'live_ck' } }),
    );
    expect(pendingCheckoutOf({ ...checkout, provider: null }, { customerPhone: '0', productId: 'p', placeId: 'q' })).toBeNull();
  });

  it('remembers, recalls (by id or the latest) and forgets an order', () => {
    const store = memoryStore();
    rememberCheckout(pending(), store);
    expect(recalledCheckout('yk_abc123', store)).toEqual(pending());
    expect(recalledCheckout(null, store)).toEqual(pending());
    expect(recalledCheckout('yk_other', store)).toBeNull();
    forgetCheckout('yk_abc123', store);
    expect(recalledCheckout(null, store)).toBeNull();
    expect(store.map.size).toBe(0);
  });

  it('ignores what it cannot read', () => {
    const store = memoryStore();
    store.setItem('yeyak.checkout.last', 'yk_x');
    store.setItem('yeyak.checkout.yk_x', '{not json');
    expect(recalledCheckout(null, store)).toBeNull();
    store.setItem('yeyak.checkout.yk_x', JSON.stringify({ orderId: 'yk_x' }));
    expect(recalledCheckout(null, store)).toBeNull();
    expect(recalledCheckout(null, null)).toBeNull();
  });

  it('offers paying again only while the order has time left', () => {
    const now = Date.parse('2026-12-01T10:00:00.000Z');
    expect(canPayAgain(pending(), now)).toBe(true);
    expect(canPayAgain(pending({ expiresAt: '2026-12-01T10:00:20.000Z' }), now)).toBe(false);
    expect(canPayAgain(null, now)).toBe(false);
  });

  it("counts the order down on this device's clock unless it is far off", () => {
    const now = Date.parse('2026-12-01T10:00:00.000Z');
    expect(orderExpiry('2026-12-01T10:20:00.000Z', now)).toBe('2026-12-01T10:20:00.000Z');
    expect(orderExpiry('2026-12-01T11:20:00.000Z', now)).toBe('2026-12-01T10:20:00.000Z');
    expect(orderExpiry('2026-12-01T09:20:00.000Z', now)).toBe('2026-12-01T10:20:00.000Z');
  });
});

describe('checkout: refunds under way', () => {
  it('asks again while a refund is requested or processing', () => {
    expect(hasRefundUnderWay(null)).toBe(false);
    expect(hasRefundUnderWay({ refunds: [] })).toBe(false);
    expect(hasRefundUnderWay({ refunds: [{ status: 'succeeded' }, { status: 'failed' }] })).toBe(false);
    expect(hasRefundUnderWay({ refunds: [{ status: 'succeeded' }, { status: 'requested' }] })).toBe(true);
    expect(hasRefundUnderWay({ refunds: [{ status: 'processing' }] })).toBe(true);
  });
});
