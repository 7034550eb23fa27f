import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalToss } from './server.ts';
import {
  authenticated,
  basic,
  callToss,
  CLIENT_KEY,
  confirmCall,
  manualClock,
  OTHER_SECRET_KEY,
  SECRET_KEY,
  startToss,
  type Cleanups,
} from './test-helpers.ts';

const cleanups: Cleanups = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const SEOUL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/;

describe('authentication, exactly as Toss', () => {
  it('401 UNAUTHORIZED_KEY without a Basic header or for an unknown secret key; 403 INCORRECT_BASIC_AUTH_FORMAT without the trailing ":"', async () => {
    const toss = await startToss(cleanups);
    const unauthorized = { code: 'UNAUTHORIZED_KEY', message: '인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다.' };
    for (const authorization of [null, 'Bearer test_sk_yeyakLocal01', basic('test_sk_nobody'), 'Basic %%%']) {
      const answer = await callToss(toss, 'GET', '/v1/payments/tlocal-none', { authorization });
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual(unauthorized);
    }
    const noColon = await callToss(toss, 'GET', '/v1/payments/tlocal-none', { authorization: basic(SECRET_KEY, false) });
    expect(noColon.status).toBe(403);
    expect(noColon.json).toEqual({ code: 'INCORRECT_BASIC_AUTH_FORMAT', message: "잘못된 요청입니다. ':' 를 포함해 인코딩해주세요." });
    const ok = await callToss(toss, 'GET', '/v1/payments/tlocal-none');
    expect(ok.status).toBe(404);
    expect(ok.json.code).toBe('NOT_FOUND_PAYMENT');
  });

  it('accepts merchants added later', async () => {
    const toss = await startToss(cleanups);
    toss.addMerchant({ clientKey: 'test_ck_lateShop', secretKey: 'test_sk_lateShop' });
    const key = await authenticated(toss, { orderId: 'order-late-0001', amount: 1000, clientKey: 'test_ck_lateShop' });
    expect((await confirmCall(toss, { paymentKey: key, orderId: 'order-late-0001', amount: 1000 }, { secretKey: 'test_sk_lateShop' })).status).toBe(200);
    expect(() => toss.addMerchant({ clientKey: CLIENT_KEY, secretKey: 'test_sk_thief' })).toThrow();
  });
});

describe('POST /v1/payments/confirm', () => {
  it('card: DONE with approvedAt, card{amount, approveNo, 신용, masked number, issuerCode}, no easyPay, balance = total', async () => {
    const toss = await startToss(cleanups);
    const paymentKey = await authenticated(toss, { orderId: 'order-card-0001', amount: 30_000, method: 'card' });
    const answer = await confirmCall(toss, { paymentKey, orderId: 'order-card-0001', amount: 30_000 });
    expect(answer.status).toBe(200);
    const p = answer.json as Record<string, any>;
    expect(p).toMatchObject({ paymentKey, orderId: 'order-card-0001', orderName: '커트 예약 외 1건', status: 'DONE', method: '카드', type: 'NORMAL', currency: 'KRW', version: '2022-11-16', totalAmount: 30_000, balanceAmount: 30_000, suppliedAmount: 27_273, vat: 2727, easyPay: null, cancels: null, failure: null });
    expect(p.approvedAt).toMatch(SEOUL_TIME);
    expect(p.requestedAt).toMatch(SEOUL_TIME);
    expect(p.lastTransactionKey).toMatch(/^[0-9A-F]{32}$/);
    expect(p.card).toMatchObject({ amount: 30_000, cardType: '신용', ownerType: '개인', installmentPlanMonths: 0, acquireStatus: 'READY' });
    expect(p.card.approveNo).toMatch(/^\d{8}$/);
    expect(p.card.number).toMatch(/^\d{8}\*{4}\d{3}\*$/);
    expect(p.card.issuerCode).toMatch(/^\d{2}$/);
    expect(p.receipt.url).toBe(`${toss.url}/local/payments/${paymentKey}`);
    expect(toss.approvals('order-card-0001')).toBe(1);
    expect(toss.payment(paymentKey)).toEqual(p);
  });

  it('카카오페이 카드: 간편결제, easyPay{카카오페이, 0, 0} and the card part in card.amount; 카카오페이 머니: easyPay.amount = total, no card', async () => {
    const toss = await startToss(cleanups);
    const cardKey = await authenticated(toss, { orderId: 'order-kcard-001', amount: 45_000, method: 'kakaopay_card' });
    const kcard = (await confirmCall(toss, { paymentKey: cardKey, orderId: 'order-kcard-001', amount: 45_000 })).json as Record<string, any>;
    expect(kcard).toMatchObject({ status: 'DONE', method: '간편결제', easyPay: { provider: '카카오페이', amount: 0, discountAmount: 0 }, card: { amount: 45_000, cardType: '신용' }, balanceAmount: 45_000 });

    const moneyKey = await authenticated(toss, { orderId: 'order-kmoney-01', amount: 45_000, method: 'kakaopay_money' });
    const money = (await confirmCall(toss, { paymentKey: moneyKey, orderId: 'order-kmoney-01', amount: 45_000 })).json as Record<string, any>;
    expect(money).toMatchObject({ status: 'DONE', method: '간편결제', easyPay: { provider: '카카오페이', amount: 45_000, discountAmount: 0 }, card: null, balanceAmount: 45_000 });
    expect(toss.approvals()).toBe(2);
  });

  it('accepts the amount as a numeric string, as Toss does', async () => {
    const toss = await startToss(cleanups);
    const paymentKey = await authenticated(toss, { orderId: 'order-str-0001', amount: 1000 });
    const answer = await callToss(toss, 'POST', '/v1/payments/confirm', { body: { paymentKey, orderId: 'order-str-0001', amount: '1000' } });
    expect(answer.json.status).toBe('DONE');
  });

  it('refuses with Toss codes and charges nothing: wrong amount, wrong orderId, unknown key, another merchant, session over 10 minutes, already done, under 100원', async () => {
    const clock = manualClock();
    const toss = await startToss(cleanups, { now: clock.now });
    const paymentKey = await authenticated(toss, { orderId: 'order-ref-0001', amount: 20_000 });

    const wrongAmount = await confirmCall(toss, { paymentKey, orderId: 'order-ref-0001', amount: 2_000 });
    expect([wrongAmount.status, wrongAmount.json.code]).toEqual([400, 'INVALID_REQUEST']);
    const wrongOrder = await confirmCall(toss, { paymentKey, orderId: 'order-ref-9999', amount: 20_000 });
    expect(wrongOrder.status).toBe(403);
    expect(wrongOrder.json).toEqual({ code: 'FORBIDDEN_REQUEST', message: '허용되지 않은 요청입니다.' });
    const unknownKey = await confirmCall(toss, { paymentKey: 'tlocal20260401000000xxxxxx', orderId: 'order-ref-0001', amount: 20_000 });
    expect(unknownKey.status).toBe(404);
    expect(unknownKey.json).toEqual({ code: 'NOT_FOUND_PAYMENT_SESSION', message: '결제 시간이 만료되어 결제 진행 데이터가 존재하지 않습니다.' });
    const otherMerchant = await confirmCall(toss, { paymentKey, orderId: 'order-ref-0001', amount: 20_000 }, { secretKey: OTHER_SECRET_KEY });
    expect([otherMerchant.status, otherMerchant.json.code]).toEqual([404, 'NOT_FOUND_PAYMENT_SESSION']);
    const missing = await callToss(toss, 'POST', '/v1/payments/confirm', { body: { paymentKey } });
    expect([missing.status, missing.json.code]).toEqual([400, 'INVALID_REQUEST']);
    expect(toss.payment(paymentKey)!.status).toBe('IN_PROGRESS');

    // Refusals above leave the session usable: the right request goes through, once.
    const done = await confirmCall(toss, { paymentKey, orderId: 'order-ref-0001', amount: 20_000 });
    expect(done.json.status).toBe('DONE');
    const again = await confirmCall(toss, { paymentKey, orderId: 'order-ref-0001', amount: 20_000 });
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ code: 'ALREADY_PROCESSED_PAYMENT', message: '이미 처리된 결제 입니다.' });

    const late = await authenticated(toss, { orderId: 'order-ref-0002', amount: 20_000 });
    clock.advance(10 * 60_000);
    expect(toss.payment(late)!.status).toBe('IN_PROGRESS');
    clock.advance(1);
    const expired = await confirmCall(toss, { paymentKey: late, orderId: 'order-ref-0002', amount: 20_000 });
    expect([expired.status, expired.json.code]).toEqual([404, 'NOT_FOUND_PAYMENT_SESSION']);
    expect(toss.payment(late)!.status).toBe('EXPIRED');

    const small = await authenticated(toss, { orderId: 'order-ref-0003', amount: 99 });
    const below = await confirmCall(toss, { paymentKey: small, orderId: 'order-ref-0003', amount: 99 });
    expect(below.status).toBe(400);
    expect(below.json).toEqual({ code: 'BELOW_MINIMUM_AMOUNT', message: '신용카드는 결제금액이 100원 이상, 계좌는 200원이상부터 결제가 가능합니다.' });
    expect(toss.payment(small)).toMatchObject({ status: 'ABORTED', failure: { code: 'BELOW_MINIMUM_AMOUNT' } });

    expect(toss.approvals()).toBe(1);
  });

  it('sessionMinutes sets the confirm window', async () => {
    const clock = manualClock();
    const toss = await startToss(cleanups, { now: clock.now, sessionMinutes: 1 });
    const paymentKey = await authenticated(toss, { orderId: 'order-win-0001', amount: 1000 });
    clock.advance(61_000);
    expect((await confirmCall(toss, { paymentKey, orderId: 'order-win-0001', amount: 1000 })).json.code).toBe('NOT_FOUND_PAYMENT_SESSION');
  });
});

describe('Idempotency-Key', () => {
  it('a replay returns the first status and body; the body is not compared (another payment under the same key gets the first answer)', async () => {
    const toss = await startToss(cleanups);
    const first = await authenticated(toss, { orderId: 'order-idem-001', amount: 10_000 });
    const answer = await confirmCall(toss, { paymentKey: first, orderId: 'order-idem-001', amount: 10_000 }, { idempotencyKey: 'confirm-1' });
    const replay = await confirmCall(toss, { paymentKey: first, orderId: 'order-idem-001', amount: 10_000 }, { idempotencyKey: 'confirm-1' });
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual(answer.json);

    const second = await authenticated(toss, { orderId: 'order-idem-002', amount: 7_000 });
    const reused = await confirmCall(toss, { paymentKey: second, orderId: 'order-idem-002', amount: 7_000 }, { idempotencyKey: 'confirm-1' });
    expect(reused.json).toEqual(answer.json);
    expect(toss.payment(second)!.status).toBe('IN_PROGRESS');
    expect(toss.approvals()).toBe(1);

    // Key + secret key + URL + method: the same key elsewhere is a new request.
    const cancel = await callToss(toss, 'POST', `/v1/payments/${first}/cancel`, { body: { cancelReason: '고객 요청' }, idempotencyKey: 'confirm-1' });
    expect(cancel.json.status).toBe('CANCELED');
  });

  it('keeps error answers too, and forgets after 15 days', async () => {
    const clock = manualClock();
    const toss = await startToss(cleanups, { now: clock.now, sessionMinutes: 60 * 24 * 30 });
    const paymentKey = await authenticated(toss, { orderId: 'order-idem-003', amount: 10_000 });
    const wrong = await confirmCall(toss, { paymentKey, orderId: 'order-idem-003', amount: 1 }, { idempotencyKey: 'k-err' });
    expect(wrong.json.code).toBe('INVALID_REQUEST');
    const right = await confirmCall(toss, { paymentKey, orderId: 'order-idem-003', amount: 10_000 }, { idempotencyKey: 'k-err' });
    expect(right.status).toBe(400);
    expect(right.json).toEqual(wrong.json);

    clock.advance(15 * 24 * 60 * 60_000 + 1);
    const later = await confirmCall(toss, { paymentKey, orderId: 'order-idem-003', amount: 10_000 }, { idempotencyKey: 'k-err' });
    expect(later.json.status).toBe('DONE');
  });

  it('a duplicate while the first is still running → 409 IDEMPOTENT_REQUEST_PROCESSING, and one approval', async () => {
    const toss = await startToss(cleanups);
    const paymentKey = await authenticated(toss, { orderId: 'order-idem-004', amount: 10_000 });
    toss.faults.delayMs = 200;
    const body = { paymentKey, orderId: 'order-idem-004', amount: 10_000 };
    const [a, b] = await Promise.all([confirmCall(toss, body, { idempotencyKey: 'k-race' }), confirmCall(toss, body, { idempotencyKey: 'k-race' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((x) => x.status === 409)!.json).toEqual({ code: 'IDEMPOTENT_REQUEST_PROCESSING', message: '이전 멱등 요청이 처리중입니다.' });
    toss.faults.delayMs = 0;
    const replay = await confirmCall(toss, body, { idempotencyKey: 'k-race' });
    expect(replay.json).toEqual([a, b].find((x) => x.status === 200)!.json);
    expect(toss.approvals()).toBe(1);
  });

  it('over 300 characters → 400 INVALID_IDEMPOTENCY_KEY (300 is fine); GET ignores the header', async () => {
    const toss = await startToss(cleanups);
    const paymentKey = await authenticated(toss, { orderId: 'order-idem-005', amount: 10_000 });
    const body = { paymentKey, orderId: 'order-idem-005', amount: 10_000 };
    const long = await confirmCall(toss, body, { idempotencyKey: 'k'.repeat(301) });
    expect(long.status).toBe(400);
    expect(long.json).toEqual({ code: 'INVALID_IDEMPOTENCY_KEY', message: '멱등키는 300자 이하여야 합니다.' });
    expect(toss.payment(paymentKey)!.status).toBe('IN_PROGRESS');
    expect((await confirmCall(toss, body, { idempotencyKey: 'k'.repeat(300) })).json.status).toBe('DONE');
    expect((await callToss(toss, 'GET', `/v1/payments/${paymentKey}`, { idempotencyKey: 'x'.repeat(400) })).status).toBe(200);
  });
});

describe('POST /v1/payments/{paymentKey}/cancel', () => {
  async function donePayment(toss: Awaited<ReturnType<typeof startToss>>, orderId: string, amount: number) {
    const paymentKey = await authenticated(toss, { orderId, amount });
    await confirmCall(toss, { paymentKey, orderId, amount });
    return paymentKey;
  }

  it('partial then full: cancels[] grows, balanceAmount (and vat) follow, PARTIAL_CANCELED then CANCELED', async () => {
    const clock = manualClock();
    const toss = await startToss(cleanups, { now: clock.now });
    const paymentKey = await donePayment(toss, 'order-cxl-0001', 30_000);
    const partial = (await callToss(toss, 'POST', `/v1/payments/${paymentKey}/cancel`, { body: { cancelReason: '일부 인원 취소', cancelAmount: 10_000 }, idempotencyKey: 'refund-1' })).json as Record<string, any>;
    expect(partial).toMatchObject({ status: 'PARTIAL_CANCELED', totalAmount: 30_000, balanceAmount: 20_000, vat: 1818, suppliedAmount: 18_182 });
    expect(partial.cancels).toHaveLength(1);
    expect(partial.cancels[0]).toMatchObject({ cancelAmount: 10_000, cancelReason: '일부 인원 취소', refundableAmount: 20_000, cancelStatus: 'DONE', taxFreeAmount: 0 });
    expect(partial.cancels[0].transactionKey).toMatch(/^[0-9A-F]{32}$/);
    expect(partial.cancels[0].canceledAt).toMatch(SEOUL_TIME);
    expect(partial.lastTransactionKey).toBe(partial.cancels[0].transactionKey);

    clock.advance(1000);
    const full = (await callToss(toss, 'POST', `/v1/payments/${paymentKey}/cancel`, { body: { cancelReason: '예약 취소' }, idempotencyKey: 'refund-2' })).json as Record<string, any>;
    expect(full).toMatchObject({ status: 'CANCELED', totalAmount: 30_000, balanceAmount: 0, vat: 0, suppliedAmount: 0 });
    expect(full.cancels.map((c: any) => [c.cancelAmount, c.refundableAmount])).toEqual([
      [10_000, 20_000],
      [20_000, 0],
    ]);
    expect(new Set(full.cancels.map((c: any) => c.transactionKey)).size).toBe(2);
  });

  it('refusals: over the balance, no reason, not approved, already canceled, unknown or another merchant\'s, refundableAmount that does not match', async () => {
    const clock = manualClock();
    const toss = await startToss(cleanups, { now: clock.now });
    const paymentKey = await donePayment(toss, 'order-cxl-0002', 10_000);
    const cancel = (body: unknown, secretKey?: string, key = paymentKey) => callToss(toss, 'POST', `/v1/payments/${key}/cancel`, { body, ...(secretKey ? { secretKey } : {}) });

    const over = await cancel({ cancelReason: '환불', cancelAmount: 10_001 });
    expect(over.status).toBe(403);
    expect(over.json).toEqual({ code: 'NOT_CANCELABLE_AMOUNT', message: '취소 할 수 없는 금액 입니다.' });
    expect([(await cancel({ cancelAmount: 1000 })).status, (await cancel({ cancelReason: '  ' })).json.code]).toEqual([400, 'INVALID_REQUEST']);
    expect((await cancel({ cancelReason: '환불', cancelAmount: 0 })).json.code).toBe('INVALID_REQUEST');
    expect((await cancel({ cancelReason: '환불', refundableAmount: 9_000 })).json.code).toBe('NOT_MATCHES_REFUNDABLE_AMOUNT');
    const mismatch = await cancel({ cancelReason: '환불' }, OTHER_SECRET_KEY);
    expect([mismatch.status, mismatch.json.code]).toEqual([404, 'NOT_FOUND_PAYMENT']);
    expect((await cancel({ cancelReason: '환불' }, undefined, 'tlocal-unknown')).json.code).toBe('NOT_FOUND_PAYMENT');

    const pending = await authenticated(toss, { orderId: 'order-cxl-0003', amount: 10_000 });
    const notDone = await cancel({ cancelReason: '환불' }, undefined, pending);
    expect(notDone.status).toBe(403);
    expect(notDone.json).toEqual({ code: 'NOT_CANCELABLE_PAYMENT', message: '취소 할 수 없는 결제 입니다.' });

    expect((await cancel({ cancelReason: '환불', refundableAmount: 10_000 })).json.status).toBe('CANCELED');
    clock.advance(5000);
    const twice = await cancel({ cancelReason: '환불' });
    expect(twice.status).toBe(400);
    expect(twice.json).toEqual({ code: 'ALREADY_CANCELED_PAYMENT', message: '이미 취소된 결제 입니다.' });
    expect(toss.payment(paymentKey)!.balanceAmount).toBe(0);
  });

  it('two cancels of one paymentKey within 1 s: only the first is processed (403 FORBIDDEN_CONSECUTIVE_REQUEST); a replay of the first key is not refused', async () => {
    const clock = manualClock();
    const toss = await startToss(cleanups, { now: clock.now });
    const paymentKey = await donePayment(toss, 'order-cxl-0004', 10_000);
    const path = `/v1/payments/${paymentKey}/cancel`;
    const first = await callToss(toss, 'POST', path, { body: { cancelReason: '부분 환불', cancelAmount: 1000 }, idempotencyKey: 'refund-a' });
    clock.advance(999);
    const second = await callToss(toss, 'POST', path, { body: { cancelReason: '부분 환불', cancelAmount: 2000 }, idempotencyKey: 'refund-b' });
    expect(second.status).toBe(403);
    expect(second.json).toEqual({ code: 'FORBIDDEN_CONSECUTIVE_REQUEST', message: '반복적인 요청은 허용되지 않습니다. 잠시 후 다시 시도해주세요.' });
    expect((await callToss(toss, 'POST', path, { body: { cancelReason: '부분 환불', cancelAmount: 1000 }, idempotencyKey: 'refund-a' })).json).toEqual(first.json);
    expect(toss.payment(paymentKey)!.balanceAmount).toBe(9000);
    clock.advance(1);
    expect((await callToss(toss, 'POST', path, { body: { cancelReason: '부분 환불', cancelAmount: 2000 }, idempotencyKey: 'refund-c' })).json.balanceAmount).toBe(7000);
  });

  it('concurrent cancels without a key: one is processed', async () => {
    const toss = await startToss(cleanups);
    const paymentKey = await donePayment(toss, 'order-cxl-0005', 10_000);
    toss.faults.delayMs = 100;
    const answers = await Promise.all([1, 2, 3].map(() => callToss(toss, 'POST', `/v1/payments/${paymentKey}/cancel`, { body: { cancelReason: '환불', cancelAmount: 1000 } })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 403, 403]);
    expect(toss.payment(paymentKey)!.balanceAmount).toBe(9000);
  });
});

describe('lookups', () => {
  it('GET /v1/payments/{paymentKey} and /v1/payments/orders/{orderId}: a merchant sees only its own; none → 404 NOT_FOUND_PAYMENT', async () => {
    const toss = await startToss(cleanups);
    const paymentKey = await authenticated(toss, { orderId: 'order-look-001', amount: 5000 });
    const done = (await confirmCall(toss, { paymentKey, orderId: 'order-look-001', amount: 5000 })).json;
    expect((await callToss(toss, 'GET', `/v1/payments/${paymentKey}`)).json).toEqual(done);
    expect((await callToss(toss, 'GET', '/v1/payments/orders/order-look-001')).json).toEqual(done);
    for (const path of [`/v1/payments/${paymentKey}`, '/v1/payments/orders/order-look-001']) {
      const other = await callToss(toss, 'GET', path, { secretKey: OTHER_SECRET_KEY });
      expect(other.status).toBe(404);
      expect(other.json).toEqual({ code: 'NOT_FOUND_PAYMENT', message: '존재하지 않는 결제 정보 입니다.' });
    }
    expect((await callToss(toss, 'GET', '/v1/payments/orders/order-none-001')).status).toBe(404);
  });

  it('by orderId, the approved payment wins over a later window of the same order', async () => {
    const toss = await startToss(cleanups);
    const first = await authenticated(toss, { orderId: 'order-look-002', amount: 5000 });
    await confirmCall(toss, { paymentKey: first, orderId: 'order-look-002', amount: 5000 });
    const byOrder = await callToss(toss, 'GET', '/v1/payments/orders/order-look-002');
    expect(byOrder.json).toMatchObject({ paymentKey: first, status: 'DONE' });
  });
});

describe('fault switches', () => {
  it('delayMs delays every API reply', async () => {
    const toss = await startToss(cleanups);
    toss.faults.delayMs = 150;
    const started = Date.now();
    expect((await callToss(toss, 'GET', '/v1/payments/x', { authorization: null })).status).toBe(401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('fail5xx: the next N calls answer 500 FAILED_INTERNAL_SYSTEM_PROCESSING and do nothing', async () => {
    const toss = await startToss(cleanups);
    const paymentKey = await authenticated(toss, { orderId: 'order-5xx-0001', amount: 5000 });
    toss.faults.fail5xx = 2;
    const body = { paymentKey, orderId: 'order-5xx-0001', amount: 5000 };
    for (let i = 0; i < 2; i++) {
      const answer = await confirmCall(toss, body, { idempotencyKey: 'confirm-5xx' });
      expect(answer.status).toBe(500);
      expect(answer.json).toEqual({ code: 'FAILED_INTERNAL_SYSTEM_PROCESSING', message: '내부 시스템 처리 작업이 실패했습니다. 잠시 후 다시 시도해주세요.' });
    }
    expect(toss.payment(paymentKey)!.status).toBe('IN_PROGRESS');
    expect(toss.faults.fail5xx).toBe(0);
    // Nothing was kept under the key either: the retry is processed.
    expect((await confirmCall(toss, body, { idempotencyKey: 'confirm-5xx' })).json.status).toBe('DONE');
  });

  it('dropAfterApprove: the approval is recorded, the socket is destroyed; the same key then replays the approval', async () => {
    const toss = await startToss(cleanups);
    const paymentKey = await authenticated(toss, { orderId: 'order-drop-001', amount: 5000 });
    toss.faults.dropAfterApprove = 1;
    const body = { paymentKey, orderId: 'order-drop-001', amount: 5000 };
    await expect(confirmCall(toss, body, { idempotencyKey: 'confirm-drop' })).rejects.toThrow(TypeError);
    expect(toss.payment(paymentKey)!.status).toBe('DONE');
    expect(toss.approvals('order-drop-001')).toBe(1);
    const replay = await confirmCall(toss, body, { idempotencyKey: 'confirm-drop' });
    expect(replay.status).toBe(200);
    expect(replay.json).toMatchObject({ paymentKey, status: 'DONE' });
    expect(toss.approvals('order-drop-001')).toBe(1);
  });

  it('dropAfterApprove counts approvals only, not refused confirms', async () => {
    const toss = await startToss(cleanups);
    const paymentKey = await authenticated(toss, { orderId: 'order-drop-002', amount: 5000 });
    toss.faults.dropAfterApprove = 1;
    expect((await confirmCall(toss, { paymentKey, orderId: 'order-drop-002', amount: 1 })).status).toBe(400);
    expect(toss.faults.dropAfterApprove).toBe(1);
  });

  it('expireSessions: confirm answers NOT_FOUND_PAYMENT_SESSION and the payment expires', async () => {
    const toss = await startToss(cleanups);
    const paymentKey = await authenticated(toss, { orderId: 'order-exp-0001', amount: 5000 });
    toss.faults.expireSessions = true;
    const answer = await confirmCall(toss, { paymentKey, orderId: 'order-exp-0001', amount: 5000 });
    expect([answer.status, answer.json.code]).toEqual([404, 'NOT_FOUND_PAYMENT_SESSION']);
    expect(toss.payment(paymentKey)!.status).toBe('EXPIRED');
  });

  it('POST /local/faults changes the same object; GET /local/faults shows it; a bad patch changes nothing', async () => {
    const toss = await startToss(cleanups);
    const post = (body: unknown) => fetch(`${toss.url}/local/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(await (await post({ fail5xx: 3, expireSessions: true })).json()).toEqual({ delayMs: 0, fail5xx: 3, dropAfterApprove: 0, expireSessions: true });
    expect(toss.faults.fail5xx).toBe(3);
    toss.faults.delayMs = 5;
    expect(await (await fetch(`${toss.url}/local/faults`)).json()).toEqual({ delayMs: 5, fail5xx: 3, dropAfterApprove: 0, expireSessions: true });
    const bad = await post({ fail5xx: -1, dropAfterApprove: 2 });
    expect(bad.status).toBe(400);
    expect(toss.faults.dropAfterApprove).toBe(0);
    expect((await post({ explode: true })).status).toBe(400);
  });
});

describe('for people and tests', () => {
  it('GET /local/stats counts approvals per orderId; GET /local/payments lists payments', async () => {
    const toss = await startToss(cleanups);
    for (const orderId of ['order-stat-001', 'order-stat-002']) {
      const paymentKey = await authenticated(toss, { orderId, amount: 1000 });
      await confirmCall(toss, { paymentKey, orderId, amount: 1000 });
    }
    await authenticated(toss, { orderId: 'order-stat-003', amount: 1000 });
    expect(await (await fetch(`${toss.url}/local/stats`)).json()).toEqual({ approvals: { 'order-stat-001': 1, 'order-stat-002': 1 }, total: 2 });
    const list = (await (await fetch(`${toss.url}/local/payments`)).json()) as { items: { orderId: string; status: string }[] };
    expect(list.items.map((p) => [p.orderId, p.status])).toEqual([
      ['order-stat-001', 'DONE'],
      ['order-stat-002', 'DONE'],
      ['order-stat-003', 'IN_PROGRESS'],
    ]);
  });

  it('onApprove runs after the approval is recorded and before the reply is written', async () => {
    let replied = false;
    const seen: string[] = [];
    let release!: () => void;
    const hookDone = new Promise<void>((r) => (release = r));
    const toss = await startToss(cleanups, {
      onApprove: async ({ orderId, paymentKey }) => {
        seen.push(`${orderId}:${toss.payment(paymentKey)!.status}:${toss.approvals(orderId)}:${replied}`);
        await hookDone;
      },
    });
    const paymentKey = await authenticated(toss, { orderId: 'order-hook-001', amount: 1000 });
    const reply = confirmCall(toss, { paymentKey, orderId: 'order-hook-001', amount: 1000 }).then((a) => {
      replied = true;
      return a;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual(['order-hook-001:DONE:1:false']);
    expect(replied).toBe(false);
    release();
    expect((await reply).json.status).toBe('DONE');
  });

  it('with a data file, a restart keeps payments, approvals, idempotent answers and added merchants', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toss-local-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const dataFile = path.join(dir, 'toss.json');
    const first = await startLocalToss({ merchants: [{ clientKey: CLIENT_KEY, secretKey: SECRET_KEY }], dataFile });
    first.addMerchant({ clientKey: 'test_ck_added', secretKey: 'test_sk_added' });
    const paymentKey = await authenticated(first, { orderId: 'order-file-001', amount: 8000 });
    const done = await confirmCall(first, { paymentKey, orderId: 'order-file-001', amount: 8000 }, { idempotencyKey: 'confirm-file' });
    await first.close();

    const second = await startToss(cleanups, { dataFile, merchants: [{ clientKey: CLIENT_KEY, secretKey: SECRET_KEY }] });
    expect(second.approvals('order-file-001')).toBe(1);
    const replay = await confirmCall(second, { paymentKey, orderId: 'order-file-001', amount: 8000 }, { idempotencyKey: 'confirm-file' });
    expect(replay.json).toEqual(done.json);
    expect((await callToss(second, 'GET', `/v1/payments/${paymentKey}`)).json.status).toBe('DONE');
    expect((await callToss(second, 'GET', '/v1/payments/orders/x-none', { secretKey: 'test_sk_added' })).json.code).toBe('NOT_FOUND_PAYMENT');
  });

  it('unknown paths answer Toss-shaped 404s; a body that is not JSON, 400 INVALID_REQUEST', async () => {
    const toss = await startToss(cleanups);
    expect((await callToss(toss, 'GET', '/v1/nothing')).json.code).toBe('NOT_FOUND');
    const response = await fetch(`${toss.url}/v1/payments/confirm`, { method: 'POST', headers: { authorization: basic(SECRET_KEY), 'content-type': 'application/json' }, body: '{oops' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('INVALID_REQUEST');
  });
});
