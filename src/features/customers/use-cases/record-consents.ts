import type { Kysely } from 'kysely';
import type { Customer, DB } from '../../../platform/db/types.ts';
import { CONSENT_WORDING_VERSION } from '../../../shared/labels/consents.ts';
import * as consents from '../repository/consents.ts';
import * as repo from '../repository.ts';

export type { NewConsentEvent } from '../repository/consents.ts';

/**
 * LAW-2: appends consent events inside the caller's transaction (the opt-out
 * link, a CSV import): the change and its record commit together.
 */
export async function recordConsentEvents(db: Kysely<DB>, businessId: string, events: readonly consents.NewConsentEvent[]): Promise<void> {
  await consents.insertConsentEvents(db, businessId, events);
}

/** What the customer agreed to on the booking page (LAW-1). */
export interface BookingConsents {
  privacy: boolean;
  marketing?: boolean | undefined;
}

/**
 * LAW-1, LAW-2: in the booking's transaction, the consents given with it:
 * 개인정보 수집·이용 (always, the booking required it) with the booking
 * number and the wording version, and 광고성 정보 수신 when it was ticked,
 * which then becomes the customer's consent. An unticked optional box
 * withdraws nothing: the customer did not ask for that.
 */
export async function recordBookingConsents(
  db: Kysely<DB>,
  businessId: string,
  customer: Pick<Customer, 'id' | 'marketing_consent'>,
  given: BookingConsents,
  booking: { number: string; at: Date },
): Promise<void> {
  const detail = `예약번호 ${booking.number} · 동의 문구 ${CONSENT_WORDING_VERSION}`;
  const events: consents.NewConsentEvent[] = [{ customerId: customer.id, kind: 'privacy', granted: true, source: 'booking_page', detail, at: booking.at }];
  if (given.marketing) {
    events.push({ customerId: customer.id, kind: 'marketing', granted: true, source: 'booking_page', detail, at: booking.at });
    if (!customer.marketing_consent) await repo.updateCustomer(db, businessId, customer.id, { marketingConsent: true });
  }
  await consents.insertConsentEvents(db, businessId, events);
}
