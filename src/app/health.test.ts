import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { engines } from '../../test/db.ts';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from '../platform/db/types.ts';
import { beginDrain } from './health.ts';

describe.each(engines)('health endpoints (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('/healthz answers without a session and without the database', async () => {
    expect(await t.call(null, 'GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('probes are never rate limited (the public limit is 600 a minute per address)', async () => {
    const answers = await Promise.all(Array.from({ length: 650 }, () => t.app.inject({ method: 'GET', url: '/healthz' })));
    expect(answers.filter((a) => a.statusCode !== 200)).toEqual([]);
  });

  it('/readyz checks the database and the job queue', async () => {
    expect(await t.call(null, 'GET', '/readyz')).toMatchObject({ status: 200, body: { status: 'ready', database: 'ok', jobs: 'ok' } });
  });

  it('/readyz answers 503 NOT_READY in our error shape, naming what failed', async () => {
    const deps = t.app.deps;
    const realDatabase = deps.database;
    const realVersion = deps.jobs.boss.schemaVersion;
    // A database that does not answer: nothing listens on port 1.
    const down = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: 'postgres://yeyak@127.0.0.1:1/yeyak', connectionTimeoutMillis: 1000 }) }) });
    try {
      deps.database = { ...realDatabase, db: down };
      const dbDown = await t.call(null, 'GET', '/readyz');
      expect(dbDown.status).toBe(503);
      expect(dbDown.body).toEqual({ error: { code: 'NOT_READY', message: '데이터베이스가 응답하지 않아 요청을 받을 준비가 되지 않았습니다.', details: { database: 'failed', jobs: 'ok' } } });

      deps.database = realDatabase;
      deps.jobs.boss.schemaVersion = () => Promise.reject(new Error('connection refused'));
      const queueDown = await t.call(null, 'GET', '/readyz');
      expect(queueDown.status).toBe(503);
      expect(queueDown.body.error).toMatchObject({ code: 'NOT_READY', message: expect.stringContaining('작업 큐'), details: { database: 'ok', jobs: 'failed' } });
    } finally {
      deps.database = realDatabase;
      deps.jobs.boss.schemaVersion = realVersion;
      await down.destroy();
    }
    expect((await t.call(null, 'GET', '/readyz')).status).toBe(200);
  });

  it('both are public in the OpenAPI document (security: [])', async () => {
    const doc = (await t.call(null, 'GET', '/api/openapi.json')).body;
    expect(doc.paths['/healthz'].get.security).toEqual([]);
    expect(doc.paths['/readyz'].get.security).toEqual([]);
    expect(Object.keys(doc.paths['/readyz'].get.responses)).toEqual(expect.arrayContaining(['200', '503']));
  });

  it('while draining, every request gets 503 SHUTTING_DOWN with Connection: close', async () => {
    const admin = await t.signup();
    beginDrain(t.app);
    for (const [session, url] of [[admin, '/api/auth/me'], [null, '/api/auth/me'], [null, '/readyz']] as const) {
      const res = await t.call(session, 'GET', url);
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error: { code: 'SHUTTING_DOWN', message: '서버가 종료하는 중입니다. 잠시 후 다시 시도해 주세요.' } });
      expect(res.response.headers.connection).toBe('close');
    }
  });
});
