import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app/app.ts';
import { startJobs, type Jobs } from '../src/platform/jobs/jobs.ts';
import { prepareQueues, startWorkers } from '../src/app/jobs.ts';
import { createTestDatabase, type Engine, type TestDatabase } from './db.ts';

export interface Session {
  cookie: string;
  userId: string;
  businessId: string;
  staffId: string | null;
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  jobs: Jobs;
  /** Signs up a new business and returns its admin's session. */
  signup(overrides?: Partial<{ businessName: string; serviceType: string; email: string; name: string; password: string }>): Promise<Session>;
  login(email: string, password: string): Promise<Session>;
  /**
   * An HTTP call as a session (or anonymous); JSON body in, parsed JSON out.
   * Each call comes from an address of its own (a new visitor), so the
   * abuse limits (SEC-1) see real traffic, unless `client` names the address.
   */
  call(session: Session | null, method: string, url: string, body?: unknown, options?: { client?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any; response: LightMyRequestResponse }>;
  close(): Promise<void>;
}

let counter = 0;
let clients = 0;

/** A fresh client address (10.x.y.z), as if another visitor or shop made the request. */
export function newClientAddress(): string {
  clients += 1;
  return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
}

/** A migrated app on a fresh database; `workers` also runs the background workers (the Naver sender …). */
export async function createTestApp(engine: Engine, options: { workers?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  const jobs = await startJobs(database, { schema: database.schema ? `${database.schema}_jobs` : 'pgboss', connectionString: process.env.TEST_DATABASE_URL });
  await prepareQueues(jobs);
  if (options.workers) await startWorkers(database.db, jobs);
  const app = await buildApp({ database, jobs, logLevel: process.env.TEST_LOG_LEVEL });
  await app.ready();

  function sessionFrom(response: LightMyRequestResponse): Session {
    const cookie = response.cookies.find((c) => c.name === 'yeyak_session');
    if (!cookie) throw new Error(`no session cookie: ${response.statusCode} ${response.body}`);
    const body = response.json();
    return { cookie: `yeyak_session=${cookie.value}`, userId: body.user.id, businessId: body.business.id, staffId: body.user.staffId };
  }

  const t: TestApp = {
    app,
    database,
    jobs,
    async signup(overrides = {}) {
      counter += 1;
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        remoteAddress: newClientAddress(),
        payload: {
          businessName: `테스트 업체 ${counter}`,
          serviceType: 'clinic',
          name: '관리자',
          email: `admin${counter}-${Date.now()}@test.yeyak.kr`,
          password: 'password123',
          ...overrides,
        },
      });
      if (response.statusCode !== 201) throw new Error(`signup failed: ${response.statusCode} ${response.body}`);
      return sessionFrom(response);
    },
    async login(email, password) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: newClientAddress() });
      if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
      return sessionFrom(response);
    },
    async call(session, method, url, body, options = {}) {
      const response = await app.inject({
        method: method as 'GET',
        url,
        remoteAddress: options.client ?? newClientAddress(),
        headers: { ...(session ? { cookie: session.cookie } : {}), ...options.headers },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      let parsed: unknown = null;
      if (response.body) {
        try {
          parsed = response.json();
        } catch {
          parsed = response.body;
        }
      }
      return { status: response.statusCode, body: parsed, response };
    },
    async close() {
      await app.close();
      await jobs.stop();
      await database.dispose();
    },
  };
  return t;
}
