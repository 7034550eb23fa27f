import { PgBoss, fromKysely, fromPglite, type SendOptions, type WorkWithMetadataHandler } from 'pg-boss';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/types.ts';

/**
 * Background jobs on pg-boss, in the same database as the data, so a job is
 * enqueued in the transaction of the change that calls for it (the
 * transactional outbox): both commit or neither does, and a job survives a
 * crash. On PGlite pg-boss runs through its PGlite adapter; PGlite serialises
 * the adapter's statements with Kysely's transactions.
 */
export interface Jobs {
  boss: PgBoss;
  /** Enqueues a job inside a Kysely transaction. */
  sendInTransaction(trx: Kysely<DB>, queue: string, data: object, options?: SendOptions): Promise<string | null>;
  /** Creates a queue with its retry policy (idempotent). Every process that sends to a queue creates it first. */
  createQueue(queue: string, policy: QueuePolicy): Promise<void>;
  /** Starts processing a queue in this process, one job at a time, with retry metadata. */
  work<T extends object>(queue: string, policy: QueuePolicy, handler: WorkWithMetadataHandler<T>): Promise<void>;
  stop(): Promise<void>;
}

export interface QueuePolicy {
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
  retryDelayMax?: number;
  expireInSeconds?: number;
  /** A job without a heartbeat for this long is failed and retried (its worker died). */
  heartbeatSeconds?: number;
  pollingIntervalSeconds?: number;
  /** Jobs of this queue run side by side in one process. */
  localConcurrency?: number;
}

export interface JobsOptions {
  schema?: string;
  connectionString?: string;
  /**
   * How often pg-boss's supervisor looks for jobs whose worker died (expiry
   * or heartbeat lapsed) and fails them for a retry. pg-boss's default, a
   * minute, unless YEYAK_JOBS_SUPERVISE_SECONDS says otherwise: tests that
   * kill a product process set it low so they do not wait a minute for it.
   */
  superviseSeconds?: number;
}

export async function startJobs(database: Database, options: JobsOptions = {}): Promise<Jobs> {
  const schema = options.schema ?? 'pgboss';
  const superviseSeconds = options.superviseSeconds ?? superviseSecondsFromEnv();
  // A supervise pass fails dead jobs only in queues whose monitor interval is over, so both move together.
  const supervision = superviseSeconds ? { superviseIntervalSeconds: superviseSeconds, monitorIntervalSeconds: superviseSeconds } : {};
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', schema, ...supervision })
    : new PgBoss({ connectionString: options.connectionString, schema, max: 4, ...supervision });
  boss.on('error', (error) => console.error('[jobs]', error));
  await boss.start();
  const created = new Set<string>();

  async function ensureQueue(queue: string, policy: QueuePolicy) {
    if (created.has(queue)) return;
    const { retryLimit, retryDelay, retryBackoff, retryDelayMax, expireInSeconds, heartbeatSeconds } = policy;
    const options = { retryLimit, retryDelay, retryBackoff, expireInSeconds, ...(retryDelayMax !== undefined ? { retryDelayMax } : {}), ...(heartbeatSeconds ? { heartbeatSeconds } : {}) };
    if (await boss.getQueue(queue)) await boss.updateQueue(queue, options);
    else await boss.createQueue(queue, options);
    created.add(queue);
  }

  return {
    boss,
    async sendInTransaction(trx, queue, data, sendOptions = {}) {
      return boss.send(queue, data, { ...sendOptions, db: fromKysely(trx) });
    },
    createQueue: ensureQueue,
    async work<T extends object>(queue: string, policy: QueuePolicy, handler: WorkWithMetadataHandler<T>) {
      await ensureQueue(queue, policy);
      await boss.work(queue, { pollingIntervalSeconds: policy.pollingIntervalSeconds ?? 1, batchSize: 1, includeMetadata: true as const, localConcurrency: policy.localConcurrency ?? 1 }, handler);
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}

function superviseSecondsFromEnv(): number | undefined {
  const value = process.env.YEYAK_JOBS_SUPERVISE_SECONDS;
  if (value === undefined || value === '') return undefined;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`YEYAK_JOBS_SUPERVISE_SECONDS 는 1 이상의 정수(초)여야 합니다: "${value}"`);
  return seconds;
}
