import { afterEach, describe, expect, it } from 'vitest';
import { feeOf, feeVatOf } from './settlements.ts';
import { authenticated, callToss, confirmCall, manualClock, OTHER_SECRET_KEY, startToss, type Cleanups } from './test-helpers.ts';

const cleanups: Cleanups = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('fee arithmetic (ppm, VAT included, half-up per row)', () => {
  it.each([
    [10_000, 20_000, 200, 18],
    [45_000, 16_500, 743, 68], // 742.5 → 743 (banker's rounding would give 742)
    [64_601, 23_096, 1492, 136],
    [-3_333, 20_000, -67, -6],
    [1_000_000_000, 33_000, 33_000_000, 3_000_000],
  ])('%i at %i ppm → fee %i, vat %i', (amount, ppm, fee, vat) => {
    expect(feeOf(amount, ppm)).toBe(fee);
    expect(feeVatOf(fee)).toBe(vat);
  });

  it('matches the VAT split of rows Toss has shown (fee 860 → 78, 1,492 → 136, 859,950 → 78,177)', () => {
    expect([860, 1492, 859_950].map(feeVatOf)).toEqual([78, 136, 78_177]);
  });
});

describe('GET /v1/settlements', () => {
  it('one row per sale and per cancel (negative), fee/vat/supplyAmount/payOutAmount, soldDate in Korea, paidOutDate + 2 days', async () => {
    // 15:30 UTC on March 31 is already April 1 in Seoul.
    const clock = manualClock('2026-03-31T15:30:00.000Z');
    const toss = await startToss(cleanups, { now: clock.now, rates: { card: 20_000, kakaopay_money: 16_500 } });
    const card = await authenticated(toss, { orderId: 'order-stl-0001', amount: 10_000, method: 'card' });
    await confirmCall(toss, { paymentKey: card, orderId: 'order-stl-0001', amount: 10_000 });
    const money = await authenticated(toss, { orderId: 'order-stl-0002', amount: 45_000, method: 'kakaopay_money' });
    await confirmCall(toss, { paymentKey: money, orderId: 'order-stl-0002', amount: 45_000 });
    clock.advance(24 * 60 * 60_000);
    const cancel = (await callToss(toss, 'POST', `/v1/payments/${card}/cancel`, { body: { cancelReason: '부분 환불', cancelAmount: 3_333 } })).json as { cancels: { transactionKey: string }[]; lastTransactionKey: string };

    const answer = await callToss(toss, 'GET', '/v1/settlements?startDate=2026-04-01&endDate=2026-04-02');
    expect(answer.status).toBe(200);
    const rows = answer.json as unknown as Record<string, any>[];
    expect(rows.map((r) => [r.orderId, r.method, r.amount, r.fee, r.vat, r.supplyAmount, r.payOutAmount, r.soldDate, r.paidOutDate])).toEqual([
      ['order-stl-0001', '카드', 10_000, 200, 18, 182, 9_800, '2026-04-01', '2026-04-03'],
      ['order-stl-0002', '간편결제', 45_000, 743, 68, 675, 44_257, '2026-04-01', '2026-04-03'],
      ['order-stl-0001', '카드', -3_333, -67, -6, -61, -3_266, '2026-04-02', '2026-04-04'],
    ]);
    for (const r of rows) {
      expect(r.supplyAmount + r.vat).toBe(r.fee);
      expect(r.payOutAmount).toBe(r.amount - r.fee);
      expect(r.fees).toEqual([{ type: 'BASE', fee: r.fee }]);
      expect(r.interestFee).toBe(0);
      expect(r.approvedAt).toMatch(/\+09:00$/);
    }
    expect(rows[0]!.paymentKey).toBe(card);
    expect(rows[2]!.transactionKey).toBe(cancel.cancels[0]!.transactionKey);
    expect(rows[2]!.cancel).toMatchObject({ cancelAmount: 3_333 });
    expect(rows[1]!.easyPay).toMatchObject({ provider: '카카오페이', amount: 45_000 });

    const byPayout = (await callToss(toss, 'GET', '/v1/settlements?startDate=2026-04-04&endDate=2026-04-04&dateType=paidOutDate')).json as unknown as { amount: number }[];
    expect(byPayout.map((r) => r.amount)).toEqual([-3_333]);
    const firstDay = (await callToss(toss, 'GET', '/v1/settlements?startDate=2026-04-01&endDate=2026-04-01')).json as unknown as unknown[];
    expect(firstDay).toHaveLength(2);
    const page2 = (await callToss(toss, 'GET', '/v1/settlements?startDate=2026-04-01&endDate=2026-04-30&page=2&size=2')).json as unknown as { amount: number }[];
    expect(page2.map((r) => r.amount)).toEqual([-3_333]);
    expect((await callToss(toss, 'GET', '/v1/settlements?startDate=2026-04-01&endDate=2026-04-30', { secretKey: OTHER_SECRET_KEY })).json).toEqual([]);
  });

  it('default rates, and 400 INVALID_REQUEST for a bad query (dates, dateType, page, size > 5000)', async () => {
    const toss = await startToss(cleanups);
    const key = await authenticated(toss, { orderId: 'order-stl-0003', amount: 50_000, method: 'kakaopay_card' });
    await confirmCall(toss, { paymentKey: key, orderId: 'order-stl-0003', amount: 50_000 });
    const rows = (await callToss(toss, 'GET', '/v1/settlements?startDate=2000-01-01&endDate=2100-12-31&size=5000')).json as unknown as { fee: number }[];
    expect(rows.map((r) => r.fee)).toEqual([1_100]);
    for (const query of ['startDate=2026-04-01', 'startDate=2026-4-1&endDate=2026-04-02', 'startDate=2026-04-02&endDate=2026-04-01', 'startDate=2026-04-01&endDate=2026-04-02&dateType=approvedAt', 'startDate=2026-04-01&endDate=2026-04-02&page=0', 'startDate=2026-04-01&endDate=2026-04-02&size=5001']) {
      const answer = await callToss(toss, 'GET', `/v1/settlements?${query}`);
      expect([answer.status, answer.json.code]).toEqual([400, 'INVALID_REQUEST']);
    }
  });
});
