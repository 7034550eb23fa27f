import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { customersRepository } from '../../features/customers/index.ts';
import { createGrade, createPosKey, createTag, recordCompletedScheduleVisits, recordPosVisit, type PosCaller } from '../../features/loyalty/index.ts';

const DAY = 86_400_000;

/**
 * MSG-1, MSG-2 demo data: the demo clinic's customers get visits and points
 * recorded through the loyalty service (as its POS would), so every group
 * has members: 12 단골 (3–5 accruals in the last 3 months), 10 예비 단골 (2
 * accruals long ago, or 2 of 3 inside the window), 12 첫 적립; grades VIP
 * and 일반, tags 피부관리 and 레이저, marketing consent on most. The demo's
 * completed schedules become visits as completing them in the calendar
 * would. A POS key named '데모 POS' exists (its key is not shown anywhere;
 * issue a new one in settings to try the POS API).
 */
export async function seedDemoLoyalty(db: Kysely<DB>, businessId: string, timeZone: string, now: Date): Promise<void> {
  const caller: PosCaller = { businessId, timeZone, canSeeFullPhone: true, via: 'key' };

  await createGrade(db, businessId, { name: 'VIP', sortOrder: 0 });
  await createGrade(db, businessId, { name: '일반', sortOrder: 1 });
  await createTag(db, businessId, { name: '피부관리' });
  await createTag(db, businessId, { name: '레이저' });
  await createPosKey(db, businessId, '데모 POS');

  const customers = await customersRepository.listFirstCustomers(db, businessId, 34);

  // Days ago of each accrual, per group; the amounts earn 5% in points.
  const plans: { daysAgo: number[]; grade: string; tags: string[] }[] = customers.map((_, i) => {
    if (i < 12) return { daysAgo: [80 - i, 45 - i, 12 + (i % 5), ...(i % 3 === 0 ? [3] : []), ...(i % 4 === 0 ? [1] : [])], grade: 'VIP', tags: i % 2 === 0 ? ['피부관리', '레이저'] : ['피부관리'] };
    if (i < 22) return { daysAgo: i % 2 === 0 ? [400 - i, 200 - i] : [120, 30 - (i % 7), 9], grade: '일반', tags: i % 3 === 0 ? ['레이저'] : [] };
    return { daysAgo: [(i * 11) % 170 + 1], grade: '일반', tags: i % 4 === 0 ? ['피부관리'] : [] };
  });

  for (const [i, customer] of customers.entries()) {
    const plan = plans[i]!;
    const days = [...plan.daysAgo].sort((a, b) => b - a);
    for (const [k, daysAgo] of days.entries()) {
      const amount = 30_000 + ((i * 7 + k * 13) % 10) * 10_000;
      // One 단골 in three spends points on the last visit.
      const spend = i < 12 && i % 3 === 1 && k === days.length - 1 ? 2_000 : 0;
      await recordPosVisit(
        db,
        caller,
        {
          posVisitId: `DEMO-${i}-${k}`,
          phone: customer.phone,
          name: customer.name,
          visitedAt: new Date(now.getTime() - daysAgo * DAY - ((i * 37 + k * 11) % 300) * 60_000).toISOString(),
          amount,
          pointsEarned: Math.round(amount * 0.05),
          pointsUsed: spend,
        },
        now,
      );
    }
    const consent = i % 7 !== 5;
    await customersRepository.setCustomerSegment(db, businessId, customer.id, { grade: plan.grade, tags: plan.tags, marketingConsent: consent, marketingConsentAt: consent ? now : null });
  }

  // The demo's completed schedules are visits, as completing one in the calendar records.
  await recordCompletedScheduleVisits(db, businessId, now);
}
