import fs from 'node:fs';
import { solapiStatusMessage } from '../../src/features/messaging/index.ts';
import { describeReceived, digitsOf, findDuplicates, solapiId, type RecipientDuplicate, type StoredGroup, type StoredKakaoOptions, type StoredMessage } from './records.ts';
import { registrationCode } from './registration.ts';
import { ApiError, addedJson, groupJson, messageJson, type AddedJson, type GroupJson } from './wire.ts';

/**
 * The groups and messages of the local Solapi-compatible server and what
 * the API does with them, apart from HTTP: each operation returns the body
 * Solapi answers with 200, or throws an ApiError with Solapi's status, code
 * and message.
 *
 * Like Solapi it does not refuse a second message for the same recipient
 * id: that is the product's job (it lists the group first). It counts
 * messages per recipient id so a test or the bench can see duplicates.
 * Like Solapi it refuses a second message to the same phone in one group
 * with 1026 (중복 수신번호) unless the group was created with
 * allowDuplicates: true; the refused message is still stored (and counted),
 * so a duplicate made by the product shows.
 *
 * `listingLagMs()`: messages added less than that long ago are missing from
 * group listings and GET /messages/v4/list, as in Solapi's eventually
 * consistent listing.
 */

const MAX_MESSAGES_PER_ADD = 10_000;
const MAX_LIST_LIMIT = 500;
const DEFAULT_LIST_LIMIT = 20;

export interface StoreOptions {
  now: () => Date;
  log: (line: string) => void;
  /** Each added message is appended here as one JSON line (never read back). */
  dataFile?: string;
  /** How many messages of one add are logged one per line; the rest are summed up. */
  logEachUpTo: number;
  /** Called when a group is sent, with its messages registered 2000. */
  deliver: (group: StoredGroup, sendable: StoredMessage[]) => void;
  /** Messages added less than this many ms ago are not listed yet. */
  listingLagMs: () => number;
}

export interface LocalStore {
  /** `body` as sent: `{ allowDuplicates? }`. */
  createGroup(body?: unknown): GroupJson;
  getGroup(groupId: string | undefined): GroupJson;
  /** 404 unless the group exists. */
  requireGroup(groupId: string | undefined): StoredGroup;
  /** `body` as sent: `{ messages: [...] }`. */
  addMessages(groupId: string | undefined, body: unknown): { errorCount: number; resultList: AddedJson[] };
  /** `limit` and `startKey` as in the query string (null when absent). */
  listMessages(groupId: string | undefined, query: { limit: string | null; startKey: string | null }): unknown;
  sendGroup(groupId: string | undefined): GroupJson;
  /**
   * POST /messages/v4/send-many/detail (the SDK's send()): a group with
   * `allowDuplicates`, its messages added and sent at once. Answers
   * { failedMessageList, groupInfo, messageList? (showMessageList) }.
   */
  sendMany(body: unknown): unknown;
  /** GET /messages/v4/list: `groupId`, `messageId`, `messageIds` (repeated), `startKey`, `limit`. */
  listAll(query: URLSearchParams): unknown;
  messages(): StoredMessage[];
  /** Copies. */
  groups(): StoredGroup[];
  messagesPerRecipient(): Map<string, number>;
  duplicates(): RecipientDuplicate[];
}

/** The kakaoOptions fields kept (as sent): pfId, templateId, variables, disableSms, bms. */
function storedKakaoOptions(kakao: Record<string, unknown>): StoredKakaoOptions {
  const out: StoredKakaoOptions = { pfId: kakao.pfId as string };
  if (typeof kakao.templateId === 'string') out.templateId = kakao.templateId;
  if (kakao.variables && typeof kakao.variables === 'object' && !Array.isArray(kakao.variables)) out.variables = Object.fromEntries(Object.entries(kakao.variables).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  if (typeof kakao.disableSms === 'boolean') out.disableSms = kakao.disableSms;
  const bms = kakao.bms as Record<string, unknown> | undefined;
  if (bms && typeof bms === 'object') out.bms = { targeting: String(bms.targeting), chatBubbleType: String(bms.chatBubbleType) };
  return out;
}

/** A message as stored from one entry of an add request, registered with `code`. */
function storedMessage(input: Record<string, unknown>, messageId: string, groupId: string, at: string): StoredMessage {
  const { code, type } = registrationCode(input);
  const customFields = code !== '1032' && input.customFields && typeof input.customFields === 'object' ? (input.customFields as Record<string, string>) : {};
  const kakao = input.kakaoOptions as Record<string, unknown> | undefined;
  return {
    messageId,
    groupId,
    recipientId: typeof customFields.recipientId === 'string' && customFields.recipientId ? customFields.recipientId : null,
    to: typeof input.to === 'string' ? input.to : '',
    from: typeof input.from === 'string' ? input.from : '',
    type,
    text: typeof input.text === 'string' ? input.text : '',
    subject: typeof input.subject === 'string' ? input.subject : null,
    kakaoOptions: kakao && typeof kakao === 'object' && typeof kakao.pfId === 'string' ? storedKakaoOptions(kakao) : null,
    replacement: false,
    customFields,
    statusCode: code,
    statusMessage: solapiStatusMessage(code),
    dateCreated: at,
    dateUpdated: at,
    dateSent: null,
    dateReported: null,
  };
}

/** The log lines of one add: the first `logEachUpTo` messages, a sum, the repeated recipients (at most 20). */
function logAdded(log: (line: string) => void, logEachUpTo: number, group: StoredGroup, added: StoredMessage[], errorCount: number, repeated: string[]): void {
  for (const m of added.slice(0, logEachUpTo)) log(describeReceived(m));
  if (added.length > logEachUpTo) log(`  … 외 ${(added.length - logEachUpTo).toLocaleString('ko-KR')}건`);
  log(`그룹 ${group.groupId}: ${added.length.toLocaleString('ko-KR')}건 접수${errorCount ? ` (접수 실패 ${errorCount}건)` : ''}, 그룹 누적 ${group.messageIds.length.toLocaleString('ko-KR')}건`);
  for (const line of repeated.slice(0, 20)) log(line);
  if (repeated.length > 20) log(`중복: … 외 ${repeated.length - 20}건`);
}

/** Where a page of a group's messages starts and how long it is (?limit ≤ 500, ?startKey one of the group's message ids). */
function pageOf(messageIds: string[], query: { limit: string | null; startKey: string | null }): { start: number; limit: number } {
  const requested = Number(query.limit ?? DEFAULT_LIST_LIMIT);
  const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, MAX_LIST_LIMIT) : DEFAULT_LIST_LIMIT;
  const startKey = query.startKey;
  let start = 0;
  if (startKey) {
    start = messageIds.indexOf(startKey);
    if (start < 0) throw new ApiError(400, 'ValidationError', `startKey 가 이 목록의 메시지가 아닙니다: ${startKey}`);
  }
  return { start, limit };
}

export function createLocalStore(options: StoreOptions): LocalStore {
  const { now, log, logEachUpTo } = options;
  const groups = new Map<string, StoredGroup>();
  const messages = new Map<string, StoredMessage>();
  const perRecipient = new Map<string, number>();

  const messagesOf = (g: StoredGroup) => g.messageIds.map((id) => messages.get(id)!);

  function requireGroup(groupId: string | undefined): StoredGroup {
    const group = groupId === undefined ? undefined : groups.get(groupId);
    if (!group) throw new ApiError(404, 'NotFound', `해당 그룹이 없습니다: ${groupId}`);
    return group;
  }

  function createGroup(body?: unknown) {
    const at = now().toISOString();
    let groupId = solapiId('G4V', now());
    while (groups.has(groupId)) groupId = solapiId('G4V', now());
    const allowDuplicates = (body as { allowDuplicates?: unknown } | null | undefined)?.allowDuplicates === true;
    const group: StoredGroup = { groupId, status: 'PENDING', dateCreated: at, dateSent: null, dateCompleted: null, messageIds: [], allowDuplicates };
    groups.set(groupId, group);
    return groupJson(group, messagesOf(group));
  }

  /** Stores one entry of an add; a line for the log when its recipient id has had a message before. */
  function store(group: StoredGroup, raw: unknown, at: string): { stored: StoredMessage; repeated: string | null } {
    const input = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    let messageId = solapiId('M4V', now());
    while (messages.has(messageId)) messageId = solapiId('M4V', now());
    const stored = storedMessage(input, messageId, group.groupId, at);
    if (stored.statusCode === '2000' && !group.allowDuplicates) {
      const digits = digitsOf(stored.to);
      if (messagesOf(group).some((m) => m.statusCode === '2000' && digitsOf(m.to) === digits)) {
        stored.statusCode = '1026';
        stored.statusMessage = solapiStatusMessage('1026');
      }
    }
    messages.set(messageId, stored);
    group.messageIds.push(messageId);
    if (!stored.recipientId) return { stored, repeated: null };
    const count = (perRecipient.get(stored.recipientId) ?? 0) + 1;
    perRecipient.set(stored.recipientId, count);
    return { stored, repeated: count > 1 ? `중복: 수신자 ${stored.recipientId} 의 메시지가 ${count}건째입니다 (그룹 ${group.groupId})` : null };
  }

  function addMessages(groupId: string | undefined, body: unknown) {
    const group = requireGroup(groupId);
    if (group.status !== 'PENDING') throw new ApiError(400, 'InvalidGroupStatus', `이미 발송한 그룹에는 메시지를 추가할 수 없습니다 (${group.status}).`);
    const list = (body as { messages?: unknown } | null)?.messages;
    if (!Array.isArray(list) || list.length === 0) throw new ApiError(400, 'ValidationError', 'messages 배열이 필요합니다.');
    if (list.length > MAX_MESSAGES_PER_ADD) throw new ApiError(400, 'TooManyMessages', `한 번에 ${MAX_MESSAGES_PER_ADD.toLocaleString('ko-KR')}건까지 추가할 수 있습니다.`);
    const at = now().toISOString();
    const added: StoredMessage[] = [];
    const repeated: string[] = [];
    for (const raw of list) {
      const one = store(group, raw, at);
      added.push(one.stored);
      if (one.repeated) repeated.push(one.repeated);
    }
    if (options.dataFile) fs.appendFileSync(options.dataFile, added.map((m) => JSON.stringify(m)).join('\n') + '\n');
    const errorCount = added.filter((m) => m.statusCode !== '2000').length;
    logAdded(log, logEachUpTo, group, added, errorCount, repeated);
    return { errorCount, resultList: added.map(addedJson) };
  }

  /** Ids old enough to be listed (listingLagMs). */
  function listable(ids: Iterable<string>): string[] {
    const lag = options.listingLagMs();
    const before = now().getTime() - lag;
    const out: string[] = [];
    for (const id of ids) if (lag <= 0 || Date.parse(messages.get(id)!.dateCreated) <= before) out.push(id);
    return out;
  }

  function page(ids: string[], query: { limit: string | null; startKey: string | null }) {
    const { start, limit } = pageOf(ids, query);
    const messageList: Record<string, unknown> = {};
    for (const id of ids.slice(start, start + limit)) messageList[id] = messageJson(messages.get(id)!);
    return { startKey: query.startKey ?? null, nextKey: ids[start + limit] ?? null, limit, messageList };
  }

  function listMessages(groupId: string | undefined, query: { limit: string | null; startKey: string | null }) {
    const group = requireGroup(groupId);
    return page(listable(group.messageIds), query);
  }

  function listAll(query: URLSearchParams) {
    const groupId = query.get('groupId');
    const wanted = new Set([...query.getAll('messageIds'), ...query.getAll('messageIds[]'), ...query.getAll('messageId')].filter(Boolean));
    let ids: Iterable<string> = groupId ? (groups.get(groupId)?.messageIds ?? []) : messages.keys();
    if (wanted.size) ids = [...ids].filter((id) => wanted.has(id));
    return page(listable(ids), { limit: query.get('limit'), startKey: query.get('startKey') });
  }

  function sendGroup(groupId: string | undefined) {
    const group = requireGroup(groupId);
    if (group.status !== 'PENDING') throw new ApiError(400, 'InvalidGroupStatus', `이미 발송한 그룹입니다 (${group.status}).`);
    const sendable = messagesOf(group).filter((m) => m.statusCode === '2000');
    if (sendable.length === 0) throw new ApiError(400, 'NoMessagesToSend', '발송할 정상 접수 메시지가 없습니다.');
    const at = now().toISOString();
    group.status = 'SENDING';
    group.dateSent = at;
    for (const m of sendable) m.dateSent = at;
    log(`발송 요청: 그룹 ${group.groupId} · ${sendable.length.toLocaleString('ko-KR')}건`);
    options.deliver(group, sendable);
    return groupJson(group, messagesOf(group));
  }

  function sendMany(body: unknown) {
    const input = (body ?? {}) as { messages?: unknown; allowDuplicates?: unknown; showMessageList?: unknown; scheduledDate?: unknown };
    if (input.scheduledDate) throw new ApiError(400, 'ValidationError', '예약 발송(scheduledDate)은 로컬 서버에서 지원하지 않습니다.');
    const { groupId } = createGroup({ allowDuplicates: input.allowDuplicates === true });
    const { resultList } = addMessages(groupId, { messages: input.messages });
    const group = requireGroup(groupId);
    if (resultList.some((r) => r.statusCode === '2000')) sendGroup(groupId);
    return {
      failedMessageList: resultList.filter((r) => r.statusCode !== '2000'),
      groupInfo: {
        ...groupJson(group, messagesOf(group)),
        countForCharge: {},
        balance: { requested: 0, replacement: 0, refund: 0, sum: 0 },
        point: { requested: 0, replacement: 0, refund: 0, sum: 0 },
        app: { profit: {}, appId: null, version: null },
        log: [],
        allowDuplicates: group.allowDuplicates,
        isRefunded: false,
        accountId: 'LOCAL',
        masterAccountId: null,
        price: {},
        scheduledDate: null,
      },
      ...(input.showMessageList === true ? { messageList: resultList.map((r) => ({ messageId: r.messageId, statusCode: r.statusCode, statusMessage: r.statusMessage, customFields: r.customFields })) } : {}),
    };
  }

  return {
    createGroup,
    sendMany,
    getGroup: (groupId) => {
      const group = requireGroup(groupId);
      return groupJson(group, messagesOf(group));
    },
    requireGroup,
    addMessages,
    listMessages,
    listAll,
    sendGroup,
    messages: () => [...messages.values()],
    groups: () => [...groups.values()].map((g) => ({ ...g, messageIds: [...g.messageIds] })),
    messagesPerRecipient: () => new Map(perRecipient),
    duplicates: () => findDuplicates(messages.values()),
  };
}
