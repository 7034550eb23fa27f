import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { expectError } from '../../../test/helpers.ts';
import { startLocalProvider, type LocalProvider } from '../../../tools/solapi-local/index.ts';
import { couponContent as content } from './test-helpers.ts';

/**
 * MSG-11: a shop enters its own Solapi account in 설정 > 메시지 발송: the
 * secret is write-only and stored encrypted, 연결 확인 asks Solapi (the
 * local Solapi-compatible server here) for the balance and the registered
 * sender numbers and says in Korean why it fails, and a message cannot be
 * created without working settings.
 */
describe.each(engines)('message provider settings on %s (MSG-11)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let provider: LocalProvider;
  const settings = () => ({ apiUrl: provider.url, apiKey: 'SHOPKEY1', apiSecret: 'SHOP-SECRET-1234', senderPhone: '02-555-1234', optOutPhone: '080-800-1234', kakaoPfId: null });

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup();
    provider = await startLocalProvider({ port: 0, apiKey: 'SHOPKEY1', apiSecret: 'SHOP-SECRET-1234', senderIds: ['0255512340'], balance: 52_300 });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  it('saves the account with the secret write-only and encrypted at rest', async () => {
    const empty = await t.call(admin, 'GET', '/api/settings/messaging');
    expect(empty.body).toMatchObject({ configured: false, apiSecretSet: false, check: null });
    const saved = await t.call(admin, 'PUT', '/api/settings/messaging', settings());
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ configured: true, apiKey: 'SHOPKEY1', apiSecretSet: true, apiSecretLast4: '1234', senderPhone: '02-555-1234', optOutPhone: '080-800-1234' });
    expect(JSON.stringify(saved.body)).not.toContain('SHOP-SECRET-1234');
    expect(saved.body.reportUrl).toContain(`/api/messaging/solapi/${admin.businessId}/reports`);
    const row = await t.database.db.selectFrom('message_provider_settings').select(['api_secret', 'sender_phone']).where('business_id', '=', admin.businessId).executeTakeFirstOrThrow();
    expect(row.api_secret).not.toContain('SHOP-SECRET');
    expect(row.sender_phone).toBe('025551234');
    // Saving without the secret keeps it.
    const kept = await t.call(admin, 'PUT', '/api/settings/messaging', { ...settings(), apiSecret: undefined, kakaoPfId: 'KA01PF_shop' });
    expect(kept.body).toMatchObject({ apiSecretLast4: '1234', kakaoPfId: 'KA01PF_shop' });
  });

  it('refuses settings that cannot be right, naming the field', async () => {
    const res = await t.call(admin, 'PUT', '/api/settings/messaging', { ...settings(), senderPhone: '12' });
    expectError(res, 400, 'MESSAGE_PROVIDER_SETTINGS_INVALID');
    expect(res.body.error.details.fields[0].path).toBe('senderPhone');
  });

  it('연결 확인: the balance when all is well; the Korean reason for an unregistered sender, a low balance or a wrong secret', async () => {
    provider.setAccount({ senderIds: ['025551234'], balance: 52_300 });
    const ok = await t.call(admin, 'POST', '/api/settings/messaging/check');
    expect(ok.status).toBe(200);
    expect(ok.body.check).toMatchObject({ ok: true, error: null, balance: 52_300 });

    provider.setAccount({ senderIds: ['0212345678'] });
    const unregistered = (await t.call(admin, 'POST', '/api/settings/messaging/check')).body.check;
    expect(unregistered).toMatchObject({ ok: false });
    expect(unregistered.error).toContain('02-555-1234');
    expect(unregistered.error).toContain('등록되어 있지 않습니다');

    provider.setAccount({ senderIds: [{ phoneNumber: '025551234', status: 'PENDING' }] });
    expect((await t.call(admin, 'POST', '/api/settings/messaging/check')).body.check.error).toContain('승인되지 않았습니다');

    provider.setAccount({ senderIds: ['025551234'], balance: 40, point: 0 });
    expect((await t.call(admin, 'POST', '/api/settings/messaging/check')).body.check.error).toContain('잔액이 부족합니다');

    await t.call(admin, 'PUT', '/api/settings/messaging', { ...settings(), apiSecret: 'WRONG-SECRET-9999' });
    provider.setAccount({ balance: 52_300 });
    const wrong = (await t.call(admin, 'POST', '/api/settings/messaging/check')).body.check;
    expect(wrong.ok).toBe(false);
    expect(wrong.error).toContain('API 키 또는 시크릿이 올바르지 않습니다');
  });

  it('a message cannot be created while the last 연결 확인 failed, and can once it passes', async () => {
    const customer = await t.database.db.insertInto('customers').values({ business_id: admin.businessId, name: '손님', phone: '01077770000', marketing_consent: true }).returning('id').executeTakeFirstOrThrow();
    const send = () => t.call(admin, 'POST', '/api/messages', { content, audience: { kind: 'direct', customerIds: [customer.id] }, settings: { visitorRestriction: null, duplicatePrevention: null, performance: null }, sendAt: noonInSeoulTomorrow() });
    const refused = await send();
    expectError(refused, 409, 'MESSAGE_PROVIDER_CHECK_FAILED');
    expect(refused.body.error.message).toContain('API 키 또는 시크릿');
    await t.call(admin, 'PUT', '/api/settings/messaging', settings());
    expect((await t.call(admin, 'POST', '/api/settings/messaging/check')).body.check.ok).toBe(true);
    const created = await send();
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  });
});

/** A daytime instant in Asia/Seoul (12:00 KST tomorrow): an advertising send at now + hours could land in the 21:00–08:00 night. */
function noonInSeoulTomorrow(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 3)).toISOString();
}
