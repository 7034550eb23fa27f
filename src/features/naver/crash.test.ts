import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/db.ts';
import { apiSession, productStorage, startProduct, type ProductProcess } from '../../../test/product-process.ts';
import { DEMO_LOGIN } from '../../app/demo/demo.ts';
import { signedHeaders } from './domain/signature.ts';
import { bookingEvent } from './test-helpers.ts';

describe.each(engines)('Naver outbox survives a crash on %s (NAVER-9)', (engine) => {
  const received: { commandId: string; command: string }[] = [];
  let receiver: http.Server;
  let receiverUrl = '';
  let storage: Awaited<ReturnType<typeof productStorage>>;
  const processes: ProductProcess[] = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        received.push(JSON.parse(raw));
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
    storage = await productStorage(engine, 'crash');
  });
  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null) await p.kill();
    await new Promise((r) => receiver.close(r));
    await storage?.dispose();
  });

  it('sends a committed confirm once after the process is killed before sending it', async () => {
    // First process: the API without workers, so the command is committed but not sent.
    const first = await startProduct({ ...storage.env, YEYAK_WORKERS: 'false' });
    processes.push(first);
    const admin = await apiSession(first.url, DEMO_LOGIN.email, DEMO_LOGIN.password);
    const saved = await admin.call('PUT', '/api/naver/connection', { enabled: true, outboundUrl: receiverUrl });
    expect(saved.status).toBe(200);
    const productId = saved.body.products[0]?.productId ?? (await admin.call('POST', '/api/naver/products', { productId: 'P-CRASH', name: '크래시 테스트 상품' })).body.products[0].productId;

    const body = JSON.stringify(bookingEvent('NB-CRASH', 1, 'booking.created', { productId }));
    const posted = await fetch(`${first.url}${saved.body.webhookPath}`, { method: 'POST', headers: signedHeaders(saved.body.secret, body), body });
    expect(await posted.json()).toEqual({ result: 'created' });
    const day = await admin.call('GET', '/api/calendar?date=2026-11-24&days=1');
    const schedule = day.body.schedules.find((s: { source: string; customer: { name: string } }) => s.source === 'naver' && s.customer.name === '홍길동');
    expect((await admin.call('POST', `/api/schedules/${schedule.id}/status`, { status: 'confirmed' })).status).toBe(200);
    expect((await admin.call('GET', `/api/schedules/${schedule.id}/naver`)).body.commands.map((c: { status: string }) => c.status)).toEqual(['pending']);

    await first.kill();
    expect(received).toEqual([]);

    // Second process on the same data, with workers: the command goes out, once.
    const second = await startProduct(storage.env);
    processes.push(second);
    const deadline = Date.now() + 30_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 3000));
    expect(received.map((r) => r.command)).toEqual(['confirm']);
    const again = await apiSession(second.url, DEMO_LOGIN.email, DEMO_LOGIN.password);
    expect((await again.call('GET', `/api/schedules/${schedule.id}/naver`)).body.commands.map((c: { status: string }) => c.status)).toEqual(['sent']);
    await second.stop();
  });
});
