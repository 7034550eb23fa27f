import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runLocalProviderCli } from './cli.ts';
import { findDuplicates, readLocalProviderFile } from './records.ts';
import { startLocalProvider, type LocalProvider } from './server.ts';
import { createSolapiProvider, KAKAO_NOT_FRIEND_CODE, kakaoFallbackNeeded, newSolapiSalt, parseDeliveryReports, ProviderError, solapiAuthorization, verifyReportSignature } from '../../src/features/messaging/provider/solapi.ts';
import type { DeliveryReport, MessageProvider, ProviderMessage } from '../../src/features/messaging/provider/types.ts';

const KEY = 'LOCALKEY';
const SECRET = 'LOCALSECRET';

interface Receiver {
  url: string;
  port: number;
  reports: DeliveryReport[];
  refused: number;
  close(): Promise<void>;
}

/** A tiny stand-in for our webhook: checks the token, keeps the reports. */
async function startReceiver(port = 0): Promise<Receiver> {
  const reports: DeliveryReport[] = [];
  const receiver = { refused: 0 } as Receiver;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? undefined;
      if (!verifyReportSignature({ apiSecret: SECRET, token }).ok) {
        receiver.refused += 1;
        return res.writeHead(401).end();
      }
      reports.push(...parseDeliveryReports(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${actual}/api/messaging/solapi/reports`,
    port: actual,
    reports,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function localProvider(options: Partial<Parameters<typeof startLocalProvider>[0]> = {}): Promise<LocalProvider> {
  const provider = await startLocalProvider({ apiKey: KEY, apiSecret: SECRET, deliveryDelayMs: 30, reportRetryDelayMs: 30, ...options });
  cleanups.push(() => provider.close());
  return provider;
}

function client(local: { url: string }, over: Partial<{ apiSecret: string; now: () => Date; timeoutMs: number }> = {}): MessageProvider {
  return createSolapiProvider({ apiUrl: local.url, apiKey: KEY, apiSecret: over.apiSecret ?? SECRET }, { ...(over.now ? { now: over.now } : {}), timeoutMs: over.timeoutMs ?? 5_000 });
}

function sms(recipientId: string, to: string, text = `${recipientId}님, 쿠폰이 도착했어요`): ProviderMessage {
  return { recipientId, to, from: '0212345678', type: 'SMS', text };
}

async function expectProviderError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('the Solapi client against the local server', () => {
  it('creates a group, adds 3 messages, lists them, sends, and the reports reach our webhook', async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const local = await localProvider({ reportUrl: receiver.url, failPhones: ['010-0000-0003'] });
    const provider = client(local);

    const { groupId } = await provider.createGroup();
    expect(groupId).toMatch(/^G4V[0-9]{14}[0-9A-Z]{15}$/);
    const accepted = await provider.addGroupMessages(groupId, [
      { recipientId: 'r-1', to: '01012345678', from: '0212345678', type: 'ATA', text: '홍길동님, 단골 감사 쿠폰을 드려요.\n10% 할인', kakao: { pfId: 'KA01PF-demo', templateId: 'regular-thanks' } },
      sms('r-2', '010-2222-3333'),
      { ...sms('r-3', '01000000003', '(광고) 예약 감사 쿠폰 '.repeat(6)), type: 'LMS', subject: '감사 쿠폰' },
    ]);
    expect(accepted.map((a) => [a.recipientId, a.status, a.statusCode])).toEqual([
      ['r-1', 'accepted', '2000'],
      ['r-2', 'accepted', '2000'],
      ['r-3', 'accepted', '2000'],
    ]);
    expect(new Set(accepted.map((a) => a.messageId)).size).toBe(3);

    const held = await provider.listGroupMessages(groupId);
    expect(held.map((h) => h.recipientId)).toEqual(['r-1', 'r-2', 'r-3']);
    expect(held.map((h) => h.messageId)).toEqual(accepted.map((a) => a.messageId));

    await provider.sendGroup(groupId);
    await local.idle();

    const byRecipient = (id: string) => receiver.reports.filter((r) => r.recipientId === id).map((r) => `${r.status}:${r.statusCode}`);
    expect(byRecipient('r-1')).toEqual(['sent:3000', 'delivered:4000']);
    expect(byRecipient('r-2')).toEqual(['sent:3000', 'delivered:4000']);
    expect(byRecipient('r-3')).toEqual(['failed:3032']);
    expect(receiver.reports.find((r) => r.recipientId === 'r-3')?.statusMessage).toBe('미가입자');
    expect(receiver.refused).toBe(0);
    expect(local.reportStats()).toEqual({ posted: 5, retries: 0, dropped: 0, pending: 0 });

    const after = await provider.listGroupMessages(groupId);
    expect(after.map((h) => h.status)).toEqual(['delivered', 'delivered', 'failed']);
    expect(local.groups()[0]).toMatchObject({ groupId, status: 'COMPLETE' });
  });

  it('fails numbers that are not Korean phone numbers with 3010', async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const local = await localProvider({ reportUrl: receiver.url });
    const provider = client(local);
    const { groupId } = await provider.createGroup();
    await provider.addGroupMessages(groupId, [sms('r-1', '0101234')]);
    await provider.sendGroup(groupId);
    await local.idle();
    expect(receiver.reports.map((r) => [r.recipientId, r.status, r.statusCode])).toEqual([['r-1', 'failed', '3010']]);
  });

  it('refuses at add time what Solapi refuses (SMS over 90 bytes, 알림톡 without a channel) and never sends it', async () => {
    const local = await localProvider();
    const provider = client(local);
    const { groupId } = await provider.createGroup();
    const accepted = await provider.addGroupMessages(groupId, [
      sms('r-1', '01012345678', '가'.repeat(46)),
      { recipientId: 'r-2', to: '01012345679', from: '0212345678', type: 'ATA', text: '알림톡' },
      sms('r-3', '01012345670', '가'.repeat(45)),
    ]);
    expect(accepted.map((a) => [a.recipientId, a.status, a.statusCode])).toEqual([
      ['r-1', 'failed', '1031'],
      ['r-2', 'failed', '1041'],
      ['r-3', 'accepted', '2000'],
    ]);
    await provider.sendGroup(groupId);
    await local.idle();
    expect(local.messages().map((m) => m.statusCode)).toEqual(['1031', '1041', '4000']);
  });

  it('a bad signature is refused like Solapi does (403) and is not retryable', async () => {
    const local = await localProvider();
    const wrong = await expectProviderError(client(local, { apiSecret: 'WRONG' }).createGroup());
    expect(wrong).toMatchObject({ retryable: false, httpStatus: 403, code: 'SignatureDoesNotMatch' });

    const skewed = await expectProviderError(client(local, { now: () => new Date(Date.now() - 20 * 60_000) }).createGroup());
    expect(skewed).toMatchObject({ retryable: false, httpStatus: 403, code: 'RequestTimeTooSkewed' });

    const none = await fetch(`${local.url}/messages/v4/groups`, { method: 'POST' });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ errorCode: 'InvalidAuthorizationHeader' });
    expect(local.groups()).toEqual([]);
  });

  it('the same signature twice is refused (DuplicatedSignature)', async () => {
    const local = await localProvider({ now: () => new Date('2030-01-01T00:00:10Z') });
    const provider = createSolapiProvider({ apiUrl: local.url, apiKey: KEY, apiSecret: SECRET }, { salt: () => 'fixed-salt-123456', now: () => new Date('2030-01-01T00:00:00Z') });
    await provider.createGroup();
    expect(await expectProviderError(provider.createGroup())).toMatchObject({ retryable: false, httpStatus: 403, code: 'DuplicatedSignature' });
    expect(local.groups()).toHaveLength(1);
  });

  it('server down, 503 and timeouts are retryable', async () => {
    const port = await freePort();
    const down = await expectProviderError(client({ url: `http://127.0.0.1:${port}` }).createGroup());
    expect(down).toMatchObject({ retryable: true, httpStatus: null, code: 'NETWORK' });

    const local = await localProvider();
    local.failNext(1);
    expect(await expectProviderError(client(local).createGroup())).toMatchObject({ retryable: true, httpStatus: 503, code: 'ServiceUnavailable' });
    expect(local.groups()).toEqual([]);

    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          silent.close(() => resolve());
          silent.closeAllConnections();
        }),
    );
    const slow = await expectProviderError(client({ url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` }, { timeoutMs: 100 }).createGroup());
    expect(slow).toMatchObject({ retryable: true, httpStatus: null, code: 'TIMEOUT' });
  });

  it('a 4xx other than authentication is not retryable (unknown group)', async () => {
    const local = await localProvider();
    expect(await expectProviderError(client(local).listGroupMessages('G4VNOPE'))).toMatchObject({ retryable: false, httpStatus: 404, code: 'NotFound' });
  });
});

describe('exactly once is the service\'s job: the server keeps what it is given', () => {
  it('adding the same recipient twice stores two messages (the second to the same phone refused 1026, as Solapi does); list and duplicates() show it', async () => {
    const local = await localProvider();
    const provider = client(local);
    const { groupId } = await provider.createGroup();
    await provider.addGroupMessages(groupId, [sms('r-1', '01012345678'), sms('r-2', '01012345679')]);
    const again = await provider.addGroupMessages(groupId, [sms('r-1', '010-1234-5678')]);
    expect(again.map((a) => [a.status, a.statusCode, a.statusMessage])).toEqual([['failed', '1026', '중복 수신번호']]);

    const held = await provider.listGroupMessages(groupId);
    expect(held.map((h) => h.recipientId)).toEqual(['r-1', 'r-2', 'r-1']);
    expect(held.map((h) => h.statusCode)).toEqual(['2000', '2000', '1026']);
    expect(local.messagesPerRecipient().get('r-1')).toBe(2);
    expect(local.duplicates()).toEqual([{ recipientId: 'r-1', count: 2, messageIds: [held[0]!.messageId, held[2]!.messageId] }]);
  });

  it('an add whose answer is lost: listing the group tells the retry what is already there', async () => {
    const local = await localProvider();
    const provider = client(local);
    const { groupId } = await provider.createGroup();
    const batch = [sms('r-1', '01012345671'), sms('r-2', '01012345672'), sms('r-3', '01012345673')];

    local.failNext(1, 'after');
    expect(await expectProviderError(provider.addGroupMessages(groupId, batch))).toMatchObject({ retryable: true, httpStatus: 503 });

    const held = new Set((await provider.listGroupMessages(groupId)).map((h) => h.recipientId));
    const missing = batch.filter((m) => !held.has(m.recipientId));
    expect(missing).toEqual([]);
    if (missing.length) await provider.addGroupMessages(groupId, missing);
    expect(local.duplicates()).toEqual([]);
    expect(local.messages()).toHaveLength(3);
  });

  it('a send repeated after a lost answer succeeds once the group is sending; adding to a sent group is refused', async () => {
    const local = await localProvider();
    const provider = client(local);
    const { groupId } = await provider.createGroup();
    await provider.addGroupMessages(groupId, [sms('r-1', '01012345678')]);
    local.failNext(1, 'after');
    expect(await expectProviderError(provider.sendGroup(groupId))).toMatchObject({ retryable: true });
    await provider.sendGroup(groupId);
    expect(local.groups()[0]!.status).not.toBe('PENDING');
    expect(await expectProviderError(provider.addGroupMessages(groupId, [sms('r-2', '01012345679')]))).toMatchObject({ retryable: false, httpStatus: 400, code: 'InvalidGroupStatus' });
    await local.idle();
  });
});

describe('volume and restarts', () => {
  it('takes 1,000 messages in one call and lists them all (two pages)', async () => {
    const local = await localProvider({ logEachUpTo: 0 });
    const provider = client(local);
    const { groupId } = await provider.createGroup();
    const batch = Array.from({ length: 1000 }, (_, i) => sms(`r-${i}`, `010${String(10_000_000 + i)}`));
    const accepted = await provider.addGroupMessages(groupId, batch);
    expect(accepted).toHaveLength(1000);
    expect(accepted.every((a, i) => a.recipientId === `r-${i}` && a.statusCode === '2000')).toBe(true);
    expect(new Set(accepted.map((a) => a.messageId)).size).toBe(1000);
    const held = await provider.listGroupMessages(groupId);
    expect(held.map((h) => h.recipientId)).toEqual(batch.map((m) => m.recipientId));
  });

  it('retries reports while our server is down, and delivers them when it is back', async () => {
    const port = await freePort();
    const local = await localProvider({ reportUrl: `http://127.0.0.1:${port}/api/messaging/solapi/reports`, deliveryDelayMs: 10, reportRetryDelayMs: 100, reportAttempts: 8 });
    const provider = client(local);
    const { groupId } = await provider.createGroup();
    await provider.addGroupMessages(groupId, [sms('r-1', '01012345678')]);
    await provider.sendGroup(groupId);
    await new Promise((r) => setTimeout(r, 250));
    expect(local.reportStats().retries).toBeGreaterThan(0);

    const receiver = await startReceiver(port);
    cleanups.push(() => receiver.close());
    await local.idle();
    expect(receiver.reports.map((r) => `${r.recipientId}:${r.statusCode}`)).toEqual(['r-1:3000', 'r-1:4000']);
    expect(local.reportStats()).toMatchObject({ posted: 2, dropped: 0, pending: 0 });
  });

  it('appends each message to the data file, so counts survive restarts of the product', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-solapi-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const dataFile = path.join(dir, 'messages.jsonl');
    const local = await localProvider({ dataFile });
    const first = client(local);
    const { groupId } = await first.createGroup();
    await first.addGroupMessages(groupId, [sms('r-1', '01012345678'), sms('r-2', '01012345679')]);
    // "Our product restarted": a new client, same provider and file.
    await client(local).addGroupMessages(groupId, [sms('r-2', '01012345679')]);
    const stored = readLocalProviderFile(dataFile);
    expect(stored.map((m) => m.recipientId)).toEqual(['r-1', 'r-2', 'r-2']);
    expect(findDuplicates(stored).map((d) => [d.recipientId, d.count])).toEqual([['r-2', 2]]);
  });
});

describe('the account: GET /cash/v1/balance and /senderid/v1/numbers', () => {
  const signed = (url: string, init: RequestInit = {}) => fetch(url, { ...init, headers: { authorization: solapiAuthorization({ apiKey: KEY, apiSecret: SECRET }, new Date(), newSolapiSalt()) } });

  it('answers Solapi\'s shapes', async () => {
    const local = await localProvider({ balance: 5000, point: 20, senderIds: ['010-1111-2222', { phoneNumber: '0212345678', status: 'PENDING' }] });
    const balance = await signed(`${local.url}/cash/v1/balance`);
    expect(balance.status).toBe(200);
    expect(await balance.json()).toMatchObject({ balance: 5000, point: 20, deposit: 0, accountId: 'LOCAL', lowBalanceAlert: { enabled: false } });

    const numbers = await signed(`${local.url}/senderid/v1/numbers`);
    expect(numbers.status).toBe(200);
    const body = (await numbers.json()) as { accountId: string; limit: number; senderIds: Record<string, unknown>[]; limitationDocuments: unknown[] };
    expect(body).toMatchObject({ accountId: 'LOCAL', limit: 5, limitationDocuments: [] });
    expect(body.senderIds.map((s) => [s.phoneNumber, s.status])).toEqual([
      ['01011112222', 'ACTIVE'],
      ['0212345678', 'PENDING'],
    ]);
    expect(body.senderIds[0]).toMatchObject({ handleKey: expect.stringMatching(/^SID_/), method: 'SELF-CERT', approvalDocuments: [], dateCreated: expect.any(String) });

    const active = await signed(`${local.url}/senderid/v1/numbers/active`);
    expect(await active.json()).toEqual(['01011112222']);
  });

  it('authenticates first: no header 401, then 404 for an unknown path and 405 for another method', async () => {
    const local = await localProvider();
    for (const path of ['/cash/v1/balance', '/senderid/v1/numbers', '/cash/v1/nope']) {
      const none = await fetch(`${local.url}${path}`);
      expect([path, none.status, ((await none.json()) as { errorCode: string }).errorCode]).toEqual([path, 401, 'InvalidAuthorizationHeader']);
    }
    const unknown = await signed(`${local.url}/cash/v1/nope`);
    expect([unknown.status, ((await unknown.json()) as { errorCode: string }).errorCode]).toEqual([404, 'NotFound']);
    const post = await signed(`${local.url}/senderid/v1/numbers`, { method: 'POST' });
    expect([post.status, ((await post.json()) as { errorCode: string }).errorCode]).toEqual([405, 'MethodNotAllowed']);
    const wrong = await fetch(`${local.url}/cash/v1/balance`, { headers: { authorization: solapiAuthorization({ apiKey: KEY, apiSecret: 'WRONG' }, new Date(), newSolapiSalt()) } });
    expect([wrong.status, ((await wrong.json()) as { errorCode: string }).errorCode]).toEqual([403, 'SignatureDoesNotMatch']);
  });

  it('setAccount refuses a bad value and keeps the old state', async () => {
    const local = await localProvider();
    expect(() => local.setAccount({ balance: -1 })).toThrow(/balance/);
    expect(() => local.setAccount({ senderIds: ['12'] })).toThrow(/발신번호 형식/);
    expect(() => local.setAccount({ senderIds: ['0212345678', '02-1234-5678'] })).toThrow(/두 번/);
    expect(() => local.setAccount({ senderIds: [{ phoneNumber: '0212345678', status: 'APPROVED' as never }] })).toThrow(/상태/);
    expect(local.account()).toEqual({ balance: 100_000, point: 0, senderIds: [{ phoneNumber: '0212345678', status: 'ACTIVE' }] });
    await expect(localProvider({ senderIds: ['x'] })).rejects.toThrow(/발신번호 형식/);
  });
});

describe('npm run provider:local', () => {
  it('--balance and --sender-ids set the account', async () => {
    const lines: string[] = [];
    const { exitCode, provider } = await runLocalProviderCli(['--port', '0', '--balance', '700', '--sender-ids', '010-1234-5678, 0212345678'], { log: (l) => lines.push(l), error: (l) => lines.push(l) });
    expect(exitCode).toBe(0);
    cleanups.push(() => provider!.close());
    expect(lines).toContain('  잔액 700원 · 발신번호 01012345678, 0212345678');
    expect(await client(provider!).getBalance()).toEqual({ balance: 700, point: 0 });
    expect((await runLocalProviderCli(['--port', '0', '--sender-ids', '12'], { log: () => {}, error: (l) => lines.push(l) })).exitCode).toBe(2);
    expect((await runLocalProviderCli(['--port', '0', '--balance', '-5'], { log: () => {}, error: () => {} })).exitCode).toBe(2);
  });


  it('prints what it receives in Korean, phones masked', async () => {
    const lines: string[] = [];
    const { exitCode, provider } = await runLocalProviderCli(['--port', '0', '--delay', '10'], { log: (l) => lines.push(l), error: (l) => lines.push(l) });
    expect(exitCode).toBe(0);
    cleanups.push(() => provider!.close());
    expect(lines[0]).toMatch(/^로컬 Solapi 서버: http:\/\/127\.0\.0\.1:[0-9]+$/);
    expect(lines.join('\n')).toContain('API Key LOCALKEY · API Secret LOCALSECRET');

    const api = client(provider!);
    const { groupId } = await api.createGroup();
    await api.addGroupMessages(groupId, [
      { recipientId: 'r-1', to: '01012345678', from: '0212345678', type: 'ATA', text: '홍길동님, 늘 찾아주셔서 감사합니다. 10% 할인 쿠폰을 드려요.\n(2025-01-07까지)', kakao: { pfId: 'PF', templateId: 'T' } },
    ]);
    expect(lines).toContain('수신: 010-****-5678 · 알림톡 · 홍길동님, 늘 찾아주셔서 감사합니다. 10% 할인 쿠폰…');
  });

  it('--help answers the usage; a bad option exits 2', async () => {
    const out: string[] = [];
    const io = { log: (l: string) => out.push(l), error: (l: string) => out.push(l) };
    expect((await runLocalProviderCli(['--help'], io)).exitCode).toBe(0);
    expect(out[0]).toMatch(/^사용법: npm run provider:local/);
    expect((await runLocalProviderCli(['--nope'], io)).exitCode).toBe(2);
    expect((await runLocalProviderCli(['--port', 'abc'], io)).exitCode).toBe(2);
  });
});

describe('Kakao: 알림톡 templates, ATA, 브랜드 메시지', () => {
  const PF = 'KA01PF-local';
  const template = { pfId: PF, name: '예약 확정', content: '#{이름}님, #{날짜} 예약이 확정되었습니다.', categoryCode: '999999' };
  const signed = (url: string, init: RequestInit = {}) => fetch(url, { ...init, headers: { authorization: solapiAuthorization({ apiKey: KEY, apiSecret: SECRET }, new Date(), newSolapiSalt()), ...(init.body ? { 'content-type': 'application/json' } : {}) } });

  it('a new template is submitted for inspection and APPROVED at its next read (templateReview approve, the default)', async () => {
    const local = await localProvider();
    const provider = client(local);
    const created = await provider.createKakaoTemplate(template);
    expect(created).toMatchObject({ pfId: PF, name: '예약 확정', content: template.content, status: 'INSPECTING', rejectReason: null });
    expect(created.templateId).toMatch(/^KA01TP[0-9A-Z]+$/);
    expect(await provider.requestKakaoTemplateInspection(created.templateId)).toMatchObject({ status: 'APPROVED', rejectReason: null });
    expect(await provider.getKakaoTemplate(created.templateId)).toMatchObject({ status: 'APPROVED' });

    const raw = (await (await signed(`${local.url}/kakao/v2/templates/${created.templateId}`)).json()) as Record<string, unknown>;
    expect(raw).toMatchObject({ templateId: created.templateId, channelId: PF, status: 'APPROVED', messageType: 'BA', emphasizeType: 'NONE', securityFlag: false, comments: [], variables: [{ name: '이름' }, { name: '날짜' }] });
    const list = (await (await signed(`${local.url}/kakao/v2/templates?channelId=${PF}`)).json()) as { templateList: { templateId: string }[]; nextKey: string | null };
    expect(list.templateList.map((t) => t.templateId)).toEqual([created.templateId]);
    expect(list.nextKey).toBeNull();
  });

  it('ad content is REJECTED with Kakao\'s comment; templateReview reject and manual decisions', async () => {
    const local = await localProvider();
    const provider = client(local);
    const ad = await provider.createKakaoTemplate({ ...template, name: '쿠폰', content: '#{이름}님, 10% 할인 쿠폰을 드려요.' });
    expect(await provider.getKakaoTemplate(ad.templateId)).toMatchObject({ status: 'REJECTED', rejectReason: '광고성 내용은 알림톡으로 보낼 수 없습니다.' });

    const rejecting = await localProvider({ templateReview: 'reject' });
    const r = client(rejecting);
    const t = await r.createKakaoTemplate(template);
    const rejected = await r.getKakaoTemplate(t.templateId);
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.rejectReason).toMatch(/반려/);

    const manual = await localProvider({ templateReview: 'manual' });
    const m = client(manual);
    const a = await m.createKakaoTemplate(template);
    const b = await m.createKakaoTemplate({ ...template, name: '예약 변경' });
    expect(await m.getKakaoTemplate(a.templateId)).toMatchObject({ status: 'INSPECTING' });
    manual.reviewTemplate(a.templateId, 'approve');
    expect(await m.getKakaoTemplate(a.templateId)).toMatchObject({ status: 'APPROVED' });
    const answer = await fetch(`${manual.url}/local/templates/${b.templateId}/reject`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ comment: '변수 예시가 필요합니다.' }) });
    expect(answer.status).toBe(200);
    expect(await m.getKakaoTemplate(b.templateId)).toMatchObject({ status: 'REJECTED', rejectReason: '변수 예시가 필요합니다.' });
    expect((await fetch(`${manual.url}/local/templates/NOPE/approve`, { method: 'POST' })).status).toBe(404);
    expect(await expectProviderError(m.getKakaoTemplate('NOPE'))).toMatchObject({ httpStatus: 404, retryable: false });
  });

  it('an ATA with an approved template is delivered; without one it fails 3105 and is sent as SMS instead unless disableSms', async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const local = await localProvider({ reportUrl: receiver.url, templateReview: 'manual' });
    const provider = client(local);
    const pending = await provider.createKakaoTemplate({ ...template, name: '대기 중' });
    const approved = (await provider.createKakaoTemplate(template)).templateId;
    local.reviewTemplate(approved, 'approve');
    expect(await provider.requestKakaoTemplateInspection(approved)).toMatchObject({ status: 'APPROVED' });
    expect(await provider.requestKakaoTemplateInspection(pending.templateId)).toMatchObject({ status: 'INSPECTING' });
    const ata = (recipientId: string, to: string, templateId: string, disableSms?: boolean): ProviderMessage => ({
      recipientId,
      to,
      from: '0212345678',
      type: 'ATA',
      text: '홍길동님, 1월 7일 예약이 확정되었습니다.',
      kakao: { pfId: PF, templateId, variables: { 이름: '홍길동', 날짜: '1월 7일' }, ...(disableSms === undefined ? {} : { disableSms }) },
    });
    const { groupId } = await provider.createGroup();
    const accepted = await provider.addGroupMessages(groupId, [
      ata('ok', '01011110001', approved),
      ata('substituted', '01011110002', pending.templateId),
      ata('failed', '01011110003', pending.templateId, true),
      ata('other-channel', '01011110004', 'KA01TPNOPE'),
    ]);
    expect(accepted.map((a) => a.statusCode)).toEqual(['2000', '2000', '2000', '2000']);
    await provider.sendGroup(groupId);
    await local.idle();

    const codes = (id: string) => receiver.reports.filter((r) => r.recipientId === id).map((r) => r.statusCode);
    expect(codes('ok')).toEqual(['3000', '4000']);
    expect(codes('substituted')).toEqual(['3000', '4000']);
    expect(codes('failed')).toEqual(['3105']);
    expect(codes('other-channel')).toEqual(['3000', '4000']);
    const byRecipient = new Map(local.messages().map((m) => [m.recipientId, m]));
    expect(byRecipient.get('ok')).toMatchObject({ type: 'ATA', replacement: false, kakaoOptions: { pfId: PF, templateId: approved, variables: { '#{이름}': '홍길동', '#{날짜}': '1월 7일' } } });
    expect(byRecipient.get('substituted')).toMatchObject({ type: 'SMS', replacement: true });
    expect(byRecipient.get('failed')).toMatchObject({ type: 'ATA', replacement: false, statusCode: '3105', kakaoOptions: { disableSms: true } });
    expect(kakaoFallbackNeeded('3105')).toBe(false);
  });

  it('a 브랜드 메시지 reaches channel friends; to anyone else it fails 3102 (report and listing); setKakaoFriends changes who', async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const local = await localProvider({ reportUrl: receiver.url, kakaoFriends: ['010-2222-0001'] });
    const provider = client(local);
    const bms = (recipientId: string, to: string): ProviderMessage => ({ recipientId, to, from: '0212345678', type: 'BMS_FREE', text: '이번 주 신메뉴를 소개합니다.', kakao: { pfId: PF, bms: { targeting: 'I', chatBubbleType: 'TEXT' } } });
    const { groupId } = await provider.createGroup();
    await provider.addGroupMessages(groupId, [bms('friend', '01022220001'), bms('stranger', '01022220002')]);
    await provider.sendGroup(groupId);
    await local.idle();
    expect(KAKAO_NOT_FRIEND_CODE).toBe('3102');
    expect(kakaoFallbackNeeded(KAKAO_NOT_FRIEND_CODE)).toBe(true);
    expect(receiver.reports.filter((r) => r.recipientId === 'friend').map((r) => r.statusCode)).toEqual(['3000', '4000']);
    expect(receiver.reports.filter((r) => r.recipientId === 'stranger').map((r) => [r.status, r.statusCode, r.statusMessage])).toEqual([['failed', '3102', '카카오톡 채널 친구가 아님']]);
    const listed = await provider.listMessages({ groupId });
    expect(listed.messages.map((m) => [m.recipientId, m.statusCode])).toEqual([
      ['friend', '4000'],
      ['stranger', '3102'],
    ]);
    const raw = (await (await signed(`${local.url}/messages/v4/list?groupId=${groupId}`)).json()) as { messageList: Record<string, { kakaoOptions: unknown; type: string }> };
    expect(Object.values(raw.messageList).map((m) => [m.type, m.kakaoOptions])).toEqual([
      ['BMS_FREE', { pfId: PF, bms: { targeting: 'I', chatBubbleType: 'TEXT' } }],
      ['BMS_FREE', { pfId: PF, bms: { targeting: 'I', chatBubbleType: 'TEXT' } }],
    ]);

    local.setKakaoFriends(null);
    const second = await provider.createGroup();
    await provider.addGroupMessages(second.groupId, [bms('stranger-2', '01022220002')]);
    await provider.sendGroup(second.groupId);
    await local.idle();
    expect(receiver.reports.filter((r) => r.recipientId === 'stranger-2').map((r) => r.statusCode)).toEqual(['3000', '4000']);

    const refused = await provider.addGroupMessages((await provider.createGroup()).groupId, [{ ...bms('no-bms', '01022220003'), kakao: { pfId: PF } }]);
    expect(refused.map((a) => a.statusCode)).toEqual(['1011']);
  });
});

describe('GET /messages/v4/list, listing lag and reports off', () => {
  it('lists by groupId and by messageIds, in pages', async () => {
    const local = await localProvider();
    const provider = client(local);
    const a = await provider.createGroup();
    const b = await provider.createGroup();
    const inA = await provider.addGroupMessages(a.groupId, [sms('a-1', '01033330001'), sms('a-2', '01033330002'), sms('a-3', '01033330003')]);
    const inB = await provider.addGroupMessages(b.groupId, [sms('b-1', '01033330004')]);

    const first = await provider.listMessages({ groupId: a.groupId, limit: 2 });
    expect(first.messages.map((m) => m.recipientId)).toEqual(['a-1', 'a-2']);
    expect(first.nextKey).toBe(inA[2]!.messageId);
    const rest = await provider.listMessages({ groupId: a.groupId, limit: 2, startKey: first.nextKey });
    expect(rest).toEqual({ messages: [{ messageId: inA[2]!.messageId, recipientId: 'a-3', status: 'accepted', statusCode: '2000', statusMessage: '정상 접수(이통사로 접수 예정)' }], nextKey: null });

    const picked = await provider.listMessages({ messageIds: [inB[0]!.messageId, inA[1]!.messageId] });
    expect(picked.messages.map((m) => m.recipientId).sort()).toEqual(['a-2', 'b-1']);
    expect((await provider.listMessages({})).messages).toHaveLength(4);
  });

  it('messages added less than listingLagMs ago are missing from listings until the lag passes', async () => {
    const local = await localProvider({ listingLagMs: 150 });
    const provider = client(local);
    const { groupId } = await provider.createGroup();
    await provider.addGroupMessages(groupId, [sms('r-1', '01044440001')]);
    expect(await provider.listGroupMessages(groupId)).toEqual([]);
    expect((await provider.listMessages({ groupId })).messages).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect((await provider.listGroupMessages(groupId)).map((m) => m.recipientId)).toEqual(['r-1']);
    expect((await provider.listMessages({ groupId })).messages.map((m) => m.recipientId)).toEqual(['r-1']);
    local.setListingLag(60_000);
    expect(await provider.listGroupMessages(groupId)).toEqual([]);
    local.setListingLag(0);
    expect(await provider.listGroupMessages(groupId)).toHaveLength(1);
  });

  it('setReports(false): nothing is posted, statuses still advance in the listing', async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const local = await localProvider({ reportUrl: receiver.url });
    local.setReports(false);
    const provider = client(local);
    const { groupId } = await provider.createGroup();
    await provider.addGroupMessages(groupId, [sms('r-1', '01055550001')]);
    await provider.sendGroup(groupId);
    await local.idle();
    expect(receiver.reports).toEqual([]);
    expect((await provider.listMessages({ groupId })).messages.map((m) => [m.recipientId, m.status])).toEqual([['r-1', 'delivered']]);
    local.setReports(true);
    const next = await provider.createGroup();
    await provider.addGroupMessages(next.groupId, [sms('r-2', '01055550002')]);
    await provider.sendGroup(next.groupId);
    await local.idle();
    expect(receiver.reports.map((r) => `${r.recipientId}:${r.statusCode}`)).toEqual(['r-2:3000', 'r-2:4000']);
  });

  it('a group created with allowDuplicates takes the same phone twice', async () => {
    const local = await localProvider();
    const answer = await fetch(`${local.url}/messages/v4/groups`, { method: 'POST', headers: { authorization: solapiAuthorization({ apiKey: KEY, apiSecret: SECRET }, new Date(), newSolapiSalt()), 'content-type': 'application/json' }, body: JSON.stringify({ allowDuplicates: true }) });
    const { groupId } = (await answer.json()) as { groupId: string };
    const accepted = await client(local).addGroupMessages(groupId, [sms('r-1', '01066660001'), sms('r-2', '01066660001')]);
    expect(accepted.map((a) => a.statusCode)).toEqual(['2000', '2000']);
  });
});
