import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type HTTPMethods } from 'fastify';
import { withReportToken } from '../../src/features/messaging/index.ts';
import { createLocalAccount, type LocalAccount, type LocalAccountSettings, type LocalAccountState, type LocalSenderId } from './account.ts';
import { createApi } from './api.ts';
import { createAuthCheck } from './auth.ts';
import { createDelivery } from './delivery.ts';
import { createFaultSwitch } from './faults.ts';
import { digitsOf, type RecipientDuplicate, type StoredGroup, type StoredMessage } from './records.ts';
import { createLocalStore, type LocalStore } from './store.ts';
import { createLocalTemplates, templateJson, type LocalTemplates, type TemplateReview } from './templates.ts';
import { ApiError } from './wire.ts';

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
 * id (it counts messages per recipient id so duplicates show), and like
 * Solapi it answers 1026 (중복 수신번호) for a second message to the same
 * phone in one group unless the group was created with allowDuplicates.
 *
 * Kakao: 알림톡 templates (templates.ts; `templateReview`), an ATA needs an
 * APPROVED template of its pfId or fails 3105 — and is then substituted by
 * an SMS/LMS unless disableSms (delivery.ts); a 브랜드 메시지 (BMS_FREE,
 * targeting I) to a phone outside `kakaoFriends` fails 3102.
 *
 *   POST /messages/v4/groups                   create a group
 *   GET  /messages/v4/groups/{id}              the group
 *   PUT  /messages/v4/groups/{id}/messages     add messages (≤ 10,000 per call)
 *   GET  /messages/v4/groups/{id}/messages     list (?limit ≤ 500, ?startKey; answers nextKey)
 *   POST /messages/v4/groups/{id}/send         send (400 InvalidGroupStatus once sent)
 *   GET  /cash/v1/balance                      the account's balance and point ({ balance, point, … })
 *   GET  /senderid/v1/numbers                  its sender numbers ({ senderIds: [{ phoneNumber, status }], limit, … }; not paged)
 *   GET  /senderid/v1/numbers/active           the ACTIVE ones, as an array of numbers
 *   POST /messages/v4/send-many/detail         the SDK's send(): create, add and send in one call
 *   GET  /messages/v4/list                     messages by ?groupId, ?messageId, ?messageIds (repeated), ?startKey, ?limit
 *   POST /kakao/v2/templates                   create an 알림톡 template (submitted for inspection)
 *   GET  /kakao/v2/templates[/{id}]            list / one (a read settles a pending review)
 *   PUT  /kakao/v2/templates/{id}/inspection[/cancel]
 *   GET  /local/messages, /local/duplicates    for people (no authentication)
 *   POST /local/templates/{id}/approve|reject  Kakao's decision ({ comment }), no authentication
 *
 * The balance, point and sender numbers are options (`balance`, `point`,
 * `senderIds`) and change at runtime with `setAccount` (account.ts); the
 * balance is not charged for messages.
 *
 * Under /messages/v4/, /cash/v1/ and /senderid/v1/ every request is
 * authenticated first, then an unknown path answers 404 and another method
 * 405, as Solapi does.
 *
 * This file is the Fastify app; the groups and messages are in store.ts,
 * delivery and its reports in delivery.ts (and reports.ts), the signature
 * check in auth.ts, simulated outages in faults.ts, the per-call pipeline
 * in api.ts and Solapi's JSON shapes in wire.ts.
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
  /** 잔액 in won (default 100,000) and 포인트 (default 0), answered by GET /cash/v1/balance. */
  balance?: number;
  point?: number;
  /**
   * The account's sender numbers, answered by GET /senderid/v1/numbers
   * (default: [LOCAL_PROVIDER_DEFAULT_SENDER_ID], the demo's 02-1234-5678).
   * A string is an approved (ACTIVE) number; `{ phoneNumber, status }` gives
   * another status (PENDING, INACTIVE, DUPLICATED). Sending from a number
   * not listed is not refused.
   */
  senderIds?: readonly LocalSenderId[];
  /** For tests: the server's clock (signature window). */
  now?: () => Date;
  /**
   * Kakao's review of 알림톡 templates, made at the template's next read
   * after inspection was requested: 'approve' (default) APPROVED, 'reject'
   * REJECTED with a Korean comment, 'manual' waits for reviewTemplate() or
   * POST /local/templates/{id}/approve|reject. Content with "(광고)", "할인"
   * or "쿠폰" is always REJECTED ("광고성 내용은 알림톡으로 보낼 수 없습니다.").
   */
  templateReview?: TemplateReview;
  /** Phones that are friends of the Kakao channel (any format). Default undefined: everyone is. A BMS_FREE (targeting I) to anyone else fails 3102. */
  kakaoFriends?: Iterable<string>;
  /** Messages added less than this many ms ago are missing from group listings and /messages/v4/list (default 0). */
  listingLagMs?: number;
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
  /** The balance, point and sender numbers the API answers now (a copy). */
  account(): LocalAccountState;
  /** Changes them from the next call on (what is not given stays). Throws on a bad value, changing nothing. */
  setAccount(settings: LocalAccountSettings): void;
  /** Kakao's decision on a template, now (REJECTED with `comment`, or a default Korean one). Throws for an unknown id. */
  reviewTemplate(templateId: string, decision: 'approve' | 'reject', comment?: string): void;
  /** The channel's friends from now on; null: everyone is a friend. */
  setKakaoFriends(phones: Iterable<string> | null): void;
  /** listingLagMs from now on. */
  setListingLag(ms: number): void;
  /** false: no delivery reports are posted (statuses still advance in listings); true: posted again. */
  setReports(enabled: boolean): void;
  /** Resolves when no report is scheduled, queued or being posted. */
  idle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const BODY_LIMIT = 16 * 1024 * 1024;
const METHODS: HTTPMethods[] = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS'];
const otherThan = (...allowed: HTTPMethods[]) => METHODS.filter((m) => !allowed.includes(m));

type Api = ReturnType<typeof createApi>;

/** The API's paths: every request under them is authenticated before anything else is said (404 and 405 included). */
const AUTHENTICATED_PREFIXES = ['/messages/v4/', '/cash/v1/', '/senderid/v1/', '/kakao/v2/'];

function createApp(api: Api): FastifyInstance {
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
    if (AUTHENTICATED_PREFIXES.some((prefix) => pathname.startsWith(prefix))) {
      return api(({ path }) => {
        throw new ApiError(404, 'NotFound', `없는 경로입니다: ${path}`);
      })(req, reply);
    }
    return reply.code(404).send({ errorCode: 'NotFound', errorMessage: `없는 경로입니다: ${pathname}` });
  });
  return app;
}

function registerRoutes(app: FastifyInstance, api: Api, store: LocalStore, account: LocalAccount, templates: LocalTemplates): void {
  app.get('/local/messages', async () => ({ items: store.messages() }));
  app.get('/local/duplicates', async () => ({ items: store.duplicates() }));
  for (const decision of ['approve', 'reject'] as const) {
    app.post(`/local/templates/:templateId/${decision}`, async (req, reply) => {
      const { templateId } = req.params as { templateId: string };
      let comment: string | undefined;
      try {
        const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
        const body = raw.trim() ? (JSON.parse(raw) as { comment?: unknown }) : {};
        comment = typeof body.comment === 'string' ? body.comment : undefined;
      } catch {
        return reply.code(400).send({ errorCode: 'InvalidJSON', errorMessage: '요청 본문이 JSON이 아닙니다.' });
      }
      try {
        return templateJson(templates.decide(templateId, decision, comment));
      } catch (error) {
        if (error instanceof ApiError) return reply.code(error.status).send({ errorCode: error.errorCode, errorMessage: error.message });
        throw error;
      }
    });
  }

  app.post('/kakao/v2/templates', api(({ body }) => templates.create(body)));
  app.get('/kakao/v2/templates', api(({ query }) => templates.list(query)));
  app.get('/kakao/v2/templates/:templateId', api(({ params }) => templates.get(params.templateId)));
  app.put('/kakao/v2/templates/:templateId/inspection', api(({ params }) => templates.requestInspection(params.templateId)));
  app.put('/kakao/v2/templates/:templateId/inspection/cancel', api(({ params }) => templates.cancelInspection(params.templateId)));

  app.get('/messages/v4/list', api(({ query }) => store.listAll(query)));
  app.post('/messages/v4/send-many/detail', api(({ body }) => store.sendMany(body)));
  app.post('/messages/v4/groups', api(({ body }) => store.createGroup(body)));
  app.get('/messages/v4/groups/:groupId', api(({ groupId }) => store.getGroup(groupId)));
  app.put('/messages/v4/groups/:groupId/messages', api(({ groupId, body }) => store.addMessages(groupId, body)));
  app.get('/messages/v4/groups/:groupId/messages', api(({ groupId, query }) => store.listMessages(groupId, { limit: query.get('limit'), startKey: query.get('startKey') })));
  app.post('/messages/v4/groups/:groupId/send', api(({ groupId }) => store.sendGroup(groupId)));
  app.get('/cash/v1/balance', api(() => account.balanceJson()));
  app.get('/senderid/v1/numbers', api(() => account.senderIdsJson()));
  app.get('/senderid/v1/numbers/active', api(() => account.activeSenderIdsJson()));

  // Another method on a known path: 405, after the group (if any) is found.
  const notAllowed = (message: string) => {
    throw new ApiError(405, 'MethodNotAllowed', message);
  };
  app.route({ method: otherThan('POST'), url: '/messages/v4/groups', handler: api(({ method }) => notAllowed(`${method} 은 지원하지 않습니다.`)) });
  // Solapi also has POST /cash/v1/balance (charge) and POST /senderid/v1/numbers (register): not here.
  for (const url of ['/cash/v1/balance', '/senderid/v1/numbers', '/senderid/v1/numbers/active']) {
    app.route({ method: otherThan('GET'), url, handler: api(({ method, path }) => notAllowed(`${method} ${path} 은 지원하지 않습니다.`)) });
  }
  for (const [url, allowed] of [
    ['/messages/v4/groups/:groupId', ['GET']],
    ['/messages/v4/groups/:groupId/messages', ['GET', 'PUT']],
    ['/messages/v4/groups/:groupId/send', ['POST']],
  ] as const) {
    app.route({
      method: otherThan(...allowed),
      url,
      handler: api(({ method, path, groupId }) => {
        store.requireGroup(groupId);
        return notAllowed(`${method} ${path} 은 지원하지 않습니다.`);
      }),
    });
  }
}

export async function startLocalProvider(options: LocalProviderOptions): Promise<LocalProvider> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const now = options.now ?? (() => new Date());
  const reportUrl = options.reportUrl ? withReportToken(options.reportUrl, options.apiSecret) : null;
  const templates = createLocalTemplates({ review: options.templateReview ?? 'approve', now, log });
  const friendsOf = (phones: Iterable<string> | null | undefined) => (phones ? new Set([...phones].map(digitsOf)) : null);
  let kakaoFriends = friendsOf(options.kakaoFriends);
  let listingLagMs = Math.max(0, options.listingLagMs ?? 0);
  const kakaoFailure = (m: StoredMessage): string | null => {
    const kakao = m.kakaoOptions;
    if (!kakao) return '3106';
    if (m.type === 'ATA') return templates.approvedFor(kakao.pfId, kakao.templateId ?? '') ? null : '3105';
    if (m.type === 'BMS_FREE' && kakao.bms?.targeting === 'I' && kakaoFriends && !kakaoFriends.has(digitsOf(m.to))) return '3102';
    return null;
  };
  const delivery = createDelivery({
    kakaoFailure,
    reportUrl,
    delayMs: Math.max(0, options.deliveryDelayMs ?? 1000),
    failPhones: new Set([...(options.failPhones ?? [])].map(digitsOf)),
    failCode: options.failCode ?? '3032',
    reportAttempts: Math.max(1, options.reportAttempts ?? 6),
    reportRetryDelayMs: Math.max(0, options.reportRetryDelayMs ?? 500),
    reportBatchSize: Math.max(1, options.reportBatchSize ?? 500),
    log,
    now,
  });
  const store = createLocalStore({ now, log, dataFile: options.dataFile, logEachUpTo: Math.max(0, options.logEachUpTo ?? 5), deliver: delivery.schedule, listingLagMs: () => listingLagMs });
  const account = createLocalAccount({ balance: options.balance, point: options.point, senderIds: options.senderIds }, now);
  const faults = createFaultSwitch();
  const api = createApi({ faults, authenticate: createAuthCheck({ apiKey: options.apiKey, apiSecret: options.apiSecret, now, log }), log });
  const app = createApp(api);
  registerRoutes(app, api, store, account, templates);

  await app.listen({ port: options.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    reportUrl,
    messages: store.messages,
    groups: store.groups,
    messagesPerRecipient: store.messagesPerRecipient,
    duplicates: store.duplicates,
    reportStats: delivery.stats,
    failNext: faults.failNext,
    account: account.state,
    setAccount: account.set,
    reviewTemplate(templateId, decision, comment) {
      templates.decide(templateId, decision, comment);
    },
    setKakaoFriends(phones) {
      kakaoFriends = friendsOf(phones);
    },
    setListingLag(ms) {
      listingLagMs = Math.max(0, ms);
    },
    setReports: delivery.setReports,
    idle: delivery.idle,
    async close() {
      delivery.stop();
      await app.close();
    },
  };
}
