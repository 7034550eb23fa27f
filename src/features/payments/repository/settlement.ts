import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, SettlementLinesTable } from '../../../platform/db/types.ts';

type Db = Kysely<DB>;

export type NewSettlementLine = Omit<Insertable<SettlementLinesTable>, 'id' | 'business_id' | 'created_at'>;

/** PAY-4: lines are written once (the unique index on payment, detail number, kind and refund): a repeat does nothing. */
export async function insertSettlementLines(db: Db, businessId: string, lines: readonly NewSettlementLine[]) {
  if (lines.length === 0) return;
  await db
    .insertInto('settlement_lines')
    .values(lines.map((l) => ({ ...l, business_id: businessId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function listSettlementLinesOfPayment(db: Db, businessId: string, paymentId: string) {
  return db.selectFrom('settlement_lines').selectAll().where('business_id', '=', businessId).where('payment_id', '=', paymentId).orderBy('id').execute();
}

export async function listStatementLines(db: Db, businessId: string, periodStart: string) {
  return db
    .selectFrom('settlement_lines as s')
    .innerJoin('payments as p', (j) => j.onRef('p.business_id', '=', 's.business_id').onRef('p.id', '=', 's.payment_id'))
    .leftJoin('refunds as r', (j) => j.onRef('r.business_id', '=', 's.business_id').onRef('r.id', '=', 's.refund_id'))
    .select([
      'p.amount_pg',
      'r.transaction_key as refund_transaction_key',
      'r.amount_pg as refund_amount_pg',
      's.id',
      's.payment_id',
      's.refund_id',
      's.detail_number',
      's.kind',
      's.event_at',
      's.event_date',
      's.main_method',
      's.rate_ppm',
      's.points_rate_ppm',
      's.main',
      's.coupon_platform',
      's.main_fee',
      's.points',
      's.points_fee',
      's.base',
      's.payout',
      'p.payment_key',
      'p.order_id',
    ])
    .where('s.business_id', '=', businessId)
    .where('s.period_start', '=', periodStart)
    .orderBy('s.event_at')
    .orderBy('s.id')
    .execute();
}

/** The periods that have lines, newest first, with their totals. */
export async function listStatementPeriods(db: Db, businessId: string, limit: number) {
  return db
    .selectFrom('settlement_lines')
    .select([
      sql<string>`to_char(period_start, 'YYYY-MM-DD')`.as('period_start'),
      sql<string>`count(*)`.as('lines'),
      sql<string>`sum(base)`.as('base'),
      sql<string>`sum(main_fee + points_fee)`.as('fees'),
      sql<string>`sum(payout)`.as('payout'),
    ])
    .where('business_id', '=', businessId)
    .groupBy('period_start')
    .orderBy('period_start', 'desc')
    .limit(limit)
    .execute();
}

// ------------------------------------------------------------ fee rules

export async function listFeeRules(db: Db, businessId: string) {
  return db
    .selectFrom('fee_rules')
    .select(['id', 'business_id', 'method', 'grade', 'rate_ppm', sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from'), sql<string | null>`to_char(valid_to, 'YYYY-MM-DD')`.as('valid_to')])
    .where('business_id', '=', businessId)
    .orderBy('method')
    .orderBy('grade')
    .orderBy('valid_from')
    .execute();
}

export async function replaceFeeRules(
  db: Db,
  businessId: string,
  rules: readonly { method: 'card' | 'kakaopay_card' | 'kakaopay_money' | 'points'; grade: 'small' | 'medium1' | 'medium2' | 'medium3' | 'general' | null; ratePpm: number; validFrom: string; validTo: string | null }[],
) {
  await db.deleteFrom('fee_rules').where('business_id', '=', businessId).execute();
  if (rules.length === 0) return;
  await db
    .insertInto('fee_rules')
    .values(rules.map((r) => ({ business_id: businessId, method: r.method, grade: r.grade, rate_ppm: r.ratePpm, valid_from: r.validFrom, valid_to: r.validTo })))
    .execute();
}

export async function listFeeGrades(db: Db, businessId: string) {
  return db
    .selectFrom('business_fee_grades')
    .select(['grade', sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from')])
    .where('business_id', '=', businessId)
    .orderBy('valid_from')
    .execute();
}

export async function upsertFeeGrade(db: Db, businessId: string, grade: 'small' | 'medium1' | 'medium2' | 'medium3' | 'general', validFrom: string) {
  await db
    .insertInto('business_fee_grades')
    .values({ business_id: businessId, grade, valid_from: validFrom })
    .onConflict((oc) => oc.columns(['business_id', 'valid_from']).doUpdateSet({ grade }))
    .execute();
}

export async function deleteFeeGrade(db: Db, businessId: string, validFrom: string) {
  const result = await db.deleteFrom('business_fee_grades').where('business_id', '=', businessId).where('valid_from', '=', validFrom).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ----------------------------------------------- the provider's settlement list

export async function upsertProviderSettlements(
  db: Db,
  businessId: string,
  rows: readonly { transactionKey: string; paymentKey: string; orderId: string; amount: number; fee: number; payOutAmount: number; soldDate: string; paidOutDate: string | null; body: unknown }[],
) {
  for (const r of rows) {
    const values = {
      payment_key: r.paymentKey,
      order_id: r.orderId,
      amount: r.amount,
      fee: r.fee,
      pay_out_amount: r.payOutAmount,
      sold_date: r.soldDate,
      paid_out_date: r.paidOutDate,
      body: JSON.stringify(r.body ?? null),
    };
    await db
      .insertInto('provider_settlements')
      .values({ business_id: businessId, transaction_key: r.transactionKey, ...values })
      .onConflict((oc) => oc.columns(['business_id', 'transaction_key']).doUpdateSet({ ...values, fetched_at: sql<Date>`now()` }))
      .execute();
  }
}

export async function listProviderSettlementsOfPayments(db: Db, businessId: string, paymentKeys: readonly string[]) {
  if (paymentKeys.length === 0) return [];
  return db
    .selectFrom('provider_settlements')
    .select(['transaction_key', 'payment_key', 'amount', 'fee', 'pay_out_amount', sql<string>`to_char(sold_date, 'YYYY-MM-DD')`.as('sold_date')])
    .where('business_id', '=', businessId)
    .where('payment_key', 'in', paymentKeys)
    .execute();
}
