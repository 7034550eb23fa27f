import crypto from 'node:crypto';
import type { ProviderConfig } from './types.ts';

/**
 * Solapi's API key authentication (docs.solapi.com, "API Key 인증 방식"):
 *
 *   Authorization: HMAC-SHA256 apiKey=<key>, date=<ISO 8601>, salt=<12–64 random chars>, signature=<hex>
 *
 * where signature = hex HMAC-SHA256(key = apiSecret, data = date + salt).
 * Solapi refuses a date more than 15 minutes from its clock
 * (RequestTimeTooSkewed) and a signature already used within 15 minutes
 * (DuplicatedSignature), so every request gets a fresh salt. The client and
 * the local server share this file.
 */
export const SOLAPI_SIGNATURE_WINDOW_MS = 15 * 60_000;

/** "2019-07-01T00:41:48Z": ISO 8601 in UTC, whole seconds, as in Solapi's examples. */
export function solapiDate(now: Date): string {
  return now.toISOString().replace(/\.[0-9]{3}Z$/, 'Z');
}

export function solapiSignature(apiSecret: string, date: string, salt: string, algorithm: 'sha256' | 'md5' = 'sha256'): string {
  return crypto.createHmac(algorithm, apiSecret).update(date + salt).digest('hex');
}

export function solapiAuthorization(config: Pick<ProviderConfig, 'apiKey' | 'apiSecret'>, now: Date, salt: string): string {
  const date = solapiDate(now);
  return `HMAC-SHA256 apiKey=${config.apiKey}, date=${date}, salt=${salt}, signature=${solapiSignature(config.apiSecret, date, salt)}`;
}

/** 32 random hex characters (Solapi asks for 12 to 64). */
export function newSolapiSalt(): string {
  return crypto.randomBytes(16).toString('hex');
}

export interface SolapiAuthorizationParts {
  method: 'HMAC-SHA256' | 'HMAC-MD5';
  apiKey: string;
  date: string;
  salt: string;
  signature: string;
}

/** Reads the header; null when it is not Solapi's shape. Parameter names are matched without case (Solapi's v3 wrote ApiKey=, Date=). */
export function parseSolapiAuthorization(header: string | undefined): SolapiAuthorizationParts | null {
  if (!header) return null;
  const match = /^\s*(HMAC-SHA256|HMAC-MD5)\s+(.+)$/i.exec(header);
  if (!match) return null;
  const fields = new Map<string, string>();
  for (const part of match[2]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const apiKey = fields.get('apikey');
  const date = fields.get('date');
  const salt = fields.get('salt');
  const signature = fields.get('signature');
  if (!apiKey || !date || !salt || !signature) return null;
  return { method: match[1]!.toUpperCase() as SolapiAuthorizationParts['method'], apiKey, date, salt, signature };
}

/**
 * Solapi's error codes for authentication. The first four are documented
 * (HTTP 403). A missing or unreadable header is ours: 401.
 */
export type SolapiAuthErrorCode = 'InvalidAPIKey' | 'SignatureDoesNotMatch' | 'RequestTimeTooSkewed' | 'DuplicatedSignature' | 'InvalidAuthorizationHeader';

export type SolapiAuthCheck = { ok: true; apiKey: string } | { ok: false; httpStatus: 401 | 403; errorCode: SolapiAuthErrorCode; errorMessage: string };

const ISO_8601 = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2})$/;

/**
 * Checks a request's Authorization header the way Solapi does. `usedSignatures`
 * (signature → when it may be forgotten, epoch ms) is read and written, so a
 * signature is accepted once per window.
 */
export function verifySolapiAuthorization(input: {
  header: string | undefined;
  secretFor: (apiKey: string) => string | undefined;
  now: Date;
  usedSignatures?: Map<string, number>;
}): SolapiAuthCheck {
  const parts = parseSolapiAuthorization(input.header);
  if (!parts || parts.salt.length < 12 || parts.salt.length > 64 || !ISO_8601.test(parts.date) || !/^[0-9a-f]+$/i.test(parts.signature)) {
    return { ok: false, httpStatus: 401, errorCode: 'InvalidAuthorizationHeader', errorMessage: 'Authorization 헤더 형식이 올바르지 않습니다: HMAC-SHA256 apiKey=…, date=…, salt=…, signature=…' };
  }
  const secret = input.secretFor(parts.apiKey);
  if (secret === undefined) return { ok: false, httpStatus: 403, errorCode: 'InvalidAPIKey', errorMessage: '유효한 API Key가 아닙니다.' };
  const skew = Math.abs(input.now.getTime() - Date.parse(parts.date));
  if (!(skew <= SOLAPI_SIGNATURE_WINDOW_MS)) {
    return { ok: false, httpStatus: 403, errorCode: 'RequestTimeTooSkewed', errorMessage: '요청 시각이 서버 시간과 15분 이상 차이 납니다.' };
  }
  const expected = Buffer.from(solapiSignature(secret, parts.date, parts.salt, parts.method === 'HMAC-MD5' ? 'md5' : 'sha256'), 'hex');
  const given = Buffer.from(parts.signature, 'hex');
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
    return { ok: false, httpStatus: 403, errorCode: 'SignatureDoesNotMatch', errorMessage: '생성한 Signature가 일치하지 않습니다.' };
  }
  const used = input.usedSignatures;
  if (used) {
    const nowMs = input.now.getTime();
    if (used.size > 10_000) for (const [sig, until] of used) if (until < nowMs) used.delete(sig);
    const key = parts.signature.toLowerCase();
    const until = used.get(key);
    if (until !== undefined && until >= nowMs) {
      return { ok: false, httpStatus: 403, errorCode: 'DuplicatedSignature', errorMessage: '15분 안에 같은 Signature가 사용되었습니다.' };
    }
    used.set(key, nowMs + 2 * SOLAPI_SIGNATURE_WINDOW_MS);
  }
  return { ok: true, apiKey: parts.apiKey };
}

/**
 * Delivery reports (the webhook). Solapi's public documentation does not say
 * that it signs webhook calls: a webhook is registered with a URL (its
 * optional `secret` field is not documented further). What every deployment
 * can configure is the URL, so the URL carries the proof:
 *
 *   https://<yeyak>/api/messaging/solapi/reports?token=<reportWebhookToken(apiSecret)>
 *
 * The token is hex HMAC-SHA256(key = apiSecret, data = REPORT_TOKEN_LABEL):
 * nothing new to store, it changes when the API secret is rotated (register
 * the new URL then), and it is compared in constant time. It does not stop
 * a replay of an old report; reports only move a recipient forward
 * (accepted → sent → delivered | failed), so a replay changes nothing.
 */
export const REPORT_TOKEN_PARAM = 'token';
const REPORT_TOKEN_LABEL = 'yeyak:solapi-delivery-report:v1';

export function reportWebhookToken(apiSecret: string): string {
  return crypto.createHmac('sha256', apiSecret).update(REPORT_TOKEN_LABEL).digest('hex');
}

/** The URL to register at Solapi: `baseUrl` with the token added (kept if it already has one). */
export function withReportToken(baseUrl: string, apiSecret: string): string {
  const url = new URL(baseUrl);
  if (!url.searchParams.has(REPORT_TOKEN_PARAM)) url.searchParams.set(REPORT_TOKEN_PARAM, reportWebhookToken(apiSecret));
  return url.toString();
}

export type ReportSignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'mismatch' };

/** For the webhook route: `token` is the request's `?token=` query value. */
export function verifyReportSignature(input: { apiSecret: string; token: string | string[] | undefined }): ReportSignatureCheck {
  const token = Array.isArray(input.token) ? input.token[0] : input.token;
  if (!token) return { ok: false, reason: 'missing' };
  if (!/^[0-9a-f]{64}$/i.test(token)) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(reportWebhookToken(input.apiSecret), 'hex');
  return crypto.timingSafeEqual(expected, Buffer.from(token, 'hex')) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
