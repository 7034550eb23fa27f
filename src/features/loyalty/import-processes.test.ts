import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/db.ts';
import { productStorage, startProduct, type ProductProcess } from '../../../test/product-process.ts';
import { IMPORT_INTERRUPTED } from './domain/import-file.ts';

/**
 * MSG-1 across real product processes (`node src/main.ts start`): the
 * import lives in the database, so a process other than the one that took
 * the upload runs it and answers its progress, and a SIGKILL mid-import
 * ends it visibly — failed with the reason, none of its customers written.
 */

const HEADER = '이름,전화번호,등급,태그,메모,마케팅 수신 동의,보유 포인트,누적 포인트,방문수';
const PASSWORD = 'password123';

/** n valid customer lines with distinct phones. */
function csv(n: number): Buffer {
  const lines = Array.from({ length: n }, (_, i) => `가져온고객${i},010-${String(7000 + Math.floor(i / 10000))}-${String(i % 10000).padStart(4, '0')},일반,"태그A, 태그B",,Y,${i % 1000},${i % 5000},${i % 20}`);
  return Buffer.from([HEADER, ...lines].join('\n'));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A business of its own, signed up through the product; the session cookie. */
async function signup(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ businessName: '가져오기 피부과', serviceType: 'clinic', name: '관리자', email: `imp-${Date.now()}-${Math.random()}@test.yeyak.kr`, password: PASSWORD }),
  });
  expect(res.status).toBe(201);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function upload(base: string, cookie: string, bytes: Buffer): Promise<{ importId: string; total: number }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), 'customers.csv');
  const res = await fetch(`${base}/api/customers/import`, { method: 'POST', body: form, headers: { cookie } });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(202);
  return body;
}

async function poll(base: string, cookie: string, importId: string, timeoutMs?: number) {
  const res = await fetch(`${base}/api/customers/import/${importId}`, { headers: { cookie }, signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

async function untilFinished(base: string, cookie: string, importId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = await poll(base, cookie, importId);
    if (body.status === 'done' || body.status === 'failed') return body;
    if (Date.now() > deadline) throw new Error(`import still ${body.status}: ${JSON.stringify(body)}`);
    await sleep(200);
  }
}

async function customerTotal(base: string, cookie: string): Promise<number> {
  const res = await fetch(`${base}/api/customers?limit=1`, { headers: { cookie } });
  return (await res.json()).total;
}

/** PostgreSQL only: the embedded database is one process by design. */
for (const engine of engines.filter((e) => e === 'postgres')) {
  describe(`customer import across two server processes on ${engine}`, () => {
    let storage: Awaited<ReturnType<typeof productStorage>>;
    const processes: ProductProcess[] = [];

    beforeAll(async () => {
      storage = await productStorage(engine, 'import2');
      // The process taking the upload runs no workers: the other one must run the job.
      processes.push(await startProduct({ ...storage.env, YEYAK_WORKERS: 'false' }, 120_000));
      processes.push(await startProduct({ ...storage.env, YEYAK_WORKERS: 'true' }, 120_000));
    }, 240_000);

    afterAll(async () => {
      for (const p of processes) await p.stop();
      await storage?.dispose();
    });

    it('an upload to one process is run by the other and polled through either', async () => {
      const [api, worker] = processes as [ProductProcess, ProductProcess];
      const cookie = await signup(api.url);
      const started = await upload(api.url, cookie, csv(5000));
      expect(started.total).toBe(5000);
      const done = await untilFinished(worker.url, cookie, started.importId, 60_000);
      expect(done).toMatchObject({ status: 'done', total: 5000, processed: 5000, inserted: 5000, updated: 0, rejected: [], duplicates: [] });
      expect(await poll(api.url, cookie, started.importId)).toEqual(done);
      expect(await customerTotal(api.url, cookie)).toBe(5000);
    }, 120_000);
  });
}

describe.each(engines)('a customer import killed mid-import on %s', (engine) => {
  const ROWS = 60_000;
  let storage: Awaited<ReturnType<typeof productStorage>>;
  const processes: ProductProcess[] = [];

  async function start(): Promise<ProductProcess> {
    const product = await startProduct({ ...storage.env, YEYAK_WORKERS: 'true' }, 120_000);
    processes.push(product);
    return product;
  }

  beforeAll(async () => {
    storage = await productStorage(engine, 'impkill');
  });

  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill();
    await storage?.dispose();
  });

  it(`ends as failed with the reason and writes none of ${ROWS.toLocaleString('en')} rows; uploaded again, all of them`, async () => {
    const first = await start();
    const cookie = await signup(first.url);
    const file = csv(ROWS);
    const { importId } = await upload(first.url, cookie, file);

    // Kill while the rows are being written: on PostgreSQL the poll shows them counted (uncommitted);
    // on PGlite the import's transaction holds the one connection, so a poll that hangs means it is writing.
    let seen: unknown = null;
    for (;;) {
      let body;
      try {
        body = await poll(first.url, cookie, importId, 1000);
      } catch (error) {
        if ((error as Error).name !== 'TimeoutError') throw error;
        seen = 'a poll waiting for the import’s transaction';
        break;
      }
      expect(body.status, JSON.stringify(body)).not.toBe('done');
      if (body.status === 'running' && body.processed > 0 && body.processed < ROWS * 0.8) {
        seen = body;
        break;
      }
      await sleep(50);
    }
    await first.kill();
    expect(seen).not.toBeNull();

    // Started again on the same data: the import ends visibly, and none of its customers exist.
    const second = await start();
    const failed = await untilFinished(second.url, cookie, importId, 90_000);
    expect(failed).toMatchObject({ status: 'failed', error: IMPORT_INTERRUPTED, total: ROWS, inserted: 0, updated: 0 });
    expect(await customerTotal(second.url, cookie)).toBe(0);

    // Uploaded again as the message asks: all of them.
    const again = await upload(second.url, cookie, file);
    const done = await untilFinished(second.url, cookie, again.importId, 120_000);
    expect(done).toMatchObject({ status: 'done', inserted: ROWS, updated: 0 });
    expect(await customerTotal(second.url, cookie)).toBe(ROWS);
    await second.stop();
  }, 400_000);
});
