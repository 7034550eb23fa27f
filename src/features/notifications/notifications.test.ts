import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { notifyUsers } from './use-cases/notify-users.ts';

describe.each(engines)('notifications on %s', (engine) => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => t?.close());

  it('counts unread, marks one and all as read, and keeps other users out', async () => {
    const admin = await t.signup();
    const other = await t.signup();
    for (const title of ['첫 알림', '둘째 알림']) {
      await t.database.db.transaction().execute((trx) => notifyUsers(trx, admin.businessId, [admin.userId], { kind: 'test', title, body: '', scheduleId: null }));
    }
    const list = await t.call(admin, 'GET', '/api/notifications');
    expect(list.body.unread).toBe(2);
    expect(list.body.items.map((n: { title: string }) => n.title)).toEqual(['둘째 알림', '첫 알림']);

    const id = list.body.items[0].id;
    expect((await t.call(other, 'POST', `/api/notifications/${id}/read`)).status).toBe(404);
    const read = await t.call(admin, 'POST', `/api/notifications/${id}/read`);
    expect(read.body.unread).toBe(1);
    await t.call(admin, 'POST', '/api/notifications/read-all');
    expect((await t.call(admin, 'GET', '/api/notifications/unread-count')).body.unread).toBe(0);
  });

  it('pushes a committed notification to the open stream, and nothing from a rolled-back one', async () => {
    const admin = await t.signup();
    const controller = new AbortController();
    const response = await fetch(`${base}/api/notifications/stream`, { headers: { cookie: admin.cookie }, signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (marker: string) => {
      while (!text.includes(marker)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    };
    await readUntil('event: ready');

    await t.database.db
      .transaction()
      .execute(async (trx) => {
        await notifyUsers(trx, admin.businessId, [admin.userId], { kind: 'test', title: '취소될 알림', body: '', scheduleId: null });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await t.database.db.transaction().execute(async (trx) => {
      await notifyUsers(trx, admin.businessId, [admin.userId], { kind: 'test', title: '실시간 알림', body: '본문', scheduleId: null });
    });
    await readUntil('실시간 알림');
    controller.abort();
    expect(text).toContain('event: notification');
    expect(text).not.toContain('취소될 알림');
    const event = text.split('\n\n').find((chunk) => chunk.includes('실시간 알림'))!;
    const data = JSON.parse(event.split('\n').find((l) => l.startsWith('data: '))!.slice(6));
    expect(data.unread).toBe(1);
    expect(data.notification.title).toBe('실시간 알림');
  });
});
