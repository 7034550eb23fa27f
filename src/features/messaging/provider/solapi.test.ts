import { afterEach, describe, expect, it } from 'vitest';
import { startLocalProvider, type LocalProvider } from '../../../../tools/solapi-local/index.ts';
import {
  createSolapiProvider,
  KAKAO_NOT_FRIEND_CODE,
  kakaoFallbackNeeded,
  mapSolapiStatus,
  ProviderError,
  parseDeliveryReports,
  reportWebhookToken,
  solapiAuthorization,
  solapiStatusMessage,
  toProviderKakaoTemplate,
  toSolapiMessage,
  verifyReportSignature,
  verifySolapiAuthorization,
  withReportToken,
} from './solapi.ts';

// Computed independently: printf '%s' '2019-07-01T00:41:48Zjqsba2jxjnrjor' | openssl dgst -sha256 -hmac 'yeyak-test-secret'
const VECTOR = {
  config: { apiKey: 'NCSAYU7YDBXYORXC', apiSecret: 'yeyak-test-secret' },
  now: new Date('2019-07-01T00:41:48.123Z'),
  salt: 'jqsba2jxjnrjor',
  header: 'HMAC-SHA256 apiKey=NCSAYU7YDBXYORXC, date=2019-07-01T00:41:48Z, salt=jqsba2jxjnrjor, signature=68766d059e577a22017f3e7c83196f80292d9a3714ba46b44e91288f3c993f9a',
};

describe('Solapi authorization (HMAC-SHA256 over date + salt)', () => {
  it('matches the fixed vector', () => {
    expect(solapiAuthorization(VECTOR.config, VECTOR.now, VECTOR.salt)).toBe(VECTOR.header);
  });

  const secretFor = (key: string) => (key === VECTOR.config.apiKey ? VECTOR.config.apiSecret : undefined);

  it('is accepted within 15 minutes, once', () => {
    const used = new Map<string, number>();
    const at = new Date('2019-07-01T00:55:00Z');
    expect(verifySolapiAuthorization({ header: VECTOR.header, secretFor, now: at, usedSignatures: used })).toEqual({ ok: true, apiKey: 'NCSAYU7YDBXYORXC' });
    expect(verifySolapiAuthorization({ header: VECTOR.header, secretFor, now: at, usedSignatures: used })).toMatchObject({ ok: false, httpStatus: 403, errorCode: 'DuplicatedSignature' });
  });

  it('reads the parameter names without case (Solapi v3 wrote ApiKey=, Date=)', () => {
    const header = VECTOR.header.replace('apiKey=', 'ApiKey=').replace('date=', 'Date=').replace('salt=', 'Salt=').replace('signature=', 'Signature=');
    expect(verifySolapiAuthorization({ header, secretFor, now: VECTOR.now }).ok).toBe(true);
  });

  it('refuses what Solapi refuses, with its error codes', () => {
    const late = new Date('2019-07-01T00:57:00Z');
    expect(verifySolapiAuthorization({ header: VECTOR.header, secretFor, now: late })).toMatchObject({ httpStatus: 403, errorCode: 'RequestTimeTooSkewed' });
    expect(verifySolapiAuthorization({ header: VECTOR.header, secretFor: () => 'other-secret', now: VECTOR.now })).toMatchObject({ httpStatus: 403, errorCode: 'SignatureDoesNotMatch' });
    expect(verifySolapiAuthorization({ header: VECTOR.header, secretFor: () => undefined, now: VECTOR.now })).toMatchObject({ httpStatus: 403, errorCode: 'InvalidAPIKey' });
    expect(verifySolapiAuthorization({ header: undefined, secretFor, now: VECTOR.now })).toMatchObject({ httpStatus: 401, errorCode: 'InvalidAuthorizationHeader' });
    expect(verifySolapiAuthorization({ header: VECTOR.header.replace('jqsba2jxjnrjor', 'short'), secretFor, now: VECTOR.now })).toMatchObject({ httpStatus: 401 });
    expect(verifySolapiAuthorization({ header: 'Bearer abc', secretFor, now: VECTOR.now })).toMatchObject({ httpStatus: 401 });
  });
});

describe('status codes', () => {
  it.each([
    ['2000', 'accepted'],
    ['3000', 'sent'],
    ['4000', 'delivered'],
    ['1026', 'failed'],
    ['1062', 'failed'],
    ['2230', 'failed'],
    ['3010', 'failed'],
    ['3032', 'failed'],
    ['3059', 'failed'],
    ['3104', 'failed'],
    ['TEST1000', 'accepted'],
    ['', 'accepted'],
  ] as const)('%s → %s', (code, status) => {
    expect(mapSolapiStatus(code)).toBe(status);
  });

  it('says what a code means in Korean', () => {
    expect(solapiStatusMessage('4000')).toBe('수신 완료');
    expect(solapiStatusMessage('3059')).toBe('변작된 발신번호');
    expect(solapiStatusMessage('3999')).toBe('발송 실패 (3999)');
  });
});

describe('delivery reports', () => {
  const report = (over: Record<string, unknown> = {}) => ({
    messageId: 'M4V20240102030405ABCDEFGHIJKLMNO',
    groupId: 'G4V20240102030405ABCDEFGHIJKLMNO',
    to: '01012345678',
    statusCode: '4000',
    statusMessage: '수신 완료',
    customFields: { recipientId: 'r-1' },
    ...over,
  });

  it('reads Solapi\'s array of messages and maps the status', () => {
    expect(parseDeliveryReports([report(), report({ messageId: 'M2', statusCode: '3032', statusMessage: '', customFields: {} })])).toEqual([
      { messageId: 'M4V20240102030405ABCDEFGHIJKLMNO', recipientId: 'r-1', status: 'delivered', statusCode: '4000', statusMessage: '수신 완료' },
      { messageId: 'M2', recipientId: null, status: 'failed', statusCode: '3032', statusMessage: '미가입자' },
    ]);
  });

  it('also reads { messages: [...] } and a single message; skips what is not a report', () => {
    expect(parseDeliveryReports({ messages: [report()] })).toHaveLength(1);
    expect(parseDeliveryReports(report({ statusCode: 3000 }))[0]).toMatchObject({ status: 'sent', statusCode: '3000' });
    expect(parseDeliveryReports([null, 1, 'x', { statusCode: '4000' }, report({ statusCode: null })])).toEqual([]);
    expect(parseDeliveryReports('nonsense')).toEqual([]);
  });

  it('authenticates the webhook with the token in its URL', () => {
    // printf '%s' 'yeyak:solapi-delivery-report:v1' | openssl dgst -sha256 -hmac 'LOCALSECRET'
    const token = 'ecfd253609ac3ddd5a368b431244f1912b3ec105fc1da2c80b971ce8b84d6500';
    expect(reportWebhookToken('LOCALSECRET')).toBe(token);
    const url = withReportToken('http://127.0.0.1:3000/api/messaging/solapi/reports', 'LOCALSECRET');
    expect(url).toBe(`http://127.0.0.1:3000/api/messaging/solapi/reports?token=${token}`);
    expect(withReportToken(url, 'OTHER')).toBe(url);
    expect(verifyReportSignature({ apiSecret: 'LOCALSECRET', token })).toEqual({ ok: true });
    expect(verifyReportSignature({ apiSecret: 'OTHER', token })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyReportSignature({ apiSecret: 'LOCALSECRET', token: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyReportSignature({ apiSecret: 'LOCALSECRET', token: 'abc' })).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('연결 확인: balance and sender numbers, against the local Solapi server', () => {
  const KEY = 'SHOPKEY';
  const SECRET = 'SHOPSECRET';
  const servers: LocalProvider[] = [];
  afterEach(async () => {
    while (servers.length) await servers.pop()!.close();
  });

  async function local(options: Partial<Parameters<typeof startLocalProvider>[0]> = {}): Promise<LocalProvider> {
    const server = await startLocalProvider({ apiKey: KEY, apiSecret: SECRET, deliveryDelayMs: 10, ...options });
    servers.push(server);
    return server;
  }

  interface Sent {
    method: string;
    url: URL;
    headers: Headers;
    body: unknown;
  }

  /** The client with the shop's key pair; `sent` records each request as it left. */
  function shopClient(server: { url: string }, over: { apiKey?: string; apiSecret?: string } = {}) {
    const sent: Sent[] = [];
    const recording: typeof fetch = async (input, init) => {
      sent.push({ method: init?.method ?? 'GET', url: new URL(String(input)), headers: new Headers(init?.headers), body: init?.body });
      return fetch(input, init);
    };
    const provider = createSolapiProvider({ apiUrl: `${server.url}/`, apiKey: over.apiKey ?? KEY, apiSecret: over.apiSecret ?? SECRET }, { fetch: recording, timeoutMs: 5_000 });
    return { provider, sent };
  }

  async function failure(promise: Promise<unknown>): Promise<ProviderError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }

  it('a good key answers the balance and point, and the sender numbers (digits only) with their approval', async () => {
    const server = await local({ balance: 12_345, point: 300, senderIds: ['02-1234-5678', { phoneNumber: '010-9999-0000', status: 'PENDING' }, { phoneNumber: '0311112222', status: 'INACTIVE' }] });
    const { provider } = shopClient(server);
    expect(await provider.getBalance()).toEqual({ balance: 12_345, point: 300 });
    expect(await provider.listSenderIds()).toEqual([
      { phoneNumber: '0212345678', approved: true },
      { phoneNumber: '01099990000', approved: false },
      { phoneNumber: '0311112222', approved: false },
    ]);
  });

  it('defaults: 100,000원, no point, the demo sender number approved; setAccount changes what the next call sees', async () => {
    const server = await local();
    const { provider } = shopClient(server);
    expect(await provider.getBalance()).toEqual({ balance: 100_000, point: 0 });
    expect(await provider.listSenderIds()).toEqual([{ phoneNumber: '0212345678', approved: true }]);

    server.setAccount({ balance: 0, senderIds: [] });
    expect(await provider.getBalance()).toEqual({ balance: 0, point: 0 });
    expect(await provider.listSenderIds()).toEqual([]);
    server.setAccount({ senderIds: [{ phoneNumber: '0212345678', status: 'DUPLICATED' }] });
    expect(await provider.listSenderIds()).toEqual([{ phoneNumber: '0212345678', approved: false }]);
    expect(server.account()).toEqual({ balance: 0, point: 0, senderIds: [{ phoneNumber: '0212345678', status: 'DUPLICATED' }] });
  });

  it('sends GET /cash/v1/balance and GET /senderid/v1/numbers, no query, no body, a fresh HMAC signature each', async () => {
    const server = await local();
    const { provider, sent } = shopClient(server);
    await provider.getBalance();
    await provider.listSenderIds();
    expect(sent.map((r) => [r.method, r.url.origin, r.url.pathname, r.url.search])).toEqual([
      ['GET', server.url, '/cash/v1/balance', ''],
      ['GET', server.url, '/senderid/v1/numbers', ''],
    ]);
    for (const r of sent) {
      expect(r.body).toBeUndefined();
      expect(r.headers.has('content-type')).toBe(false);
      expect(r.headers.get('authorization')).toMatch(/^HMAC-SHA256 apiKey=SHOPKEY, date=[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z, salt=[0-9a-f]{32}, signature=[0-9a-f]{64}$/);
      expect(verifySolapiAuthorization({ header: r.headers.get('authorization') ?? undefined, secretFor: (key) => (key === KEY ? SECRET : undefined), now: new Date() })).toEqual({ ok: true, apiKey: KEY });
    }
    expect(sent[0]!.headers.get('authorization')).not.toBe(sent[1]!.headers.get('authorization'));
  });

  it('a wrong secret or key is refused with Solapi\'s code and is not retryable', async () => {
    const server = await local();
    const wrongSecret = shopClient(server, { apiSecret: 'NOT-THE-SECRET' }).provider;
    expect(await failure(wrongSecret.getBalance())).toMatchObject({ retryable: false, httpStatus: 403, code: 'SignatureDoesNotMatch' });
    expect(await failure(wrongSecret.listSenderIds())).toMatchObject({ retryable: false, httpStatus: 403, code: 'SignatureDoesNotMatch' });
    const wrongKey = shopClient(server, { apiKey: 'NOT-THE-KEY' }).provider;
    const refused = await failure(wrongKey.getBalance());
    expect(refused).toMatchObject({ retryable: false, httpStatus: 403, code: 'InvalidAPIKey' });
    expect(refused.message).toContain('유효한 API Key가 아닙니다');
  });

  it('a 5xx is retryable; the next call works', async () => {
    const server = await local();
    const { provider } = shopClient(server);
    server.failNext(2);
    expect(await failure(provider.getBalance())).toMatchObject({ retryable: true, httpStatus: 503, code: 'ServiceUnavailable' });
    expect(await failure(provider.listSenderIds())).toMatchObject({ retryable: true, httpStatus: 503, code: 'ServiceUnavailable' });
    expect(await provider.getBalance()).toEqual({ balance: 100_000, point: 0 });
  });

  it('reads Solapi\'s documented answers; an answer without balance or senderIds is INVALID_RESPONSE', async () => {
    const answering = (body: unknown): typeof fetch => async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    const config = { apiUrl: 'https://api.solapi.com', apiKey: KEY, apiSecret: SECRET };
    // docs.solapi.com 잔액조회 sample (lowBalanceAlert.notificationBalance is a string there).
    const balance = createSolapiProvider(config, {
      fetch: answering({ lowBalanceAlert: { notificationBalance: '0', currentBalance: null, balances: [200], channels: ['SMS'], enabled: true }, point: 0, minimumCash: 0, rechargeTo: 0, autoRecharge: 0, accountId: '13628535', balance: 0 }),
    });
    expect(await balance.getBalance()).toEqual({ balance: 0, point: 0 });
    // 발신번호 정보 조회 sample, trimmed.
    const senders = createSolapiProvider(config, {
      fetch: answering({
        limit: 2,
        accountId: '12925149',
        senderIds: [
          { status: 'PENDING', handleKey: 'SED20181030105615MMXDST163SYMMX3', phoneNumber: '01000000001' },
          { status: 'ACTIVE', method: 'ARS', handleKey: 'SED20181030105615MMXDST163SYMMX2', phoneNumber: '010-0000-0000' },
          { status: 'ACTIVE' },
        ],
        limitationDocuments: [],
      }),
    });
    expect(await senders.listSenderIds()).toEqual([
      { phoneNumber: '01000000001', approved: false },
      { phoneNumber: '01000000000', approved: true },
    ]);
    expect(await failure(createSolapiProvider(config, { fetch: answering({ point: 1 }) }).getBalance())).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(await failure(createSolapiProvider(config, { fetch: answering(['01000000000']) }).listSenderIds())).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(await failure(createSolapiProvider(config, { fetch: answering({ accountId: 'x' }) }).listSenderIds())).toMatchObject({ code: 'INVALID_RESPONSE' });
  });
});

describe('kakao: options, status codes, templates and the message list', () => {
  const config = { apiUrl: 'https://api.solapi.com', apiKey: 'K', apiSecret: 'S' };

  it('sends kakaoOptions with exactly the fields given, variables as #{name}', () => {
    expect(toSolapiMessage({ recipientId: 'r', to: '01012345678', from: '0212345678', type: 'ATA', text: 't', kakao: { pfId: 'PF', templateId: 'T', variables: { 이름: '홍길동', '#{날짜}': '1/7' }, disableSms: false } }).kakaoOptions).toEqual({
      pfId: 'PF',
      templateId: 'T',
      variables: { '#{이름}': '홍길동', '#{날짜}': '1/7' },
      disableSms: false,
    });
    expect(toSolapiMessage({ recipientId: 'r', to: '01012345678', from: '0212345678', type: 'BMS_FREE', text: 't', kakao: { pfId: 'PF', bms: { targeting: 'I', chatBubbleType: 'TEXT' } } }).kakaoOptions).toEqual({ pfId: 'PF', bms: { targeting: 'I', chatBubbleType: 'TEXT' } });
    expect(toSolapiMessage({ recipientId: 'r', to: '01012345678', from: '0212345678', type: 'SMS', text: 't' })).not.toHaveProperty('kakaoOptions');
  });

  it('kakaoFallbackNeeded: only the codes where Kakao could not reach the recipient', () => {
    expect(KAKAO_NOT_FRIEND_CODE).toBe('3102');
    expect(['3102', '3104', '3107'].map(kakaoFallbackNeeded)).toEqual([true, true, true]);
    expect(['3101', '3103', '3105', '3106', '3108', '3032', '4000', '2000', '1026'].some(kakaoFallbackNeeded)).toBe(false);
    for (const code of ['3102', '3104', '3107']) expect(solapiStatusMessage(code)).not.toMatch(/발송 실패 \(/);
  });

  it('reads a rejected template\'s reason from the reviewer\'s comment', () => {
    const base = { templateId: 'KA01TP1', channelId: 'PF', name: 'n', content: 'c', messageType: 'BA', emphasizeType: 'NONE', securityFlag: false };
    expect(
      toProviderKakaoTemplate({
        ...base,
        status: 'REJECTED',
        comments: [
          { isAdmin: false, memberId: 'M1', content: '확인 부탁드립니다', dateCreated: '2024-01-01T00:00:00Z' },
          { isAdmin: true, memberId: 'KAKAO', content: ' 광고성 내용 포함 ', dateCreated: '2024-01-02T00:00:00Z' },
          { isAdmin: false, memberId: 'M1', content: null, dateCreated: '2024-01-03T00:00:00Z' },
        ],
      }),
    ).toEqual({ templateId: 'KA01TP1', pfId: 'PF', name: 'n', content: 'c', status: 'REJECTED', rejectReason: '광고성 내용 포함' });
    expect(toProviderKakaoTemplate({ ...base, status: 'APPROVED', comments: [{ isAdmin: true, memberId: 'K', content: 'x', dateCreated: '' }] }).rejectReason).toBeNull();
    expect(() => toProviderKakaoTemplate({ ...base, status: 'DELETED' })).toThrow(ProviderError);
  });

  it('encodes GET /messages/v4/list like the SDK (repeated messageIds) and reads messageList and nextKey', async () => {
    const urls: URL[] = [];
    const provider = createSolapiProvider(config, {
      fetch: async (input) => {
        urls.push(new URL(String(input)));
        return new Response(JSON.stringify({ limit: 2, startKey: null, nextKey: 'M2', messageList: { M1: { messageId: 'M1', statusCode: '3102', statusMessage: '', customFields: { recipientId: 'r-1' } } } }), { status: 200 });
      },
    });
    expect(await provider.listMessages({ messageIds: ['M1', 'M0'], limit: 2, startKey: 'M1' })).toEqual({
      messages: [{ messageId: 'M1', recipientId: 'r-1', status: 'failed', statusCode: '3102', statusMessage: '카카오톡 채널 친구가 아님' }],
      nextKey: 'M2',
    });
    expect(urls[0]!.pathname).toBe('/messages/v4/list');
    expect(urls[0]!.search).toBe('?messageIds=M1&messageIds=M0&startKey=M1&limit=2');
  });

  it('creates a template with POST /kakao/v2/templates { channelId, name, content, categoryCode }; inspection is PUT …/inspection only while PENDING', async () => {
    const sent: { method: string; path: string; body: unknown }[] = [];
    let status = 'PENDING';
    const provider = createSolapiProvider(config, {
      fetch: async (input, init) => {
        const url = new URL(String(input));
        sent.push({ method: init?.method ?? 'GET', path: url.pathname, body: init?.body ? JSON.parse(String(init.body)) : undefined });
        if (url.pathname.endsWith('/inspection')) status = 'INSPECTING';
        return new Response(JSON.stringify({ templateId: 'KA01TP1', channelId: 'PF', name: '예약', content: '본문', status, comments: [] }), { status: 200 });
      },
    });
    expect(await provider.createKakaoTemplate({ pfId: 'PF', name: '예약', content: '본문', categoryCode: '999999' })).toMatchObject({ templateId: 'KA01TP1', status: 'PENDING' });
    expect(await provider.requestKakaoTemplateInspection('KA01TP1')).toMatchObject({ status: 'INSPECTING' });
    expect(await provider.requestKakaoTemplateInspection('KA01TP1')).toMatchObject({ status: 'INSPECTING' });
    expect(sent).toEqual([
      { method: 'POST', path: '/kakao/v2/templates', body: { channelId: 'PF', name: '예약', content: '본문', categoryCode: '999999' } },
      { method: 'GET', path: '/kakao/v2/templates/KA01TP1', body: undefined },
      { method: 'PUT', path: '/kakao/v2/templates/KA01TP1/inspection', body: undefined },
      { method: 'GET', path: '/kakao/v2/templates/KA01TP1', body: undefined },
    ]);
  });
});
