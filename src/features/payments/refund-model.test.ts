import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import type { LocalToss } from '../../../tools/toss-local/index.ts';
import { seoulDate, seoulInstant } from '../bookings/test-fixtures.ts';
import * as payments from './repository/payments.ts';
import { processRefund } from './use-cases/process-refund.ts';
import { requestRefundIn } from './use-cases/request-refund.ts';
import { lineBalances } from './use-cases/support.ts';
import { sweepPayments } from './use-cases/sweep.ts';
import { syncPayment } from './use-cases/sync-payment.ts';
import { payInWindow, preparePaidProduct, startTestToss } from './test-helpers.ts';

/**
 * PAY-2, a model test against the local Toss server: random sequences of
 * partial refunds (any tier), full refunds, 결제만 취소 after 이용완료 and
 * refunds made in Toss's dashboard leave our refundable balance — the
 * payment's and the sum of its lines' — equal to Toss's balanceAmount after
 * every step, never below zero, and never refund more than was paid.
 */

type Op = { kind: 'partial'; percent: number } | { kind: 'dashboard'; amount: number } | { kind: 'complete' } | { kind: 'paymentOnly' } | { kind: 'sync' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('partial' as const), percent: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ kind: fc.constant('dashboard' as const), amount: fc.integer({ min: 100, max: 70_000 }) }),
  fc.constant({ kind: 'complete' as const }),
  fc.constant({ kind: 'paymentOnly' as const }),
  fc.constant({ kind: 'sync' as const }),
);

describe('refundable balance = the provider’s balanceAmount (PAY-2 model test)', () => {
  let t: TestApp;
  let admin: Session;
  let toss: LocalToss;
  let productId: string;
  let day = 1;

  beforeAll(async () => {
    t = await createTestApp('pglite');
    admin = await t.signup();
    const started = await startTestToss();
    toss = started.toss;
    ({ productId } = await preparePaidProduct(t.database.db, admin.businessId, toss, started.keys, { capacity: 50, priceAmount: 33_333 }));
  });
  afterAll(async () => {
    await t?.close();
    await toss?.close();
  });

  it('holds through random sequences of refunds', { timeout: 240_000 }, async () => {
    const db = t.database.db;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 3 }), async (ops, quantity) => {
        const startsAt = seoulInstant(seoulDate(day++ % 80 + 1), '10:00').toISOString();
        const c = await t.call(null, 'POST', '/api/public/checkouts', { productId, lines: [{ startsAt, quantity }], customer: { name: '모델', phone: '010-5555-6666' }, consents: { privacy: true } });
        expect(c.status).toBe(201);
        const window = await payInWindow(toss, c.body, 'card');
        const confirmed = await t.call(null, 'POST', `/api/public/checkouts/${c.body.orderId}/confirm`, { paymentKey: window.paymentKey, amount: window.amount });
        expect(confirmed.status).toBe(200);
        const paymentKey = window.paymentKey!;
        const row = () => db.selectFrom('payments').selectAll().where('order_id', '=', c.body.orderId).executeTakeFirstOrThrow();
        const paid = (await row()).amount_pg;

        for (const step of ops) {
          const payment = await row();
          if (step.kind === 'partial') {
            const refund = await db.transaction().execute(async (trx) => {
              const locked = (await payments.lockPayment(trx, admin.businessId, payment.id))!;
              return requestRefundIn(trx, null, locked, { kind: 'payment_only', source: 'business', percent: step.percent, reason: '모델 환불', userId: admin.userId, retainRest: false }, new Date());
            });
            if (refund) await processRefund(db, admin.businessId, refund.id);
          } else if (step.kind === 'dashboard') {
            const balance = toss.payment(paymentKey)!.balanceAmount;
            if (balance > 0) {
              await fetch(`${toss.url}/local/payments/${paymentKey}/dashboard-cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cancelAmount: Math.min(step.amount, balance), cancelReason: '대시보드' }) });
            }
            await syncPayment(db, null, admin.businessId, paymentKey);
          } else if (step.kind === 'complete') {
            await t.call(admin, 'POST', `/api/bookings/${payment.booking_id}/complete`, {});
          } else if (step.kind === 'paymentOnly') {
            const res = await t.call(admin, 'POST', `/api/bookings/${payment.booking_id}/payment/cancel`, {});
            expect([200, 409]).toContain(res.status);
            await sweepPayments(db, null);
          } else {
            await syncPayment(db, null, admin.businessId, paymentKey);
          }
          const after = await row();
          const atToss = toss.payment(paymentKey)!;
          const lines = await lineBalances(db, admin.businessId, after.id);
          expect(after.balance_pg).toBe(atToss.balanceAmount);
          expect(lines.reduce((s, l) => s + l.main, 0)).toBe(atToss.balanceAmount);
          expect(lines.every((l) => l.main >= 0)).toBe(true);
          expect(paid - atToss.balanceAmount).toBe((atToss.cancels ?? []).reduce((s, x) => s + x.cancelAmount, 0));
        }
      }),
      { numRuns: 15 },
    );
  });
});
