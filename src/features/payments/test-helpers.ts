import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { startLocalToss, type LocalToss } from '../../../tools/toss-local/index.ts';
import { insertPlace, insertTimeSlotProduct } from '../bookings/test-fixtures.ts';
import { savePaymentSettings } from './use-cases/payment-settings.ts';

/** A Toss-compatible server for a payments test, with one merchant (its keys). */
export async function startTestToss(keys = { clientKey: 'test_ck_yeyakTEST', secretKey: 'test_sk_yeyakTEST' }): Promise<{ toss: LocalToss; keys: typeof keys }> {
  const toss = await startLocalToss({ port: 0, merchants: [keys], consecutiveCancelMs: 0, webhookRetryDelayMs: 20 });
  return { toss, keys };
}

/** A business that takes payment at booking: its Toss keys point at `toss`, and a 시간예약형 product paid at booking. */
export async function preparePaidProduct(db: Kysely<DB>, businessId: string, toss: LocalToss, keys: { clientKey: string; secretKey: string }, product: Parameters<typeof insertTimeSlotProduct>[3] = {}) {
  await savePaymentSettings(db, businessId, { apiUrl: toss.url, clientKey: keys.clientKey, secretKey: keys.secretKey });
  const place = await insertPlace(db, businessId);
  const row = await insertTimeSlotProduct(db, businessId, place.id, { priceAmount: 30000, ...product });
  await db.updateTable('products').set({ payment_mode: 'prepaid' }).where('id', '=', row.id).execute();
  return { placeId: place.id, productId: row.id };
}

/** What the customer does in the payment window: chooses a method and an outcome; the window sends the browser on. */
export async function payInWindow(
  toss: LocalToss,
  checkout: { orderId: string; orderName: string; amount: number; provider: { clientKey: string } | null; customerName?: string },
  method: 'card' | 'kakaopay_card' | 'kakaopay_money' = 'card',
  outcome: 'approve' | 'reject' | 'close' = 'approve',
): Promise<{ paymentKey: string | null; amount: number | null; code: string | null; url: URL }> {
  const res = await fetch(`${toss.url}/local/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clientKey: checkout.provider!.clientKey,
      orderId: checkout.orderId,
      orderName: checkout.orderName,
      amount: checkout.amount,
      customerName: checkout.customerName ?? '홍길동',
      method,
      outcome,
      successUrl: 'http://127.0.0.1:9/book/pay/success',
      failUrl: 'http://127.0.0.1:9/book/pay/fail',
    }),
  });
  const body = (await res.json()) as { redirectUrl?: string };
  if (!body.redirectUrl) throw new Error(`checkout window refused: ${res.status} ${JSON.stringify(body)}`);
  const url = new URL(body.redirectUrl);
  const amount = url.searchParams.get('amount');
  return { paymentKey: url.searchParams.get('paymentKey'), amount: amount === null ? null : Number(amount), code: url.searchParams.get('code'), url };
}
