import { digitsOf } from './records.ts';

/**
 * The account behind the local Solapi-compatible server's key pair: its
 * balance and its sender numbers (발신번호), as Solapi answers them.
 *
 *   GET /cash/v1/balance            { balance, point, deposit, lowBalanceAlert, minimumCash, rechargeTo, autoRecharge, accountId }
 *   GET /senderid/v1/numbers        { accountId, limit, senderIds: [{ handleKey, phoneNumber, status, … }], limitationDocuments, dateCreated, dateUpdated }
 *   GET /senderid/v1/numbers/active ["0212345678", …]: the ACTIVE numbers only
 *
 * (docs.solapi.com: 잔액조회, 발신번호 정보 조회, 활성화된 발신번호 목록 조회.)
 * The sender-id document is one per account and not paged: its `limit` is
 * how many numbers the account may register (5 unless raised), not a page
 * size. A number is usable only while its status is ACTIVE; PENDING waits
 * for approval (서류 심사 / 인증), INACTIVE was switched off, DUPLICATED is
 * registered by another account.
 *
 * Like the rest of the server it does not charge for messages: the balance
 * is what a test or the CLI sets, so a long run (the bench) never runs dry.
 */

export type LocalSenderIdStatus = 'ACTIVE' | 'PENDING' | 'INACTIVE' | 'DUPLICATED';

/** A sender number; a bare string is an ACTIVE (approved) one. */
export type LocalSenderId = string | { phoneNumber: string; status: LocalSenderIdStatus };

export interface LocalAccountSettings {
  /** 잔액 in won (default 100,000). */
  balance?: number;
  /** 포인트 (default 0). */
  point?: number;
  /** The account's registered sender numbers (any format; stored as digits). */
  senderIds?: readonly LocalSenderId[];
}

export interface LocalAccountState {
  balance: number;
  point: number;
  senderIds: { phoneNumber: string; status: LocalSenderIdStatus }[];
}

export const LOCAL_PROVIDER_DEFAULT_BALANCE = 100_000;
/** The demo shop's sender number (src/app/demo/demo.ts) and the one the tests send from. */
export const LOCAL_PROVIDER_DEFAULT_SENDER_ID = '0212345678';
/** Solapi lets an account register 5 sender numbers unless it asks for more. */
const DEFAULT_SENDER_ID_LIMIT = 5;
const STATUSES = new Set<string>(['ACTIVE', 'PENDING', 'INACTIVE', 'DUPLICATED']);
const ACCOUNT_ID = 'LOCAL';

function amount(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} 는 0 이상의 숫자입니다: ${value}`);
  return value;
}

/** The numbers as digits with their status; throws on a malformed or repeated number or an unknown status. */
export function senderIdsOf(list: readonly LocalSenderId[]): LocalAccountState['senderIds'] {
  const out: LocalAccountState['senderIds'] = [];
  const seen = new Set<string>();
  for (const entry of list) {
    const raw = typeof entry === 'string' ? entry : entry.phoneNumber;
    const status = typeof entry === 'string' ? 'ACTIVE' : entry.status;
    const phoneNumber = digitsOf(raw);
    if (phoneNumber.length < 8 || phoneNumber.length > 12) throw new Error(`발신번호 형식이 올바르지 않습니다: ${raw}`);
    if (!STATUSES.has(status)) throw new Error(`발신번호 상태는 ACTIVE · PENDING · INACTIVE · DUPLICATED 중 하나입니다: ${status}`);
    if (seen.has(phoneNumber)) throw new Error(`발신번호가 두 번 있습니다: ${raw}`);
    seen.add(phoneNumber);
    out.push({ phoneNumber, status });
  }
  return out;
}

export interface LocalAccount {
  /** A copy of the current state. */
  state(): LocalAccountState;
  /** Changes what is given; the rest stays. Throws (and changes nothing) on a bad value. */
  set(settings: LocalAccountSettings): void;
  balanceJson(): unknown;
  senderIdsJson(): unknown;
  activeSenderIdsJson(): string[];
}

export function createLocalAccount(settings: LocalAccountSettings, now: () => Date): LocalAccount {
  const createdAt = now().toISOString();
  let updatedAt = createdAt;
  let state: LocalAccountState = {
    balance: amount('balance', settings.balance ?? LOCAL_PROVIDER_DEFAULT_BALANCE),
    point: amount('point', settings.point ?? 0),
    senderIds: senderIdsOf(settings.senderIds ?? [LOCAL_PROVIDER_DEFAULT_SENDER_ID]),
  };
  // When each number was registered, kept across set() so its dates do not move.
  const registered = new Map<string, string>(state.senderIds.map((s) => [s.phoneNumber, createdAt]));

  const copy = (): LocalAccountState => ({ ...state, senderIds: state.senderIds.map((s) => ({ ...s })) });

  return {
    state: copy,
    set(next) {
      const updated: LocalAccountState = {
        balance: next.balance === undefined ? state.balance : amount('balance', next.balance),
        point: next.point === undefined ? state.point : amount('point', next.point),
        senderIds: next.senderIds === undefined ? state.senderIds : senderIdsOf(next.senderIds),
      };
      updatedAt = now().toISOString();
      for (const s of updated.senderIds) if (!registered.has(s.phoneNumber)) registered.set(s.phoneNumber, updatedAt);
      state = updated;
    },
    balanceJson: () => ({
      // currentBalance is a string: the official SDK's response schema (getBalanceResponseSchema) refuses null.
      lowBalanceAlert: { notificationBalance: '0', currentBalance: String(state.balance), balances: [], channels: ['SMS'], enabled: false },
      point: state.point,
      minimumCash: 0,
      rechargeTo: 0,
      rechargeTryCount: 0,
      autoRecharge: 0,
      accountId: ACCOUNT_ID,
      balance: state.balance,
      deposit: 0,
    }),
    senderIdsJson: () => ({
      accountId: ACCOUNT_ID,
      limit: Math.max(DEFAULT_SENDER_ID_LIMIT, state.senderIds.length),
      senderIds: state.senderIds.map((s, i) => {
        const at = registered.get(s.phoneNumber) ?? createdAt;
        return {
          handleKey: `SID_LOCAL${String(i + 1).padStart(4, '0')}${s.phoneNumber}`,
          phoneNumber: s.phoneNumber,
          status: s.status,
          method: s.status === 'ACTIVE' ? 'SELF-CERT' : null,
          expireAt: null,
          autoExtension: true,
          necessaryMeasures: s.status === 'DUPLICATED' ? ['DUPLICATED'] : s.status === 'PENDING' ? ['BUSINESS_DOCUMENTS'] : null,
          consignment: false,
          approvalDocuments: [],
          unlockDuplicate: null,
          log: [],
          dateCreated: at,
          dateUpdated: at,
        };
      }),
      limitationDocuments: [],
      dateCreated: createdAt,
      dateUpdated: updatedAt,
    }),
    activeSenderIdsJson: () => state.senderIds.filter((s) => s.status === 'ACTIVE').map((s) => s.phoneNumber),
  };
}
