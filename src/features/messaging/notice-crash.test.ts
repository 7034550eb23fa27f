import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/db.ts';
import { productStorage, startProduct, until, type ProductProcess, withProductData } from '../../../test/product-process.ts';
import type { Database } from '../../platform/db/database.ts';
import { findDuplicates, readLocalProviderFile, startLocalProvider, type LocalProvider } from '../../../tools/solapi-local/index.ts';

/**
 * NOTI-2 across a real crash: due reminders are sent by the product's own
 * process (the minute's notice sweep); it is killed with SIGKILL while the
 * provider holds a notice whose answer the product never read. Started
 * again on the same data, every reminder reaches the provider exactly once
 * (the provider runs in this process and its data file counts every
 * message ever added).
 */

const NOTICES = 120;
const API_KEY = 'NOTICECRASHKEY';
const API_SECRET = 'NOTICECRASHSECRET';

describe.each(engines)('customer notices survive a crash mid-send on %s (NOTI-2)', (engine) => {
  let dir: string;
  let dataFile: string;
  let provider: LocalProvider;
  let storage: Awaited<ReturnType<typeof productStorage>>;
  const processes: ProductProcess[] = [];
  let victim: ProductProcess | null = null;
  let killedAt: number | null = null;

  const withData = <T>(work: (database: Database) => Promise<T>) => withProductData(engine, storage, work);

  async function start(): Promise<ProductProcess> {
    const product = await startProduct({ ...storage.env, YEYAK_WORKERS: 'true' }, 120_000);
    processes.push(product);
    return product;
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yeyak-noticecrash-'));
    dataFile = path.join(dir, 'provider.jsonl');
    provider = await startLocalProvider({
      port: 0,
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      dataFile,
      deliveryDelayMs: 20,
      // While an add is handled, before its answer is written: the product dies not knowing the notice was taken.
      log: (line) => {
        if (victim && killedAt === null && line.startsWith('그룹 ') && provider.messages().length >= NOTICES / 3) {
          killedAt = provider.messages().length;
          victim.child.kill('SIGKILL');
        }
      },
    });
    storage = await productStorage(engine, 'noticecrash');
  });
  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill();
    await provider?.close();
    await storage?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`sends each of ${NOTICES} due reminders exactly once when the sender is killed mid-send`, { timeout: 420_000 }, async () => {
    const first = await start();
    const signup = await fetch(`${first.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ businessName: '크래시 의원', serviceType: 'clinic', name: '관리자', email: `noticecrash-${Date.now()}@test.yeyak.kr`, password: 'password123' }),
    });
    expect(signup.status).toBe(201);
    const businessId: string = (await signup.json()).business.id;
    await first.stop();

    // Due reminders, written while no product runs (as the booking transactions would have).
    await withData(async ({ db }) => {
      await db
        .insertInto('message_provider_settings')
        .values({ business_id: businessId, api_url: provider.url, api_key: API_KEY, api_secret: API_SECRET, sender_phone: '0212345678', opt_out_phone: '0808001234' })
        .execute();
      await sql`insert into customer_notices (business_id, event, dedupe_key, name, phone, variables, send_at)
        select ${businessId}, 'reminder', 'crash:' || i, '고객' || i, '010' || lpad(i::text, 8, '0'),
          jsonb_build_object('업체명', '크래시 의원', '고객명', '고객' || i, '일시', '12월 24일 (목) 10:00', '예약내용', '진료', '연락처', '02-123-4567'),
          now() - interval '1 minute'
        from generate_series(1, ${NOTICES}::int) i`.execute(db);
    });

    const second = await start();
    victim = second;
    await until('the crash', 180_000, async () => (second.child.exitCode !== null || second.child.signalCode !== null ? true : undefined));
    expect(second.child.signalCode).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThanOrEqual(NOTICES / 3);
    expect(killedAt).toBeLessThan(NOTICES);

    await withData(async ({ db }) => {
      // The killed send: the notice's group stored, its message at the provider, the notice not recorded as accepted.
      const held = await db.selectFrom('customer_notices').select(['id', 'provider_group_id']).where('business_id', '=', businessId).where('status', '=', 'sending').execute();
      expect(held.length).toBeGreaterThan(0);
      expect(held.every((n) => n.provider_group_id !== null)).toBe(true);
      // The dead run's lease (120 s) is moved back rather than waited out.
      await db.updateTable('customer_notices').set({ lease_until: new Date(Date.now() - 1000) }).where('business_id', '=', businessId).where('status', '=', 'sending').execute();
    });

    const third = await start();
    await until('every reminder accepted', 240_000, async () => {
      const rows = readLocalProviderFile(dataFile);
      return rows.length >= NOTICES && provider.messages().length >= NOTICES ? true : undefined;
    }, 500);
    // Give the last run time to record its answer, then stop.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await third.stop();

    const received = readLocalProviderFile(dataFile);
    expect(received.length).toBe(NOTICES);
    expect(findDuplicates(received)).toEqual([]);
    await withData(async ({ db }) => {
      const rows = await db.selectFrom('customer_notices').select(['id', 'status', 'provider_message_id']).where('business_id', '=', businessId).execute();
      expect(rows.length).toBe(NOTICES);
      expect(rows.filter((r) => r.status === 'pending' || r.status === 'sending' || r.status === 'failed')).toEqual([]);
      expect(new Set(received.map((m) => m.recipientId))).toEqual(new Set(rows.map((r) => r.id)));
    });
  });
});
