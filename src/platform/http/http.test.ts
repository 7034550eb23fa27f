import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../config.ts';
import { AppError } from '../errors/registry.ts';
import { clientKey } from './client-key.ts';
import { toErrorReply } from './error-reply.ts';
import { findInputProblem, INPUT_LIMITS } from './input-guard.ts';
import { retryMessage } from './rate-limits.ts';

const HANGUL = /[가-힣]/;

/** JSON values with well-formed strings and no NUL, as a careful client sends. */
const cleanString = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !s.includes('\u0000'));
const cleanJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, cleanString, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(cleanString, tie('value'), { maxKeys: 4 }),
})).value;

/** Puts `leaf` somewhere inside `value` (as a string value, or as a key) and returns the result. */
function plant(value: unknown, leaf: string, path: number[], asKey: boolean): unknown {
  if (Array.isArray(value) && value.length > 0) {
    const i = path[0]! % value.length;
    return value.map((v, j) => (j === i ? plant(v, leaf, path.slice(1), asKey) : v));
  }
  if (value && typeof value === 'object' && Object.keys(value).length > 0) {
    const keys = Object.keys(value);
    const key = keys[path[0]! % keys.length]!;
    return { ...(value as object), [key]: plant((value as Record<string, unknown>)[key], leaf, path.slice(1), asKey) };
  }
  return asKey ? { [leaf]: value } : leaf;
}

describe('the input guard (QUAL-3)', () => {
  it('lets every well-formed value through', () => {
    fc.assert(fc.property(cleanJson, (value) => findInputProblem(value) === null));
  });

  it('finds a NUL or a lone surrogate wherever it hides, in a value or in a key', () => {
    fc.assert(
      fc.property(cleanJson, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), fc.constantFrom('a\u0000b', '\ud800', 'x\udfff', '\u0000'), fc.boolean(), (value, path, bad, asKey) => {
        const problem = findInputProblem(plant(value, bad, path, asKey));
        expect(problem?.kind).toBe(bad.includes('\u0000') ? 'nul' : 'surrogate');
      }),
    );
  });

  it('keeps surrogate pairs (emoji) and refuses depth, size and string length past the limits, without recursion', () => {
    expect(findInputProblem({ memo: '예약 감사합니다 😀👍🏽' })).toBeNull();
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findInputProblem(deep)).toMatchObject({ kind: 'depth' });
    expect(findInputProblem(Array.from({ length: INPUT_LIMITS.maxNodes + 1 }, () => 1))).toMatchObject({ kind: 'nodes' });
    expect(findInputProblem({ a: [{ b: 'x'.repeat(INPUT_LIMITS.maxStringLength + 1) }] })).toEqual({ kind: 'string_length', path: 'a.0.b' });
    expect(findInputProblem({ a: [{ b: 'x'.repeat(INPUT_LIMITS.maxStringLength) }] })).toBeNull();
  });
});

describe('error replies', () => {
  it('answers Fastify\'s own and the database\'s refusals as 4xx in our shape with Korean text', () => {
    const cases: [unknown, number, string][] = [
      [Object.assign(new Error('bad url'), { code: 'FST_ERR_BAD_URL', statusCode: 400 }), 400, 'URL_INVALID'],
      [Object.assign(new Error('long'), { code: 'FST_ERR_MAX_PARAM_LENGTH', statusCode: 414 }), 414, 'URL_TOO_LONG'],
      [Object.assign(new Error('type'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [Object.assign(new Error('large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }), 413, 'BODY_TOO_LARGE'],
      [Object.assign(new Error('invalid byte sequence'), { code: '22021', severity: 'ERROR' }), 400, 'VALUE_OUT_OF_RANGE'],
      [Object.assign(new Error('duplicate'), { code: '23505' }), 409, 'CONFLICT'],
      [Object.assign(new Error('lock'), { code: '55P03' }), 503, 'DATABASE_BUSY'],
      [Object.assign(new Error('whatever 4xx'), { statusCode: 406 }), 406, 'REQUEST_INVALID'],
      [new SyntaxError('Unexpected token'), 400, 'INVALID_JSON'],
      [new Error('a bug'), 500, 'INTERNAL'],
    ];
    for (const [error, status, code] of cases) {
      const reply = toErrorReply(error);
      expect([reply.status, reply.body.error.code]).toEqual([status, code]);
      expect(reply.body.error.message).toMatch(HANGUL);
    }
  });

  it('sends Retry-After for a limit', () => {
    const reply = toErrorReply(new AppError('RATE_LIMITED', { details: { retryAfterSeconds: 12.2 } }));
    expect(reply.headers).toEqual({ 'retry-after': '13' });
    expect(retryMessage(45)).toBe('45초 후 다시 시도해 주세요.');
    expect(retryMessage(61)).toBe('2분 후 다시 시도해 주세요.');
  });
});

describe('client addresses (SEC-1, SEC-2)', () => {
  it('counts an IPv4 address as one client and an IPv6 /64 as one client', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:0db8:0001:0002::/64');
    expect(clientKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe(clientKey('2001:db8:1:2::9'));
    expect(clientKey('2001:db8:1:3::9')).not.toBe(clientKey('2001:db8:1:2::9'));
    expect(clientKey('::1')).toBe('0000:0000:0000:0000::/64');
  });

  it('reads YEYAK_TRUST_PROXY as off, a hop count or a list of proxies, and refuses anything else', () => {
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.1, 10.1.0.0/16,loopback')).toEqual(['10.0.0.1', '10.1.0.0/16', 'loopback']);
    expect(parseTrustProxy('fd00::/8')).toEqual(['fd00::/8']);
    for (const bad of ['true', 'everyone', '10.0.0.0/33', '10.0.0.1/8/2']) expect(() => parseTrustProxy(bad)).toThrow(/YEYAK_TRUST_PROXY/);
  });
});
