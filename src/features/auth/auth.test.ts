import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';

describe.each(engines)('auth on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('signs up a business whose admin can log in, see /me and log out', async () => {
    const email = `owner-${Date.now()}@test.yeyak.kr`;
    const admin = await t.signup({ email, password: 'secret-pass-1', businessName: '행복 피부과' });
    const me = await t.call(admin, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.business.name).toBe('행복 피부과');
    expect(me.body.user.role).toBe('admin');
    expect(me.body.user.permissions).toContain('naver.alert');

    const again = await t.login(email, 'secret-pass-1');
    const out = await t.call(again, 'POST', '/api/auth/logout');
    expect(out.status).toBe(204);
    expect((await t.call(again, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('refuses a taken email with a Korean message', async () => {
    const email = `dup-${Date.now()}@test.yeyak.kr`;
    await t.signup({ email });
    const res = await t.call(null, 'POST', '/api/auth/signup', { businessName: '다른 업체', serviceType: 'beauty', name: '홍길동', email, password: 'password123' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('EMAIL_TAKEN');
    expect(res.body.error.message).toMatch(/이미 가입된/);
  });

  it('answers bad input with VALIDATION_FAILED, never a 500', async () => {
    const res = await t.call(null, 'POST', '/api/auth/signup', { businessName: '', serviceType: 'bank', email: 'not-an-email', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const broken = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('INVALID_JSON');
  });

  it('stops a client after 5 failed logins for an email within 15 minutes (SEC-3: that client, not the account)', async () => {
    const email = `locked-${Date.now()}@test.yeyak.kr`;
    await t.signup({ email, password: 'right-password' });
    const client = '10.99.0.1';
    for (let i = 0; i < 5; i++) {
      const res = await t.call(null, 'POST', '/api/auth/login', { email, password: 'wrong-password' }, { client });
      expect(res.body.error.code).toBe('LOGIN_FAILED');
    }
    const blocked = await t.call(null, 'POST', '/api/auth/login', { email, password: 'right-password' }, { client });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('LOGIN_RATE_LIMITED');
    expect(Number(blocked.response.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('requires a session for tenant APIs', async () => {
    const res = await t.call(null, 'GET', '/api/notifications');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.call(null, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/api/auth/login');
  });
});
