import { formatPhone, normalizePhone } from '../../../shared/phone.ts';
import { zonedParts } from '../../../shared/time.ts';
import { normalizeSmsText } from './bytes.ts';

/**
 * MSG-7, MSG-10: the text a recipient gets — the body with its variables
 * filled, wrapped in the lines Korean law requires of advertising.
 */

export interface MessageVariables {
  /** #{이름}: the recipient's name. */
  name: string;
  /** #{매장명}: the business's name. */
  businessName: string;
  /** #{쿠폰}: the coupon described ('10% 할인', see describeCoupon). */
  coupon: string;
  /** #{유효기간}: the coupon's last valid day, as people read it (expiresOnText). */
  expiresOn: string;
  /** #{쿠폰번호}: the recipient's own coupon code, which the counter or the POS redeems (MSG-11). */
  couponCode: string;
}

export const MESSAGE_VARIABLES = {
  '#{이름}': 'name',
  '#{매장명}': 'businessName',
  '#{쿠폰}': 'coupon',
  '#{유효기간}': 'expiresOn',
  '#{쿠폰번호}': 'couponCode',
} as const satisfies Record<string, keyof MessageVariables>;

const VARIABLE = /#\{[^{}\n]*\}/g;

function isKnown(token: string): token is keyof typeof MESSAGE_VARIABLES {
  return Object.hasOwn(MESSAGE_VARIABLES, token);
}

/**
 * Replaces the known variables in one pass, so a value that itself
 * contains "#{…}" (a customer named so) is never filled again. Unknown
 * variables stay as written; `unknownVariables` lists them for the editor.
 */
export function fillVariables(body: string, vars: MessageVariables): string {
  return body.replace(VARIABLE, (token) => (isKnown(token) ? vars[MESSAGE_VARIABLES[token]] : token));
}

/** The `#{…}` in a body that are not variables, each once, in order. */
export function unknownVariables(body: string): string[] {
  return [...new Set(body.match(VARIABLE) ?? [])].filter((token) => !isKnown(token));
}

/**
 * MSG-11: the line that gives each recipient their own coupon code and its
 * last day, added after the body when the body does not place #{쿠폰번호}
 * itself — a coupon nobody can show at the counter is no coupon.
 */
export function couponCodeLine(code: string, expiresOn: string): string {
  return `쿠폰번호 ${code} (${expiresOn}까지)`;
}

/**
 * #{유효기간} in a sent text: the coupon's last valid local day, '3월 12일'.
 * `expiresAt` is the exclusive end (couponExpiresAt), so the day is that of
 * the instant just before it.
 */
export function expiresOnText(expiresAt: Date, timeZone: string): string {
  const { month, day } = zonedParts(new Date(expiresAt.getTime() - 1), timeZone);
  return `${month}월 ${day}일`;
}

/** '2026-03-12' → '2026년 3월 12일'. */
export function formatExpiresOn(localDate: string): string {
  const [year, month, day] = localDate.split('-').map(Number);
  return `${year}년 ${month}월 ${day}일`;
}

export interface AdvertisingParts {
  body: string;
  businessName: string;
  /** The business's contact number (digits or already hyphenated); blank leaves the 문의 line out, which the law does not allow for real sends. */
  businessPhone: string;
  /** The free opt-out number (080-…); at least one of it and optOutUrl. */
  optOutPhone?: string | null;
  /** The recipient's own opt-out link. */
  optOutUrl?: string | null;
}

export const ADVERTISING_MARK = '(광고)';

function displayPhone(phone: string): string {
  const digits = normalizePhone(phone);
  return digits ? formatPhone(digits) : phone.trim();
}

function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function legalLines(parts: AdvertisingParts): { header: string; contact: string | null; optOut: string } {
  const optOut = [parts.optOutPhone ? displayPhone(parts.optOutPhone) : null, parts.optOutUrl ? parts.optOutUrl.trim() : null].filter(Boolean);
  if (optOut.length === 0) throw new RangeError('an advertising message needs a free opt-out number or link');
  return {
    header: `${ADVERTISING_MARK} ${singleLine(parts.businessName)}`,
    contact: parts.businessPhone.trim() === '' ? null : `문의: ${displayPhone(parts.businessPhone)}`,
    optOut: `무료수신거부 ${optOut.join(' ')}`,
  };
}

/**
 * 정보통신망법 제50조 ④ and 시행령 제61조: an advertising message starts
 * with "(광고)" and the sender's name, gives the sender's contact, and ends
 * with a free way to refuse further messages:
 *
 *   (광고) 카페 예약
 *   <body>
 *   문의: 02-123-4567
 *   무료수신거부 080-123-4567
 *
 * A body that already starts with "(광고)" (text this function made, or a
 * writer who typed the mark) is not marked twice: the lines this function
 * adds are taken off first, so formatting twice gives the same text. The
 * result is normalised as SMS sends it (normalizeSmsText).
 */
export function advertisingText(parts: AdvertisingParts): string {
  const { header, contact, optOut } = legalLines(parts);
  const body = stripAdvertisingLines(normalizeSmsText(parts.body), header, contact, optOut).trim();
  return [header, body, contact, optOut].filter((line) => line !== null && line !== '').join('\n');
}

function stripAdvertisingLines(body: string, header: string, contact: string | null, optOut: string): string {
  if (!body.trimStart().startsWith(ADVERTISING_MARK)) return body;
  const lines = body.trim().split('\n');
  if (lines[0] === header) lines.shift();
  else lines[0] = lines[0]!.slice(ADVERTISING_MARK.length).trimStart();
  if (lines.at(-1) === optOut) lines.pop();
  if (contact !== null && lines.at(-1) === contact) lines.pop();
  return lines.join('\n');
}
