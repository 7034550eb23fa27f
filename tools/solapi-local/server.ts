import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyReply, type FastifyRequest, type HTTPMethods } from 'fastify';
import { normalizePhone } from '../../src/shared/phone.ts';
import { solapiStatusMessage, verifySolapiAuthorization, withReportToken } from '../../src/features/messaging/index.ts';
import { describeReceived, digitsOf, findDuplicates, solapiId, type RecipientDuplicate, type StoredGroup, type StoredMessage } from './records.ts';
import { registrationCode } from './registration.ts';
import { createReportPoster } from './reports.ts';

/**
 * A Solapi-compatible server for the demo, the tests and the bench
 * (MSG-11), a developer tool apart from the product. It speaks the part of
 * Solapi's REST API v4 that the product's provider client uses, checks the
 * HMAC Authorization header exactly like Solapi (403 InvalidAPIKey /
 * SignatureDoesNotMatch / RequestTimeTooSkewed / DuplicatedSignature; 401
 * when the header is missing or unreadable), stores what it receives, and
 * after `deliveryDelayMs` posts delivery reports to `reportUrl`: 3000
 * (이통사 접수) and, one more delay later, 4000 (수신 완료) — or a failure
 * code for numbers in `failPhones` (3032 미가입자 unless `failCode` says
 * otherwise) and 3010 for numbers that are not valid Korean numbers.
 *
 * Like Solapi it does not refuse a second message for the same recipient
 * id: that is the product's job (it lists the group first). It counts
 * messages per recipient id so a test or the bench can see duplicates.
 * Unlike Solapi it never answers 1026 (중복 수신번호) for the same phone
 * twice in one group, so a duplicate made by the product always shows.
 *
 *   POST /messages/v4/groups                   create a group
 *   GET  /messages/v4/groups/{id}              the group
 *   PUT  /messages/v4/groups/{id}/messages     add messages (≤ 10,000 per call)
 *   GET  /messages/v4/groups/{id}/messages     list (?limit ≤ 500, ?startKey; answers nextKey)
 *   POST /messages/v4/groups/{id}/send         send (400 InvalidGroupStatus once sent)
 *   GET  /local/messages, /local/duplicates    for people (no authentication)
 *
 * Under /messages/v4/ every request is authenticated first, then an unknown
 * path answers 404 and another method 405, as Solapi does.
 */

export const LOCAL_PROVIDER_DEFAULT_PORT = 4010;
export const LOCAL_PROVIDER_DEFAULT_API_KEY = 'LOCALKEY';
export const LOCAL_PROVIDER_DEFAULT_API_SECRET = 'LOCALSECRET';

export interface ReportStats {
  /** Reports (one per message and status) our server answered 2xx to. */
  posted: number;
  /** Report POSTs that failed and were tried again. */
  retries: number;
  /** Reports given up after every attempt failed. */
  dropped: number;
  /** Reports scheduled or queued but not posted yet. */
  pending: number;
}

export interface LocalProviderOptions {
  /** 0 (the default) picks a free port; the CLI uses 4010. */
  port?: number;
  host?: string;
  apiKey: string;
  apiSecret: string;
  /** Our webhook. The report token (see the messaging feature's solapi-auth.ts) is added unless the URL has one. No URL: statuses change, nothing is posted. */
  reportUrl?: string;
  /** From send to the 3000 report, and again to the 4000 report (default 1000). */
  deliveryDelayMs?: number;
  /** Recipients whose messages fail (any format: 010-1234-5678 or 01012345678). */
  failPhones?: Iterable<string>;
  /** The failure code for failPhones (default 3032 미가입자). */
  failCode?: string;
  /** Each added message is appended here as one JSON line (never read back), so counts survive restarts of the product. */
  dataFile?: string;
  /** Attempts per report POST (default 6) and the first wait between them (default 500 ms, doubling, at most 10 s). */
  reportAttempts?: number;
  reportRetryDelayMs?: number;
  /** Messages per report POST (default 500). */
  reportBatchSize?: number;
  /** How many messages of one add request are printed one per line (default 5); the rest are summed up. */
  logEachUpTo?: number;
  log?: (line: string) => void;
  /** For tests: the server's clock (signature window). */
  now?: () => Date;
}

export interface LocalProvider {
  url: string;
  /** The report URL in use (with its token), or null. */
  reportUrl: string | null;
  messages(): StoredMessage[];
  groups(): StoredGroup[];
  /** Messages received per recipient id. */
  messagesPerRecipient(): Map<string, number>;
  /** Recipient ids with more than one message. */
  duplicates(): RecipientDuplicate[];
  reportStats(): ReportStats;
  /**
   * Answer the next `count` API calls with 503. `after`: do the work first
   * and lose the answer (the add or send happened, the client does not
   * know) — what a crash or a dropped connection looks like.
   */
  failNext(count: number, when?: 'before' | 'after'): void;
  /** Resolves when no report is scheduled, queued or being posted. */
  idle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const BODY_LIMIT = 16 * 1024 * 1024;
const MAX_MESSAGES_PER_ADD = 10_000;
const MAX_LIST_LIMIT = 500;
const DEFAULT_LIST_LIMIT = 20;
const METHODS: HTTPMethods[] = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS'];
const otherThan = (...allowed: HTTPMethods[]) => METHODS.filter((m) => !allowed.includes(m));

class ApiError extends Error {
  readonly status: number;
  readonly errorCode: string;
  constructor(status: number, errorCode: string, errorMessage: string) {
    super(errorMessage);
    this.status = status;
    this.errorCode = errorCode;
  }
}

interface ApiAnswer {
  status: number;
  body: unknown;
}

/** What a handler of the API gets: the parsed JSON body (if any), the path as sent and the query. */
interface ApiCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  groupId: string | undefined;
}

export async function startLocalProvider(options: LocalProviderOptions): Promise<LocalProvider> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const now = options.now ?? (() => new Date());
  const delay = Math.max(0, options.deliveryDelayMs ?? 1000);
  const failCode = options.failCode ?? '3032';
  const failPhones = new Set([...(options.failPhones ?? [])].map(digitsOf));
  const reportUrl = options.reportUrl ? withReportToken(options.reportUrl, options.apiSecret) : null;
  const logEachUpTo = Math.max(0, options.logEachUpTo ?? 5);
  const closing = new AbortController();
  const reports = createReportPoster({
    url: reportUrl,
    attempts: Math.max(1, options.reportAttempts ?? 6),
    retryDelayMs: Math.max(0, options.reportRetryDelayMs ?? 500),
    batchSize: Math.max(1, options.reportBatchSize ?? 500),
    log,
    closing: closing.signal,
  });

  const groups = new Map<string, StoredGroup>();
  const messages = new Map<string, StoredMessage>();
  const perRecipient = new Map<string, number>();
  const usedSignatures = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let scheduledReports = 0;
  let failing = 0;
  let failWhen: 'before' | 'after' = 'before';

  function iso(): string {
    return now().toISOString();
  }

  // ---- delivery -------------------------------------------------------------

  function later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  }

  function outcomeFor(m: StoredMessage): string {
    const digits = digitsOf(m.to);
    if (failPhones.has(digits)) return failCode;
    if (!normalizePhone(m.to)) return '3010';
    return '3000';
  }

  function setStatus(m: StoredMessage, code: string): void {
    m.statusCode = code;
    m.statusMessage = solapiStatusMessage(code);
    m.dateUpdated = m.dateReported = iso();
  }

  function scheduleDelivery(group: StoredGroup, sendable: StoredMessage[]): void {
    scheduledReports += sendable.length * 2;
    later(delay, () => {
      const carried: StoredMessage[] = [];
      let failed = 0;
      for (const m of sendable) {
        const code = outcomeFor(m);
        setStatus(m, code);
        if (code === '3000') carried.push(m);
        else failed += 1;
      }
      scheduledReports -= sendable.length + failed;
      log(`결과: 그룹 ${group.groupId} 이통사 접수(3000) ${carried.length}건${failed ? `, 실패 ${failed}건` : ''}${reportUrl ? '' : ' (결과 보고 주소 없음)'}`);
      reports.enqueue(sendable);
      later(delay, () => {
        for (const m of carried) setStatus(m, '4000');
        scheduledReports -= carried.length;
        group.status = 'COMPLETE';
        group.dateCompleted = iso();
        if (carried.length) log(`결과: 그룹 ${group.groupId} 수신 완료(4000) ${carried.length}건`);
        reports.enqueue(carried);
      });
    });
  }

  // ---- API -----------------------------------------------------------------

  function groupJson(g: StoredGroup) {
    const list = g.messageIds.map((id) => messages.get(id)!);
    const registeredFailed = list.filter((m) => m.statusCode.startsWith('1')).length;
    const delivered = list.filter((m) => m.statusCode === '4000').length;
    const failed = list.filter((m) => /^[23][0-9]{3}$/.test(m.statusCode) && m.statusCode !== '2000' && m.statusCode !== '3000').length;
    return {
      _id: g.groupId,
      groupId: g.groupId,
      status: g.status,
      count: {
        total: list.length,
        registeredSuccess: list.length - registeredFailed,
        registeredFailed,
        sentTotal: g.status === 'PENDING' ? 0 : list.length - registeredFailed,
        sentSuccess: delivered,
        sentFailed: failed,
        sentPending: g.status === 'PENDING' ? 0 : list.length - registeredFailed - delivered - failed,
      },
      apiVersion: '4',
      dateCreated: g.dateCreated,
      dateUpdated: g.dateCompleted ?? g.dateSent ?? g.dateCreated,
      dateSent: g.dateSent,
      dateCompleted: g.dateCompleted,
    };
  }

  function messageJson(m: StoredMessage) {
    return {
      _id: m.messageId,
      messageId: m.messageId,
      groupId: m.groupId,
      to: m.to,
      from: m.from,
      type: m.type,
      country: '82',
      text: m.text,
      subject: m.subject,
      kakaoOptions: m.kakaoOptions,
      customFields: m.customFields,
      statusCode: m.statusCode,
      statusMessage: m.statusMessage,
      dateCreated: m.dateCreated,
      dateUpdated: m.dateUpdated,
      dateProcessed: m.dateSent,
      dateReported: m.dateReported,
      dateReceived: m.statusCode === '4000' ? m.dateReported : null,
    };
  }

  function requireGroup(groupId: string | undefined): StoredGroup {
    const group = groupId === undefined ? undefined : groups.get(groupId);
    if (!group) throw new ApiError(404, 'NotFound', `해당 그룹이 없습니다: ${groupId}`);
    return group;
  }

  function createGroup(): ApiAnswer {
    const at = iso();
    let groupId = solapiId('G4V', now());
    while (groups.has(groupId)) groupId = solapiId('G4V', now());
    const group: StoredGroup = { groupId, status: 'PENDING', dateCreated: at, dateSent: null, dateCompleted: null, messageIds: [] };
    groups.set(groupId, group);
    return { status: 200, body: groupJson(group) };
  }

  function addMessages(group: StoredGroup, body: unknown): ApiAnswer {
    if (group.status !== 'PENDING') throw new ApiError(400, 'InvalidGroupStatus', `이미 발송한 그룹에는 메시지를 추가할 수 없습니다 (${group.status}).`);
    const list = (body as { messages?: unknown } | null)?.messages;
    if (!Array.isArray(list) || list.length === 0) throw new ApiError(400, 'ValidationError', 'messages 배열이 필요합니다.');
    if (list.length > MAX_MESSAGES_PER_ADD) throw new ApiError(400, 'TooManyMessages', `한 번에 ${MAX_MESSAGES_PER_ADD.toLocaleString('ko-KR')}건까지 추가할 수 있습니다.`);
    const at = iso();
    const added: StoredMessage[] = [];
    const repeated: string[] = [];
    for (const raw of list) {
      const input = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
      const { code, type } = registrationCode(input);
      let messageId = solapiId('M4V', now());
      while (messages.has(messageId)) messageId = solapiId('M4V', now());
      const customFields = code !== '1032' && input.customFields && typeof input.customFields === 'object' ? (input.customFields as Record<string, string>) : {};
      const kakao = input.kakaoOptions as { pfId?: unknown; templateId?: unknown } | undefined;
      const stored: StoredMessage = {
        messageId,
        groupId: group.groupId,
        recipientId: typeof customFields.recipientId === 'string' && customFields.recipientId ? customFields.recipientId : null,
        to: typeof input.to === 'string' ? input.to : '',
        from: typeof input.from === 'string' ? input.from : '',
        type,
        text: typeof input.text === 'string' ? input.text : '',
        subject: typeof input.subject === 'string' ? input.subject : null,
        kakaoOptions: kakao && typeof kakao.pfId === 'string' ? { pfId: kakao.pfId, templateId: typeof kakao.templateId === 'string' ? kakao.templateId : '' } : null,
        customFields,
        statusCode: code,
        statusMessage: solapiStatusMessage(code),
        dateCreated: at,
        dateUpdated: at,
        dateSent: null,
        dateReported: null,
      };
      messages.set(messageId, stored);
      group.messageIds.push(messageId);
      added.push(stored);
      if (stored.recipientId) {
        const count = (perRecipient.get(stored.recipientId) ?? 0) + 1;
        perRecipient.set(stored.recipientId, count);
        if (count > 1) repeated.push(`중복: 수신자 ${stored.recipientId} 의 메시지가 ${count}건째입니다 (그룹 ${group.groupId})`);
      }
    }
    if (options.dataFile) fs.appendFileSync(options.dataFile, added.map((m) => JSON.stringify(m)).join('\n') + '\n');
    for (const m of added.slice(0, logEachUpTo)) log(describeReceived(m));
    if (added.length > logEachUpTo) log(`  … 외 ${(added.length - logEachUpTo).toLocaleString('ko-KR')}건`);
    const errorCount = added.filter((m) => m.statusCode !== '2000').length;
    log(`그룹 ${group.groupId}: ${added.length.toLocaleString('ko-KR')}건 접수${errorCount ? ` (접수 실패 ${errorCount}건)` : ''}, 그룹 누적 ${group.messageIds.length.toLocaleString('ko-KR')}건`);
    for (const line of repeated.slice(0, 20)) log(line);
    if (repeated.length > 20) log(`중복: … 외 ${repeated.length - 20}건`);
    return {
      status: 200,
      body: {
        errorCount,
        resultList: added.map((m) => ({ to: m.to, from: m.from, type: m.type, country: '82', messageId: m.messageId, statusCode: m.statusCode, statusMessage: m.statusMessage, accountId: 'LOCAL', customFields: m.customFields })),
      },
    };
  }

  function listMessages(group: StoredGroup, query: URLSearchParams): ApiAnswer {
    const requested = Number(query.get('limit') ?? DEFAULT_LIST_LIMIT);
    const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, MAX_LIST_LIMIT) : DEFAULT_LIST_LIMIT;
    const startKey = query.get('startKey');
    let start = 0;
    if (startKey) {
      start = group.messageIds.indexOf(startKey);
      if (start < 0) throw new ApiError(400, 'ValidationError', `startKey 가 이 그룹의 메시지가 아닙니다: ${startKey}`);
    }
    const page = group.messageIds.slice(start, start + limit);
    const messageList: Record<string, unknown> = {};
    for (const id of page) messageList[id] = messageJson(messages.get(id)!);
    return { status: 200, body: { startKey: startKey ?? null, nextKey: group.messageIds[start + limit] ?? null, limit, messageList } };
  }

  function sendGroup(group: StoredGroup): ApiAnswer {
    if (group.status !== 'PENDING') throw new ApiError(400, 'InvalidGroupStatus', `이미 발송한 그룹입니다 (${group.status}).`);
    const sendable = group.messageIds.map((id) => messages.get(id)!).filter((m) => m.statusCode === '2000');
    if (sendable.length === 0) throw new ApiError(400, 'NoMessagesToSend', '발송할 정상 접수 메시지가 없습니다.');
    const at = iso();
    group.status = 'SENDING';
    group.dateSent = at;
    for (const m of sendable) m.dateSent = at;
    log(`발송 요청: 그룹 ${group.groupId} · ${sendable.length.toLocaleString('ko-KR')}건`);
    scheduleDelivery(group, sendable);
    return { status: 200, body: groupJson(group) };
  }

  const unavailable = { errorCode: 'ServiceUnavailable', errorMessage: '일시적인 장애입니다 (시뮬레이션).' };

  /**
   * Every call under /messages/v4/: a simulated outage first (failNext,
   * before: nothing done), then the JSON body, the signature, the work; a
   * simulated outage after the work loses its answer.
   */
  function api(handle: (call: ApiCall) => ApiAnswer) {
    return async (req: FastifyRequest, reply: FastifyReply) => {
      const url = new URL(req.url, 'http://local-solapi');
      const failNow = failing > 0;
      if (failNow) failing -= 1;
      if (failNow && failWhen === 'before') {
        log(`장애 시뮬레이션: ${req.method} ${url.pathname} → 503`);
        return reply.code(503).send(unavailable);
      }
      let body: unknown = undefined;
      const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      if (raw.trim()) {
        try {
          body = JSON.parse(raw);
        } catch {
          return reply.code(400).send({ errorCode: 'InvalidJSON', errorMessage: '요청 본문이 JSON이 아닙니다.' });
        }
      }
      let out: ApiAnswer;
      const auth = verifySolapiAuthorization({
        header: req.headers.authorization,
        secretFor: (key) => (key === options.apiKey ? options.apiSecret : undefined),
        now: now(),
        usedSignatures,
      });
      if (!auth.ok) {
        log(`인증 실패: ${auth.errorCode} → ${auth.httpStatus}`);
        out = { status: auth.httpStatus, body: { errorCode: auth.errorCode, errorMessage: auth.errorMessage } };
      } else {
        try {
          const groupId = (req.params as { groupId?: string } | undefined)?.groupId;
          out = handle({ method: req.method, path: url.pathname, query: url.searchParams, body, groupId });
        } catch (error) {
          if (error instanceof ApiError) out = { status: error.status, body: { errorCode: error.errorCode, errorMessage: error.message } };
          else {
            log(`처리 중 오류: ${(error as Error).message}`);
            out = { status: 500, body: { errorCode: 'InternalError', errorMessage: (error as Error).message } };
          }
        }
      }
      if (failNow) {
        log(`장애 시뮬레이션: ${req.method} ${url.pathname} 처리 후 응답 유실 → 503`);
        return reply.code(503).send(unavailable);
      }
      return reply.code(out.status).send(out.body);
    };
  }

  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, exposeHeadRoutes: false, forceCloseConnections: true, routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 } });
  // Bodies are read raw and parsed as JSON by `api`, after the simulated outage and before the signature, whatever their content type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, _req, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ errorCode: 'PayloadTooLarge', errorMessage: '요청이 15MB를 넘습니다.' });
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    return reply.code(status).send({ errorCode: status >= 500 ? 'InternalError' : 'BadRequest', errorMessage: error.message });
  });
  app.setNotFoundHandler((req, reply) => {
    const { pathname } = new URL(req.url, 'http://local-solapi');
    if (pathname.startsWith('/messages/v4/')) {
      return api(({ path }) => {
        throw new ApiError(404, 'NotFound', `없는 경로입니다: ${path}`);
      })(req, reply);
    }
    return reply.code(404).send({ errorCode: 'NotFound', errorMessage: `없는 경로입니다: ${pathname}` });
  });

  app.get('/local/messages', async () => ({ items: [...messages.values()] }));
  app.get('/local/duplicates', async () => ({ items: findDuplicates(messages.values()) }));

  app.post('/messages/v4/groups', api(() => createGroup()));
  app.get('/messages/v4/groups/:groupId', api(({ groupId }) => ({ status: 200, body: groupJson(requireGroup(groupId)) })));
  app.put('/messages/v4/groups/:groupId/messages', api(({ groupId, body }) => addMessages(requireGroup(groupId), body)));
  app.get('/messages/v4/groups/:groupId/messages', api(({ groupId, query }) => listMessages(requireGroup(groupId), query)));
  app.post('/messages/v4/groups/:groupId/send', api(({ groupId }) => sendGroup(requireGroup(groupId))));

  // Another method on a known path: 405, after the group (if any) is found.
  const notAllowed = (message: string) => {
    throw new ApiError(405, 'MethodNotAllowed', message);
  };
  app.route({ method: otherThan('POST'), url: '/messages/v4/groups', handler: api(({ method }) => notAllowed(`${method} 은 지원하지 않습니다.`)) });
  for (const [url, allowed] of [
    ['/messages/v4/groups/:groupId', ['GET']],
    ['/messages/v4/groups/:groupId/messages', ['GET', 'PUT']],
    ['/messages/v4/groups/:groupId/send', ['POST']],
  ] as const) {
    app.route({
      method: otherThan(...allowed),
      url,
      handler: api(({ method, path, groupId }) => {
        requireGroup(groupId);
        return notAllowed(`${method} ${path} 은 지원하지 않습니다.`);
      }),
    });
  }

  await app.listen({ port: options.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    reportUrl,
    messages: () => [...messages.values()],
    groups: () => [...groups.values()].map((g) => ({ ...g, messageIds: [...g.messageIds] })),
    messagesPerRecipient: () => new Map(perRecipient),
    duplicates: () => findDuplicates(messages.values()),
    reportStats: () => ({ ...reports.counts(), pending: scheduledReports + reports.waiting() }),
    failNext(count, when = 'before') {
      failing = Math.max(0, Math.floor(count));
      failWhen = when;
    },
    async idle(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (timers.size > 0 || reports.busy()) {
        if (Date.now() > until) throw new Error(`로컬 Solapi: ${timeoutMs}ms 안에 결과 보고가 끝나지 않았습니다`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      closing.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await app.close();
    },
  };
}
