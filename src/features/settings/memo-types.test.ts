import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { expectError, MISSING_ID } from '../../../test/helpers.ts';
import { insertSchedule } from './test-fixtures.ts';

describe.each(engines)('memo types on %s (CORE-6)', (engine) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup();
  });
  afterAll(async () => t?.close());

  async function memoTypes() {
    const res = await t.call(admin, 'GET', '/api/memo-types');
    expect(res.status).toBe(200);
    return res.body.items as { id: string; name: string; sortOrder: number; visible: boolean }[];
  }

  it('starts with the default memo type', async () => {
    expect(await memoTypes()).toEqual([{ id: expect.any(String), name: '일반 메모', sortOrder: 0, visible: true }]);
  });

  it('adds memo types at the end, visible unless told otherwise, and lists hidden ones too', async () => {
    const a = await t.call(admin, 'POST', '/api/memo-types', { name: '시술 메모' });
    expect(a.status).toBe(201);
    expect(a.body).toEqual({ id: expect.any(String), name: '시술 메모', sortOrder: 1, visible: true });
    const hidden = await t.call(admin, 'POST', '/api/memo-types', { name: '이전 상담 기록', visible: false });
    expect(hidden.body).toMatchObject({ sortOrder: 2, visible: false });
    const first = await t.call(admin, 'POST', '/api/memo-types', { name: '주의사항', sortOrder: -1 });
    expect(first.body.sortOrder).toBe(-1);
    expect((await memoTypes()).map((m) => [m.name, m.visible])).toEqual([
      ['주의사항', true],
      ['일반 메모', true],
      ['시술 메모', true],
      ['이전 상담 기록', false],
    ]);
  });

  it('renames, reorders, hides (노출해제) and shows a memo type', async () => {
    const m = (await t.call(admin, 'POST', '/api/memo-types', { name: '네이버 옵션' })).body;
    const hidden = await t.call(admin, 'PATCH', `/api/memo-types/${m.id}`, { visible: false });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toEqual({ ...m, visible: false });
    const changed = await t.call(admin, 'PATCH', `/api/memo-types/${m.id}`, { name: '네이버 옵션/요청사항', sortOrder: 20, visible: true });
    expect(changed.body).toEqual({ id: m.id, name: '네이버 옵션/요청사항', sortOrder: 20, visible: true });
    expect((await t.call(admin, 'PATCH', `/api/memo-types/${m.id}`, {})).body).toEqual(changed.body);
    expect((await memoTypes()).find((x) => x.id === m.id)).toEqual(changed.body);
  });

  it('refuses a duplicate name, bad input and unknown ids', async () => {
    expectError(await t.call(admin, 'POST', '/api/memo-types', { name: '일반 메모' }), 409, 'MEMO_TYPE_NAME_TAKEN');
    const m = (await t.call(admin, 'POST', '/api/memo-types', { name: '상담 메모' })).body;
    expectError(await t.call(admin, 'PATCH', `/api/memo-types/${m.id}`, { name: '일반 메모' }), 409, 'MEMO_TYPE_NAME_TAKEN');
    expectError(await t.call(admin, 'POST', '/api/memo-types', { name: '순서', sortOrder: 1.5 }), 400, 'VALIDATION_FAILED');
    expectError(await t.call(admin, 'PATCH', `/api/memo-types/${m.id}`, { visible: 'no' }), 400, 'VALIDATION_FAILED');
    expectError(await t.call(admin, 'PATCH', `/api/memo-types/${MISSING_ID}`, { name: '없음' }), 404, 'MEMO_TYPE_NOT_FOUND');
    expectError(await t.call(admin, 'DELETE', `/api/memo-types/${MISSING_ID}`), 404, 'MEMO_TYPE_NOT_FOUND');
  });

  it('keeps a memo type that memos use (it can be hidden instead) and deletes an unused one', async () => {
    const used = (await t.call(admin, 'POST', '/api/memo-types', { name: '사용 중' })).body;
    const unused = (await t.call(admin, 'POST', '/api/memo-types', { name: '안 씀' })).body;
    await insertSchedule(t, admin.businessId, { staffId: admin.staffId!, memoTypeId: used.id });

    const refused = await t.call(admin, 'DELETE', `/api/memo-types/${used.id}`);
    expectError(refused, 409, 'MEMO_TYPE_IN_USE');
    expect(refused.body.error.message).toMatch(/노출해제/);
    expect((await t.call(admin, 'PATCH', `/api/memo-types/${used.id}`, { visible: false })).body.visible).toBe(false);

    expect((await t.call(admin, 'DELETE', `/api/memo-types/${unused.id}`)).status).toBe(204);
    const ids = (await memoTypes()).map((m) => m.id);
    expect(ids).toContain(used.id);
    expect(ids).not.toContain(unused.id);
  });
});
