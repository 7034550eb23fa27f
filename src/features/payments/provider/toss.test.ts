import { afterEach, describe, expect, it } from 'vitest';
import {
  authenticated,
  closedPort,
  manualClock,
  OTHER_SECRET_KEY,
  SECRET_KEY,
  startStub,
  startToss,
  type Cleanups,
  type StubServer,
} from '../../../../tools/toss-local/test-helpers.ts';
import { createTossClient, mainMethodOf, mapTossPayment, parseTossWebhook, TOSS_API_URL, TOSS_SETTLEMENTS_PAGE_SIZE, tossAuthorization } from './toss.ts';
import { PaymentProviderError, type PaymentProvider } from './types.ts';

const cleanups: Cleanups = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Base64 of 'test_sk_yeyakLocal01:' computed apart: printf 'test_sk_yeyakLocal01:' | base64 */
const EXPECTED_AUTHORIZATION = 'Basic dGVzdF9za195ZXlha0xvY2FsMDE6';

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

/** The real fetch, recording what the client sends. */
function recordingFetch(sent: Sent[]): typeof fetch {
  return async (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
    sent.push({ method: init?.method ?? 'GET', url: String(input), headers, body: typeof init?.body === 'string' ? init.body : null });
    return fetch(input, init);
  };
}

async function expectProviderError(promise: Promise<unknown>): Promise<PaymentProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PaymentProviderError);
  return error as PaymentProviderError;
}

function client(url: string, over: { secretKey?: string; timeoutMs?: number; fetch?: typeof fetch } = {}): PaymentProvider {
  return createTossClient({ apiUrl: url, secretKey: over.secretKey ?? SECRET_KEY }, { timeoutMs: over.timeoutMs ?? 5_000, ...(over.fetch ? { fetch: over.fetch } : {}) });
}

describe('the Toss client against the local Toss server', () => {
  it('confirm sends exactly Authorization (Basic secret + ":"), Content-Type and Idempotency-Key, and reads the card payment', async () => {
    expect(TOSS_API_URL).toBe('https://api.tosspayments.com');
    expect(tossAuthorization(SECRET_KEY)).toBe(EXPECTED_AUTHORIZATION);
    const toss = await startToss(cleanups);
    const sent: Sent[] = [];
    const provider = client(`${toss.url}/`, { fetch: recordingFetch(sent) });
    const paymentKey = await authenticated(toss, { orderId: 'order-cl-0001', amount: 30_000, method: 'card' });

    const payment = await provider.confirm({ paymentKey, orderId: 'order-cl-0001', amount: 30_000 }, 'confirm-pay_1');
    expect(sent).toEqual([
      {
        method: 'POST',
        url: `${toss.url}/v1/payments/confirm`,
        headers: { authorization: EXPECTED_AUTHORIZATION, 'content-type': 'application/json', 'idempotency-key': 'confirm-pay_1' },
        body: JSON.stringify({ paymentKey, orderId: 'order-cl-0001', amount: 30_000 }),
      },
    ]);
    expect(payment).toMatchObject({
      paymentKey,
      orderId: 'order-cl-0001',
      orderName: '커트 예약 외 1건',
      status: 'DONE',
      methodName: '카드',
      mainMethod: 'card',
      easyPayProvider: null,
      totalAmount: 30_000,
      balanceAmount: 30_000,
      cancels: [],
      receiptUrl: `${toss.url}/local/payments/${paymentKey}`,
    });
    expect(payment.card).toEqual({ approveNo: expect.stringMatching(/^\d{8}$/), cardType: '신용', number: expect.stringContaining('****'), amount: 30_000 });
    expect(payment.approvedAt).toMatch(/\+09:00$/);
    expect(payment.lastTransactionKey).toMatch(/^[0-9A-F]{32}$/);
    expect(payment.raw).toEqual(toss.payment(paymentKey));

    sent.length = 0;
    expect((await provider.getPayment(paymentKey)).status).toBe('DONE');
    expect((await provider.getPaymentByOrderId('order-cl-0001')).paymentKey).toBe(paymentKey);
    expect(sent.map((s) => [s.method, s.url.slice(toss.url.length), s.headers, s.body])).toEqual([
      ['GET', `/v1/payments/${paymentKey}`, { authorization: EXPECTED_AUTHORIZATION }, null],
      ['GET', '/v1/payments/orders/order-cl-0001', { authorization: EXPECTED_AUTHORIZATION }, null],
    ]);
  });

  it('reads 카카오페이 카드 and 카카오페이 머니 apart', async () => {
    const toss = await startToss(cleanups);
    const provider = client(toss.url);
    const cardKey = await authenticated(toss, { orderId: 'order-cl-0002', amount: 12_000, method: 'kakaopay_card' });
    expect(await provider.confirm({ paymentKey: cardKey, orderId: 'order-cl-0002', amount: 12_000 }, 'k-2')).toMatchObject({ methodName: '간편결제', mainMethod: 'kakaopay_card', easyPayProvider: '카카오페이', card: { amount: 12_000 } });
    const moneyKey = await authenticated(toss, { orderId: 'order-cl-0003', amount: 12_000, method: 'kakaopay_money' });
    expect(await provider.confirm({ paymentKey: moneyKey, orderId: 'order-cl-0003', amount: 12_000 }, 'k-3')).toMatchObject({ methodName: '간편결제', mainMethod: 'kakaopay_money', easyPayProvider: '카카오페이', card: null });
  });

  it('cancel sends the reason (and the amount for a partial one) with the Idempotency-Key and maps cancels[]', async () => {
    const clock = manualClock();
    const toss = await startToss(cleanups, { now: clock.now });
    const sent: Sent[] = [];
    const provider = client(toss.url, { fetch: recordingFetch(sent) });
    const paymentKey = await authenticated(toss, { orderId: 'order-cl-0004', amount: 47_500 });
    await provider.confirm({ paymentKey, orderId: 'order-cl-0004', amount: 47_500 }, 'confirm-4');

    const partial = await provider.cancel(paymentKey, { cancelReason: '취소 수수료 50%', cancelAmount: 23_750 }, 'refund-41');
    expect(partial).toMatchObject({ status: 'PARTIAL_CANCELED', totalAmount: 47_500, balanceAmount: 23_750 });
    expect(partial.cancels).toEqual([{ transactionKey: expect.stringMatching(/^[0-9A-F]{32}$/), cancelAmount: 23_750, cancelReason: '취소 수수료 50%', canceledAt: expect.stringMatching(/\+09:00$/), refundableAmount: 23_750 }]);
    expect(partial.lastTransactionKey).toBe(partial.cancels[0]!.transactionKey);
    clock.advance(1_000);
    const full = await provider.cancel(paymentKey, { cancelReason: '예약 취소' }, 'refund-42');
    expect(full.status).toBe('CANCELED');
    expect(full.cancels.map((c) => c.refundableAmount)).toEqual([23_750, 0]);
    const cancels = sent.filter((s) => s.url.endsWith('/cancel'));
    expect(cancels.map((s) => [s.headers, s.body])).toEqual([
      [{ authorization: EXPECTED_AUTHORIZATION, 'content-type': 'application/json', 'idempotency-key': 'refund-41' }, JSON.stringify({ cancelReason: '취소 수수료 50%', cancelAmount: 23_750 })],
      [{ authorization: EXPECTED_AUTHORIZATION, 'content-type': 'application/json', 'idempotency-key': 'refund-42' }, JSON.stringify({ cancelReason: '예약 취소' })],
    ]);
  });

  it('refused: Toss said no and nothing changed, with Toss\'s code, status and Korean message', async () => {
    const toss = await startToss(cleanups);
    const provider = client(toss.url);
    const paymentKey = await authenticated(toss, { orderId: 'order-cl-0005', amount: 10_000 });

    const wrongOrder = await expectProviderError(provider.confirm({ paymentKey, orderId: 'order-cl-9999', amount: 10_000 }, 'k-5a'));
    expect([wrongOrder.outcome, wrongOrder.code, wrongOrder.httpStatus, wrongOrder.message]).toEqual(['refused', 'FORBIDDEN_REQUEST', 403, '허용되지 않은 요청입니다.']);
    const gone = await expectProviderError(provider.confirm({ paymentKey: 'tlocal-none', orderId: 'order-cl-0005', amount: 10_000 }, 'k-5b'));
    expect([gone.outcome, gone.code, gone.httpStatus, gone.message]).toEqual(['refused', 'NOT_FOUND_PAYMENT_SESSION', 404, '결제 시간이 만료되어 결제 진행 데이터가 존재하지 않습니다.']);
    await provider.confirm({ paymentKey, orderId: 'order-cl-0005', amount: 10_000 }, 'k-5c');
    const twice = await expectProviderError(provider.confirm({ paymentKey, orderId: 'order-cl-0005', amount: 10_000 }, 'k-5d'));
    expect([twice.outcome, twice.code, twice.httpStatus]).toEqual(['refused', 'ALREADY_PROCESSED_PAYMENT', 400]);
    const over = await expectProviderError(provider.cancel(paymentKey, { cancelReason: '환불', cancelAmount: 10_001 }, 'refund-5'));
    expect([over.outcome, over.code, over.httpStatus, over.message]).toEqual(['refused', 'NOT_CANCELABLE_AMOUNT', 403, '취소 할 수 없는 금액 입니다.']);
    const none = await expectProviderError(provider.getPaymentByOrderId('order-cl-none'));
    expect([none.outcome, none.code, none.httpStatus]).toEqual(['refused', 'NOT_FOUND_PAYMENT', 404]);
    const badKey = await expectProviderError(client(toss.url, { secretKey: 'test_sk_wrong' }).getPayment(paymentKey));
    expect([badKey.outcome, badKey.code, badKey.httpStatus, badKey.message]).toEqual(['refused', 'UNAUTHORIZED_KEY', 401, '인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다.']);
    const otherShop = await expectProviderError(client(toss.url, { secretKey: OTHER_SECRET_KEY }).getPayment(paymentKey));
    expect(otherShop.code).toBe('NOT_FOUND_PAYMENT');
    expect(toss.approvals()).toBe(1);
  });

  it('unknown: a 5xx, a reply lost after the approval, a concurrent duplicate (409); the lookup and the same key then tell', async () => {
    const toss = await startToss(cleanups);
    const provider = client(toss.url);
    const paymentKey = await authenticated(toss, { orderId: 'order-cl-0006', amount: 10_000 });
    const input = { paymentKey, orderId: 'order-cl-0006', amount: 10_000 };

    toss.faults.fail5xx = 1;
    const outage = await expectProviderError(provider.confirm(input, 'confirm-6'));
    expect([outage.outcome, outage.code, outage.httpStatus, outage.message]).toEqual(['unknown', 'FAILED_INTERNAL_SYSTEM_PROCESSING', 500, '내부 시스템 처리 작업이 실패했습니다. 잠시 후 다시 시도해주세요.']);

    toss.faults.dropAfterApprove = 1;
    const lost = await expectProviderError(provider.confirm(input, 'confirm-6'));
    expect([lost.outcome, lost.code, lost.httpStatus]).toEqual(['unknown', 'NETWORK', null]);
    expect((await provider.getPaymentByOrderId('order-cl-0006')).status).toBe('DONE');
    expect((await provider.confirm(input, 'confirm-6')).status).toBe('DONE');
    expect(toss.approvals('order-cl-0006')).toBe(1);

    const next = await authenticated(toss, { orderId: 'order-cl-0007', amount: 10_000 });
    toss.faults.delayMs = 200;
    const results = await Promise.allSettled([0, 1].map(() => provider.confirm({ paymentKey: next, orderId: 'order-cl-0007', amount: 10_000 }, 'confirm-7')));
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refused.reason).toMatchObject({ outcome: 'unknown', code: 'IDEMPOTENT_REQUEST_PROCESSING', httpStatus: 409, message: '이전 멱등 요청이 처리중입니다.' });
    expect(toss.approvals('order-cl-0007')).toBe(1);
  });

  it('lists settlements: each row read with fee = supplyAmount + vat and payOutAmount = amount − fee', async () => {
    const toss = await startToss(cleanups, { rates: { card: 16_500 } });
    const provider = client(toss.url);
    const paymentKey = await authenticated(toss, { orderId: 'order-cl-0008', amount: 60_000 });
    await provider.confirm({ paymentKey, orderId: 'order-cl-0008', amount: 60_000 }, 'confirm-8');
    const today = toss.payment(paymentKey)!.approvedAt!.slice(0, 10);
    const rows = await provider.listSettlements({ startDate: today, endDate: today });
    expect(rows).toEqual([
      {
        paymentKey,
        transactionKey: toss.payment(paymentKey)!.lastTransactionKey,
        orderId: 'order-cl-0008',
        methodName: '카드',
        amount: 60_000,
        fee: 990,
        supplyAmount: 900,
        vat: 90,
        payOutAmount: 59_010,
        approvedAt: toss.payment(paymentKey)!.approvedAt,
        soldDate: today,
        paidOutDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        raw: expect.objectContaining({ fees: [{ type: 'BASE', fee: 990 }] }),
      },
    ]);
  });
});

describe('the Toss client against a stub (what the local server never does)', () => {
  async function stub(answer: Parameters<typeof startStub>[1]): Promise<StubServer> {
    return startStub(cleanups, answer);
  }

  it('sends the same headers to any Toss-compatible server', async () => {
    const server = await stub(() => ({ status: 200, body: { paymentKey: 'pk_1', orderId: 'order-1', status: 'DONE', totalAmount: 1000, balanceAmount: 1000, method: '카드', card: { amount: 1000 } } }));
    await client(server.url).confirm({ paymentKey: 'pk_1', orderId: 'order-1', amount: 1000 }, 'confirm-x');
    const [request] = server.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/v1/payments/confirm');
    expect(request!.headers.authorization).toBe(EXPECTED_AUTHORIZATION);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['idempotency-key']).toBe('confirm-x');
    expect(JSON.parse(request!.body)).toEqual({ paymentKey: 'pk_1', orderId: 'order-1', amount: 1000 });
  });

  it('a timeout → unknown TIMEOUT; no server → unknown NETWORK', async () => {
    const server = await stub(() => 'hang');
    const timeout = await expectProviderError(client(server.url, { timeoutMs: 100 }).getPayment('pk_1'));
    expect([timeout.outcome, timeout.code, timeout.httpStatus]).toEqual(['unknown', 'TIMEOUT', null]);
    const port = await closedPort();
    const refused = await expectProviderError(client(`http://127.0.0.1:${port}`).getPayment('pk_1'));
    expect([refused.outcome, refused.code, refused.httpStatus]).toEqual(['unknown', 'NETWORK', null]);
    expect(refused.message).toContain('ECONNREFUSED');
  });

  it.each([
    [502, '<html>Bad Gateway</html>', 'unknown', 'HTTP_502', '토스페이먼츠 오류 응답 (GET /v1/payments/pk_1, HTTP 502)'],
    [503, { code: 'COMMON_ERROR', message: '일시적인 오류가 발생했습니다. 잠시 후 다시 시도해주세요.' }, 'unknown', 'COMMON_ERROR', '일시적인 오류가 발생했습니다. 잠시 후 다시 시도해주세요.'],
    [429, { code: 'TOO_MANY_REQUESTS', message: '요청이 너무 많습니다.' }, 'unknown', 'TOO_MANY_REQUESTS', '요청이 너무 많습니다.'],
    [400, { code: 'PROVIDER_ERROR', message: '일시적인 오류가 발생했습니다. 잠시 후 다시 시도해주세요.' }, 'unknown', 'PROVIDER_ERROR', '일시적인 오류가 발생했습니다. 잠시 후 다시 시도해주세요.'],
    [403, { code: 'REJECT_CARD_PAYMENT', message: '한도초과 혹은 잔액부족으로 결제에 실패했습니다.' }, 'refused', 'REJECT_CARD_PAYMENT', '한도초과 혹은 잔액부족으로 결제에 실패했습니다.'],
    [400, { error: { code: 'INVALID_REQUEST', message: '잘못된 요청입니다.' } }, 'refused', 'INVALID_REQUEST', '잘못된 요청입니다.'],
    [404, '', 'refused', 'HTTP_404', '토스페이먼츠 오류 응답 (GET /v1/payments/pk_1, HTTP 404)'],
    [302, '', 'unknown', 'HTTP_302', '토스페이먼츠 오류 응답 (GET /v1/payments/pk_1, HTTP 302)'],
  ] as const)('HTTP %i %j → %s %s', async (status, body, outcome, code, message) => {
    const server = await stub(() => ({ status, body }));
    const error = await expectProviderError(client(server.url).getPayment('pk_1'));
    expect([error.outcome, error.code, error.httpStatus, error.message]).toEqual([outcome, code, status, message]);
  });

  it('a 2xx it cannot read → unknown INVALID_RESPONSE (the work may be done)', async () => {
    for (const body of ['not json', { hello: 'world' }, { paymentKey: 'pk_1', orderId: 'o', status: 'PAID', totalAmount: 1, balanceAmount: 1 }, ['array']]) {
      const server = await stub(() => ({ status: 200, body }));
      const error = await expectProviderError(client(server.url).confirm({ paymentKey: 'pk_1', orderId: 'order-1', amount: 1000 }, 'k'));
      expect([error.outcome, error.code, error.httpStatus]).toEqual(['unknown', 'INVALID_RESPONSE', 200]);
    }
  });

  it('refuses an Idempotency-Key Toss would refuse, without sending anything', async () => {
    const server = await stub(() => ({ status: 500 }));
    const provider = client(server.url);
    for (const key of ['', 'k'.repeat(301)]) {
      const error = await expectProviderError(provider.cancel('pk_1', { cancelReason: '환불' }, key));
      expect([error.outcome, error.code, error.httpStatus]).toEqual(['refused', 'INVALID_IDEMPOTENCY_KEY', null]);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('pages through GET /v1/settlements (dateType=soldDate, size 5000, page from 1) until a short page', async () => {
    const row = (i: number) => ({ paymentKey: `pk_${i}`, transactionKey: `tx_${i}`, orderId: `order-${i}`, method: '카드', amount: 1000, fee: 20, supplyAmount: 18, vat: 2, payOutAmount: 980, approvedAt: '2026-04-01T10:00:00+09:00', soldDate: '2026-04-01', paidOutDate: '2026-04-03' });
    const server = await stub((request) => {
      const page = Number(new URL(request.url, 'http://x').searchParams.get('page'));
      const count = page === 1 ? TOSS_SETTLEMENTS_PAGE_SIZE : page === 2 ? 2 : 0;
      return { status: 200, body: Array.from({ length: count }, (_, i) => row((page - 1) * TOSS_SETTLEMENTS_PAGE_SIZE + i)) };
    });
    const rows = await client(server.url).listSettlements({ startDate: '2026-04-01', endDate: '2026-04-07' });
    expect(rows).toHaveLength(TOSS_SETTLEMENTS_PAGE_SIZE + 2);
    expect(rows.at(-1)).toMatchObject({ paymentKey: 'pk_5001', fee: 20, supplyAmount: 18, vat: 2, payOutAmount: 980, soldDate: '2026-04-01' });
    expect(server.requests.map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams))).toEqual([
      { startDate: '2026-04-01', endDate: '2026-04-07', dateType: 'soldDate', page: '1', size: '5000' },
      { startDate: '2026-04-01', endDate: '2026-04-07', dateType: 'soldDate', page: '2', size: '5000' },
    ]);
    expect(server.requests.every((r) => r.method === 'GET' && r.headers.authorization === EXPECTED_AUTHORIZATION && r.headers['idempotency-key'] === undefined)).toBe(true);
  });

  it('reads a settlement row without `fee` from fees[] (Toss omits fields on some rows)', async () => {
    const server = await stub(() => ({ status: 200, body: [{ paymentKey: 'pk', transactionKey: 'tx', orderId: 'o', method: '간편결제', amount: -5000, fees: [{ type: 'BASE', fee: -80 }, { type: 'ETC', fee: -3 }], supplyAmount: -75, vat: -8, payOutAmount: -4917, soldDate: '2026-04-02', paidOutDate: null, approvedAt: null }] }));
    expect((await client(server.url).listSettlements({ startDate: '2026-04-02', endDate: '2026-04-02' }))[0]).toMatchObject({ amount: -5000, fee: -83, paidOutDate: null });
  });
});

describe('reading Toss JSON', () => {
  it.each([
    ['카드', null, null, 'card'],
    ['카드', null, 5000, 'card'],
    ['간편결제', '카카오페이', 5000, 'kakaopay_card'],
    ['간편결제', '카카오페이', 0, 'kakaopay_money'],
    ['간편결제', '카카오페이', null, 'kakaopay_money'],
    ['간편결제', '토스페이', 5000, 'other'],
    ['가상계좌', null, null, 'other'],
    [null, null, null, null],
  ] as const)('method %s, easyPay %s, card amount %s → %s', (method, provider, cardAmount, expected) => {
    expect(mainMethodOf(method, provider, cardAmount)).toBe(expected);
  });

  it('parses a PAYMENT_STATUS_CHANGED webhook for its hint, and nothing else', () => {
    const data = { paymentKey: 'pk', orderId: 'order-1', status: 'CANCELED', totalAmount: 1000, balanceAmount: 0, method: '간편결제', easyPay: { provider: '카카오페이', amount: 1000, discountAmount: 0 }, cancels: [{ transactionKey: 'tx', cancelAmount: 1000, cancelReason: '관리자 환불', canceledAt: '2026-04-01T10:00:00+09:00', refundableAmount: 0 }] };
    expect(parseTossWebhook({ eventType: 'PAYMENT_STATUS_CHANGED', createdAt: '2026-04-01T10:00:00.000000', data })).toMatchObject({ createdAt: '2026-04-01T10:00:00.000000', payment: { paymentKey: 'pk', status: 'CANCELED', mainMethod: 'kakaopay_money', cancels: [{ cancelAmount: 1000 }] } });
    expect(parseTossWebhook({ eventType: 'DEPOSIT_CALLBACK', data })).toBeNull();
    expect(parseTossWebhook({ eventType: 'PAYMENT_STATUS_CHANGED', data: { paymentKey: 'pk' } })).toBeNull();
    expect(mapTossPayment({ ...data, cancels: [{ cancelAmount: 1 }] })).toBeNull();
  });
});
