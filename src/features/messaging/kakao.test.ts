import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { expectError } from '../../../test/helpers.ts';
import { startLocalProvider, type LocalProvider } from '../../../tools/solapi-local/index.ts';
import { insertPlace, insertTimeSlotProduct, seoulDate, seoulInstant } from '../bookings/test-fixtures.ts';
import { insertMessage } from './repository/messages.ts';
import { applyProviderReport } from './use-cases/apply-reports.ts';
import { dispatchMessage } from './use-cases/dispatch-message.ts';
import { sweepNotices } from './use-cases/notices.ts';
import { pollLateReports } from './use-cases/poll-reports.ts';
import { upsertProviderSettings } from './use-cases/provider-settings.ts';
import { sendBatch } from './use-cases/send-batch.ts';
import { couponContent, noSendSettings, zoneWithLocalHour } from './test-helpers.ts';

const PF = 'KA01PF-shop';

/**
 * MSG-3, MSG-11, NOTI-1: Kakao the way Kakao allows, against the local
 * Solapi server: 알림톡 templates registered and inspected from the
 * product, notices as 알림톡 once approved, coupons as 브랜드 메시지 to the
 * channel's friends with the product's SMS/LMS to the rest (once), and
 * statuses that arrive by polling when no report comes.
 */
describe.each(engines)('Kakao and delivery statuses on %s (MSG-3, MSG-11, NOTI-1)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let provider: LocalProvider;
  let placeId: string;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup({ serviceType: 'clinic' });
    provider = await startLocalProvider({ port: 0, apiKey: 'TESTKEY', apiSecret: 'TESTSECRET', deliveryDelayMs: 20, templateReview: 'manual' });
    await upsertProviderSettings(t.database.db, { businessId: admin.businessId, apiUrl: provider.url, apiKey: 'TESTKEY', apiSecret: 'TESTSECRET', senderPhone: '0212345678', optOutPhone: '0808001234', kakaoPfId: PF });
    placeId = (await insertPlace(t.database.db, admin.businessId)).id;
  });
  afterAll(async () => {
    await provider?.close();
    await t?.close();
  });

  const db = () => t.database.db;
  const phone = () => `0108${String(++seq).padStart(7, '0')}`;
  const settings = () => t.call(admin, 'GET', '/api/settings/notices');
  const eventOf = (body: { events: { event: string }[] }, event: string) => body.events.find((e) => e.event === event) as unknown as { enabled: boolean; kakao: { status: string; statusLabel: string; rejectReason: string | null; templateId: string } | null; sample: string };

  it('설정 > 알림 메시지: every event with its template; the reminder rule and the toggles saved; the consent notice cannot be turned off; a night time refused', async () => {
    const res = await settings();
    expect(res.status).toBe(200);
    expect(res.body.events.map((e: { event: string }) => e.event)).toEqual(['booking_received', 'booking_confirmed', 'booking_rejected', 'booking_cancelled', 'booking_refunded', 'reminder', 'inquiry_reply', 'consent_notice']);
    expect(eventOf(res.body, 'reminder').sample).toContain('홍길동님');
    expect(res.body.reminder).toEqual({ mode: 'days_before', days: 1, time: '10:00', hours: 2 });
    const saved = await t.call(admin, 'PUT', '/api/settings/notices', { disabledEvents: ['booking_received'], reminder: { mode: 'days_before', days: 2, time: '18:30', hours: 2 }, manualSchedules: true });
    expect(saved.status).toBe(200);
    expect(eventOf(saved.body, 'booking_received').enabled).toBe(false);
    expect(saved.body).toMatchObject({ reminder: { days: 2, time: '18:30' }, manualSchedules: true });
    expectError(await t.call(admin, 'PUT', '/api/settings/notices', { disabledEvents: ['consent_notice'], reminder: { mode: 'days_before', days: 1, time: '10:00', hours: 2 }, manualSchedules: false }), 409, 'NOTICE_EVENT_REQUIRED');
    const night = await t.call(admin, 'PUT', '/api/settings/notices', { disabledEvents: [], reminder: { mode: 'days_before', days: 1, time: '22:00', hours: 2 }, manualSchedules: false });
    expectError(night, 400, 'NOTICE_SETTINGS_INVALID');
    expect(night.body.error.details.fields[0].path).toBe('reminder.time');
    await t.call(admin, 'PUT', '/api/settings/notices', { disabledEvents: [], reminder: { mode: 'days_before', days: 1, time: '10:00', hours: 2 }, manualSchedules: false });
    const member = await t.signup();
    expect((await t.call(member, 'GET', '/api/settings/notices')).body.events.every((e: { kakao: unknown }) => e.kakao === null)).toBe(true);
  });

  it('a 알림톡 template is registered through Solapi, shown 검수중, then 반려 with the reason or 승인; only an approved one is used, with Solapi’s SMS fallback', async () => {
    const registered = await t.call(admin, 'POST', '/api/settings/notices/booking_confirmed/kakao-template');
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    const first = eventOf(registered.body, 'booking_confirmed').kakao!;
    expect(first).toMatchObject({ status: 'INSPECTING', statusLabel: '검수중' });
    // Registering again while it is inspected asks Kakao nothing new.
    expect(eventOf((await t.call(admin, 'POST', '/api/settings/notices/booking_confirmed/kakao-template')).body, 'booking_confirmed').kakao!.templateId).toBe(first.templateId);

    provider.reviewTemplate(first.templateId, 'reject', '변수에 들어갈 내용의 예시를 적어 주세요.');
    const rejected = eventOf((await t.call(admin, 'POST', '/api/settings/notices/kakao-templates/refresh')).body, 'booking_confirmed').kakao!;
    expect(rejected).toMatchObject({ status: 'REJECTED', statusLabel: '반려', rejectReason: '변수에 들어갈 내용의 예시를 적어 주세요.' });

    // While rejected, a confirmation goes by text.
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId);
    const byText = phone();
    expect((await t.call(null, 'POST', '/api/public/bookings', { productId: product.id, lines: [{ startsAt: seoulInstant(seoulDate(3), '10:00').toISOString(), quantity: 1 }], customer: { name: '문자손님', phone: byText }, consents: { privacy: true } })).status).toBe(201);
    await sweepNotices(db(), new Date());
    expect(provider.messages().filter((m) => m.to === byText).map((m) => m.type)).toEqual([expect.stringMatching(/^(SMS|LMS)$/)]);

    const again = eventOf((await t.call(admin, 'POST', '/api/settings/notices/booking_confirmed/kakao-template')).body, 'booking_confirmed').kakao!;
    expect(again.templateId).not.toBe(first.templateId);
    provider.reviewTemplate(again.templateId, 'approve');
    expect(eventOf((await t.call(admin, 'POST', '/api/settings/notices/kakao-templates/refresh')).body, 'booking_confirmed').kakao).toMatchObject({ status: 'APPROVED', statusLabel: '승인' });

    const byKakao = phone();
    expect((await t.call(null, 'POST', '/api/public/bookings', { productId: product.id, lines: [{ startsAt: seoulInstant(seoulDate(3), '11:00').toISOString(), quantity: 1 }], customer: { name: '카톡손님', phone: byKakao }, consents: { privacy: true } })).status).toBe(201);
    await sweepNotices(db(), new Date());
    const [ata] = provider.messages().filter((m) => m.to === byKakao);
    expect(ata).toMatchObject({ type: 'ATA', kakaoOptions: { pfId: PF, templateId: again.templateId, disableSms: false } });
    expect(ata!.kakaoOptions!.variables).toMatchObject({ '#{고객명}': '카톡손님' });
    const notice = await db().selectFrom('customer_notices').selectAll().where('phone', '=', byKakao).where('event', '=', 'booking_confirmed').executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ channel: 'alimtalk', status: 'accepted' });
    // The reminder of that booking has no approved template: by text.
    expect((await t.call(admin, 'GET', '/api/settings/notices')).body.events.find((e: { event: string }) => e.event === 'reminder').kakao).toBeNull();
  });

  it('테스트 발송: an informational template to the shop’s own mobile number, listed in the history; a landline refused', async () => {
    const own = phone();
    const sent = await t.call(admin, 'POST', '/api/settings/notices/reminder/test', { phone: own });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ event: 'reminder', eventLabel: '방문 전 리마인드', status: 'accepted', name: '테스트 발송' });
    expect(provider.messages().filter((m) => m.to === own)).toHaveLength(1);
    expectError(await t.call(admin, 'POST', '/api/settings/notices/reminder/test', { phone: '02-555-1234' }), 400, 'NOTICE_TEST_PHONE_INVALID');
    expectError(await t.call(admin, 'POST', '/api/settings/notices/coupon/test', { phone: own }), 404, 'NOTICE_EVENT_NOT_FOUND');
    const history = await t.call(admin, 'GET', '/api/notices?limit=5');
    expect(history.body.items[0]).toMatchObject({ id: sent.body.id, statusLabel: '접수' });
  });

  it('a coupon by 브랜드 메시지: channel friends get it from Kakao, the others the product’s SMS/LMS with (광고) and their code, each exactly once, even when reports are replayed', async () => {
    const shop = db();
    await shop.updateTable('businesses').set({ time_zone: zoneWithLocalHour(9, 18) }).where('id', '=', admin.businessId).execute();
    const phones = [phone(), phone(), phone()];
    const customers = await shop
      .insertInto('customers')
      .values(phones.map((p, i) => ({ business_id: admin.businessId, name: `쿠폰${i}`, phone: p, marketing_consent: true })))
      .returning('id')
      .execute();
    provider.setKakaoFriends([phones[0]!]);
    const message = await insertMessage(shop, admin.businessId, {
      channel: 'alimtalk',
      template_key: couponContent.templateKey,
      title: couponContent.title,
      body: couponContent.body,
      coupon: JSON.stringify(couponContent.coupon),
      coupon_validity: '7d',
      audience: JSON.stringify({ kind: 'direct', customerIds: customers.map((c) => c.id) }),
      settings: JSON.stringify(noSendSettings),
      status: 'scheduled',
      send_at: new Date(),
    });
    expect(await dispatchMessage(shop, t.jobs, { businessId: admin.businessId, messageId: message.id, version: message.version }, {})).toBe('started');
    expect(await sendBatch(shop, t.jobs, { businessId: admin.businessId, messageId: message.id, batchNo: 0 }, {})).toBe('sent');
    const bms = provider.messages().filter((m) => phones.includes(m.to));
    expect(bms.map((m) => m.type)).toEqual(['BMS_FREE', 'BMS_FREE', 'BMS_FREE']);
    expect(bms.every((m) => m.kakaoOptions?.disableSms === true && m.kakaoOptions.bms?.targeting === 'I' && !m.text.includes('(광고)'))).toBe(true);

    // Reports arrive (and again, twice), then the fallbacks go.
    await provider.idle();
    const recipients = await shop.selectFrom('message_recipients').selectAll().where('message_id', '=', message.id).execute();
    for (const r of recipients) {
      const stored = provider.messages().find((m) => m.recipientId === r.id)!;
      const report = { messageId: stored.messageId, recipientId: r.id, status: stored.statusCode === '4000' ? ('delivered' as const) : ('failed' as const), statusCode: stored.statusCode, statusMessage: stored.statusMessage };
      await applyProviderReport(shop, admin.businessId, report);
      await applyProviderReport(shop, admin.businessId, report);
    }
    await sweepNotices(shop, new Date(Date.now() + 60_000));
    await sweepNotices(shop, new Date(Date.now() + 120_000));
    const perPhone = phones.map((p) => provider.messages().filter((m) => m.to === p).map((m) => m.type));
    expect(perPhone[0]).toEqual(['BMS_FREE']);
    for (const types of perPhone.slice(1)) expect(types).toEqual(['BMS_FREE', expect.stringMatching(/^(SMS|LMS)$/)]);
    for (const [i, p] of phones.entries()) {
      if (i === 0) continue;
      const text = provider.messages().filter((m) => m.to === p)[1]!.text;
      const recipient = recipients.find((r) => r.phone === p)!;
      expect(text.startsWith('(광고)')).toBe(true);
      expect(text).toContain(recipient.coupon_code);
    }
    const failed = await shop.selectFrom('message_recipients').select(['status', 'status_reason', 'fallback_notice_id']).where('message_id', '=', message.id).where('status', '=', 'failed').execute();
    expect(failed).toHaveLength(2);
    expect(failed.every((f) => f.fallback_notice_id !== null && (f.status_reason ?? '').length > 0)).toBe(true);
    const listed = (await t.call(admin, 'GET', `/api/messages/${message.id}/recipients?limit=10`)).body.items as { phone: string; fallback: { statusLabel: string } | null }[];
    expect(listed.filter((r) => r.fallback !== null)).toHaveLength(2);
    provider.setKakaoFriends(null);
    await shop.updateTable('businesses').set({ time_zone: 'Asia/Seoul' }).where('id', '=', admin.businessId).execute();
  });

  it('statuses arrive without reports: a late notice is polled (its listing lagging at first) and delivered, never left accepted', async () => {
    provider.setReports(false);
    provider.setListingLag(150);
    const product = await insertTimeSlotProduct(db(), admin.businessId, placeId);
    const to = phone();
    expect((await t.call(null, 'POST', '/api/public/bookings', { productId: product.id, lines: [{ startsAt: seoulInstant(seoulDate(4), '10:00').toISOString(), quantity: 1 }], customer: { name: '폴링손님', phone: to }, consents: { privacy: true } })).status).toBe(201);
    await sweepNotices(db(), new Date());
    const notice = () => db().selectFrom('customer_notices').selectAll().where('phone', '=', to).where('event', '=', 'booking_confirmed').executeTakeFirstOrThrow();
    expect((await notice()).status).toBe('accepted');
    // Polled while Solapi's listing does not show the message yet: still accepted, asked again at the next poll.
    const later = new Date(Date.now() + 3 * 60_000);
    expect((await pollLateReports(db(), later)).polled).toBeGreaterThanOrEqual(1);
    expect((await notice()).status).toBe('accepted');
    expect((await pollLateReports(db(), new Date(later.getTime() + 30_000))).polled).toBe(0); // not before two minutes
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await pollLateReports(db(), new Date(later.getTime() + 3 * 60_000))).updated).toBeGreaterThanOrEqual(1);
    expect((await notice()).status).toBe('delivered');
    // Polled again later: nothing changes.
    await pollLateReports(db(), new Date(later.getTime() + 10 * 60_000));
    expect((await notice()).status).toBe('delivered');
    provider.setReports(true);
    provider.setListingLag(0);
  });

  it('the cost estimate before sending: 브랜드 메시지 with the text fallback at worst, in 원 at the shop’s prices', async () => {
    const c = await db().insertInto('customers').values({ business_id: admin.businessId, name: '견적', phone: phone(), marketing_consent: true }).returning('id').executeTakeFirstOrThrow();
    const preview = await t.call(admin, 'POST', '/api/messages/preview', { content: { ...couponContent, channel: 'alimtalk' }, audience: { kind: 'direct', customerIds: [c.id] }, settings: noSendSettings });
    expect(preview.status).toBe(200);
    expect(preview.body.estimate).toMatchObject({ type: 'brand', typeLabel: '브랜드 메시지', count: 1, unitPrice: 13, amount: 13, fallback: { type: 'lms', unitPrice: 50, amount: 50 } });
    const current = (await t.call(admin, 'GET', '/api/settings/messaging')).body;
    expect(current.unitPrices).toEqual({ sms: 20, lms: 50, alimtalk: 19, brand: 13 });
    const saved = await t.call(admin, 'PUT', '/api/settings/messaging/unit-prices', { unitPrices: { lms: 45.5 } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.unitPrices).toEqual({ sms: 20, lms: 45.5, alimtalk: 19, brand: 13 });
    const sms = await t.call(admin, 'POST', '/api/messages/preview', { content: couponContent, audience: { kind: 'direct', customerIds: [c.id] }, settings: noSendSettings });
    expect(sms.body.estimate).toMatchObject({ type: 'lms', count: 1, unitPrice: 45.5, amount: 46, fallback: null });
    expectError(await t.call(admin, 'PUT', '/api/settings/messaging/unit-prices', { unitPrices: { sms: -1 } }), 400, 'MESSAGE_PROVIDER_SETTINGS_INVALID');
    expect(saved.body.check).toEqual(current.check); // prices are not the account: the last 연결 확인 stands
    expect((await t.call(admin, 'PUT', '/api/settings/messaging/unit-prices', { unitPrices: null })).body.unitPrices).toEqual({ sms: 20, lms: 50, alimtalk: 19, brand: 13 });
  });
});
