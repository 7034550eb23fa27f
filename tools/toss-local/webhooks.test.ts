import { afterEach, describe, expect, it } from 'vitest';
import { authenticated, confirmCall, manualClock, SECRET_KEY, startStub, startToss, type Cleanups } from './test-helpers.ts';

const cleanups: Cleanups = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface Received {
  status: string;
  body: { eventType: string; createdAt: string; data: Record<string, any> };
  headers: Record<string, string | string[] | undefined>;
}

describe('PAYMENT_STATUS_CHANGED webhooks', () => {
  it('DONE, then a dashboard refund (no auth) PARTIAL_CANCELED, retried on non-2xx until delivered; unsigned, Toss headers', async () => {
    let partialAttempts = 0;
    const receiver = await startStub(cleanups, (request) => {
      const body = JSON.parse(request.body) as Received['body'];
      if (body.data.status === 'PARTIAL_CANCELED' && ++partialAttempts <= 2) return { status: 500, body: { ok: false } };
      return { status: 200, body: { ok: true } };
    });
    const toss = await startToss(cleanups, { webhookUrl: (secretKey) => (secretKey === SECRET_KEY ? `${receiver.url}/api/public/payments/toss/b1/webhook` : null) });
    const paymentKey = await authenticated(toss, { orderId: 'order-hook-0001', amount: 20_000 });
    await confirmCall(toss, { paymentKey, orderId: 'order-hook-0001', amount: 20_000 });

    const refund = await fetch(`${toss.url}/local/payments/${paymentKey}/dashboard-cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cancelAmount: 5000, cancelReason: '매장에서 직접 환불' }) });
    expect(refund.status).toBe(200);
    expect(await refund.json()).toMatchObject({ status: 'PARTIAL_CANCELED', balanceAmount: 15_000, cancels: [{ cancelAmount: 5000, cancelReason: '매장에서 직접 환불', refundableAmount: 15_000 }] });
    await toss.idle();

    const received: Received[] = receiver.requests.map((r) => ({ status: JSON.parse(r.body).data.status, body: JSON.parse(r.body), headers: r.headers }));
    expect(received.map((r) => r.status)).toEqual(['DONE', 'PARTIAL_CANCELED', 'PARTIAL_CANCELED', 'PARTIAL_CANCELED']);
    expect(receiver.requests.every((r) => r.method === 'POST' && r.url === '/api/public/payments/toss/b1/webhook')).toBe(true);
    for (const r of received) {
      expect(r.body.eventType).toBe('PAYMENT_STATUS_CHANGED');
      expect(r.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
      expect(r.body.data.paymentKey).toBe(paymentKey);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['tosspayments-webhook-transmission-time']).toMatch(/\+09:00$/);
      expect(r.headers['tosspayments-webhook-signature']).toBeUndefined();
    }
    const retries = received.slice(1);
    expect(retries.map((r) => r.headers['tosspayments-webhook-transmission-retried-count'])).toEqual(['0', '1', '2']);
    expect(new Set(retries.map((r) => r.headers['tosspayments-webhook-transmission-id'])).size).toBe(1);
    expect(retries[0]!.body.data).toMatchObject({ status: 'PARTIAL_CANCELED', balanceAmount: 15_000, totalAmount: 20_000 });
    expect(toss.webhookDeliveries().map((d) => [d.status, d.attempts, d.state])).toEqual([
      ['DONE', 1, 'delivered'],
      ['PARTIAL_CANCELED', 3, 'delivered'],
    ]);
  });

  it('gives up after the retries; a merchant without a URL gets none; a dashboard cancel needs no key and ignores the 1-second rule', async () => {
    const receiver = await startStub(cleanups, () => ({ status: 503, body: 'down' }));
    const toss = await startToss(cleanups, { webhookRetries: 2, webhookUrl: (secretKey) => (secretKey === SECRET_KEY ? receiver.url : null) });
    const paymentKey = await authenticated(toss, { orderId: 'order-hook-0002', amount: 3000 });
    await confirmCall(toss, { paymentKey, orderId: 'order-hook-0002', amount: 3000 });
    for (const amount of [1000, 1000]) {
      const answer = await fetch(`${toss.url}/local/payments/${paymentKey}/dashboard-cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cancelAmount: amount, cancelReason: '관리자 환불' }) });
      expect(answer.status).toBe(200);
    }
    const over = await fetch(`${toss.url}/local/payments/${paymentKey}/dashboard-cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cancelAmount: 5000, cancelReason: '관리자 환불' }) });
    expect([over.status, ((await over.json()) as { code: string }).code]).toEqual([403, 'NOT_CANCELABLE_AMOUNT']);
    await toss.idle();
    expect(toss.webhookDeliveries().map((d) => [d.status, d.attempts, d.state, d.lastResult])).toEqual([
      ['DONE', 3, 'failed', '503'],
      ['PARTIAL_CANCELED', 3, 'failed', '503'],
      ['PARTIAL_CANCELED', 3, 'failed', '503'],
    ]);

    const other = await authenticated(toss, { orderId: 'order-hook-0003', amount: 3000, clientKey: 'test_ck_otherShop002' });
    await confirmCall(toss, { paymentKey: other, orderId: 'order-hook-0003', amount: 3000 }, { secretKey: 'test_sk_otherShop002' });
    await toss.idle();
    expect(toss.webhookDeliveries()).toHaveLength(3);
  });

  it('an expired session sends EXPIRED; a full API cancel sends CANCELED', async () => {
    const clock = manualClock();
    const receiver = await startStub(cleanups, () => ({ status: 200 }));
    const toss = await startToss(cleanups, { now: clock.now, webhookUrl: () => receiver.url });
    const stale = await authenticated(toss, { orderId: 'order-hook-0004', amount: 3000 });
    const paymentKey = await authenticated(toss, { orderId: 'order-hook-0005', amount: 3000 });
    await confirmCall(toss, { paymentKey, orderId: 'order-hook-0005', amount: 3000 });
    clock.advance(11 * 60_000);
    expect(toss.payment(stale)!.status).toBe('EXPIRED');
    const cancel = await fetch(`${toss.url}/v1/payments/${paymentKey}/cancel`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${SECRET_KEY}:`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cancelReason: '예약 취소' }),
    });
    expect(cancel.status).toBe(200);
    await toss.idle();
    expect(toss.webhookDeliveries().map((d) => [d.orderId, d.status, d.state])).toEqual([
      ['order-hook-0005', 'DONE', 'delivered'],
      ['order-hook-0004', 'EXPIRED', 'delivered'],
      ['order-hook-0005', 'CANCELED', 'delivered'],
    ]);
  });
});
