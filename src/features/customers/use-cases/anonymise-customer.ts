import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as consents from '../repository/consents.ts';
import * as privacy from '../repository/privacy.ts';
import * as repo from '../repository.ts';
import { presentOneCustomer } from './present.ts';

const ERASURE_REASON = '개인정보 삭제(익명화)';

/**
 * LAW-4 (개인정보 보호법 제36조 삭제): the customer's data is erased on
 * request, in one transaction, under the customer's row lock:
 *
 * - cleared: the name (삭제된 고객), the phone (a placeholder that is no
 *   number, so nothing can be sent and no booking finds the customer again),
 *   memo, grade, tags and consents; the bookings' name, phone and request;
 *   the memos on the customer's schedules and the name in their history and
 *   alerts; the name and phone on coupon messages and notices received (the
 *   unsent ones are not sent); inquiries left under the same name and phone.
 * - kept: payment records (order id, amounts, payment and refund dates, the
 *   booking number, and the payer's name and phone as they paid), which
 *   전자상거래법 제6조 and its decree keep for 5 years (대금결제 및 재화
 *   공급에 관한 기록); 개인정보 보호법 제21조 lets what another law keeps be
 *   kept, apart (the payments table, shown on no customer screen). Also the
 *   loyalty counts and visits, the coupons' codes and use, the consent
 *   history with this withdrawal, the opt-out list's number (so advertising
 *   never reaches it again) and the erasure record itself (who, when, why).
 *
 * A customer with schedules or bookings still to come is refused: cancel or
 * finish them first, so no reminder or confirmation is left without a
 * person. A second request is refused (CUSTOMER_ALREADY_ANONYMISED).
 */
export async function anonymiseCustomer(db: Kysely<DB>, actor: Actor, customerId: string, reason: string, now = new Date()) {
  const businessId = actor.businessId;
  await db.transaction().execute(async (trx) => {
    const [customer] = await repo.lockCustomers(trx, businessId, [customerId]);
    if (!customer) notFound('CUSTOMER_NOT_FOUND');
    if (customer.anonymised_at) throw new AppError('CUSTOMER_ALREADY_ANONYMISED');
    if ((await privacy.countUpcomingOfCustomer(trx, businessId, customerId, now)) > 0) throw new AppError('CUSTOMER_HAS_UPCOMING_SCHEDULES');

    const person = { name: customer.name, phone: customer.phone };
    const withdrawals: consents.NewConsentEvent[] = [{ customerId, kind: 'privacy', granted: false, source: 'anonymised', actorUserId: actor.userId, detail: ERASURE_REASON, at: now }];
    if (customer.marketing_consent) withdrawals.push({ customerId, kind: 'marketing', granted: false, source: 'anonymised', actorUserId: actor.userId, detail: ERASURE_REASON, at: now });
    await consents.insertConsentEvents(trx, businessId, withdrawals);

    const cleared = {
      bookings: await privacy.anonymiseBookings(trx, businessId, customerId),
      scheduleMemos: await privacy.deleteScheduleMemosOfCustomer(trx, businessId, customerId),
      messages: await privacy.anonymiseMessageRecipients(trx, businessId, customerId, ERASURE_REASON),
      notices: await privacy.anonymiseNotices(trx, businessId, customerId, ERASURE_REASON),
      inquiries: await privacy.anonymiseInquiries(trx, businessId, person),
    };
    await privacy.scrubNameFromScheduleTrail(trx, businessId, customerId, person.name);
    await privacy.anonymiseCustomerRow(trx, businessId, customerId, now);
    await privacy.insertErasure(trx, businessId, { customerId, requestedBy: actor.userId, reason: reason.trim(), cleared, at: now });
  });
  const row = (await repo.findCustomer(db, businessId, customerId)) ?? notFound('CUSTOMER_NOT_FOUND');
  return presentOneCustomer(db, actor, row);
}
