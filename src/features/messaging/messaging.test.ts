import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { expectError } from '../../../test/helpers.ts';
import { setListeningUrl } from '../../platform/http/public-url.ts';
import { startLocalProvider, type LocalProvider } from '../../../tools/solapi-local/index.ts';
import { dispatchMessage } from './use-cases/dispatch-message.ts';
import { sendBatch } from './use-cases/send-batch.ts';
import { refreshCustomerFacts } from '../loyalty/index.ts';
import { insertMessage } from './repository/messages.ts';
import { upsertProviderSettings } from './use-cases/provider-settings.ts';
import { couponContent as content, noSendSettings as noSettings, zoneWithLocalHour } from './test-helpers.ts';

describe.each(engines)('coupon messages on %s (MSG-3..11)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let provider: LocalProvider;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(engine, { workers: true });
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    setListeningUrl(url);
    admin = await t.signup({ serviceType: 'restaurant' });
    const db = t.database.db;
    await db.updateTable('businesses').set({ time_zone: zoneWithLocalHour(9, 18) }).where('id', '=', admin.businessId).execute();
    provider = await startLocalProvider({ port: 0, apiKey: 'TESTKEY', apiSecret: 'TESTSECRET', reportUrl: `${url}/api/messaging/solapi/${admin.businessId}/reports`, deliveryDelayMs: 50 });
    await upsertProviderSettings(db, { businessId: admin.businessId, apiUrl: provider.url, apiKey: 'TESTKEY', apiSecret: 'TESTSECRET', senderPhone: '0212345678', optOutPhone: '0808001234', kakaoPfId: null });

    const now = Date.now();
    const day = 86_400_000;
    const customers: [string, string, boolean, number[]][] = [
      // name, phone, marketing consent, accrual ages in days
      ['단골일', '01011110001', true, [1, 20, 50]],
      ['단골이', '01011110002', true, [2, 30, 80, 200]],
      ['단골미동의', '01011110003', false, [3, 10, 15]],
      ['예비일', '01011110004', true, [5, 150]],
      ['첫적립', '01011110005', true, [9]],
      ['유선번호', '0212345679', true, [1, 2, 3]],
      ['방문없음', '01011110006', true, []],
    ];
    for (const [name, phone, consent, ages] of customers) {
      const row = await db
        .insertInto('customers')
        .values({ business_id: admin.businessId, name, phone, marketing_consent: consent, accrual_count: ages.length, visit_count: ages.length, points_held: ages.length * 100, points_accumulated: ages.length * 100 })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[name] = row.id;
      for (const age of ages) {
        await db.insertInto('customer_visits').values({ business_id: admin.businessId, customer_id: row.id, visited_at: new Date(now - age * day), source: 'pos', points_earned: 100 }).execute();
      }
    }
    // Visits written by hand: their audience facts too, as every writer of visits does.
    await refreshCustomerFacts(db, admin.businessId, Object.values(ids));
  });
  afterAll(async () => {
    await provider?.close();
    await t?.close();
  });

  const send = (body: object) => t.call(admin, 'POST', '/api/messages', body);

  it('counts a group\'s recipients and says who is excluded and why', async () => {
    const res = await t.call(admin, 'POST', '/api/messages/audience', { audience: { kind: 'group', group: 'regular' }, settings: noSettings });
    expect(res.status).toBe(200);
    expect(res.body.recipients).toBe(2);
    expect(res.body.excluded.byReason).toMatchObject({ no_consent: 1, invalid_phone: 1, opted_out: 0 });
    expect(res.body.excluded.sample.map((e: { name: string; reasonLabel: string }) => [e.name, e.reasonLabel]).sort()).toEqual([
      ['단골미동의', '마케팅 수신 미동의'],
      ['유선번호', '유효하지 않은 번호'],
    ]);
    const prospective = await t.call(admin, 'POST', '/api/messages/audience', { audience: { kind: 'group', group: 'prospective' }, settings: noSettings });
    expect(prospective.body.recipients).toBe(1);
    const first = await t.call(admin, 'POST', '/api/messages/audience', { audience: { kind: 'group', group: 'first' }, settings: noSettings });
    expect(first.body.recipients).toBe(1);
    const filtered = await t.call(admin, 'POST', '/api/messages/audience', { audience: { kind: 'filter', pointsHeld: { min: 300 } }, settings: { ...noSettings, visitorRestriction: { days: 7 } } });
    // 단골일 (visited 1 day ago) stays; 단골이 visited 2 days ago too; 유선번호 has no mobile; 단골미동의 has no consent.
    expect(filtered.body.recipients).toBe(2);
    const recent = await t.call(admin, 'POST', '/api/messages/audience', { audience: { kind: 'filter', pointsHeld: { min: 200 } }, settings: { ...noSettings, visitorRestriction: { days: 3 } } });
    expect(recent.body.excluded.byReason.visitor_restriction).toBe(1);
    const upsideDown = await t.call(admin, 'POST', '/api/messages/audience', { audience: { kind: 'filter', visitCount: { min: 5, max: 2 } }, settings: noSettings });
    expectError(upsideDown, 400, 'VALIDATION_FAILED');
    expect(upsideDown.body.error.details.fields).toEqual([expect.objectContaining({ path: 'audience.visitCount.min', message: '최소값이 최대값보다 클 수 없어요.' })]);
  });

  it('allows only the performance setting for a direct selection', async () => {
    const audience = { kind: 'direct', customerIds: [ids['단골일']] };
    expectError(await t.call(admin, 'POST', '/api/messages/audience', { audience, settings: { ...noSettings, duplicatePrevention: { days: 7 } } }), 409, 'SEND_SETTING_NOT_ALLOWED');
    expectError(await send({ content, audience, settings: { ...noSettings, visitorRestriction: { days: 3 } } }), 409, 'SEND_SETTING_NOT_ALLOWED');
    expect((await t.call(admin, 'POST', '/api/messages/audience', { audience, settings: { ...noSettings, performance: { days: 7 } } })).body.recipients).toBe(1);
  });

  it('previews the text as sent: "(광고)" first, variables filled, the business and its contact, the free opt-out line last', async () => {
    const res = await t.call(admin, 'POST', '/api/messages/preview', { content, audience: { kind: 'direct', customerIds: [ids['단골일']] }, settings: noSettings });
    expect(res.status).toBe(200);
    const text: string = res.body.rendered.text;
    expect(text.startsWith('(광고)')).toBe(true);
    expect(text).toContain('단골일님, 늘 찾아주셔서 감사합니다. 10% 할인 쿠폰을 드려요.');
    expect(text).not.toContain('#{');
    expect(text.trim().split('\n').at(-1)).toMatch(/무료수신거부|수신거부/);
    expect(text).toMatch(/080-?800-?1234/);
    expect(res.body.rendered.channel).toBe('lms');
    expect(res.body.rendered.bytes).toBeGreaterThan(90);
  });

  it('refuses a coupon or content with missing fields, one Korean message per field', async () => {
    const res = await send({ content: { ...content, title: '', coupon: { type: 'gift', giftName: '가'.repeat(33) } }, audience: { kind: 'group', group: 'regular' }, settings: noSettings });
    expectError(res, 400, 'VALIDATION_FAILED');
    const paths = res.body.error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toContain('content.title');
    expect(paths.some((p: string) => p.startsWith('content.coupon'))).toBe(true);
  });

  it('schedules, lists, edits and cancels a message; a cancelled one never goes out', async () => {
    const sendAt = DateTime.now().plus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    const zone = (await t.database.db.selectFrom('businesses').select('time_zone').where('id', '=', admin.businessId).executeTakeFirstOrThrow()).time_zone;
    const at = sendAt.setZone(zone, { keepLocalTime: true }).toUTC().toISO()!;
    const created = await send({ content, audience: { kind: 'group', group: 'regular' }, settings: noSettings, sendAt: at });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'scheduled', statusLabel: '예약됨', editable: true, audienceLabel: '단골 고객', couponLabel: '10% 할인' });
    const list = await t.call(admin, 'GET', '/api/messages');
    expect(list.body.items[0].id).toBe(created.body.id);
    const edited = await t.call(admin, 'PATCH', `/api/messages/${created.body.id}`, { content: { ...content, title: '수정한 제목' } });
    expect(edited.body).toMatchObject({ title: '수정한 제목', version: created.body.version + 1 });
    // An audience of another business's customers is refused as create refuses it, and changes nothing.
    const other = await t.signup({ serviceType: 'restaurant' });
    const stranger = await t.database.db.insertInto('customers').values({ business_id: other.businessId, name: '남의고객', phone: '01077770001', marketing_consent: true }).returning('id').executeTakeFirstOrThrow();
    for (const body of [{ audience: { kind: 'direct', customerIds: [stranger.id] } }, { audience: { kind: 'direct', customerIds: [stranger.id] }, settings: noSettings }]) {
      expectError(await t.call(admin, 'PATCH', `/api/messages/${created.body.id}`, body), 404, 'CUSTOMER_NOT_FOUND');
    }
    expectError(await send({ content, audience: { kind: 'direct', customerIds: [stranger.id] }, settings: noSettings, sendAt: at }), 404, 'CUSTOMER_NOT_FOUND');
    expect((await t.call(admin, 'GET', `/api/messages/${created.body.id}`)).body).toMatchObject({ version: created.body.version + 1, audienceLabel: '단골 고객' });
    // Nothing to change is a no-op: same version, no new dispatch.
    expect((await t.call(admin, 'PATCH', `/api/messages/${created.body.id}`, {})).body.version).toBe(created.body.version + 1);
    const cancelled = await t.call(admin, 'POST', `/api/messages/${created.body.id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', editable: false });
    expectError(await t.call(admin, 'POST', `/api/messages/${created.body.id}/cancel`), 409, 'MESSAGE_NOT_CANCELLABLE');
    expectError(await t.call(admin, 'PATCH', `/api/messages/${created.body.id}`, { content }), 409, 'MESSAGE_NOT_EDITABLE');
    // The job made for the first version, run now, does nothing.
    expect(await dispatchMessage(t.database.db, t.jobs, { businessId: admin.businessId, messageId: created.body.id, version: created.body.version }, {})).toBe('stale');
  });

  it('sends now: one message per recipient at the provider, coupons, delivery statuses, opt-out, duplicate prevention next time', async () => {
    const created = await send({ content, audience: { kind: 'group', group: 'regular' }, settings: { ...noSettings, performance: { days: 7 } } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    let detail = created.body;
    for (let i = 0; i < 100 && !(detail.status === 'sent' && detail.counts.delivered === 2); i++) {
      await new Promise((r) => setTimeout(r, 200));
      detail = (await t.call(admin, 'GET', `/api/messages/${id}`)).body;
    }
    expect(detail).toMatchObject({ status: 'sent', recipientCount: 2, excludedCount: 2, counts: { delivered: 2, failed: 0 } });
    const recipients = (await t.call(admin, 'GET', `/api/messages/${id}/recipients`)).body.items;
    expect(recipients.map((r: { name: string }) => r.name).sort()).toEqual(['단골이', '단골일']);
    expect(recipients.every((r: { couponCode: string }) => /^[A-HJ-NP-Z2-9]{10}$/.test(r.couponCode))).toBe(true);
    const atProvider = provider.messages().filter((m) => recipients.some((r: { id: string }) => r.id === m.recipientId));
    expect(atProvider).toHaveLength(2);
    expect(provider.duplicates()).toEqual([]);
    expect(atProvider[0]!.text.startsWith('(광고)')).toBe(true);
    // Each recipient's text carries their own coupon code and its last day (MSG-11), which the POS then redeems.
    for (const m of atProvider) {
      const mine = recipients.find((r: { id: string }) => r.id === m.recipientId) as { couponCode: string };
      expect(m.text).toMatch(new RegExp(`쿠폰번호 ${mine.couponCode} \\([0-9]+월 [0-9]+일까지\\)`));
    }
    // One type for the whole message, the one its list and detail show (MSG-11: no "SMS" label on an LMS send).
    const types = new Set(atProvider.map((m) => m.type));
    expect(types.size).toBe(1);
    const sentAs = [...types][0];
    const shown = (await t.call(admin, 'GET', `/api/messages/${created.body.id}`)).body;
    expect(shown.channelLabel).toBe(sentAs === 'LMS' ? '문자(LMS)' : '문자(SMS)');
    const received = /쿠폰번호 ([A-Z0-9]+) /.exec(atProvider[0]!.text)![1]!;
    expect((await t.call(admin, 'POST', `/api/pos/coupons/${received}/redeem`, {})).status).toBe(200);
    expectError(await t.call(admin, 'POST', `/api/pos/coupons/${received}/redeem`, {}), 409, 'COUPON_ALREADY_REDEEMED');

    // The opt-out link in the text removes consent at once.
    const link = /\/optout\/([A-Za-z0-9_-]+)/.exec(atProvider.find((m) => m.to === '01011110001')!.text)![1]!;
    expect((await t.call(null, 'POST', `/api/public/opt-out/${link}`)).body).toEqual({ optedOut: true });
    const customer = await t.database.db.selectFrom('customers').select(['marketing_consent', 'marketing_opted_out_at']).where('id', '=', ids['단골일']!).executeTakeFirstOrThrow();
    expect(customer.marketing_consent).toBe(false);
    expect(customer.marketing_opted_out_at).not.toBeNull();

    const next = await t.call(admin, 'POST', '/api/messages/audience', { audience: { kind: 'group', group: 'regular' }, settings: { ...noSettings, duplicatePrevention: { days: 3 } } });
    expect(next.body.excluded.byReason).toMatchObject({ opted_out: 1, duplicate_prevention: 1 });
    expect(next.body.recipients).toBe(0);
  });

  it('refuses advertising in the quiet hours, and a due message waits instead of going out at night', async () => {
    const night = await t.signup({ serviceType: 'restaurant' });
    await t.database.db.updateTable('businesses').set({ time_zone: zoneWithLocalHour(22, 24) }).where('id', '=', night.businessId).execute();
    const customer = await t.database.db.insertInto('customers').values({ business_id: night.businessId, name: '밤손님', phone: '01099990000', marketing_consent: true }).returning('id').executeTakeFirstOrThrow();
    await upsertProviderSettings(t.database.db, { businessId: night.businessId, apiUrl: provider.url, apiKey: 'TESTKEY', apiSecret: 'TESTSECRET', senderPhone: '0212345678', optOutPhone: '0808001234', kakaoPfId: null });
    const audience = { kind: 'direct', customerIds: [customer.id] };
    const refused = await t.call(night, 'POST', '/api/messages', { content, audience, settings: noSettings });
    expectError(refused, 409, 'MESSAGE_QUIET_HOURS');
    expect(refused.body.error.message).toContain('21:00');
    const inWindow = new Date(Date.now() + 30 * 60_000).toISOString();
    expectError(await t.call(night, 'POST', '/api/messages', { content, audience, settings: noSettings, sendAt: inWindow }), 409, 'MESSAGE_QUIET_HOURS');

    // A message due now (scheduled earlier for a lawful time, delayed into the night) waits for 08:00.
    const row = await insertMessage(t.database.db, night.businessId, {
      channel: 'sms',
      template_key: content.templateKey,
      title: content.title,
      body: content.body,
      coupon: JSON.stringify(content.coupon),
      coupon_validity: '7d',
      audience: JSON.stringify(audience),
      settings: JSON.stringify(noSettings),
      status: 'scheduled',
      send_at: new Date(Date.now() - 60_000),
    });
    expect(await dispatchMessage(t.database.db, t.jobs, { businessId: night.businessId, messageId: row.id, version: row.version }, {})).toBe('waiting');
    const waiting = await t.call(night, 'GET', `/api/messages/${row.id}`);
    expect(waiting.body).toMatchObject({ status: 'waiting', recipientCount: 0 });
    expect(waiting.body.statusReason).toContain('08:00');
    expect(await t.database.db.selectFrom('message_recipients').select('id').where('message_id', '=', row.id).execute()).toEqual([]);
  });

  it('ends a message the provider refuses for good as failed, with the reason on each recipient', async () => {
    const shop = await t.signup({ serviceType: 'restaurant' });
    await t.database.db.updateTable('businesses').set({ time_zone: zoneWithLocalHour(9, 18) }).where('id', '=', shop.businessId).execute();
    await upsertProviderSettings(t.database.db, { businessId: shop.businessId, apiUrl: provider.url, apiKey: 'TESTKEY', apiSecret: 'WRONG-SECRET', senderPhone: '0212345678', optOutPhone: '0808001234', kakaoPfId: null });
    const customer = await t.database.db.insertInto('customers').values({ business_id: shop.businessId, name: '손님', phone: '01077776666', marketing_consent: true }).returning('id').executeTakeFirstOrThrow();
    const created = await t.call(shop, 'POST', '/api/messages', { content, audience: { kind: 'direct', customerIds: [customer.id] }, settings: noSettings });
    expect(created.status).toBe(201);
    let detail = created.body;
    for (let i = 0; i < 100 && detail.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      detail = (await t.call(shop, 'GET', `/api/messages/${created.body.id}`)).body;
    }
    expect(detail).toMatchObject({ status: 'failed', counts: { failed: 1 } });
    const recipients = (await t.call(shop, 'GET', `/api/messages/${created.body.id}/recipients`)).body.items;
    expect(recipients[0].statusReason).toContain('발송 서비스 오류');
  });

  it('refuses a message of a shop without provider settings (nothing written), and a rescheduling after the settings were removed', async () => {
    const shop = await t.signup({ serviceType: 'restaurant' });
    await t.database.db.updateTable('businesses').set({ time_zone: zoneWithLocalHour(9, 18) }).where('id', '=', shop.businessId).execute();
    const customer = await t.database.db.insertInto('customers').values({ business_id: shop.businessId, name: '손님', phone: '01077775555', marketing_consent: true }).returning('id').executeTakeFirstOrThrow();
    const refused = await t.call(shop, 'POST', '/api/messages', { content, audience: { kind: 'direct', customerIds: [customer.id] }, settings: noSettings });
    expectError(refused, 409, 'MESSAGE_PROVIDER_NOT_SET');
    expect(await t.database.db.selectFrom('messages').select('id').where('business_id', '=', shop.businessId).execute()).toEqual([]);

    await upsertProviderSettings(t.database.db, { businessId: shop.businessId, apiUrl: provider.url, apiKey: 'TESTKEY', apiSecret: 'TESTSECRET', senderPhone: '0212345678', optOutPhone: '0808001234', kakaoPfId: null });
    const later = new Date(Date.now() + 3 * 3600_000).toISOString();
    const created = await t.call(shop, 'POST', '/api/messages', { content, audience: { kind: 'direct', customerIds: [customer.id] }, settings: noSettings, sendAt: later });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await t.call(shop, 'DELETE', '/api/settings/messaging');
    await t.call(shop, 'PATCH', `/api/messages/${created.body.id}`, { sendAt: new Date(Date.now() + 4 * 3600_000).toISOString() }).then((r) => expectError(r, 409, 'MESSAGE_PROVIDER_NOT_SET'));
  });

  it('sends a batch once even when several runs of it race (a retried job while the first still works)', async () => {
    const shop = await t.signup({ serviceType: 'restaurant' });
    const db = t.database.db;
    await db.updateTable('businesses').set({ time_zone: zoneWithLocalHour(9, 18) }).where('id', '=', shop.businessId).execute();
    await upsertProviderSettings(db, { businessId: shop.businessId, apiUrl: provider.url, apiKey: 'TESTKEY', apiSecret: 'TESTSECRET', senderPhone: '0212345678', optOutPhone: '0808001234', kakaoPfId: null });
    await db
      .insertInto('customers')
      .values(Array.from({ length: 120 }, (_, i) => ({ business_id: shop.businessId, name: `경쟁${i}`, phone: `0106${String(i).padStart(7, '0')}`, marketing_consent: true })))
      .execute();
    const message = await insertMessage(db, shop.businessId, {
      channel: 'sms',
      template_key: content.templateKey,
      title: content.title,
      body: content.body,
      coupon: JSON.stringify(content.coupon),
      coupon_validity: '7d',
      audience: JSON.stringify({ kind: 'filter' }),
      settings: JSON.stringify(noSettings),
      status: 'scheduled',
      send_at: new Date(),
    });
    expect(await dispatchMessage(db, t.jobs, { businessId: shop.businessId, messageId: message.id, version: message.version }, {})).toBe('started');
    const runs = await Promise.allSettled([0, 1, 2].map(() => sendBatch(db, t.jobs, { businessId: shop.businessId, messageId: message.id, batchNo: 0 }, {})));
    expect(runs.filter((r) => r.status === 'fulfilled' && r.value === 'sent')).toHaveLength(1);
    const recipients = await db.selectFrom('message_recipients').select('id').where('message_id', '=', message.id).execute();
    const ids = new Set(recipients.map((r) => r.id));
    const atProvider = provider.messages().filter((m) => ids.has(m.recipientId ?? ''));
    expect(atProvider).toHaveLength(120);
    expect(provider.duplicates()).toEqual([]);
  });

  it('keeps one draft per business: a new save overwrites it', async () => {
    expect((await t.call(admin, 'GET', '/api/messages/draft')).body).toEqual({ draft: null });
    await t.call(admin, 'PUT', '/api/messages/draft', { content: { ...content, title: '첫 초안' } });
    await t.call(admin, 'PUT', '/api/messages/draft', { content: { ...content, title: '두 번째 초안' } });
    const draft = (await t.call(admin, 'GET', '/api/messages/draft')).body.draft;
    expect(draft.content.title).toBe('두 번째 초안');
    expect((await t.call(admin, 'DELETE', '/api/messages/draft')).status).toBe(204);
    expect((await t.call(admin, 'GET', '/api/messages/draft')).body).toEqual({ draft: null });
  });

  it('keeps every business to its own messages', async () => {
    const list = (await t.call(admin, 'GET', '/api/messages')).body.items;
    const other = await t.signup();
    expectError(await t.call(other, 'GET', `/api/messages/${list[0].id}`), 404, 'MESSAGE_NOT_FOUND');
    expectError(await t.call(other, 'POST', `/api/messages/${list[0].id}/cancel`), 404, 'MESSAGE_NOT_FOUND');
    expectError(await t.call(null, 'POST', `/api/messaging/solapi/${admin.businessId}/reports?token=${'0'.repeat(64)}`, []), 401, 'MESSAGE_REPORT_SIGNATURE_INVALID');
  });
});
