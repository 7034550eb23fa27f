import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/db.ts';
import { couponContent as content, noSendSettings as noSettings, zoneWithLocalHour } from './test-helpers.ts';
import { apiSession, productStorage, startProduct, until, type ProductProcess, withProductData } from '../../../test/product-process.ts';
import type { Database } from '../../platform/db/database.ts';
import { findDuplicates, readLocalProviderFile, startLocalProvider, type LocalProvider } from '../../../tools/solapi-local/index.ts';

/**
 * MSG-11 across a real crash: the product (its own process, workers on) is
 * killed with SIGKILL while the provider holds a batch's messages whose
 * answer the product never read; started again on the same data, it
 * finishes the send, and the provider (kept running in this process, its
 * data file counting every message ever added) holds exactly one message
 * per recipient. About 1.5 minutes per engine, most of it waiting for
 * pg-boss's supervisor (once a minute) to fail the dead run so it is retried.
 */

const CUSTOMERS = 10_000;
const API_KEY = 'CRASHKEY';
const API_SECRET = 'CRASHSECRET';
const PASSWORD = 'password123';




describe.each(engines)('a coupon message survives a crash mid-send on %s (MSG-11)', (engine) => {
  let dir: string;
  let dataFile: string;
  let provider: LocalProvider;
  let storage: Awaited<ReturnType<typeof productStorage>>;
  const processes: ProductProcess[] = [];
  /** The product to kill the moment the provider has stored more than 1,000 messages, before it answers. */
  let victim: ProductProcess | null = null;
  let killedAt: number | null = null;

  const withData = <T>(work: (database: Database) => Promise<T>) => withProductData(engine, storage, work);

  async function start(): Promise<ProductProcess> {
    const product = await startProduct({ ...storage.env, YEYAK_WORKERS: 'true' }, 120_000);
    processes.push(product);
    return product;
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yeyak-msgcrash-'));
    dataFile = path.join(dir, 'provider.jsonl');
    provider = await startLocalProvider({
      port: 0,
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      dataFile,
      deliveryDelayMs: 20,
      // Called while the add request is handled, before its answer is written: the product dies not knowing the batch was taken.
      log: (line) => {
        if (victim && killedAt === null && line.startsWith('그룹 ') && provider.messages().length > 1000) {
          killedAt = provider.messages().length;
          victim.child.kill('SIGKILL');
        }
      },
    });
    storage = await productStorage(engine, 'msgcrash');
  });
  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill();
    await provider?.close();
    await storage?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`sends each of ${CUSTOMERS.toLocaleString('en')} recipients exactly one message when killed mid-batch`, { timeout: 600_000 }, async () => {
    // 1. A business of its own, signed up through the product.
    const first = await start();
    const email = `crash-${Date.now()}@test.yeyak.kr`;
    const signup = await fetch(`${first.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ businessName: '크래시 카페', serviceType: 'restaurant', name: '관리자', email, password: PASSWORD }),
    });
    expect(signup.status).toBe(201);
    const businessId: string = (await signup.json()).business.id;
    await first.stop();

    // 2. Its customers, provider settings and a daytime zone, written while no product runs.
    await withData(async ({ db }) => {
      await sql`insert into customers (business_id, name, phone, marketing_consent, marketing_consent_at)
        select ${businessId}, '고객' || i, '010' || lpad(i::text, 8, '0'), true, now()
        from generate_series(1, ${CUSTOMERS}::int) i`.execute(db);
      await db
        .insertInto('message_provider_settings')
        .values({ business_id: businessId, api_url: provider.url, api_key: API_KEY, api_secret: API_SECRET, sender_phone: '0212345678', opt_out_phone: '0808001234' })
        .execute();
      await db.updateTable('businesses').set({ time_zone: zoneWithLocalHour(9, 18) }).where('id', '=', businessId).execute();
    });

    // 3. Send now to every customer; the product is killed inside the third batch.
    const second = await start();
    const admin = await apiSession(second.url, email, PASSWORD);
    const audience = await admin.call('POST', '/api/messages/audience', { audience: { kind: 'filter' }, settings: noSettings });
    expect(audience.body.recipients).toBe(CUSTOMERS);
    victim = second;
    const created = await admin.call('POST', '/api/messages', { content, audience: { kind: 'filter' }, settings: noSettings });
    expect(created.status).toBe(201);
    const messageId: string = created.body.id;
    await until('the crash', 180_000, async () => (second.child.exitCode !== null || second.child.signalCode !== null ? true : undefined));
    expect(second.child.signalCode).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThan(1000);
    expect(killedAt).toBeLessThan(CUSTOMERS);
    const beforeRestart = readLocalProviderFile(dataFile).length;
    expect(beforeRestart).toBeLessThan(CUSTOMERS);

    await withData(async ({ db }) => {
      // The killed batch: its group id stored, its messages at the provider, none recorded as accepted.
      const open = await db.selectFrom('message_batches').select(['batch_no', 'provider_group_id']).where('message_id', '=', messageId).where('status', '=', 'pending').orderBy('batch_no').execute();
      expect(open.length).toBeGreaterThan(0);
      expect(open[0]!.provider_group_id).not.toBeNull();
      // pg-boss retries a job whose worker died once its heartbeat (30 s) or expiry has lapsed, and
      // the batch's lease (120 s) must end first; the test moves both back rather than waiting.
      const aged = await sql<{ id: string }>`update pgboss.job set started_on = started_on - interval '1 hour', heartbeat_on = now() - interval '1 hour'
        where name = 'message-batch' and state = 'active' returning id`.execute(db);
      expect(aged.rows.length).toBeGreaterThan(0);
      await db.updateTable('message_batches').set({ lease_until: new Date(Date.now() - 1000) }).where('message_id', '=', messageId).where('status', '=', 'pending').execute();
    });

    // 4. Started again on the same data: the send finishes.
    const third = await start();
    const again = await apiSession(third.url, email, PASSWORD);
    const detail = await until('the message to be sent', 300_000, async () => {
      const res = await again.call('GET', `/api/messages/${messageId}`);
      return res.body.status === 'sent' ? res.body : undefined;
    });
    expect(detail).toMatchObject({ status: 'sent', recipientCount: CUSTOMERS, counts: { pending: 0, failed: 0 } });
    await third.stop();

    // 5. Exactly one message per recipient at the provider, across both lives of the product.
    const received = readLocalProviderFile(dataFile);
    expect(received.length).toBe(CUSTOMERS);
    expect(findDuplicates(received)).toEqual([]);
    expect(provider.duplicates()).toEqual([]);
    await withData(async ({ db }) => {
      const rows = await db.selectFrom('message_recipients').select(['id', 'provider_message_id']).where('message_id', '=', messageId).execute();
      expect(rows.length).toBe(CUSTOMERS);
      expect(rows.filter((r) => r.provider_message_id === null)).toEqual([]);
      expect(new Set(received.map((m) => m.recipientId))).toEqual(new Set(rows.map((r) => r.id)));
      const byProviderId = new Map(received.map((m) => [m.messageId, m.recipientId]));
      expect(rows.filter((r) => byProviderId.get(r.provider_message_id!) !== r.id)).toEqual([]);
    });
  });
});
