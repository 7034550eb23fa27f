import { afterEach, describe, expect, it } from 'vitest';
import { runLocalTossCli } from './cli.ts';
import { authenticated, basic, callToss, type Cleanups } from './test-helpers.ts';

const cleanups: Cleanups = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { log: (l: string) => out.push(l), error: (l: string) => err.push(l) } };
}

describe('npm run provider:toss-local', () => {
  it('starts with the default merchant and prints the URL and keys', async () => {
    const { out, io: cliIo } = io();
    const { exitCode, server } = await runLocalTossCli(['--port', '0'], cliIo);
    expect(exitCode).toBe(0);
    cleanups.push(() => server!.close());
    expect(out[0]).toBe(`로컬 토스페이먼츠 서버: ${server!.url}`);
    expect(out.join('\n')).toContain('클라이언트 키 test_ck_local · 시크릿 키 test_sk_local');
    const paymentKey = await authenticated(server!, { orderId: 'order-cli-0001', amount: 1000, clientKey: 'test_ck_local' });
    expect((await callToss(server!, 'GET', `/v1/payments/${paymentKey}`, { authorization: basic('test_sk_local') })).json.status).toBe('IN_PROGRESS');
  });

  it('--help prints the usage; a bad option exits 2', async () => {
    const help = io();
    expect((await runLocalTossCli(['--help'], help.io)).exitCode).toBe(0);
    expect(help.out[0]).toContain('사용법: npm run provider:toss-local');
    const bad = io();
    expect((await runLocalTossCli(['--port', 'x'], bad.io)).exitCode).toBe(2);
    expect((await runLocalTossCli(['--nope'], bad.io)).exitCode).toBe(2);
    expect(bad.err[0]).toContain('--port 값이 올바르지 않습니다');
  });
});
