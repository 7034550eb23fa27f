import crypto from 'node:crypto';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { AppError } from '../../platform/errors/registry.ts';
import type { RecipientStatus } from '../../platform/db/types.ts';
import { applyProviderReport } from '../messaging/use-cases/apply-reports.ts';
import { applyDeliveryReport } from '../messaging/repository/sending.ts';
import { candidatesQuery } from '../messaging/repository/audience.ts';
import { exclusionReason } from '../messaging/domain/exclusion.ts';
import { groupMembersAt } from '../messaging/use-cases/group-members.ts';
import { prepareImport } from './domain/import-file.ts';
import { CUSTOMER_GROUPS, accrualFactsOf, groupsFromFacts, groupsOf, regularWindowStart } from './domain/groups.ts';
import type { PosCaller } from './domain/pos-caller.ts';
import { repairAudienceFactsCommand } from './repair-cli.ts';
import { countStaleFacts, factsFromHistory, refreshCustomerFacts, storedFacts } from './repository/facts.ts';
import { countGroups, groupMemberQuery } from './repository/groups.ts';
import { groupsOfCustomers } from './use-cases/groups-of-customers.ts';
import { recordPosVisit } from './use-cases/record-pos-visit.ts';
import { recordScheduleVisit } from './use-cases/record-schedule-visit.ts';
import { reverseScheduleVisit } from './use-cases/reverse-schedule-visit.ts';
import { runImport } from './use-cases/run-import.ts';

// Issue 14: the audience facts on the customer row (migration 0020) always
// equal the facts recomputed from the history, through random accruals, uses,
// schedule visits and their reversal, imports, merges, anonymisations and
// message reports; and the groups and send settings answered from them are
// the pure rules' answers at any instant, a past one included.

const DAY = 86_400_000;
const ZONES = ['Asia/Seoul', 'UTC', 'America/New_York'];
const NAMES = ['김하나', '이둘', '박셋'];
const PHONES = ['01077770001', '01077770002', '0277770003'];

type Op =
  | { kind: 'accrual'; name: number; phone: number; offset: number; points: number }
  | { kind: 'use'; name: number; phone: number; offset: number; used: number }
  | { kind: 'schedule'; who: number; offset: number }
  | { kind: 'reverse'; which: number }
  | { kind: 'import'; rows: { name: number; phone: number; visits: number }[] }
  | { kind: 'merge'; phone: number }
  | { kind: 'anonymise'; who: number }
  | { kind: 'message'; who: number; statuses: RecipientStatus[] }
  | { kind: 'advance'; ms: number };

/** An offset back from the clock: now, just before, the same instant again, or anywhere in the last 200 days. */
const offset = fc.oneof(fc.constantFrom(0, 0, 1, 1000, 91 * DAY, 92 * DAY), fc.integer({ min: 0, max: 200 * DAY }));
const who = fc.nat({ max: 20 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('accrual' as const), name: fc.nat({ max: 2 }), phone: fc.nat({ max: 2 }), offset, points: fc.integer({ min: 1, max: 50 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('use' as const), name: fc.nat({ max: 2 }), phone: fc.nat({ max: 2 }), offset, used: fc.integer({ min: 0, max: 60 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('schedule' as const), who, offset }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reverse' as const), which: fc.nat({ max: 20 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('import' as const),
      rows: fc.uniqueArray(fc.record({ name: fc.nat({ max: 2 }), phone: fc.nat({ max: 2 }), visits: fc.nat({ max: 9 }) }), { minLength: 1, maxLength: 3, selector: (r) => `${r.name}/${r.phone}` }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('merge' as const), phone: fc.nat({ max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('anonymise' as const), who }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('message' as const), who, statuses: fc.array(fc.constantFrom<RecipientStatus>('accepted', 'sent', 'delivered', 'failed'), { maxLength: 3 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.oneof(fc.constantFrom(1, 1000), fc.integer({ min: 0, max: 40 * DAY })) }) },
);

const scenario = fc.record({
  zone: fc.constantFrom(...ZONES),
  ops: fc.array(op, { minLength: 1, maxLength: 14 }),
  /** Instants to ask the groups about, back from the clock (a past "now" sees accruals after it). */
  asks: fc.array(fc.oneof(fc.constantFrom(0, 1, -1), fc.integer({ min: 0, max: 150 * DAY })), { minLength: 1, maxLength: 3 }),
});

describe.each(engines)('audience facts on %s (issue 14)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let run = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup({ businessName: '사실 검사' });
  });
  afterAll(async () => t?.close());

  const businessId = () => admin.businessId;

  async function customers() {
    return t.database.db.selectFrom('customers').selectAll().where('business_id', '=', businessId()).orderBy('id').execute();
  }

  /** The facts stored equal the history's, for every customer of the business. */
  async function expectFactsMatchHistory(context: string) {
    const db = t.database.db;
    expect(await storedFacts(db, businessId()), context).toEqual(await factsFromHistory(db, businessId()));
  }

  /** Groups at `now` from SQL (member queries, counts, the customer JSON) against `groupsOf` over the visits. */
  async function expectGroupsAt(now: Date, zone: string) {
    const db = t.database.db;
    const visits = await db.selectFrom('customer_visits').select(['customer_id', 'visited_at', 'points_earned']).where('business_id', '=', businessId()).execute();
    const rows = await customers();
    const expected = new Map(rows.map((c) => [c.id, groupsOf(visits.filter((v) => v.customer_id === c.id && v.points_earned > 0).map((v) => v.visited_at), now, zone)]));
    for (const group of CUSTOMER_GROUPS) {
      const want = [...expected].filter(([, g]) => g.includes(group)).map(([id]) => id).sort();
      const members = (await groupMemberQuery(db, businessId(), group, now, zone).execute()).map((r) => r.id).sort();
      expect(members, `${group} at ${now.toISOString()} ${zone}`).toEqual(want);
      expect((await countGroups(db, businessId(), now, zone))[group]).toBe(want.length);
    }
    const perCustomer = await groupsOfCustomers(db, businessId(), rows, now, zone);
    for (const [id, groups] of expected) expect(perCustomer.get(id), id).toEqual(groups);
  }

  /** 발송 대상 제한 and 중복 발송 방지 from the facts against the history, for a window up to now and one in the past. */
  async function expectSendSettings(clock: Date, zone: string) {
    const db = t.database.db;
    const rows = await customers();
    const visits = await db.selectFrom('customer_visits').select(['customer_id', 'visited_at']).where('business_id', '=', businessId()).execute();
    const received = await db.selectFrom('message_recipients').select(['customer_id', 'status', 'status_at']).where('business_id', '=', businessId()).execute();
    const optOuts = new Set((await db.selectFrom('marketing_opt_outs').select('phone').where('business_id', '=', businessId()).execute()).map((o) => o.phone));
    const realNow = Date.now();
    const windowsList = [
      { visitedWithin: { from: new Date(clock.getTime() - 30 * DAY), to: clock }, receivedWithin: { from: new Date(realNow - 7 * DAY), to: new Date(realNow + 60_000) } },
      // Ranges ending in the past: the last visit or message may be after them.
      { visitedWithin: { from: new Date(clock.getTime() - 120 * DAY), to: new Date(clock.getTime() - 20 * DAY) }, receivedWithin: { from: new Date(realNow - DAY), to: new Date(realNow - 1) } },
    ];
    for (const windows of windowsList) {
      const got = await candidatesQuery(db, businessId(), { kind: 'filter' }, windows, groupMembersAt(clock, zone)).execute();
      for (const c of rows) {
        const inRange = (at: Date, r: { from: Date; to: Date }) => at >= r.from && at < r.to;
        const want = exclusionReason({
          phoneValid: /^01[016789][0-9]{7,8}$/.test(c.phone),
          optedOut: c.marketing_opted_out_at !== null || optOuts.has(c.phone),
          marketingConsent: c.marketing_consent,
          visitedInPeriod: visits.some((v) => v.customer_id === c.id && inRange(v.visited_at, windows.visitedWithin)),
          receivedInPeriod: received.some((r) => r.customer_id === c.id && ['accepted', 'sent', 'delivered'].includes(r.status) && inRange(r.status_at, windows.receivedWithin)),
        });
        expect(got.find((g) => g.id === c.id)?.reason, c.name).toBe(want);
      }
    }
  }

  async function apply(o: Op, clock: { now: Date }, zone: string) {
    const db = t.database.db;
    const caller: PosCaller = { businessId: businessId(), timeZone: zone, canSeeFullPhone: true, via: 'key' };
    const existing = await customers();
    const pick = (i: number) => (existing.length === 0 ? undefined : existing[i % existing.length]!);
    const at = (back: number) => new Date(clock.now.getTime() - back);
    switch (o.kind) {
      case 'accrual':
      case 'use':
        try {
          const points = o.kind === 'accrual' ? { pointsEarned: o.points } : { pointsUsed: o.used };
          await recordPosVisit(db, caller, { posVisitId: `F${run}-${crypto.randomUUID()}`, phone: PHONES[o.phone]!, name: NAMES[o.name]!, visitedAt: at(o.offset).toISOString(), ...points }, clock.now);
        } catch (error) {
          // Spending more than held (or a customer anonymised meanwhile: its placeholder phone) is refused and writes nothing.
          if (!(error instanceof AppError)) throw error;
        }
        return;
      case 'schedule': {
        const c = pick(o.who);
        if (!c) return;
        const startsAt = at(o.offset);
        const schedule = await db
          .insertInto('schedules')
          .values({ business_id: businessId(), customer_id: c.id, staff_id: admin.staffId!, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 3_600_000), status: 'completed', source: 'manual' })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db.transaction().execute((trx) => recordScheduleVisit(trx, businessId(), { id: schedule.id, customerId: c.id, startsAt }, clock.now));
        return;
      }
      case 'reverse': {
        const visits = await db.selectFrom('customer_visits').select('schedule_id').where('business_id', '=', businessId()).where('schedule_id', 'is not', null).orderBy('id').execute();
        if (visits.length === 0) return;
        const scheduleId = visits[o.which % visits.length]!.schedule_id!;
        await db.transaction().execute((trx) => reverseScheduleVisit(trx, businessId(), scheduleId));
        return;
      }
      case 'import': {
        const csv = `이름,전화번호,방문수\n${o.rows.map((r) => `${NAMES[r.name]},${PHONES[r.phone]},${r.visits}`).join('\n')}\n`;
        const progress = await runImport(db, businessId(), prepareImport(new TextEncoder().encode(csv)));
        expect(progress.status).toBe('done');
        return;
      }
      case 'merge': {
        const same = existing.filter((c) => c.phone === PHONES[o.phone] && !c.anonymised_at);
        if (same.length < 2) return;
        const res = await t.call(admin, 'POST', `/api/customers/${same[0]!.id}/merge`, { sourceCustomerId: same[1]!.id });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return;
      }
      case 'anonymise': {
        const c = pick(o.who);
        if (!c || c.anonymised_at) return;
        const res = await t.call(admin, 'POST', `/api/customers/${c.id}/anonymise`, { reason: '고객 요청' });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return;
      }
      case 'message': {
        const c = pick(o.who);
        if (!c) return;
        const message = await db
          .insertInto('messages')
          .values({ business_id: businessId(), channel: 'sms', template_key: 'x', title: 't', body: 'b', coupon: '{}', coupon_validity: '7d', audience: '{}', settings: '{}', status: 'sending', send_at: clock.now })
          .returning('id')
          .executeTakeFirstOrThrow();
        const providerId = `M${crypto.randomUUID()}`;
        await db
          .insertInto('message_recipients')
          .values({
            business_id: businessId(),
            message_id: message.id,
            customer_id: c.id,
            name: c.name,
            phone: c.phone,
            batch_no: 0,
            provider_message_id: providerId,
            coupon_code: `C${crypto.randomBytes(6).toString('hex')}`,
            coupon_expires_at: clock.now,
            opt_out_token: crypto.randomBytes(12).toString('hex'),
          })
          .execute();
        for (const status of o.statuses) await applyProviderReport(db, businessId(), { messageId: providerId, recipientId: null, status, statusCode: status === 'failed' ? '3059' : '4000', statusMessage: status });
        return;
      }
      case 'advance':
        clock.now = new Date(clock.now.getTime() + o.ms);
        return;
    }
  }

  it('property: after every step the stored facts are the history\'s, and groups and send settings from them are the pure rules\'', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        run += 1;
        // A business of its own per run: nothing of an earlier run (erasures, consents) is in the way.
        admin = await t.signup({ businessName: `사실 검사 ${run}` });
        const clock = { now: new Date(Date.now() - 60 * DAY) };
        for (const [i, o] of s.ops.entries()) {
          await apply(o, clock, s.zone);
          await expectFactsMatchHistory(`after step ${i} (${o.kind})`);
        }
        for (const back of s.asks) await expectGroupsAt(new Date(clock.now.getTime() - back), s.zone);
        // The window's first instant, for the latest accrual: exactly at the start, and a millisecond after the window moved past it.
        const latest = (await customers()).map((c) => c.third_recent_accrual_at).find((d) => d !== null);
        if (latest) {
          const edge = DateTime.fromJSDate(latest, { zone: s.zone }).plus({ months: 3 }).toJSDate();
          if (regularWindowStart(edge, s.zone).getTime() === latest.getTime()) {
            await expectGroupsAt(edge, s.zone);
            await expectGroupsAt(new Date(edge.getTime() + 1), s.zone);
          }
        }
        await expectSendSettings(clock.now, s.zone);
      }),
      { numRuns: engine === 'postgres' ? 15 : 30 },
    );
  }, 240_000);

  it('pure: the facts answer as groupsOf whenever no accrual is after now, and say so otherwise', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 * DAY }), { maxLength: 7 }),
        fc.integer({ min: -30 * DAY, max: 200 * DAY }),
        fc.constantFrom(...ZONES),
        (backs, askBack, zone) => {
          const base = Date.UTC(2026, 4, 31, 3);
          const instants = backs.map((b) => new Date(base - b));
          const now = new Date(base - askBack);
          const answer = groupsFromFacts(accrualFactsOf(instants), now, zone);
          if (instants.some((d) => d > now)) expect(answer).toBeNull();
          else expect(answer).toEqual(groupsOf(instants, now, zone));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('repair: npm run repair:audience-facts recomputes facts written behind the history\'s back, and says how many', async () => {
    const db = t.database.db;
    admin = await t.signup({ businessName: '사실 수리' });
    const caller: PosCaller = { businessId: businessId(), timeZone: 'Asia/Seoul', canSeeFullPhone: true, via: 'key' };
    const now = new Date();
    for (const k of [1, 2, 3]) await recordPosVisit(db, caller, { posVisitId: `R-${crypto.randomUUID()}`, phone: '01066660001', name: '수리손님', visitedAt: new Date(now.getTime() - k * DAY).toISOString(), pointsEarned: 10 }, now);
    const [customer] = await db.selectFrom('customers').select(['id']).where('business_id', '=', businessId()).where('phone', '=', '01066660001').execute();
    expect((await groupMemberQuery(db, businessId(), 'regular', now, 'Asia/Seoul').execute()).map((r) => r.id)).toContain(customer!.id);
    // A bulk load by SQL (as a restore of an old dump would leave it): facts no longer match.
    await db.updateTable('customers').set({ accrual_count: 0, third_recent_accrual_at: null, last_accrual_at: null, last_visit_at: null }).where('business_id', '=', businessId()).where('id', '=', customer!.id).execute();
    expect(await countStaleFacts(db, businessId())).toBe(1);
    const out: string[] = [];
    const err: string[] = [];
    const sink = (into: string[]) => ({ write: (s: string) => into.push(s) }) as unknown as NodeJS.WritableStream;
    expect(await repairAudienceFactsCommand(db, ['--business', businessId()], { stdout: sink(out), stderr: sink(err) })).toBe(0);
    expect(out.join('')).toMatch(/바로잡은 고객 1명/);
    expect(await countStaleFacts(db, businessId())).toBe(0);
    expect((await groupMemberQuery(db, businessId(), 'regular', now, 'Asia/Seoul').execute()).map((r) => r.id)).toContain(customer!.id);
    expect(await repairAudienceFactsCommand(db, [], { stdout: sink(out), stderr: sink(err) })).toBe(2);
    expect(await repairAudienceFactsCommand(db, ['--business', '00000000-0000-0000-0000-000000000000'], { stdout: sink(out), stderr: sink(err) })).toBe(2);
    expect(err.join('')).toMatch(/업체 ID를 지정해 주세요[\s\S]*업체를 찾을 수 없습니다/);
  });
});

describe.each(engines.filter((e) => e === 'postgres'))('audience fact races on %s (issue 14)', (engine) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup({ businessName: '경쟁 검사' });
  });
  afterAll(async () => t?.close());

  it('two reports for one customer in overlapping transactions leave its last message right', async () => {
    const db = t.database.db;
    const customer = await db.insertInto('customers').values({ business_id: admin.businessId, name: '경쟁손님', phone: '01088880001' }).returning('id').executeTakeFirstOrThrow();
    const providerIds: string[] = [];
    for (let k = 0; k < 2; k++) {
      const message = await db
        .insertInto('messages')
        .values({ business_id: admin.businessId, channel: 'sms', template_key: 'x', title: 't', body: 'b', coupon: '{}', coupon_validity: '7d', audience: '{}', settings: '{}', status: 'sending', send_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      providerIds.push(`RACE${crypto.randomUUID()}`);
      await db
        .insertInto('message_recipients')
        .values({
          business_id: admin.businessId,
          message_id: message.id,
          customer_id: customer.id,
          name: '경쟁손님',
          phone: '01088880001',
          batch_no: 0,
          status: 'accepted',
          provider_message_id: providerIds[k]!,
          coupon_code: `C${crypto.randomBytes(6).toString('hex')}`,
          coupon_expires_at: new Date(),
          opt_out_token: crypto.randomBytes(12).toString('hex'),
          status_at: new Date(Date.now() - (5 + k) * DAY),
        })
        .execute();
    }
    await db.transaction().execute((trx) => refreshCustomerFacts(trx, admin.businessId, [customer.id]));
    // The order that goes wrong without the row lock: the first report recomputes and is still open when the
    // second, which does not see it yet, recomputes; the first commits, and the second would write what it saw.
    let firstRefreshed!: () => void;
    const firstHasRefreshed = new Promise<void>((resolve) => (firstRefreshed = resolve));
    let secondWrote!: () => void;
    const secondHasWritten = new Promise<void>((resolve) => (secondWrote = resolve));
    const report = (k: number, status: RecipientStatus) => ({ messageId: providerIds[k]!, recipientId: null, status, statusCode: '4000', statusMessage: status });
    const first = db.transaction().execute(async (trx) => {
      await applyDeliveryReport(trx, admin.businessId, report(0, 'delivered'));
      await refreshCustomerFacts(trx, admin.businessId, [customer.id]);
      firstRefreshed();
      await secondHasWritten;
      await new Promise((resolve) => setTimeout(resolve, 300)); // the second is now waiting in its refresh
    });
    await firstHasRefreshed;
    const second = db.transaction().execute(async (trx) => {
      await applyDeliveryReport(trx, admin.businessId, report(1, 'failed'));
      secondWrote();
      await refreshCustomerFacts(trx, admin.businessId, [customer.id]);
    });
    await Promise.all([first, second]);
    const [facts] = await storedFacts(db, admin.businessId, [customer.id]);
    expect(facts).toEqual((await factsFromHistory(db, admin.businessId, [customer.id]))[0]);
    // Delivered just now: the last message is today's, not the one of 5 days ago.
    expect(facts!.last_message_at!.getTime()).toBeGreaterThan(Date.now() - DAY);
  });

  it('two POS accruals of one customer at once leave its accrual facts right', async () => {
    const db = t.database.db;
    const caller: PosCaller = { businessId: admin.businessId, timeZone: 'Asia/Seoul', canSeeFullPhone: true, via: 'key' };
    await recordPosVisit(db, caller, { posVisitId: `SEED-${crypto.randomUUID()}`, phone: '01088880002', name: '동시적립', pointsEarned: 10 });
    for (let round = 0; round < 10; round++) {
      const now = new Date();
      await Promise.all(
        [1, 2].map((k) => recordPosVisit(db, caller, { posVisitId: `RACE-${crypto.randomUUID()}`, phone: '01088880002', name: '동시적립', visitedAt: new Date(now.getTime() - k * 1000).toISOString(), pointsEarned: 10 }, now)),
      );
    }
    const [row] = await storedFacts(db, admin.businessId, (await db.selectFrom('customers').select('id').where('business_id', '=', admin.businessId).where('phone', '=', '01088880002').execute()).map((r) => r.id));
    expect(row!.accrual_count).toBe(21);
    expect(await countStaleFacts(db, admin.businessId)).toBe(0);
  });
});
