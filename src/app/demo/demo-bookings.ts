import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { cancelOwnBooking, createBooking, createInquiry, getAvailability } from '../../features/bookings/index.ts';
import { customersRepository } from '../../features/customers/index.ts';
import type { DemoCatalog } from './demo-catalog.ts';

/**
 * Bookings on the demo booking page (BOOK-7..11), made through the booking
 * service as customers would make them, so the partner center and the
 * calendar's 예약페이지 column have something to show: confirmed
 * consultations, laser consultations awaiting approval, a class for two, a
 * booking the customer cancelled, and an unanswered inquiry.
 */
export async function seedDemoBookings(db: Kysely<DB>, catalog: DemoCatalog, now: Date): Promise<number> {
  const customers = await customersRepository.listFirstCustomers(db, catalog.businessId, 6);
  const who = (i: number) => customers[i % customers.length] ?? { name: '홍길동', phone: '01012345678' };
  let made = 0;

  const slotsOf = async (productId: string) => {
    const availability = await getAvailability(db, productId, {}, { now });
    if (availability.kind !== 'time_slot') return [];
    // From tomorrow on, so the booking stays in the future whatever time the demo starts.
    return availability.days.slice(1).flatMap((day) => day.slots.filter((s) => s.status === 'bookable'));
  };

  const consultations = await slotsOf(catalog.consultationId);
  for (const [i, slotIndex] of [0, 3, 9].entries()) {
    const slot = consultations[slotIndex];
    if (!slot) continue;
    await createBooking(db, { productId: catalog.consultationId, lines: [{ startsAt: slot.startsAt, quantity: 1 }], customer: who(i), request: i === 0 ? '기미 상담 원합니다.' : undefined, consents: { privacy: true, marketing: i === 0 } }, now);
    made += 1;
  }
  const laser = await slotsOf(catalog.laserConsultationId);
  for (const [i, slotIndex] of [2, 6].entries()) {
    const slot = laser[slotIndex];
    if (!slot) continue;
    await createBooking(db, { productId: catalog.laserConsultationId, lines: [{ startsAt: slot.startsAt, quantity: 1 }], customer: who(3 + i), consents: { privacy: true } }, now);
    made += 1;
  }
  const sessions = await getAvailability(db, catalog.weekendClassId, {}, { now });
  const pair = sessions.kind === 'scheduled' ? sessions.bookingSchedules.find((b) => b.status === 'bookable' && b.priceName.includes('2인')) : undefined;
  if (pair) {
    await createBooking(db, { productId: catalog.weekendClassId, lines: [{ bookingScheduleId: pair.id, quantity: 1 }], customer: who(5), consents: { privacy: true } }, now);
    made += 1;
  }
  // Cancelled by the customer within the cancellation policy (24 hours ahead): a slot two days out, whatever the hour.
  const changedMind = consultations.find((slot, index) => index > 9 && Date.parse(slot.startsAt) - now.getTime() >= 48 * 3600_000);
  if (changedMind) {
    const booking = await createBooking(db, { productId: catalog.consultationId, lines: [{ startsAt: changedMind.startsAt, quantity: 1 }], customer: who(1), consents: { privacy: true } }, now);
    await cancelOwnBooking(db, booking.bookingNumber, who(1).phone, now);
    made += 1;
  }
  await createInquiry(db, { placeId: catalog.placeId, productId: catalog.laserConsultationId, name: '문의고객', phone: '010-2468-1357', body: '레이저 토닝 후 바로 화장해도 되나요? 주말 상담도 가능한지 궁금합니다.' });
  return made;
}
