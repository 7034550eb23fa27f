import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { bookingEvent, connectNaver, postEvent } from './test-helpers.ts';

describe.each(engines)('Naver connection settings on %s (NAVER-1..3)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('can be enabled only for 병의원형 and 뷰티형', async () => {
    for (const serviceType of ['restaurant', 'retail', 'other']) {
      const admin = await t.signup({ serviceType });
      const res = await t.call(admin, 'PUT', '/api/naver/connection', { enabled: true });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('NAVER_SERVICE_TYPE_NOT_SUPPORTED');
      expect(res.body.error.message).toMatch(/병의원형과 뷰티형/);
      expect((await t.call(admin, 'GET', '/api/naver/connection')).body).toMatchObject({ available: false, enabled: false });
    }
    for (const serviceType of ['clinic', 'beauty']) {
      const admin = await t.signup({ serviceType });
      const res = await t.call(admin, 'PUT', '/api/naver/connection', { enabled: true, outboundUrl: 'http://127.0.0.1:3900' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ available: true, enabled: true, outboundUrl: 'http://127.0.0.1:3900', webhookPath: `/api/channels/naver/${admin.businessId}/events` });
      expect(res.body.secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    }
  });

  it('keeps NAVER-1 after it was checked: a connected business cannot become a type without Naver unless it turns the connection off', async () => {
    const admin = await t.signup({ serviceType: 'clinic' });
    const { secret } = await connectNaver(t, admin);
    const refused = await t.call(admin, 'PATCH', '/api/business', { serviceType: 'restaurant' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('NAVER_CONNECTED_SERVICE_TYPE');
    expect(refused.body.error.message).toMatch(/네이버예약 연동/);
    expect((await t.call(admin, 'GET', '/api/business')).body.serviceType).toBe('clinic');
    // Still connected: a signed event still books.
    expect((await postEvent(t, admin.businessId, secret, bookingEvent('NB-TYPE-1', 1))).body.result).toBe('created');

    const changed = await t.call(admin, 'PATCH', '/api/business', { serviceType: 'restaurant', disconnectNaver: true });
    expect(changed.status).toBe(200);
    expect(changed.body.serviceType).toBe('restaurant');
    expect((await t.call(admin, 'GET', '/api/naver/connection')).body).toMatchObject({ available: false, enabled: false });
    // Off now: a signed event is refused like any other outsider's.
    expect((await postEvent(t, admin.businessId, secret, bookingEvent('NB-TYPE-2', 1))).status).toBe(401);
    // Another type that keeps Naver needs no confirmation.
    const beauty = await t.signup({ serviceType: 'clinic' });
    await connectNaver(t, beauty);
    expect((await t.call(beauty, 'PATCH', '/api/business', { serviceType: 'beauty' })).status).toBe(200);
  });

  it('keeps NAVER-2 after it was checked: 부서기능 cannot be turned off while departments are linked to Naver products, unless they are unlinked', async () => {
    const admin = await t.signup();
    const { departmentId } = await connectNaver(t, admin, { productName: '여드름 진료' });
    const refused = await t.call(admin, 'PATCH', '/api/business', { departmentsEnabled: false });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('DEPARTMENTS_LINKED_TO_NAVER');
    expect(refused.body.error.message).toContain('여드름 진료');
    expect(refused.body.error.details.departments).toEqual([{ id: departmentId, name: '여드름 진료', naverProductId: 'P-1001' }]);
    expect((await t.call(admin, 'GET', '/api/business')).body.departmentsEnabled).toBe(true);

    const off = await t.call(admin, 'PATCH', '/api/business', { departmentsEnabled: false, unlinkNaverProducts: true });
    expect(off.status).toBe(200);
    expect(off.body.departmentsEnabled).toBe(false);
    expect((await t.call(admin, 'GET', '/api/naver/connection')).body.products).toEqual([]);
  });

  it('keeps the secret across saves and rotates it on request', async () => {
    const admin = await t.signup();
    const first = (await t.call(admin, 'PUT', '/api/naver/connection', { enabled: true })).body.secret;
    expect((await t.call(admin, 'PUT', '/api/naver/connection', { enabled: false })).body.secret).toBe(first);
    const rotated = (await t.call(admin, 'PUT', '/api/naver/connection', { enabled: true, rotateSecret: true })).body.secret;
    expect(rotated).not.toBe(first);
  });

  it('links products to departments only with 부서기능 사용, once per product', async () => {
    const admin = await t.signup();
    await t.call(admin, 'PUT', '/api/naver/connection', { enabled: true });
    const off = await t.call(admin, 'POST', '/api/naver/products', { productId: 'P-1', name: '여드름 진료' });
    expect(off.body.error.code).toBe('DEPARTMENTS_DISABLED');
    await t.call(admin, 'PATCH', '/api/business', { departmentsEnabled: true });
    const linked = await t.call(admin, 'POST', '/api/naver/products', { productId: 'P-1', name: '여드름 진료' });
    expect(linked.status).toBe(200);
    expect(linked.body.products).toEqual([{ productId: 'P-1', departmentId: expect.any(String), departmentName: '여드름 진료' }]);
    const departments = await t.call(admin, 'GET', '/api/departments');
    expect(departments.body.items.map((d: { name: string }) => d.name)).toContain('여드름 진료');
    const again = await t.call(admin, 'POST', '/api/naver/products', { productId: 'P-1', name: '다른 이름' });
    expect(again.body.error.code).toBe('NAVER_PRODUCT_ALREADY_LINKED');
    const unlinked = await t.call(admin, 'DELETE', '/api/naver/products/P-1');
    expect(unlinked.body.products).toEqual([]);
    expect((await t.call(admin, 'DELETE', '/api/naver/products/P-1')).body.error.code).toBe('NAVER_PRODUCT_NOT_FOUND');
  });

  it('maps the memo type only after a product is linked, and only to a visible type', async () => {
    const admin = await t.signup();
    await t.call(admin, 'PUT', '/api/naver/connection', { enabled: true });
    const memoType = (await t.call(admin, 'GET', '/api/memo-types')).body.items[0];
    const early = await t.call(admin, 'PUT', '/api/naver/memo-type', { memoTypeId: memoType.id });
    expect(early.body.error.code).toBe('NAVER_NO_PRODUCT_LINKED');
    await t.call(admin, 'PATCH', '/api/business', { departmentsEnabled: true });
    await t.call(admin, 'POST', '/api/naver/products', { productId: 'P-9', name: '상담' });
    const hidden = await t.call(admin, 'POST', '/api/memo-types', { name: '숨김 메모', visible: false });
    expect((await t.call(admin, 'PUT', '/api/naver/memo-type', { memoTypeId: hidden.body.id })).body.error.code).toBe('MEMO_TYPE_HIDDEN');
    const ok = await t.call(admin, 'PUT', '/api/naver/memo-type', { memoTypeId: memoType.id });
    expect(ok.body.memoTypeId).toBe(memoType.id);
  });

  it('refuses to delete the linked memo type and asks for confirmation before hiding it', async () => {
    const admin = await t.signup();
    const { memoTypeId } = await connectNaver(t, admin);
    const del = await t.call(admin, 'DELETE', `/api/memo-types/${memoTypeId}`);
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('MEMO_TYPE_LINKED_TO_NAVER');
    const hide = await t.call(admin, 'PATCH', `/api/memo-types/${memoTypeId}`, { visible: false });
    expect(hide.status).toBe(409);
    expect(hide.body.error.code).toBe('MEMO_TYPE_HIDE_NEEDS_CONFIRM');
    expect(hide.body.error.message).toMatch(/노출해제/);
    expect((await t.call(admin, 'GET', '/api/memo-types')).body.items.find((m: { id: string }) => m.id === memoTypeId).visible).toBe(true);
    const confirmed = await t.call(admin, 'PATCH', `/api/memo-types/${memoTypeId}`, { visible: false, confirm: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.visible).toBe(false);
    // Other memo types hide without a question.
    const other = await t.call(admin, 'POST', '/api/memo-types', { name: '기타 메모' });
    expect((await t.call(admin, 'PATCH', `/api/memo-types/${other.body.id}`, { visible: false })).status).toBe(200);
  });

  it('requires settings.manage and a session', async () => {
    expect((await t.call(null, 'GET', '/api/naver/connection')).status).toBe(401);
  });
});
