import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db/database.ts';

const root = path.resolve(import.meta.dirname, '..');

export interface ProductProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGKILL: no shutdown hooks, as a crash. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `node src/main.ts start` as its own process and waits for the URL it
 * prints. pg-boss's supervisor runs every 2 s instead of every minute, so a
 * test that kills a process sees its dead jobs retried without waiting.
 */
export async function startProduct(env: Record<string, string>, timeoutMs = 60_000): Promise<ProductProcess> {
  const child = spawn(process.execPath, ['src/main.ts', 'start'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', YEYAK_LOG_LEVEL: 'warn', YEYAK_JOBS_SUPERVISE_SECONDS: '2', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`product did not start:\n${output}`)), timeoutMs);
    const check = () => {
      const match = output.match(/시작되었습니다: (http:\/\/[^\s]+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`product exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    child,
    output: () => output,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Logs in through the HTTP API and returns a fetch bound to that session. */
export async function apiSession(base: string, email: string, password: string) {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const me = await login.json();
  return {
    me,
    async call(method: string, url: string, body?: unknown) {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
  };
}

/** Works on a stopped product's data (PGlite allows one process at a time), then closes it. */
export async function withProductData<T>(engine: 'pglite' | 'postgres', storage: { env: Record<string, string>; url: string | null }, work: (database: Database) => Promise<T>): Promise<T> {
  const database = engine === 'pglite' ? await openDatabase({ kind: 'pglite', dataDir: storage.env.YEYAK_DATA_DIR! }) : await openDatabase({ kind: 'postgres', url: storage.url!, max: 2 });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** A fresh place for one product's data: a temp directory (PGlite) or a new database on the test server (PostgreSQL). */
export async function productStorage(engine: 'pglite' | 'postgres', prefix: string): Promise<{ env: Record<string, string>; url: string | null; dispose: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `yeyak-${prefix}-`));
    return { env: { YEYAK_DATA_DIR: dir }, url: null, dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const name = `yeyak_${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    url: url.toString(),
    dispose: async () => {
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Polls `probe` until it answers something other than undefined, or fails after `timeoutMs` naming `what`. */
export async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
