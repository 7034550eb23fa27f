import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { sql } from 'kysely';
import { NOTICE_SEND_QUEUE } from './queues.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { startLocalProvider, type LocalProvider } from '../../../tools/solapi-local/index.ts';
import { insertPlace, insertTimeSlotProduct, seoulDate, seoulInstant } from '../bookings/test-fixtures.ts';
import { applyProviderReport } from './use-cases/apply-reports.ts';
import { sendNotice, sweepNotices } from './use-cases/notices.ts';
import { writeConsentNotices } from './use-cases/consent-notices.ts';
import { upsertProviderSettings } from './use-cases/provider-settings.ts';
import * as repo from './repository/notices.ts';
import { bookingEvent, connectNaver, postEvent } from '../naver/test-helpers.ts';

/**
 * NOTI-1 … NOTI-4 end to end on the product's outbox and the local Solapi
 * server: the server runs in UTC (TZ=UTC), the business in Asia/Seoul.
 */
describe.each(engines)('customer notices on %s (NOTI-1 … NOTI-4)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let provider: LocalProvider;
  let placeId: string;
  let phoneSeq = 0;
  let businessName = '';

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup({ serviceType: 'clinic' });
    provider = await startLocalProvider({ port: 0, apiKey: 'TESTKEY', apiSecret: 'TESTSECRET', deliveryDelayMs: 20 });
    await upsertProviderSettings(t.database.db, { businessId: admin.businessId, apiUrl: provider.url, apiKey: 'TESTKEY', apiSecret: 'TESTSECRET', senderPhone: '0212345678', optOutPhone: '0808001234', kakaoPfId: null });
    placeId = (await insertPlace(t.database.db, admin.businessId)).id;
    businessName = (await t.database.db.selectFrom('businesses').select('name').where('id', '=', admin.businessId).executeTakeFirstOrThrow()).name;
  });
  afterAll(async () => {
    await provider?.close();
    await t?.close();
  });

  const db = () => t.database.db;
  const newPhone = () => `0109${String(++phoneSeq).padStart(7, '0')}`;
  const book = async (productId: string, startsAt: Date, phone: string) => {
    const res = await t.call(null, 'POST', '/api/public/bookings', { productId, lines: [{ startsAt: startsAt.toISOString(), quantity: 1 }], customer: { name: '김손님', phone }, consents: { privacy: true } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const row = await db().selectFrom('bookings').select(['id', 'schedule_id']).where('business_id', '=', admin.businessId).where('booking_number', '=', res.body.bookingNumber).executeTakeFirstOrThrow();
    return { id: row.id, scheduleId: row.schedule_id, bookingNumber: res.body.bookingNumber as string };
  };
  const noticesTo = (phone: string) => db().selectFrom('customer_notices').selectAll().where('business_id', '=', admin.businessId).where('phone', '=', phone).orderBy('created_at').orderBy('send_at').execute();
  const sentTo = (phone: string) => provider.messages().filter((m) => m.to === phone);
  const seoul = (at: Date | null) => (at ? DateTime.fromJSDate(at, { zone: 'Asia/Seoul' }).toFormat('yyyy-MM-dd HH:mm') : null);

  it('a booking-page booking: the confirmation at once, the reminder the day before at 10:00 Seoul time, each sent once', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId);
    const phone = newPhone();
    const startsAt = seoulInstant(seoulDate(3), '14:30');
    const booking = await book(product.id, startsAt, phone);

    const written = await noticesTo(phone);
    expect(written.map((n) => [n.event, n.status])).toEqual([['booking_confirmed', 'pending'], ['reminder', 'pending']]);
    expect(written[0]!.booking_id).toBe(booking.id);
    expect(seoul(written[1]!.send_at)).toBe(`${seoulDate(2)} 10:00`);

    await sweepNotices(db(), new Date());
    await sweepNotices(db(), new Date()); // a second sweep finds nothing more to send
    expect(sentTo(phone)).toHaveLength(1);
    expect(['SMS', 'LMS']).toContain(sentTo(phone)[0]!.type);
    const confirmation = sentTo(phone)[0]!;
    expect(confirmation.text).toContain('김손님');
    expect(confirmation.text).toContain('확정');
    expect(confirmation.text).not.toContain('(광고)');

    const reminderAt = written[1]!.send_at;
    await sweepNotices(db(), new Date(reminderAt.getTime() - 60_000));
    expect(sentTo(phone)).toHaveLength(1);
    await sweepNotices(db(), reminderAt);
    await sweepNotices(db(), new Date(reminderAt.getTime() + 3600_000));
    expect(sentTo(phone)).toHaveLength(2);
    expect(sentTo(phone)[1]!.text).toContain('방문 예정 안내');
    expect(sentTo(phone)[1]!.text).toContain('14:30');
    expect((await noticesTo(phone)).map((n) => n.status)).toEqual(['accepted', 'accepted']);
  });

  it('an approval product: received, then confirmed with its reminder; a cancelled booking gets its cancellation and never its reminder; a rejected one its rejection', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId, { confirmation: 'approval' });
    const phone = newPhone();
    const startsAt = seoulInstant(seoulDate(4), '11:00');
    const booking = await book(product.id, startsAt, phone);
    expect((await noticesTo(phone)).map((n) => n.event)).toEqual(['booking_received']);

    expect((await t.call(admin, 'POST', `/api/bookings/${booking.id}/confirm`, {})).status).toBe(200);
    expect((await noticesTo(phone)).map((n) => [n.event, n.status])).toEqual([['booking_received', 'pending'], ['booking_confirmed', 'pending'], ['reminder', 'pending']]);
    expect((await t.call(admin, 'POST', `/api/bookings/${booking.id}/cancel`, { reason: '원장님 학회 일정' })).status).toBe(200);
    const after = await noticesTo(phone);
    expect(after.map((n) => [n.event, n.status])).toEqual([['booking_received', 'pending'], ['booking_confirmed', 'pending'], ['reminder', 'cancelled'], ['booking_cancelled', 'pending']]);
    expect(after[3]!.variables).toMatchObject({ 사유: '원장님 학회 일정' });

    // Far past the reminder's time: every pending notice goes, the cancelled reminder never.
    await sweepNotices(db(), new Date(startsAt.getTime() + 86_400_000));
    expect(sentTo(phone)).toHaveLength(3);
    expect(sentTo(phone).map((m) => m.text.split('\n')[0])).toEqual(['[${NAME}] 예약 접수 안내', '[${NAME}] 예약 확정 안내', '[${NAME}] 예약 취소 안내'].map((x) => x.replace('${NAME}', businessName)));

    const other = newPhone();
    const second = await book(product.id, seoulInstant(seoulDate(4), '12:00'), other);
    expect((await t.call(admin, 'POST', `/api/bookings/${second.id}/reject`, { reason: '해당 시간 마감' })).status).toBe(200);
    expect((await noticesTo(other)).map((n) => n.event)).toEqual(['booking_received', 'booking_rejected']);
  });

  it('the shop turns an event off: nothing is written for it; manual schedules get notices only once turned on', async () => {
    const customer = await db().insertInto('customers').values({ business_id: admin.businessId, name: '전화손님', phone: newPhone() }).returning(['id', 'phone']).executeTakeFirstOrThrow();
    const startsAt = seoulInstant(seoulDate(5), '15:00');
    const create = (at: Date) => t.call(admin, 'POST', '/api/schedules', { customerId: customer.id, staffId: admin.staffId, startsAt: at.toISOString(), endsAt: new Date(at.getTime() + 1800_000).toISOString() });
    const off = await create(startsAt);
    expect(off.status).toBe(201);
    expect(await noticesTo(customer.phone!)).toEqual([]);

    await repo.writeNoticeSettings(db(), admin.businessId, { disabled_events: ['booking_confirmed'], reminder_mode: 'days_before', reminder_days: 1, reminder_time: '10:00', reminder_hours: 2, manual_schedules: true });
    const on = await create(new Date(startsAt.getTime() + 7200_000));
    expect(on.status).toBe(201);
    expect((await noticesTo(customer.phone!)).map((n) => n.event)).toEqual(['reminder']);
    await repo.writeNoticeSettings(db(), admin.businessId, { disabled_events: [], reminder_mode: 'days_before', reminder_days: 1, reminder_time: '10:00', reminder_hours: 2, manual_schedules: false });
  });

  it('a manual schedule moved after its reminder was planned is reminded once, at the new time; moved back, the first plan is used again', async () => {
    await repo.writeNoticeSettings(db(), admin.businessId, { disabled_events: [], reminder_mode: 'days_before', reminder_days: 1, reminder_time: '10:00', reminder_hours: 2, manual_schedules: true });
    const phone = newPhone();
    const customer = await db().insertInto('customers').values({ business_id: admin.businessId, name: '이동손님', phone }).returning(['id']).executeTakeFirstOrThrow();
    const startsAt = seoulInstant(seoulDate(6), '10:00');
    const created = await t.call(admin, 'POST', '/api/schedules', { customerId: customer.id, staffId: admin.staffId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 1800_000).toISOString() });
    expect(created.status).toBe(201);
    const moved = seoulInstant(seoulDate(9), '16:00');
    const patch = await t.call(admin, 'PATCH', `/api/schedules/${created.body.id}`, { startsAt: moved.toISOString(), endsAt: new Date(moved.getTime() + 1800_000).toISOString(), version: created.body.version });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);

    const reminders = (await noticesTo(phone)).filter((n) => n.event === 'reminder');
    expect(reminders.map((r) => [r.status, seoul(r.send_at)])).toEqual([
      ['cancelled', `${seoulDate(5)} 10:00`],
      ['pending', `${seoulDate(8)} 10:00`],
    ]);
    await sweepNotices(db(), new Date(moved.getTime()));
    const texts = sentTo(phone).map((m) => m.text).filter((x) => x.includes('방문 예정 안내'));
    expect(texts.filter((x) => x.includes('16:00'))).toHaveLength(1);
    expect(texts.filter((x) => x.includes('10:00') && !x.includes('16:00'))).toHaveLength(0);
    await repo.writeNoticeSettings(db(), admin.businessId, { disabled_events: [], reminder_mode: 'days_before', reminder_days: 1, reminder_time: '10:00', reminder_hours: 2, manual_schedules: false });
  });

  it('a reminder whose time falls in the night goes before 21:00 the evening before, never between 21:00 and 08:00', async () => {
    await repo.writeNoticeSettings(db(), admin.businessId, { disabled_events: [], reminder_mode: 'hours_before', reminder_days: 1, reminder_time: '10:00', reminder_hours: 3, manual_schedules: false });
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId);
    const phone = newPhone();
    await book(product.id, seoulInstant(seoulDate(3), '09:00'), phone); // 3 hours before: 06:00
    const reminder = (await noticesTo(phone)).find((n) => n.event === 'reminder')!;
    const local = DateTime.fromJSDate(reminder.send_at, { zone: 'Asia/Seoul' });
    expect(local.hour >= 8 && local.hour < 21).toBe(true);
    expect(reminder.send_at.getTime()).toBeLessThan(seoulInstant(seoulDate(3), '09:00').getTime());
    await repo.writeNoticeSettings(db(), admin.businessId, { disabled_events: [], reminder_mode: 'days_before', reminder_days: 1, reminder_time: '10:00', reminder_hours: 2, manual_schedules: false });
  });

  it('a crash mid-send (the message was added, the answer lost) sends the notice exactly once', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId);
    const phone = newPhone();
    await book(product.id, seoulInstant(seoulDate(3), '16:00'), phone);
    const confirmation = (await noticesTo(phone))[0]!;
    provider.failNext(1, 'after'); // createGroup goes through, its answer is lost
    expect(await sendNotice(db(), { businessId: admin.businessId, noticeId: confirmation.id })).toBe('retry');
    provider.failNext(2, 'after'); // the next run: the add and its listing lost
    const later = new Date(Date.now() + 3600_000);
    for (let i = 0; i < 6 && (await repo.findNotice(db(), admin.businessId, confirmation.id))!.status !== 'accepted'; i++) {
      await sendNotice(db(), { businessId: admin.businessId, noticeId: confirmation.id }, new Date(later.getTime() + i * 3600_000));
    }
    expect((await repo.findNotice(db(), admin.businessId, confirmation.id))!.status).toBe('accepted');
    expect(sentTo(phone).filter((m) => m.customFields.recipientId === confirmation.id)).toHaveLength(1);
  });

  it('delivery reports: the notice is delivered once; the same report replayed changes nothing; a failure keeps Solapi’s reason', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId);
    const phone = newPhone();
    await book(product.id, seoulInstant(seoulDate(3), '17:00'), phone);
    await sweepNotices(db(), new Date());
    const notice = (await noticesTo(phone))[0]!;
    expect(notice.status).toBe('accepted');
    const report = { messageId: notice.provider_message_id!, recipientId: notice.id, status: 'delivered' as const, statusCode: '4000', statusMessage: '수신완료' };
    await applyProviderReport(db(), admin.businessId, report, new Date());
    const once = await repo.findNotice(db(), admin.businessId, notice.id);
    await applyProviderReport(db(), admin.businessId, report, new Date());
    await applyProviderReport(db(), admin.businessId, { ...report, status: 'failed', statusCode: '3059', statusMessage: '변작된 발신번호' }, new Date());
    expect(await repo.findNotice(db(), admin.businessId, notice.id)).toEqual(once);
    expect(once!.status).toBe('delivered');
  });

  it('LAW-3: two years after a marketing consent the customer is told of it once, informational, with the date and how to withdraw', async () => {
    const now = new Date();
    const day = 86_400_000;
    const old = newPhone();
    const recent = newPhone();
    await db()
      .insertInto('customers')
      .values([
        { business_id: admin.businessId, name: '오래된동의', phone: old, marketing_consent: true, marketing_consent_at: new Date(now.getTime() - (2 * 365 + 2) * day) },
        { business_id: admin.businessId, name: '최근동의', phone: recent, marketing_consent: true, marketing_consent_at: new Date(now.getTime() - 300 * day) },
      ])
      .execute();
    expect(await writeConsentNotices(db(), now)).toBeGreaterThanOrEqual(1);
    expect(await writeConsentNotices(db(), now)).toBe(0);
    expect((await noticesTo(old)).map((n) => n.event)).toEqual(['consent_notice']);
    expect(await noticesTo(recent)).toEqual([]);
    const notice = (await noticesTo(old))[0]!;
    await sweepNotices(db(), new Date(Math.max(now.getTime(), notice.send_at.getTime())));
    const [sent] = sentTo(old);
    expect(sent!.text).toContain('광고성 정보 수신동의 안내');
    expect(sent!.text).toContain('080-800-1234');
    expect(sent!.text.startsWith('(광고)')).toBe(false);
    const listed = await t.call(admin, 'GET', '/api/notices?event=consent_notice');
    expect(listed.body.items.map((n: { name: string }) => n.name)).toContain('오래된동의');
  });

  it('NOTI-4: a Naver booking, confirmed, moved and cancelled, gets nothing from us (Naver tells its customers), even with manual-schedule notices on', async () => {
    const shop = await t.signup();
    await upsertProviderSettings(db(), { businessId: shop.businessId, apiUrl: provider.url, apiKey: 'TESTKEY', apiSecret: 'TESTSECRET', senderPhone: '0212345678', optOutPhone: '0808001234', kakaoPfId: null });
    await repo.writeNoticeSettings(db(), shop.businessId, { disabled_events: [], reminder_mode: 'days_before', reminder_days: 1, reminder_time: '10:00', reminder_hours: 2, manual_schedules: true });
    const { secret } = await connectNaver(t, shop);
    for (const [revision, type] of [[1, 'booking.created'], [2, 'booking.changed'], [3, 'booking.cancelled']] as const) {
      const res = await postEvent(t, shop.businessId, secret, bookingEvent('NB-NOTI', revision, type, { confirmationMode: 'instant' }));
      expect(res.status).toBe(200);
    }
    expect((await db().selectFrom('schedules').select('id').where('business_id', '=', shop.businessId).execute()).length).toBe(1);
    expect(await db().selectFrom('customer_notices').select('id').where('business_id', '=', shop.businessId).execute()).toEqual([]);
  });

  it('the inquiry reply from the partner center reaches its author', async () => {
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId);
    const phone = newPhone();
    const asked = await t.call(null, 'POST', '/api/public/inquiries', { placeId, productId: product.id, name: '문의자', phone, body: '주차 가능한가요?' });
    if (asked.status !== 201) throw new Error(`inquiry: ${asked.status} ${JSON.stringify(asked.body)}`);
    const replied = await t.call(admin, 'POST', `/api/inquiries/${asked.body.id}/reply`, { body: '건물 지하 주차장 2시간 무료입니다.' });
    expect(replied.status, JSON.stringify(replied.body)).toBe(200);
    const notices = await noticesTo(phone);
    expect(notices.map((n) => n.event)).toEqual(['inquiry_reply']);
    await sweepNotices(db(), new Date());
    expect(sentTo(phone)).toHaveLength(1);
    expect(sentTo(phone)[0]!.text).toContain('지하 주차장');
  });
});

describe.each(engines)('a booking\'s confirmation goes out through the job at once on %s (NOTI-1)', (engine) => {
  let t: TestApp;
  let provider: LocalProvider;

  beforeAll(async () => {
    t = await createTestApp(engine, { workers: true });
    provider = await startLocalProvider({ port: 0, apiKey: 'TESTKEY', apiSecret: 'TESTSECRET', deliveryDelayMs: 20 });
  });
  afterAll(async () => {
    await provider?.close();
    await t?.close();
  });

  it('a booking-page booking is confirmed to the customer without waiting for the minute\'s sweep', async () => {
    const admin = await t.signup({ serviceType: 'clinic' });
    const db = t.database.db;
    await upsertProviderSettings(db, { businessId: admin.businessId, apiUrl: provider.url, apiKey: 'TESTKEY', apiSecret: 'TESTSECRET', senderPhone: '0212345678', optOutPhone: '0808001234', kakaoPfId: null });
    const product = await insertTimeSlotProduct(db, admin.businessId, (await insertPlace(db, admin.businessId)).id);
    const phone = '01098765432';
    const res = await t.call(null, 'POST', '/api/public/bookings', {
      productId: product.id,
      lines: [{ startsAt: seoulInstant(seoulDate(4), '11:00').toISOString(), quantity: 1 }],
      customer: { name: '박즉시', phone },
      consents: { privacy: true },
    });
    expect(res.status).toBe(201);
    // No sweep is run here: only the job enqueued in the booking's transaction can send it.
    const deadline = Date.now() + 15_000;
    while (provider.messages().filter((m) => m.to === phone).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const sent = provider.messages().filter((m) => m.to === phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('예약 확정 안내');
    // The provider has it; the job records the answer right after (it may still read 'sending' for a moment).
    const noticeOf = () => db.selectFrom('customer_notices').select(['id', 'status']).where('business_id', '=', admin.businessId).where('event', '=', 'booking_confirmed').executeTakeFirstOrThrow();
    let notice = await noticeOf();
    while (notice.status === 'sending' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      notice = await noticeOf();
    }
    expect(['sent', 'accepted', 'delivered']).toContain(notice.status);
    // The send job was enqueued with the booking (the minute's sweep would have left none).
    const jobsSchema = t.database.schema ? `${t.database.schema}_jobs` : 'pgboss';
    const jobs = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`${jobsSchema}.job`)} where name = ${NOTICE_SEND_QUEUE} and data->>'noticeId' = ${notice.id}`.execute(db);
    expect(jobs.rows[0]!.n).toBe(1);
  });
});
