import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGIN } from '../src/app/demo/demo.ts';
import { engines } from './db.ts';
import { apiSession, productStorage, startProduct, type ProductProcess } from './product-process.ts';

const root = path.resolve(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exitCode = (child: ProductProcess['child']) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

async function waitFor(check: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A fresh TCP connection (no keep-alive pool): refused once the server stopped listening. */
function probe(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

async function loginCookie(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_LOGIN.email, password: DEMO_LOGIN.password }) });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

describe.each(engines)('graceful shutdown (SIGTERM) of a real product process (%s)', (engine) => {
  let storage: Awaited<ReturnType<typeof productStorage>>;
  // The embedded database's folder (lock, control socket); none on PostgreSQL.
  let dir: string | null = null;
  const processes: ProductProcess[] = [];
  beforeAll(async () => {
    storage = await productStorage(engine, 'shutdown');
    dir = storage.env.YEYAK_DATA_DIR ?? null;
  });
  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null) await p.kill();
    await storage?.dispose();
  });

  it('start: refuses new connections, finishes the request in flight, ends event streams, exits 0 and leaves the folder reopenable', async () => {
    const product = await startProduct(storage.env);
    processes.push(product);
    const cookie = await loginCookie(product.url);
    const { hostname, port } = new URL(product.url);

    // An open live-notification stream (SSE), as a browser tab keeps.
    let streamEnded = false;
    await new Promise<void>((resolve, reject) => {
      http
        .get({ hostname, port, path: '/api/notifications/stream', headers: { cookie, accept: 'text/event-stream' }, agent: false }, (res) => {
          expect(res.statusCode).toBe(200);
          res.on('data', () => undefined);
          res.on('end', () => (streamEnded = true));
          resolve();
        })
        .on('error', reject);
    });

    // A slow request: headers and the first half of the body now, the rest after SIGTERM.
    const body = Buffer.from(JSON.stringify({ name: '종료중고객', phone: '01055556666' }));
    const request = http.request({ hostname, port, path: '/api/customers', method: 'POST', agent: false, headers: { cookie, 'content-type': 'application/json', 'content-length': body.length } });
    const response = new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
      request.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: text, connection: res.headers.connection }));
      });
      request.on('error', reject);
    });
    request.write(body.subarray(0, 10));
    await sleep(300);

    product.child.kill('SIGTERM');
    await waitFor(() => product.output().includes('종료 신호(SIGTERM)를 받았습니다'), 'the shutdown message');
    await waitFor(() => streamEnded, 'the event stream to end', 3000);
    expect(await probe(`${product.url}/healthz`)).toBe('ECONNREFUSED');
    await sleep(700);
    expect(product.child.exitCode).toBeNull(); // still waiting for the request in flight

    const sentRest = Date.now();
    request.end(body.subarray(10));
    const answer = await response;
    expect(answer.status, answer.body).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({ name: '종료중고객' });
    expect(await exitCode(product.child)).toBe(0);
    expect(Date.now() - sentRest).toBeLessThan(8000); // not held by the stream until the drain timeout
    if (dir) {
      expect(fs.existsSync(path.join(dir, 'yeyak.lock'))).toBe(false);
      expect(fs.existsSync(path.join(dir, 'yeyak.sock'))).toBe(false);
    }

    // The data opens again and has the customer the slow request wrote.
    const again = await startProduct(storage.env);
    processes.push(again);
    const admin = await apiSession(again.url, DEMO_LOGIN.email, DEMO_LOGIN.password);
    expect((await admin.call('GET', `/api/customers?q=${encodeURIComponent('종료중고객')}`)).body.total).toBe(1);
    again.child.kill('SIGINT');
    expect(await exitCode(again.child)).toBe(0);
  }, 120_000);

  it('worker: SIGTERM stops the pg-boss workers, closes the database and releases the lock, exit 0', async () => {
    const child = spawn(process.execPath, ['src/main.ts', 'worker'], { cwd: root, env: { ...process.env, ...storage.env, YEYAK_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    processes.push({ child, url: '', output: () => output, kill: async () => void child.kill('SIGKILL'), stop: async () => void child.kill('SIGTERM') });
    await waitFor(() => output.includes('작업 프로세스가 시작되었습니다') || child.exitCode !== null, 'the worker to start', 60_000);
    if (dir) expect(fs.existsSync(path.join(dir, 'yeyak.lock'))).toBe(true);
    child.kill('SIGTERM');
    expect(await exitCode(child), output).toBe(0);
    expect(output).toContain('종료 신호(SIGTERM)를 받았습니다');
    if (dir) expect(fs.existsSync(path.join(dir, 'yeyak.lock'))).toBe(false);
  }, 90_000);
});
