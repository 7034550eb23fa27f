// Message dispatch (MSG-8, MSG-11): one coupon message to N customers sent
// now through the product's service and pg-boss workers on PostgreSQL to the
// local Solapi-compatible server, timed from createMessage until the message
// is `sent`, next to the same provider calls (create group, list it, add 500,
// send) made directly in a loop for the same recipients without the database,
// in the same process. Duplicates (a recipient with more than one message at
// the provider) and losses (a recipient without one) must both be 0.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { migrate } from '../src/platform/db/migrate.ts';
import type { Actor } from '../src/features/auth/context.ts';
import { PERMISSIONS } from '../src/features/auth/index.ts';
import { registerBusiness } from '../src/features/settings/index.ts';
import { BATCH_SIZE } from '../src/features/messaging/queues.ts';
import type { Coupon } from '../src/features/messaging/domain/coupon.ts';
import type { MessageContent } from '../src/features/messaging/domain/message.ts';
import { channelFor, renderText } from '../src/features/messaging/domain/render.ts';
import { startLocalProvider, type LocalProvider } from '../tools/solapi-local/index.ts';
import { createSolapiProvider } from '../src/features/messaging/provider/solapi.ts';
import type { ProviderMessage } from '../src/features/messaging/provider/types.ts';
import { upsertProviderSettings } from '../src/features/messaging/index.ts';
import { createMessage } from '../src/features/messaging/use-cases/create-message.ts';
import { startJobs } from '../src/platform/jobs/jobs.ts';
import { prepareQueues, startWorkers } from '../src/app/jobs.ts';
import { publicUrl } from '../src/platform/http/public-url.ts';
import { couponContent, noSendSettings as noSettings, zoneWithLocalHour } from '../src/features/messaging/test-helpers.ts';
import { openBenchDatabase } from './calendar-day.ts';

export interface DispatchBenchOptions {
  url: string;
  /** Customers, all with consent and a mobile number: the recipients of the one message. */
  messages: number;
  connections: number;
}

const API_KEY = 'BENCHKEY';
const API_SECRET = 'BENCHSECRET';
const SENDER = '0212345678';
const OPT_OUT = '0808001234';
const content: MessageContent = couponContent;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function dispatchBench(options: DispatchBenchOptions): Promise<Record<string, unknown>> {
  const loadBefore = Number(os.loadavg()[0]!.toFixed(2));
  const bench = await openBenchDatabase({ engine: 'postgres', url: options.url, connections: options.connections });
  const { database } = bench;
  const { db } = database;
  const providers: LocalProvider[] = [];
  try {
    await migrate(database);
    const zone = zoneWithLocalHour(9, 18);
    const { business, user } = await registerBusiness(db, {
      businessName: '벤치마크 카페',
      serviceType: 'restaurant',
      phone: '0212345678',
      admin: { name: '관리자', email: `dispatch-${Date.now()}@bench.yeyak.kr`, password: 'bench-password-1' },
    });
    await db.updateTable('businesses').set({ time_zone: zone }).where('id', '=', business.id).execute();
    await sql`insert into customers (business_id, name, phone, marketing_consent, marketing_consent_at)
      select ${business.id}, '고객' || i, '010' || lpad(i::text, 8, '0'), true, now()
      from generate_series(1, ${options.messages}::int) i`.execute(db);
    await sql`analyze customers`.execute(db);

    // The product side: its own provider, the service, the workers of a `start` process.
    const product = await startLocalProvider({ port: 0, apiKey: API_KEY, apiSecret: API_SECRET, deliveryDelayMs: 1000 });
    providers.push(product);
    await upsertProviderSettings(db, { businessId: business.id, apiUrl: product.url, apiKey: API_KEY, apiSecret: API_SECRET, senderPhone: SENDER, optOutPhone: OPT_OUT, kakaoPfId: null });
    const jobs = await startJobs(database, { schema: bench.jobsSchema, connectionString: options.url });
    let productSeconds: number;
    let fixedAfterSeconds: number | null = null;
    let cpuMs: number;
    let messageId: string;
    try {
      await prepareQueues(jobs);
      await startWorkers(db, jobs);
      const actor: Actor = { businessId: business.id, userId: user.id, userName: '관리자', role: 'admin', permissions: new Set(PERMISSIONS), timeZone: zone };
      const cpu = process.cpuUsage();
      const started = performance.now();
      const message = await createMessage(db, jobs, actor, { content, audience: { kind: 'filter' }, settings: noSettings });
      messageId = message.id;
      const deadline = started + Math.max(600_000, options.messages * 20);
      for (;;) {
        const row = await db.selectFrom('messages').select(['status', 'status_reason']).where('id', '=', messageId).executeTakeFirstOrThrow();
        if (row.status === 'sending' && fixedAfterSeconds === null) fixedAfterSeconds = (performance.now() - started) / 1000;
        if (row.status === 'sent') break;
        if (row.status === 'failed' || row.status === 'cancelled') throw new Error(`message ${row.status}: ${row.status_reason}`);
        if (performance.now() > deadline) throw new Error(`message still ${row.status} after ${Math.round((performance.now() - started) / 1000)} s`);
        await sleep(100);
      }
      productSeconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      cpuMs = (used.user + used.system) / 1000;
    } finally {
      await jobs.stop();
    }

    const recipients = await db
      .selectFrom('message_recipients')
      .select(['id', 'name', 'phone', 'provider_message_id', 'coupon_expires_at', 'coupon_code', 'opt_out_token'])
      .where('message_id', '=', messageId)
      .orderBy('batch_no')
      .orderBy('id')
      .execute();
    const atProvider = product.messagesPerRecipient();
    const ours = new Set(recipients.map((r) => r.id));
    const lost = recipients.filter((r) => r.provider_message_id === null || !atProvider.has(r.id)).length;
    const strangers = [...atProvider.keys()].filter((id) => !ours.has(id)).length;
    const productDuplicates = product.duplicates().length;
    // Time between one batch's end and the next one's: the worker's cycle per batch of BATCH_SIZE.
    const batchEnds = await db.selectFrom('message_batches').select('sent_at').where('message_id', '=', messageId).orderBy('sent_at').execute();
    const gaps = batchEnds.slice(1).map((b, i) => b.sent_at!.getTime() - batchEnds[i]!.sent_at!.getTime()).sort((a, b) => a - b);
    const batchCycleMs = gaps.length ? gaps[Math.floor(gaps.length / 2)]! : null;

    // The raw side: the same provider calls for the same recipients and texts, no database, no jobs.
    const raw = await startLocalProvider({ port: 0, apiKey: API_KEY, apiSecret: API_SECRET, deliveryDelayMs: 1000 });
    providers.push(raw);
    const client = createSolapiProvider({ apiUrl: raw.url, apiKey: API_KEY, apiSecret: API_SECRET });
    const info = { name: '벤치마크 카페', phone: '0212345678', timeZone: zone, optOutPhone: OPT_OUT };
    const coupon = content.coupon as Coupon;
    const rawCpu = process.cpuUsage();
    const rawStarted = performance.now();
    for (let i = 0; i < recipients.length; i += BATCH_SIZE) {
      const batch = recipients.slice(i, i + BATCH_SIZE);
      const { groupId } = await client.createGroup();
      await client.listGroupMessages(groupId);
      const messages = batch.map((r): ProviderMessage => {
        const text = renderText(info, content, coupon, { name: r.name, expiresAt: r.coupon_expires_at, couponCode: r.coupon_code, optOutUrl: `${publicUrl()}/optout/${r.opt_out_token}` });
        const type = channelFor(content.channel, text) === 'sms' ? 'SMS' : 'LMS';
        return { recipientId: r.id, to: r.phone, from: SENDER, type, text, ...(type === 'SMS' ? {} : { subject: content.title }) };
      });
      await client.addGroupMessages(groupId, messages);
      await client.sendGroup(groupId);
    }
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    const rawUsed = process.cpuUsage(rawCpu);
    const rawAtProvider = raw.messagesPerRecipient();
    const rawLost = recipients.filter((r) => !rawAtProvider.has(r.id)).length;
    const rawDuplicates = raw.duplicates().length;

    const productRate = recipients.length / productSeconds;
    const rawRate = recipients.length / rawSeconds;
    const duplicates = productDuplicates + rawDuplicates;
    const losses = lost + rawLost + Math.abs(recipients.length - options.messages);
    return {
      bench: 'dispatch',
      engine: 'postgres',
      messages: recipients.length,
      batches: Math.ceil(recipients.length / BATCH_SIZE),
      product: {
        messagesPerSecond: Number(productRate.toFixed(1)),
        seconds: Number(productSeconds.toFixed(2)),
        recipientsFixedAfterSeconds: fixedAfterSeconds === null ? null : Number(fixedAfterSeconds.toFixed(2)),
        batchCycle_ms_p50: batchCycleMs,
        process_cpu_ms_per_1000: Number(((cpuMs / recipients.length) * 1000).toFixed(1)),
        duplicates: productDuplicates,
        lost,
        unknownAtProvider: strangers,
      },
      raw: {
        messagesPerSecond: Number(rawRate.toFixed(1)),
        seconds: Number(rawSeconds.toFixed(2)),
        process_cpu_ms_per_1000: Number(((((rawUsed.user + rawUsed.system) / 1000) / recipients.length) * 1000).toFixed(1)),
        duplicates: rawDuplicates,
        lost: rawLost,
      },
      ratio: Number((productRate / rawRate).toFixed(3)),
      duplicates,
      losses,
      connections: options.connections,
      cpus: os.availableParallelism(),
      loadBefore,
      errors: duplicates + losses + strangers,
    };
  } finally {
    for (const p of providers) await p.close();
    await bench.drop();
  }
}
