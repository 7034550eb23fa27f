import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { DEMO_LOGIN, seedDemo } from './demo.ts';

process.env.YEYAK_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'yeyak-demo-loyalty-'));

// MSG-1, MSG-2: the demo clinic's customers have visits, points, grades and tags, so every group has members.

describe('demo loyalty on pglite', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    expect(await seedDemo(t.database.db, new Date())).toBe(true);
  });
  afterAll(async () => t?.close());

  it('fills every group, with grades, tags, consent, a POS key and visits from completed schedules', async () => {
    const admin = await t.login(DEMO_LOGIN.email, DEMO_LOGIN.password);
    const groups = (await t.call(admin, 'GET', '/api/customer-groups')).body;
    expect(groups).toEqual({ regular: 12, prospective: 10, first: 12 });
    expect((await t.call(admin, 'GET', '/api/customer-grades')).body.items.map((g: any) => g.name)).toEqual(['VIP', '일반']);
    expect((await t.call(admin, 'GET', '/api/customer-tags')).body.items.map((g: any) => g.name).sort()).toEqual(['레이저', '피부관리']);
    expect((await t.call(admin, 'GET', '/api/pos-keys')).body.items.map((k: any) => k.name)).toEqual(['데모 POS']);

    const customers = (await t.call(admin, 'GET', '/api/customers?limit=200')).body.items;
    const regulars = customers.filter((c: any) => c.groups.includes('regular'));
    expect(regulars).toHaveLength(12);
    expect(regulars.every((c: any) => c.grade === 'VIP' && c.pointsAccumulated > 0 && c.tags.includes('피부관리'))).toBe(true);
    expect(regulars.some((c: any) => c.pointsHeld < c.pointsAccumulated)).toBe(true);
    const loyal = customers.filter((c: any) => c.groups.length > 0);
    const consenting = loyal.filter((c: any) => c.marketingConsent).length;
    expect(consenting).toBeGreaterThan(loyal.length / 2);
    expect(consenting).toBeLessThan(loyal.length);

    const { db } = t.database;
    const completed = await db.selectFrom('schedules').select('id').where('business_id', '=', admin.businessId).where('status', '=', 'completed').execute();
    const scheduleVisits = await db.selectFrom('customer_visits').select('schedule_id').where('business_id', '=', admin.businessId).where('source', '=', 'schedule').execute();
    expect(scheduleVisits).toHaveLength(completed.length);
  });
});
