import { newSolapiSalt, solapiAuthorization } from './solapi-auth.ts';
import { mapSolapiStatus, solapiStatusMessage } from './status-codes.ts';
import type {
  DeliveryReport,
  MessageProvider,
  ProviderAccepted,
  ProviderBalance,
  ProviderConfig,
  ProviderKakaoTemplate,
  ProviderKakaoTemplateStatus,
  ProviderListQuery,
  ProviderMessage,
  ProviderSenderId,
} from './types.ts';

export {
  REPORT_TOKEN_PARAM,
  newSolapiSalt,
  reportWebhookToken,
  solapiAuthorization,
  verifyReportSignature,
  verifySolapiAuthorization,
  withReportToken,
  type ReportSignatureCheck,
} from './solapi-auth.ts';
export { KAKAO_NOT_FRIEND_CODE, kakaoFallbackNeeded, mapSolapiStatus, SOLAPI_STATUS_MESSAGES, solapiStatusMessage } from './status-codes.ts';

/**
 * MSG-11: the Solapi REST API v4 client (docs.solapi.com) behind the
 * MessageProvider interface. Groups:
 *
 *   POST /messages/v4/groups                     create     → { groupId, status: 'PENDING', … }
 *   PUT  /messages/v4/groups/{id}/messages       add        { messages: [...] } → { errorCount, resultList }
 *   GET  /messages/v4/groups/{id}/messages       list       ?limit&startKey → { messageList: { [messageId]: … }, nextKey }
 *   POST /messages/v4/groups/{id}/send           send       → the group, status 'SENDING'
 *   GET  /messages/v4/groups/{id}                group info (used when a send is refused)
 *
 * The account, for "연결 확인" (provider settings):
 *
 *   GET  /cash/v1/balance                        잔액조회   → { balance, point, deposit, lowBalanceAlert, … }
 *   GET  /senderid/v1/numbers                    발신번호 정보 조회 → { accountId, limit, senderIds: [{ phoneNumber, status, … }], … }
 *
 * The sender-id answer is one document per account, not paged (its `limit`
 * is how many numbers the account may register). A number can send only
 * while its status is ACTIVE (PENDING: waiting for approval, INACTIVE:
 * switched off, DUPLICATED: held by another account). /senderid/v1/numbers/active
 * would list the ACTIVE ones only; we read them all so the settings page can
 * tell "not registered" from "registered, not approved yet".
 *
 * Messages across groups, for polling statuses when reports do not come:
 *
 *   GET  /messages/v4/list                       ?groupId&messageIds=…&messageIds=…&startKey&limit → { messageList: { [messageId]: … }, startKey, nextKey, limit }
 *
 * (the SDK's getMessages encodes arrays as repeated keys, without indices.)
 *
 * 알림톡 templates (the SDK's KakaoTemplateService):
 *
 *   POST /kakao/v2/templates                     { channelId, name, content, categoryCode } → the template (status INSPECTING: Solapi submits it)
 *   GET  /kakao/v2/templates/{id}                the template { templateId, channelId, name, content, status, comments: [{ isAdmin, content, … }], … }
 *   PUT  /kakao/v2/templates/{id}/inspection     inspection of a PENDING template (older SDKs' requestInspectionKakaoAlimtalkTemplate)
 *
 * Each message carries our recipient id in `customFields.recipientId`, so
 * listing a group says which recipients it already holds. Solapi itself
 * does not refuse a second message for the same recipient id: the service
 * lists before adding.
 */
export const SOLAPI_API_URL = 'https://api.solapi.com';
/** Solapi takes at most 10,000 messages per add request (and 15 MB). */
export const SOLAPI_MAX_MESSAGES_PER_ADD = 10_000;
const DEFAULT_TIMEOUT_MS = 15_000;
const LIST_PAGE_SIZE = 500;

/**
 * A failed provider call. `retryable` says whether the same call may work
 * later: network errors, timeouts, 5xx and 429 are; other 4xx are not (bad
 * key or signature, a malformed message, an unknown group).
 */
export class ProviderError extends Error {
  readonly retryable: boolean;
  /** Null when no HTTP answer arrived. */
  readonly httpStatus: number | null;
  /** Solapi's errorCode ("SignatureDoesNotMatch", …) or ours: NETWORK, TIMEOUT, INVALID_RESPONSE. */
  readonly code: string;
  constructor(message: string, details: { retryable: boolean; httpStatus: number | null; code: string; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ProviderError';
    this.retryable = details.retryable;
    this.httpStatus = details.httpStatus;
    this.code = details.code;
  }
}

export interface SolapiProviderOptions {
  fetch?: typeof fetch;
  /** Per HTTP call (default 15 s). */
  timeoutMs?: number;
  /** For tests: the clock and the salt of the Authorization header. */
  now?: () => Date;
  salt?: () => string;
}

/** One message as Solapi stores it (the fields we read; list answers and reports carry more). */
interface SolapiStoredMessage {
  messageId?: unknown;
  statusCode?: unknown;
  statusMessage?: unknown;
  customFields?: unknown;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function recipientIdOf(message: SolapiStoredMessage): string | null {
  const id = asObject(message.customFields)?.recipientId;
  return typeof id === 'string' && id ? id : null;
}

function codeOf(message: SolapiStoredMessage): string {
  return typeof message.statusCode === 'number' ? String(message.statusCode) : typeof message.statusCode === 'string' ? message.statusCode : '';
}

function messageOf(message: SolapiStoredMessage, code: string): string {
  return typeof message.statusMessage === 'string' && message.statusMessage.trim() ? message.statusMessage.trim() : solapiStatusMessage(code);
}

/** Solapi's sender-id status that lets an account send from the number. */
export const SOLAPI_SENDER_ID_APPROVED = 'ACTIVE';

/** A number Solapi answers as a number (or, leniently, a numeric string); null otherwise. */
function amountOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(value.trim())) return Number(value);
  return null;
}

/** Solapi's variables keys: "#{name}" (a key given as "#{name}" stays). */
function variableKey(name: string): string {
  return /^#\{.+\}$/.test(name) ? name : `#{${name}}`;
}

function kakaoOptionsOf(kakao: NonNullable<ProviderMessage['kakao']>): Record<string, unknown> {
  return {
    pfId: kakao.pfId,
    ...(kakao.templateId !== undefined ? { templateId: kakao.templateId } : {}),
    ...(kakao.variables !== undefined ? { variables: Object.fromEntries(Object.entries(kakao.variables).map(([k, v]) => [variableKey(k), v])) } : {}),
    ...(kakao.disableSms !== undefined ? { disableSms: kakao.disableSms } : {}),
    ...(kakao.bms !== undefined ? { bms: { targeting: kakao.bms.targeting, chatBubbleType: kakao.bms.chatBubbleType } } : {}),
  };
}

const TEMPLATE_STATUSES = new Set<string>(['PENDING', 'INSPECTING', 'APPROVED', 'REJECTED']);

/** A template as Solapi answers it; the reject reason is the latest reviewer's (isAdmin) comment, or the latest comment. */
export function toProviderKakaoTemplate(value: unknown): ProviderKakaoTemplate {
  const t = asObject(value);
  const templateId = typeof t?.templateId === 'string' ? t.templateId : '';
  const status = typeof t?.status === 'string' && TEMPLATE_STATUSES.has(t.status) ? (t.status as ProviderKakaoTemplateStatus) : null;
  if (!t || !templateId || !status) throw new ProviderError('Solapi 알림톡 템플릿: templateId 또는 status 가 없습니다', { retryable: true, httpStatus: 200, code: 'INVALID_RESPONSE' });
  let rejectReason: string | null = null;
  if (status === 'REJECTED') {
    const comments = (Array.isArray(t.comments) ? (t.comments as unknown[]) : []).map(asObject).filter((c): c is Record<string, unknown> => !!c && typeof c.content === 'string' && !!c.content.trim());
    const pick = [...comments].reverse().find((c) => c.isAdmin === true) ?? comments[comments.length - 1];
    rejectReason = pick ? (pick.content as string).trim() : null;
  }
  return {
    templateId,
    pfId: typeof t.channelId === 'string' ? t.channelId : typeof t.channelGroupId === 'string' ? t.channelGroupId : '',
    name: typeof t.name === 'string' ? t.name : '',
    content: typeof t.content === 'string' ? t.content : '',
    status,
    rejectReason,
  };
}

export function toSolapiMessage(message: ProviderMessage): Record<string, unknown> {
  return {
    to: message.to,
    from: message.from,
    type: message.type,
    text: message.text,
    ...(message.subject !== undefined && message.type !== 'SMS' ? { subject: message.subject } : {}),
    ...(message.kakao ? { kakaoOptions: kakaoOptionsOf(message.kakao) } : {}),
    customFields: { recipientId: message.recipientId },
  };
}

export function createSolapiProvider(config: ProviderConfig, options: SolapiProviderOptions = {}): MessageProvider {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());
  const salt = options.salt ?? newSolapiSalt;
  const base = config.apiUrl.replace(/\/+$/, '');

  async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<Record<string, unknown>> {
    const what = `Solapi ${method} ${path}`;
    let status: number;
    let text: string;
    try {
      const response = await fetchImpl(`${base}${path}`, {
        method,
        headers: {
          authorization: solapiAuthorization(config, now(), salt()),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new ProviderError(`${what}: ${timeoutMs}ms 안에 응답이 없습니다`, { retryable: true, httpStatus: null, code: 'TIMEOUT', cause: error });
      }
      const code = (error as { cause?: { code?: string } }).cause?.code;
      throw new ProviderError(`${what}: 연결 실패${code ? ` (${code})` : ''}`, { retryable: true, httpStatus: null, code: 'NETWORK', cause: error });
    }
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = null;
    }
    if (status < 200 || status >= 300) {
      const errorBody = asObject(json);
      const errorCode = typeof errorBody?.errorCode === 'string' ? errorBody.errorCode : `HTTP_${status}`;
      const errorMessage = typeof errorBody?.errorMessage === 'string' ? errorBody.errorMessage : text.slice(0, 200);
      throw new ProviderError(`${what}: ${status} ${errorCode}${errorMessage ? ` ${errorMessage}` : ''}`, {
        retryable: status >= 500 || status === 429,
        httpStatus: status,
        code: errorCode,
      });
    }
    const object = asObject(json);
    // A 2xx we cannot read may still have done its work; the service lists the group before trying again.
    if (!object) throw new ProviderError(`${what}: 응답을 읽을 수 없습니다`, { retryable: true, httpStatus: status, code: 'INVALID_RESPONSE' });
    return object;
  }

  const groupPath = (groupId: string) => `/messages/v4/groups/${encodeURIComponent(groupId)}`;

  async function addChunk(groupId: string, messages: readonly ProviderMessage[]): Promise<ProviderAccepted[]> {
    const answer = await call('PUT', `${groupPath(groupId)}/messages`, { messages: messages.map(toSolapiMessage) });
    const results = Array.isArray(answer.resultList) ? (answer.resultList as SolapiStoredMessage[]) : null;
    if (!results || results.length !== messages.length) {
      throw new ProviderError(`Solapi 메시지 추가: 결과 ${results?.length ?? 0}건 (보낸 ${messages.length}건)`, { retryable: true, httpStatus: 200, code: 'INVALID_RESPONSE' });
    }
    return results.map((result, i) => {
      const code = codeOf(result);
      return {
        recipientId: recipientIdOf(result) ?? messages[i]!.recipientId,
        messageId: typeof result.messageId === 'string' ? result.messageId : '',
        status: mapSolapiStatus(code),
        statusCode: code,
        statusMessage: messageOf(result, code),
      };
    });
  }

  return {
    async createGroup() {
      const group = await call('POST', '/messages/v4/groups', {});
      const groupId = typeof group.groupId === 'string' ? group.groupId : typeof group._id === 'string' ? group._id : null;
      if (!groupId) throw new ProviderError('Solapi 그룹 생성: groupId 가 없습니다', { retryable: true, httpStatus: 200, code: 'INVALID_RESPONSE' });
      return { groupId };
    },

    async listGroupMessages(groupId) {
      const out: ProviderAccepted[] = [];
      const seenKeys = new Set<string>();
      let startKey: string | null = null;
      do {
        const query = new URLSearchParams({ limit: String(LIST_PAGE_SIZE) });
        if (startKey) query.set('startKey', startKey);
        const page = await call('GET', `${groupPath(groupId)}/messages?${query}`);
        const list = asObject(page.messageList) ?? {};
        for (const [key, value] of Object.entries(list)) {
          const message = asObject(value) as SolapiStoredMessage | null;
          if (!message) continue;
          const recipientId = recipientIdOf(message);
          if (!recipientId) continue;
          const code = codeOf(message);
          out.push({ recipientId, messageId: typeof message.messageId === 'string' ? message.messageId : key, status: mapSolapiStatus(code), statusCode: code, statusMessage: messageOf(message, code) });
        }
        startKey = typeof page.nextKey === 'string' && page.nextKey && !seenKeys.has(page.nextKey) ? page.nextKey : null;
        if (startKey) seenKeys.add(startKey);
      } while (startKey);
      return out;
    },

    async addGroupMessages(groupId, messages) {
      const out: ProviderAccepted[] = [];
      for (let i = 0; i < messages.length; i += SOLAPI_MAX_MESSAGES_PER_ADD) {
        out.push(...(await addChunk(groupId, messages.slice(i, i + SOLAPI_MAX_MESSAGES_PER_ADD))));
      }
      return out;
    },

    async getBalance(): Promise<ProviderBalance> {
      const answer = await call('GET', '/cash/v1/balance');
      const balance = amountOf(answer.balance);
      if (balance === null) throw new ProviderError('Solapi 잔액 조회: balance 가 없습니다', { retryable: true, httpStatus: 200, code: 'INVALID_RESPONSE' });
      return { balance, point: amountOf(answer.point) ?? 0 };
    },

    async listSenderIds(): Promise<ProviderSenderId[]> {
      const answer = await call('GET', '/senderid/v1/numbers');
      if (!Array.isArray(answer.senderIds)) throw new ProviderError('Solapi 발신번호 조회: senderIds 가 없습니다', { retryable: true, httpStatus: 200, code: 'INVALID_RESPONSE' });
      const out: ProviderSenderId[] = [];
      for (const entry of answer.senderIds as unknown[]) {
        const senderId = asObject(entry);
        const phoneNumber = typeof senderId?.phoneNumber === 'string' ? senderId.phoneNumber.replace(/[^0-9]/g, '') : '';
        if (!phoneNumber) continue;
        out.push({ phoneNumber, approved: senderId!.status === SOLAPI_SENDER_ID_APPROVED });
      }
      return out;
    },

    async listMessages(query: ProviderListQuery) {
      const params = new URLSearchParams();
      if (query.groupId) params.set('groupId', query.groupId);
      for (const id of query.messageIds ?? []) params.append('messageIds', id);
      if (query.startKey) params.set('startKey', query.startKey);
      params.set('limit', String(Math.max(1, Math.min(query.limit ?? LIST_PAGE_SIZE, LIST_PAGE_SIZE))));
      const page = await call('GET', `/messages/v4/list?${params}`);
      const messages: DeliveryReport[] = [];
      for (const [key, value] of Object.entries(asObject(page.messageList) ?? {})) {
        const message = asObject(value) as SolapiStoredMessage | null;
        if (!message) continue;
        const code = codeOf(message);
        messages.push({ messageId: typeof message.messageId === 'string' && message.messageId ? message.messageId : key, recipientId: recipientIdOf(message), status: mapSolapiStatus(code), statusCode: code, statusMessage: messageOf(message, code) });
      }
      const nextKey = typeof page.nextKey === 'string' && page.nextKey ? page.nextKey : null;
      return { messages, nextKey };
    },

    async createKakaoTemplate(input) {
      return toProviderKakaoTemplate(await call('POST', '/kakao/v2/templates', { channelId: input.pfId, name: input.name, content: input.content, categoryCode: input.categoryCode }));
    },

    async getKakaoTemplate(templateId) {
      return toProviderKakaoTemplate(await call('GET', `/kakao/v2/templates/${encodeURIComponent(templateId)}`));
    },

    async requestKakaoTemplateInspection(templateId) {
      const path = `/kakao/v2/templates/${encodeURIComponent(templateId)}`;
      const current = toProviderKakaoTemplate(await call('GET', path));
      if (current.status !== 'PENDING') return current;
      return toProviderKakaoTemplate(await call('PUT', `${path}/inspection`));
    },

    async sendGroup(groupId) {
      try {
        await call('POST', `${groupPath(groupId)}/send`, {});
      } catch (error) {
        // A send repeated after a crash or a lost answer: Solapi refuses it
        // because the group is already sending. Ask the group; if it has left
        // PENDING, the first send went through.
        if (!(error instanceof ProviderError) || error.retryable || error.httpStatus === null || error.httpStatus === 401 || error.httpStatus === 403) throw error;
        const group = await call('GET', groupPath(groupId));
        if (typeof group.status === 'string' && group.status !== 'PENDING') return;
        throw error;
      }
    },
  };
}

/**
 * The delivery-report webhook's body. Solapi posts a JSON array of message
 * objects (messageId, groupId, to, from, type, statusCode, statusMessage,
 * customFields, dateProcessed, dateReported, dateReceived, …); an object
 * with `messages: [...]` or a single message object is read too. Entries
 * without a messageId or a status code are skipped.
 */
export function parseDeliveryReports(body: unknown): DeliveryReport[] {
  const object = asObject(body);
  const entries: unknown[] = Array.isArray(body) ? body : Array.isArray(object?.messages) ? (object.messages as unknown[]) : object ? [object] : [];
  const reports: DeliveryReport[] = [];
  for (const entry of entries) {
    const message = asObject(entry) as SolapiStoredMessage | null;
    if (!message || typeof message.messageId !== 'string' || !message.messageId) continue;
    const code = codeOf(message);
    if (!code) continue;
    reports.push({ messageId: message.messageId, recipientId: recipientIdOf(message), status: mapSolapiStatus(code), statusCode: code, statusMessage: messageOf(message, code) });
  }
  return reports;
}
