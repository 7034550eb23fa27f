import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { maskPhone, normalizePhone } from '../../../shared/phone.ts';
import { verifySolapiAuthorization, withReportToken } from './solapi-auth.ts';
import { solapiStatusMessage } from './status-codes.ts';

/**
 * A Solapi-compatible server for the demo, the tests and the bench
 * (MSG-11). It speaks the part of Solapi's REST API v4 that the provider
 * client uses, checks the HMAC Authorization header exactly like Solapi
 * (403 InvalidAPIKey / SignatureDoesNotMatch / RequestTimeTooSkewed /
 * DuplicatedSignature; 401 when the header is missing or unreadable),
 * stores what it receives, and after `deliveryDelayMs` posts delivery
 * reports to `reportUrl`: 3000 (이통사 접수) and, one more delay later,
 * 4000 (수신 완료) — or a failure code for numbers in `failPhones` (3032
 * 미가입자 unless `failCode` says otherwise) and 3010 for numbers that are
 * not valid Korean numbers.
 *
 * Like Solapi it does not refuse a second message for the same recipient
 * id: that is the service's job (it lists the group first). It counts
 * messages per recipient id so a test or the bench can see duplicates.
 * Unlike Solapi it never answers 1026 (중복 수신번호) for the same phone
 * twice in one group, so a duplicate made by our service always shows.
 *
 *   POST /messages/v4/groups                   create a group
 *   GET  /messages/v4/groups/{id}              the group
 *   PUT  /messages/v4/groups/{id}/messages     add messages (≤ 10,000 per call)
 *   GET  /messages/v4/groups/{id}/messages     list (?limit ≤ 500, ?startKey; answers nextKey)
 *   POST /messages/v4/groups/{id}/send         send (400 InvalidGroupStatus once sent)
 *   GET  /local/messages, /local/duplicates    for people (no authentication)
 */

export const LOCAL_PROVIDER_DEFAULT_PORT = 4010;
export const LOCAL_PROVIDER_DEFAULT_API_KEY = 'LOCALKEY';
export const LOCAL_PROVIDER_DEFAULT_API_SECRET = 'LOCALSECRET';

export type LocalGroupStatus = 'PENDING' | 'SENDING' | 'COMPLETE';

export interface StoredMessage {
  messageId: string;
  groupId: string;
  /** customFields.recipientId: our message_recipients.id. */
  recipientId: string | null;
  to: string;
  from: string;
  type: string;
  text: string;
  subject: string | null;
  kakaoOptions: { pfId: string; templateId: string } | null;
  customFields: Record<string, string>;
  statusCode: string;
  statusMessage: string;
  dateCreated: string;
  dateUpdated: string;
  dateSent: string | null;
  dateReported: string | null;
}

export interface StoredGroup {
  groupId: string;
  status: LocalGroupStatus;
  dateCreated: string;
  dateSent: string | null;
  dateCompleted: string | null;
  messageIds: string[];
}

export interface RecipientDuplicate {
  recipientId: string;
  count: number;
  messageIds: string[];
}

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
  /** Our webhook. The report token (see solapi-auth.ts) is added unless the URL has one. No URL: statuses change, nothing is posted. */
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

const TYPE_LABELS: Record<string, string> = { SMS: '문자(SMS)', LMS: '장문(LMS)', MMS: '사진(MMS)', ATA: '알림톡', CTA: '친구톡' };
const MESSAGE_TYPES = new Set(['SMS', 'LMS', 'MMS', 'ATA', 'CTA']);
const BODY_LIMIT = 16 * 1024 * 1024;
const MAX_MESSAGES_PER_ADD = 10_000;
const MAX_LIST_LIMIT = 500;
const DEFAULT_LIST_LIMIT = 20;
const GROUP_PATH = /^\/messages\/v4\/groups\/([^/]+)(\/messages|\/send)?\/?$/;

class ApiError extends Error {
  readonly status: number;
  readonly errorCode: string;
  constructor(status: number, errorCode: string, errorMessage: string) {
    super(errorMessage);
    this.status = status;
    this.errorCode = errorCode;
  }
}

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Solapi's id shape: prefix, yyyyMMddHHmmss, 15 random characters (G4V20200909142320GUW5FVSOIHQFQPH). */
function solapiId(prefix: 'G4V' | 'M4V', now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const bytes = crypto.randomBytes(15);
  let tail = '';
  for (const b of bytes) tail += ID_ALPHABET[b % ID_ALPHABET.length];
  return `${prefix}${stamp}${tail}`;
}

function digitsOf(phone: string): string {
  return phone.replace(/[^0-9]/g, '');
}

/** 010-****-5678 for a valid number; otherwise the last 4 digits only. */
export function maskedPhone(phone: string): string {
  const digits = normalizePhone(phone);
  if (digits) return maskPhone(digits);
  const raw = digitsOf(phone);
  return raw.length > 4 ? `${'*'.repeat(raw.length - 4)}${raw.slice(-4)}` : '****';
}

/** The first non-empty line, cut at `max` characters; "…" when anything is left out. */
function firstLine(text: string, max = 30): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const index = lines.findIndex(Boolean);
  if (index < 0) return '';
  const chars = [...lines[index]!];
  const more = chars.length > max || lines.slice(index + 1).some(Boolean);
  return `${chars.slice(0, max).join('')}${more ? '…' : ''}`;
}

/** One line per received message, as the CLI prints it. */
export function describeReceived(message: Pick<StoredMessage, 'to' | 'type' | 'text' | 'statusCode'>): string {
  const label = TYPE_LABELS[message.type] ?? message.type;
  const refused = message.statusCode === '2000' ? '' : ` → 접수 실패 ${message.statusCode} ${solapiStatusMessage(message.statusCode)}`;
  return `수신: ${maskedPhone(message.to)} · ${label} · ${firstLine(message.text)}${refused}`;
}

/** Recipient ids with more than one message, from any list of messages (e.g. read back from a data file). */
export function findDuplicates(messages: Iterable<Pick<StoredMessage, 'recipientId' | 'messageId'>>): RecipientDuplicate[] {
  const byRecipient = new Map<string, string[]>();
  for (const m of messages) {
    if (!m.recipientId) continue;
    const ids = byRecipient.get(m.recipientId);
    if (ids) ids.push(m.messageId);
    else byRecipient.set(m.recipientId, [m.messageId]);
  }
  return [...byRecipient].filter(([, ids]) => ids.length > 1).map(([recipientId, messageIds]) => ({ recipientId, count: messageIds.length, messageIds }));
}

/** The messages a local provider appended to `dataFile` (possibly over several runs). */
export function readLocalProviderFile(dataFile: string): StoredMessage[] {
  if (!fs.existsSync(dataFile)) return [];
  return fs
    .readFileSync(dataFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as StoredMessage);
}

function eucKrBytes(text: string): number {
  return iconv.encode(text, 'euc-kr').length;
}

/** Solapi's add-time checks that matter to us; the code a refused message gets, or 2000. */
function registrationCode(input: Record<string, unknown>): { code: string; type: string } {
  const to = input.to;
  const from = input.from;
  const text = input.text;
  const rawType = typeof input.type === 'string' ? input.type.toUpperCase() : undefined;
  // Like Solapi's autoTypeDetect: no type means SMS, or LMS when the text is longer than 90 bytes.
  const type = rawType ?? (typeof text === 'string' && eucKrBytes(text) > 90 ? 'LMS' : 'SMS');
  if (typeof to !== 'string' || !to.trim() || typeof from !== 'string' || !from.trim() || typeof text !== 'string' || !text) return { code: '1010', type };
  if (!MESSAGE_TYPES.has(type)) return { code: '1025', type };
  if (input.customFields !== undefined) {
    const fields = input.customFields;
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return { code: '1032', type };
    for (const [key, value] of Object.entries(fields)) if (key.length > 30 || typeof value !== 'string' || value.length > 100) return { code: '1032', type };
  }
  const kakao = input.kakaoOptions as { pfId?: unknown; templateId?: unknown } | undefined;
  if (type === 'ATA' || type === 'CTA') {
    if (!kakao || typeof kakao.pfId !== 'string' || !kakao.pfId) return { code: '1041', type };
    if (type === 'ATA' && (typeof kakao.templateId !== 'string' || !kakao.templateId)) return { code: '1042', type };
    if ([...text].length > 1000) return { code: '1031', type };
  } else {
    if (kakao !== undefined) return { code: '1033', type };
    if (type === 'SMS' && input.subject !== undefined && input.subject !== null) return { code: '1013', type };
    if (typeof input.subject === 'string' && eucKrBytes(input.subject) > 40) return { code: '1014', type };
    if (eucKrBytes(text) > (type === 'SMS' ? 90 : 2000)) return { code: '1031', type };
  }
  return { code: '2000', type };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export async function startLocalProvider(options: LocalProviderOptions): Promise<LocalProvider> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const now = options.now ?? (() => new Date());
  const delay = Math.max(0, options.deliveryDelayMs ?? 1000);
  const failCode = options.failCode ?? '3032';
  const failPhones = new Set([...(options.failPhones ?? [])].map(digitsOf));
  const reportUrl = options.reportUrl ? withReportToken(options.reportUrl, options.apiSecret) : null;
  const reportAttempts = Math.max(1, options.reportAttempts ?? 6);
  const reportRetryDelayMs = Math.max(0, options.reportRetryDelayMs ?? 500);
  const reportBatchSize = Math.max(1, options.reportBatchSize ?? 500);
  const logEachUpTo = Math.max(0, options.logEachUpTo ?? 5);

  const groups = new Map<string, StoredGroup>();
  const messages = new Map<string, StoredMessage>();
  const perRecipient = new Map<string, number>();
  const usedSignatures = new Map<string, number>();
  const stats = { posted: 0, retries: 0, dropped: 0 };
  const timers = new Set<NodeJS.Timeout>();
  let scheduledReports = 0;
  const reportQueue: StoredMessage[][] = [];
  let draining: Promise<void> | null = null;
  let inFlight = 0;
  let failing = 0;
  let failWhen: 'before' | 'after' = 'before';
  const closing = new AbortController();

  function iso(): string {
    return now().toISOString();
  }

  // ---- reports -------------------------------------------------------------

  function reportBody(m: StoredMessage) {
    return {
      messageId: m.messageId,
      groupId: m.groupId,
      to: m.to,
      from: m.from,
      type: m.type,
      country: '82',
      statusCode: m.statusCode,
      statusMessage: m.statusMessage,
      customFields: m.customFields,
      dateCreated: m.dateCreated,
      dateProcessed: m.dateSent,
      dateReported: m.dateReported,
      dateReceived: m.statusCode === '4000' ? m.dateReported : null,
      networkCode: null,
    };
  }

  async function postReports(batch: StoredMessage[]): Promise<void> {
    if (!reportUrl) return;
    const body = JSON.stringify(batch.map(reportBody));
    let wait = reportRetryDelayMs;
    for (let attempt = 1; attempt <= reportAttempts && !closing.signal.aborted; attempt++) {
      let outcome: string;
      try {
        const response = await fetch(reportUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.any([closing.signal, AbortSignal.timeout(10_000)]) });
        await response.arrayBuffer();
        if (response.ok) {
          stats.posted += batch.length;
          return;
        }
        outcome = `HTTP ${response.status}`;
      } catch (error) {
        if (closing.signal.aborted) return;
        outcome = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      }
      if (attempt === reportAttempts) {
        stats.dropped += batch.length;
        log(`결과 보고 포기: ${batch.length}건 (${outcome}, ${reportAttempts}회 시도)`);
        return;
      }
      stats.retries += 1;
      log(`결과 보고 실패 (${outcome}) → ${wait}ms 뒤 다시 보냄 (${attempt + 1}/${reportAttempts})`);
      await sleep(wait, closing.signal);
      wait = Math.min(wait * 2, 10_000);
    }
  }

  function drainReports(): void {
    if (draining || closing.signal.aborted) return;
    draining = (async () => {
      while (reportQueue.length && !closing.signal.aborted) {
        const batch = reportQueue.shift()!;
        inFlight = batch.length;
        await postReports(batch);
        inFlight = 0;
      }
    })().finally(() => {
      draining = null;
      inFlight = 0;
      if (reportQueue.length && !closing.signal.aborted) drainReports();
    });
  }

  function enqueueReports(list: StoredMessage[]): void {
    if (!reportUrl || list.length === 0) return;
    // Snapshots: the 4000 report must not overwrite the 3000 one still waiting to be posted.
    for (let i = 0; i < list.length; i += reportBatchSize) reportQueue.push(list.slice(i, i + reportBatchSize).map((m) => ({ ...m })));
    drainReports();
  }

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
      enqueueReports(sendable);
      later(delay, () => {
        for (const m of carried) setStatus(m, '4000');
        scheduledReports -= carried.length;
        group.status = 'COMPLETE';
        group.dateCompleted = iso();
        if (carried.length) log(`결과: 그룹 ${group.groupId} 수신 완료(4000) ${carried.length}건`);
        enqueueReports(carried);
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

  function requireGroup(groupId: string): StoredGroup {
    const group = groups.get(groupId);
    if (!group) throw new ApiError(404, 'NotFound', `해당 그룹이 없습니다: ${groupId}`);
    return group;
  }

  function createGroup(): { status: number; body: unknown } {
    const at = iso();
    let groupId = solapiId('G4V', now());
    while (groups.has(groupId)) groupId = solapiId('G4V', now());
    const group: StoredGroup = { groupId, status: 'PENDING', dateCreated: at, dateSent: null, dateCompleted: null, messageIds: [] };
    groups.set(groupId, group);
    return { status: 200, body: groupJson(group) };
  }

  function addMessages(group: StoredGroup, body: unknown): { status: number; body: unknown } {
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

  function listMessages(group: StoredGroup, query: URLSearchParams): { status: number; body: unknown } {
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

  function sendGroup(group: StoredGroup): { status: number; body: unknown } {
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

  function handleApi(method: string, path: string, query: URLSearchParams, headers: http.IncomingHttpHeaders, body: unknown): { status: number; body: unknown } {
    const auth = verifySolapiAuthorization({
      header: headers.authorization,
      secretFor: (key) => (key === options.apiKey ? options.apiSecret : undefined),
      now: now(),
      usedSignatures,
    });
    if (!auth.ok) {
      log(`인증 실패: ${auth.errorCode} → ${auth.httpStatus}`);
      return { status: auth.httpStatus, body: { errorCode: auth.errorCode, errorMessage: auth.errorMessage } };
    }
    if (path === '/messages/v4/groups' || path === '/messages/v4/groups/') {
      if (method !== 'POST') throw new ApiError(405, 'MethodNotAllowed', `${method} 은 지원하지 않습니다.`);
      return createGroup();
    }
    const match = GROUP_PATH.exec(path);
    if (!match) throw new ApiError(404, 'NotFound', `없는 경로입니다: ${path}`);
    const group = requireGroup(decodeURIComponent(match[1]!));
    const sub = match[2];
    if (!sub && method === 'GET') return { status: 200, body: groupJson(group) };
    if (sub === '/messages' && method === 'PUT') return addMessages(group, body);
    if (sub === '/messages' && method === 'GET') return listMessages(group, query);
    if (sub === '/send' && method === 'POST') return sendGroup(group);
    throw new ApiError(405, 'MethodNotAllowed', `${method} ${path} 은 지원하지 않습니다.`);
  }

  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
    };
    const url = new URL(req.url ?? '/', 'http://local-solapi');
    const method = req.method ?? 'GET';

    if (method === 'GET' && url.pathname === '/local/messages') return send(200, { items: [...messages.values()] });
    if (method === 'GET' && url.pathname === '/local/duplicates') return send(200, { items: findDuplicates(messages.values()) });
    if (!url.pathname.startsWith('/messages/v4/')) return send(404, { errorCode: 'NotFound', errorMessage: `없는 경로입니다: ${url.pathname}` });

    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return send(413, { errorCode: 'PayloadTooLarge', errorMessage: '요청이 15MB를 넘습니다.' });
      const failNow = failing > 0;
      if (failNow) failing -= 1;
      if (failNow && failWhen === 'before') {
        log(`장애 시뮬레이션: ${method} ${url.pathname} → 503`);
        return send(503, { errorCode: 'ServiceUnavailable', errorMessage: '일시적인 장애입니다 (시뮬레이션).' });
      }
      let body: unknown = undefined;
      const raw = Buffer.concat(chunks).toString('utf8');
      if (raw.trim()) {
        try {
          body = JSON.parse(raw);
        } catch {
          return send(400, { errorCode: 'InvalidJSON', errorMessage: '요청 본문이 JSON이 아닙니다.' });
        }
      }
      let out: { status: number; body: unknown };
      try {
        out = handleApi(method, url.pathname, url.searchParams, req.headers, body);
      } catch (error) {
        if (error instanceof ApiError) out = { status: error.status, body: { errorCode: error.errorCode, errorMessage: error.message } };
        else {
          log(`처리 중 오류: ${(error as Error).message}`);
          out = { status: 500, body: { errorCode: 'InternalError', errorMessage: (error as Error).message } };
        }
      }
      if (failNow) {
        log(`장애 시뮬레이션: ${method} ${url.pathname} 처리 후 응답 유실 → 503`);
        return send(503, { errorCode: 'ServiceUnavailable', errorMessage: '일시적인 장애입니다 (시뮬레이션).' });
      }
      send(out.status, out.body);
    });
    req.on('error', () => res.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    reportUrl,
    messages: () => [...messages.values()],
    groups: () => [...groups.values()].map((g) => ({ ...g, messageIds: [...g.messageIds] })),
    messagesPerRecipient: () => new Map(perRecipient),
    duplicates: () => findDuplicates(messages.values()),
    reportStats: () => ({ ...stats, pending: scheduledReports + reportQueue.reduce((n, b) => n + b.length, 0) + inFlight }),
    failNext(count, when = 'before') {
      failing = Math.max(0, Math.floor(count));
      failWhen = when;
    },
    async idle(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (timers.size > 0 || reportQueue.length > 0 || draining) {
        if (Date.now() > until) throw new Error(`로컬 Solapi: ${timeoutMs}ms 안에 결과 보고가 끝나지 않았습니다`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close() {
      closing.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
