import type { Kysely } from 'kysely';
import type { Customer, DB } from '../../../platform/db/types.ts';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import { normalizePhone } from '../../../shared/phone.ts';
import { findOrCreateCustomerByNameAndPhone, type CustomerJson } from '../../customers/index.ts';
import type { PosCaller } from '../domain/pos-caller.ts';
import { checkPointsUse, visitTime } from '../domain/visits.ts';
import { posCouponRedeemer, type PosCoupon } from '../hooks.ts';
import * as customers from '../repository/customers.ts';
import { refreshCustomerFacts } from '../repository/facts.ts';
import * as visits from '../repository/visits.ts';
import type { CustomerVisit } from '../repository/visits.ts';
import { presentCustomerFor, presentVisit } from './present.ts';

type Db = Kysely<DB>;

export interface PosVisitInput {
  posVisitId: string;
  phone: string;
  name?: string | null;
  visitedAt?: string | null;
  amount?: number;
  pointsEarned?: number;
  pointsUsed?: number;
  couponCode?: string | null;
}

export interface PosVisitResult {
  /** false when this posVisitId was recorded before: the answer is the first visit, nothing changed. */
  created: boolean;
  visit: ReturnType<typeof presentVisit>;
  customer: CustomerJson;
  coupon: PosCoupon | null;
}

/** A concurrent request recorded this posVisitId first: roll this one back (a customer it created too) and answer that one. */
class PosVisitSeen extends Error {}

async function replay(db: Db, caller: PosCaller, visit: CustomerVisit, couponCode: string | null | undefined, now: Date): Promise<PosVisitResult> {
  const customer = (await customers.findCustomer(db, caller.businessId, visit.customer_id)) ?? notFound('CUSTOMER_NOT_FOUND');
  const coupon = couponCode ? await posCouponRedeemer().find(db, caller.businessId, couponCode) : null;
  return { created: false, visit: presentVisit(visit), customer: await presentCustomerFor(db, caller, customer, now), coupon };
}

/** The customer a POS means: the (name, phone) pair when a name is given (created if new), else the phone's most recent visitor. */
async function customerForVisit(trx: Db, businessId: string, phone: string, name: string | null): Promise<Customer> {
  if (name) return (await findOrCreateCustomerByNameAndPhone(trx, businessId, { name, phone })).customer;
  const [known] = await customers.findCustomersByPhone(trx, businessId, phone);
  if (!known) throw new AppError('CUSTOMER_NAME_REQUIRED');
  return known;
}

/**
 * POST /api/pos/visits (MSG-1). One transaction under the customer's row
 * lock: the visit, the customer's points and counts, its audience facts
 * (groups, last visit), the coupon. A `posVisitId` seen before answers the
 * first visit and changes nothing, also when the retries run at the same
 * time (the row lock orders them; the unique index is the last word).
 */
export async function recordPosVisit(db: Db, caller: PosCaller, input: PosVisitInput, now = new Date()): Promise<PosVisitResult> {
  const posVisitId = input.posVisitId.trim();
  const phone = normalizePhone(input.phone);
  if (!phone) throw new AppError('PHONE_INVALID');
  const visitedAt = visitTime(input.visitedAt ? new Date(input.visitedAt) : null, now);
  const pointsEarned = input.pointsEarned ?? 0;
  const pointsUsed = input.pointsUsed ?? 0;
  const name = input.name?.normalize('NFC').trim() || null;

  const seen = await visits.findVisitByPosId(db, caller.businessId, posVisitId);
  if (seen) return replay(db, caller, seen, input.couponCode, now);

  let outcome: { kind: 'created'; visit: CustomerVisit; customer: Customer; coupon: PosCoupon | null } | { kind: 'seen'; visit: CustomerVisit };
  try {
    outcome = await db.transaction().execute(async (trx) => {
      const found = await customerForVisit(trx, caller.businessId, phone, name);
      const customer = (await customers.lockCustomer(trx, caller.businessId, found.id)) ?? notFound('CUSTOMER_NOT_FOUND');
      const again = await visits.findVisitByPosId(trx, caller.businessId, posVisitId);
      if (again) return { kind: 'seen' as const, visit: again };
      checkPointsUse(customer.points_held, pointsUsed);
      const coupon = input.couponCode ? await posCouponRedeemer().redeem(trx, caller.businessId, input.couponCode, now) : null;
      const visit = await visits.insertPosVisit(trx, {
        businessId: caller.businessId,
        customerId: customer.id,
        visitedAt,
        posVisitId,
        amount: input.amount ?? 0,
        pointsEarned,
        pointsUsed,
      });
      // The same posVisitId for another phone (another customer's lock) can still race to the index.
      if (!visit) throw new PosVisitSeen();
      await refreshCustomerFacts(trx, caller.businessId, [customer.id]);
      const updated = await customers.applyVisitToCustomer(trx, caller.businessId, customer.id, { pointsEarned, pointsUsed });
      return { kind: 'created' as const, visit, customer: updated, coupon };
    });
  } catch (error) {
    if (!(error instanceof PosVisitSeen)) throw error;
    const first = await visits.findVisitByPosId(db, caller.businessId, posVisitId);
    if (!first) throw error;
    return replay(db, caller, first, input.couponCode, now);
  }
  if (outcome.kind === 'seen') return replay(db, caller, outcome.visit, input.couponCode, now);
  return {
    created: true,
    visit: presentVisit(outcome.visit),
    customer: await presentCustomerFor(db, caller, outcome.customer, now),
    coupon: outcome.coupon,
  };
}
