import crypto from 'node:crypto';
import fs from 'node:fs';
import { maskPhone, normalizePhone } from '../../src/shared/phone.ts';
import { solapiStatusMessage } from '../../src/features/messaging/index.ts';

/** What the local Solapi-compatible server keeps of each group and message, and how people read it. */

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
  /** kakaoOptions as received (the fields Solapi keeps that we use): variables, disableSms and bms echoed in listings. */
  kakaoOptions: StoredKakaoOptions | null;
  /** True once Kakao failed and an SMS/LMS was sent instead (Solapi's `replacement`); `type` is then SMS or LMS. */
  replacement: boolean;
  customFields: Record<string, string>;
  statusCode: string;
  statusMessage: string;
  dateCreated: string;
  dateUpdated: string;
  dateSent: string | null;
  dateReported: string | null;
}

export interface StoredKakaoOptions {
  pfId: string;
  templateId?: string;
  variables?: Record<string, string>;
  disableSms?: boolean;
  bms?: { targeting: string; chatBubbleType: string };
}

export interface StoredGroup {
  groupId: string;
  status: LocalGroupStatus;
  dateCreated: string;
  dateSent: string | null;
  dateCompleted: string | null;
  messageIds: string[];
  /** Solapi's allowDuplicates (group option): false → a second message to the same number is refused 1026. */
  allowDuplicates: boolean;
}

export interface RecipientDuplicate {
  recipientId: string;
  count: number;
  messageIds: string[];
}

const TYPE_LABELS: Record<string, string> = { SMS: '문자(SMS)', LMS: '장문(LMS)', MMS: '사진(MMS)', ATA: '알림톡', CTA: '친구톡', BMS_FREE: '브랜드 메시지' };

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Solapi's id shape: prefix, yyyyMMddHHmmss, 15 random characters (G4V20200909142320GUW5FVSOIHQFQPH). */
export function solapiId(prefix: 'G4V' | 'M4V', now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const bytes = crypto.randomBytes(15);
  let tail = '';
  for (const b of bytes) tail += ID_ALPHABET[b % ID_ALPHABET.length];
  return `${prefix}${stamp}${tail}`;
}

export function digitsOf(phone: string): string {
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
