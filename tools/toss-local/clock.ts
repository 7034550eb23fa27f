import crypto from 'node:crypto';

/**
 * Toss's formats of time and keys. Toss writes times in Korea time with the
 * offset (yyyy-MM-dd'T'HH:mm:ss+09:00) and dates as yyyy-MM-dd in Korea
 * (Asia/Seoul has had no daylight saving time since 1988).
 */

const KST_MS = 9 * 60 * 60 * 1000;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** 2024-01-01T11:31:29+09:00 */
export function seoulIso(at: Date): string {
  return `${new Date(at.getTime() + KST_MS).toISOString().slice(0, 19)}+09:00`;
}

/** yyyy-MM-dd in Korea. */
export function seoulDate(at: Date): string {
  return new Date(at.getTime() + KST_MS).toISOString().slice(0, 10);
}

/** The webhook's createdAt as Toss sends it: Korea time, microseconds, no offset (2024-01-01T11:31:29.123000). */
export function seoulLocalMicros(at: Date): string {
  return `${new Date(at.getTime() + KST_MS).toISOString().slice(0, 23)}000`;
}

export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** yyyy-MM-dd plus n days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function base62(length: number): string {
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (const b of bytes) out += BASE62[b % 62];
  return out;
}

/** Toss-like: a prefix, the time in Korea and random characters (real ones look like tviva20240101123456AbCd9); at most 200 characters. */
export function newPaymentKey(at: Date): string {
  const stamp = new Date(at.getTime() + KST_MS).toISOString().replace(/\D/g, '').slice(0, 14);
  return `tlocal${stamp}${base62(6)}`;
}

/** 32 hex characters, as Toss's transaction keys (B7103F204998813B889C77C043D09502). */
export function newTransactionKey(): string {
  return crypto.randomBytes(16).toString('hex').toUpperCase();
}

/** A card approval number: 8 digits. */
export function newApproveNo(): string {
  return String(crypto.randomInt(0, 100_000_000)).padStart(8, '0');
}

export function newSecret(): string {
  return `ps_${base62(24)}`;
}

/** A webhook transmission id. */
export function newTransmissionId(): string {
  return `wh_local_${base62(20)}`;
}
