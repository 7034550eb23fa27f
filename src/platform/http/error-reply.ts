import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { constraintError } from '../errors/constraints.ts';
import { AppError, errorBody, type ErrorCode } from '../errors/registry.ts';

/**
 * QUAL-3: every error becomes `{ error: { code, message } }` with a Korean
 * message, in one place. The app's error handler, Fastify's framework errors
 * (bad URL encoding, a too long path parameter) and malformed HTTP all call
 * this, so no route and no plugin answers in Fastify's English shape.
 */
export interface ErrorReply {
  status: number;
  body: ReturnType<typeof errorBody>;
  /** How loudly to log: a client's mistake is not the server's problem; a database refusing input means a check is missing. */
  log: 'none' | 'warn' | 'error';
  headers?: Record<string, string>;
}

/** Fastify's own errors and @fastify/multipart's, by code. */
const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST_INVALID',
  FST_ERR_BAD_URL: 'URL_INVALID',
  FST_ERR_MAX_PARAM_LENGTH: 'URL_TOO_LONG',
  FST_ERR_ASYNC_CONSTRAINT: 'REQUEST_INVALID',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'MULTIPART_INVALID',
  FST_PROTO_VIOLATION: 'MULTIPART_INVALID',
  FST_MP_PREMATURE_CLOSE: 'MULTIPART_INVALID',
  FST_INVALID_JSON_FIELD_ERROR: 'MULTIPART_INVALID',
  FST_REQ_FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  FST_PARTS_LIMIT: 'MULTIPART_TOO_MANY_PARTS',
  FST_FILES_LIMIT: 'MULTIPART_TOO_MANY_PARTS',
  FST_FIELDS_LIMIT: 'MULTIPART_TOO_MANY_PARTS',
};

/**
 * PostgreSQL refusing a value (SQLSTATE classes 22 and 23, 54000) is a
 * missing check in front of it, not a server fault: the client still gets a
 * 4xx, and the log says which check is missing. Lock and serialisation
 * failures are load, answered as "try again".
 */
function databaseErrorCode(sqlState: string): ErrorCode | null {
  if (sqlState === '23505' || sqlState === '23P01') return 'CONFLICT';
  if (sqlState === '23503') return 'NOT_FOUND';
  if (sqlState === '23502') return 'VALIDATION_FAILED';
  if (sqlState === '55P03' || sqlState === '40001' || sqlState === '40P01' || sqlState === '57014') return 'DATABASE_BUSY';
  if (sqlState.startsWith('22') || sqlState.startsWith('23') || sqlState === '54000') return 'VALUE_OUT_OF_RANGE';
  return null;
}

function sqlStateOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

export function toErrorReply(error: unknown): ErrorReply {
  if (error instanceof AppError) {
    const headers = retryAfterHeader(error.details);
    return { status: error.status, body: errorBody(error.code, error.message, error.details), log: error.status >= 500 ? 'error' : 'none', ...(headers ? { headers } : {}) };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((v) => ({ path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'), message: v.message ?? '' }));
    const first = fields[0];
    const message = first ? `입력값이 올바르지 않습니다: ${first.path ? first.path + ' - ' : ''}${first.message}` : undefined;
    return { status: 400, body: errorBody('VALIDATION_FAILED', message, { fields }), log: 'none' };
  }
  const fastifyError = error as Partial<FastifyError>;
  const mapped = typeof fastifyError.code === 'string' ? FRAMEWORK_CODES[fastifyError.code] : undefined;
  if (mapped) {
    const app = new AppError(mapped);
    return { status: app.status, body: errorBody(mapped), log: 'none' };
  }
  if (error instanceof SyntaxError) return { status: 400, body: errorBody('INVALID_JSON'), log: 'none' };
  const byConstraint = constraintError(error);
  if (byConstraint) return { status: byConstraint.status, body: errorBody(byConstraint.code), log: 'none' };
  const sqlState = sqlStateOf(error);
  const dbCode = sqlState ? databaseErrorCode(sqlState) : null;
  if (dbCode) {
    const app = new AppError(dbCode);
    return { status: app.status, body: errorBody(dbCode), log: dbCode === 'DATABASE_BUSY' ? 'warn' : 'error' };
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Any other client error a plugin raises keeps its status but speaks our shape and language.
    return { status, body: errorBody('REQUEST_INVALID'), log: 'warn' };
  }
  return { status: 500, body: errorBody('INTERNAL'), log: 'error' };
}

function retryAfterHeader(details: unknown): Record<string, string> | null {
  if (typeof details !== 'object' || details === null) return null;
  const seconds = (details as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === 'number' ? { 'retry-after': String(Math.max(1, Math.ceil(seconds))) } : null;
}

/**
 * Malformed HTTP (a broken request line, headers too large, a request that
 * never finishes) never reaches Fastify's routing; Node hands the socket to
 * this. It answers like everything else, in bytes, then closes.
 */
export function writeClientError(error: NodeJS.ErrnoException, socket: import('node:stream').Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code]: [number, ErrorCode] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'REQUEST_TIMEOUT'] : error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'HEADERS_TOO_LARGE'] : [400, 'REQUEST_INVALID'];
  const reason = status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  const body = Buffer.from(JSON.stringify(errorBody(code)), 'utf8');
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${body.length}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n`);
    socket.write(body);
  }
  socket.destroy(error);
}
