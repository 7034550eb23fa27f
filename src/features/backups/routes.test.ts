import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { addMember, expectError } from '../../../test/helpers.ts';
import { recordRun } from './repository.ts';
import { backupFileName } from './domain/rotation.ts';

// buildApp reads the data directory from YEYAK_DATA_DIR; this file's process gets a folder of its own (pool: forks).
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yeyak-backup-routes-'));
const previousDataDir = process.env.YEYAK_DATA_DIR;
process.env.YEYAK_DATA_DIR = dataDir;
afterAll(() => {
  if (previousDataDir === undefined) delete process.env.YEYAK_DATA_DIR;
  else process.env.YEYAK_DATA_DIR = previousDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.each(engines)('GET /api/settings/backups (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('admins only: a member, even with 설정 관리, gets 403; no session 401', async () => {
    const admin = await t.signup();
    const { session: member } = await addMember(t, admin, ['settings.manage']);
    expectError(await t.call(member, 'GET', '/api/settings/backups'), 403, 'FORBIDDEN');
    expectError(await t.call(null, 'GET', '/api/settings/backups'), 401, 'UNAUTHENTICATED');
  });

  it('shows the last run, the last success, and the kept backups with the rule that keeps each', async () => {
    const admin = await t.signup();
    const dir = path.join(dataDir, 'backups');
    fs.mkdirSync(dir, { recursive: true });
    const today = new Date('2026-03-20T03:00:00Z');
    const yesterday = new Date('2026-03-19T03:00:00Z');
    const names = [backupFileName('auto', today), backupFileName('auto', new Date('2026-03-20T01:00:00Z')), backupFileName('manual', yesterday)];
    for (const name of names) fs.writeFileSync(path.join(dir, name), 'x'.repeat(10));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a backup');
    await recordRun(t.database.db, { kind: 'auto', startedAt: yesterday, finishedAt: yesterday, ok: true, file: path.join(dir, names[2]!), sizeBytes: 10, error: null });
    await recordRun(t.database.db, { kind: 'auto', startedAt: today, finishedAt: today, ok: false, file: null, sizeBytes: null, error: '디스크가 가득 찼습니다' });

    const res = await t.call(admin, 'GET', '/api/settings/backups');
    expect(res.status).toBe(200);
    expect(res.body.rule).toEqual({ daily: 7, weekly: 4, timeZone: 'Asia/Seoul' });
    if (engine === 'postgres') {
      expect(res.body).toMatchObject({ engine: 'postgres', automatic: false, directory: null, lastRun: null, backups: [] });
      return;
    }
    expect(res.body).toMatchObject({
      engine: 'pglite',
      automatic: true,
      directory: dir,
      lastRun: { kind: 'auto', ok: false, error: '디스크가 가득 찼습니다', file: null, sizeBytes: null, startedAt: today.toISOString() },
      lastSuccess: { kind: 'auto', ok: true, file: path.join(dir, names[2]!), sizeBytes: 10, error: null },
    });
    expect(res.body.backups).toEqual([
      { file: names[0], kind: 'auto', createdAt: today.toISOString(), sizeBytes: 10, keptBy: ['daily', 'weekly'] },
      { file: names[1], kind: 'auto', createdAt: '2026-03-20T01:00:00.000Z', sizeBytes: 10, keptBy: [] },
      { file: names[2], kind: 'manual', createdAt: yesterday.toISOString(), sizeBytes: 10, keptBy: [] },
    ]);
  });
});
