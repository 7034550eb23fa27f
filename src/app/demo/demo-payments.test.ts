import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { startLocalToss, type LocalToss } from '../../../tools/toss-local/index.ts';
import { setLocalTossStarter } from '../../features/payments/index.ts';
import { registerHooks } from '../hooks.ts';
import { seedDemo } from './demo.ts';
import { seedDemoPayments } from './demo-payments.ts';

describe('the demo clinic’s payments (PAY-1 … PAY-4)', () => {
  let database: TestDatabase;
  let toss: LocalToss;

  beforeAll(async () => {
    registerHooks(); // as app.ts does when the product starts: a cancel refunds through the payments hook
    database = await createTestDatabase('pglite');
    toss = await startLocalToss({ port: 0, merchants: [] });
    setLocalTossStarter(async (merchant) => {
      toss.addMerchant({ clientKey: merchant.clientKey, secretKey: merchant.secretKey });
      return { url: toss.url };
    });
  });
  afterAll(async () => {
    setLocalTossStarter(null);
    await database?.close();
    await toss?.close();
  });

  it('has a paid product on the local Toss server, paid bookings (completed, refunded, 결제만 취소, upcoming) and a statement; a second run adds nothing', async () => {
    const db = database.db;
    expect(await seedDemo(db)).toBe(true);
    expect(await seedDemoPayments(db)).toBe(4);
    const payments = await db.selectFrom('payments').select(['status', 'main_method', 'booking_id']).orderBy('created_at').execute();
    expect(payments.map((p) => p.status)).toEqual(['paid', 'refunded', 'refunded', 'paid']);
    expect(payments.every((p) => p.booking_id !== null)).toBe(true);
    const bookings = await db.selectFrom('bookings').select(['status']).where('prepaid', '=', true).orderBy('created_at').execute();
    expect(bookings.map((b) => b.status)).toEqual(['completed', 'completed', 'cancelled', 'confirmed']);
    const refunds = await db.selectFrom('refunds').select(['kind', 'status']).orderBy('created_at').execute();
    expect(refunds).toEqual([
      { kind: 'payment_only', status: 'succeeded' },
      { kind: 'booking_cancel', status: 'succeeded' },
    ]);
    const lines = await db.selectFrom('settlement_lines').select(['kind']).orderBy('id').execute();
    expect(lines.map((l) => l.kind).sort()).toEqual(['reversal', 'sale', 'sale']);
    expect(toss.approvals()).toBe(4);
    expect(await seedDemoPayments(db)).toBe(0);
  });
});
