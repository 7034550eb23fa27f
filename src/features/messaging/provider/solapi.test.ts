import { describe, expect, it } from 'vitest';
import {
  mapSolapiStatus,
  parseDeliveryReports,
  reportWebhookToken,
  solapiAuthorization,
  solapiStatusMessage,
  verifyReportSignature,
  verifySolapiAuthorization,
  withReportToken,
} from './solapi.ts';

// Computed independently: printf '%s' '2019-07-01T00:41:48Zjqsba2jxjnrjor' | openssl dgst -sha256 -hmac 'yeyak-test-secret'
const VECTOR = {
  config: { apiKey: 'NCSAYU7YDBXYORXC', apiSecret: 'yeyak-test-secret' },
  now: new Date('2019-07-01T00:41:48.123Z'),
  salt: 'jqsba2jxjnrjor',
  header: 'HMAC-SHA256 apiKey=NCSAYU7YDBXYORXC, date=2019-07-01T00:41:48Z, salt=jqsba2jxjnrjor, signature=68766d059e577a22017f3e7c83196f80292d9a3714ba46b44e91288f3c993f9a',
};

describe('Solapi authorization (HMAC-SHA256 over date + salt)', () => {
  it('matches the fixed vector', () => {
    expect(solapiAuthorization(VECTOR.config, VECTOR.now, VECTOR.salt)).toBe(VECTOR.header);
  });

  const secretFor = (key: string) => (key === VECTOR.config.apiKey ? VECTOR.config.apiSecret : undefined);

  it('is accepted within 15 minutes, once', () => {
    const used = new Map<string, number>();
    const at = new Date('2019-07-01T00:55:00Z');
    expect(verifySolapiAuthorization({ header: VECTOR.header, secretFor, now: at, usedSignatures: used })).toEqual({ ok: true, apiKey: 'NCSAYU7YDBXYORXC' });
    expect(verifySolapiAuthorization({ header: VECTOR.header, secretFor, now: at, usedSignatures: used })).toMatchObject({ ok: false, httpStatus: 403, errorCode: 'DuplicatedSignature' });
  });

  it('reads the parameter names without case (Solapi v3 wrote ApiKey=, Date=)', () => {
    const header = VECTOR.header.replace('apiKey=', 'ApiKey=').replace('date=', 'Date=').replace('salt=', 'Salt=').replace('signature=', 'Signature=');
    expect(verifySolapiAuthorization({ header, secretFor, now: VECTOR.now }).ok).toBe(true);
  });

  it('refuses what Solapi refuses, with its error codes', () => {
    const late = new Date('2019-07-01T00:57:00Z');
    expect(verifySolapiAuthorization({ header: VECTOR.header, secretFor, now: late })).toMatchObject({ httpStatus: 403, errorCode: 'RequestTimeTooSkewed' });
    expect(verifySolapiAuthorization({ header: VECTOR.header, secretFor: () => 'other-secret', now: VECTOR.now })).toMatchObject({ httpStatus: 403, errorCode: 'SignatureDoesNotMatch' });
    expect(verifySolapiAuthorization({ header: VECTOR.header, secretFor: () => undefined, now: VECTOR.now })).toMatchObject({ httpStatus: 403, errorCode: 'InvalidAPIKey' });
    expect(verifySolapiAuthorization({ header: undefined, secretFor, now: VECTOR.now })).toMatchObject({ httpStatus: 401, errorCode: 'InvalidAuthorizationHeader' });
    expect(verifySolapiAuthorization({ header: VECTOR.header.replace('jqsba2jxjnrjor', 'short'), secretFor, now: VECTOR.now })).toMatchObject({ httpStatus: 401 });
    expect(verifySolapiAuthorization({ header: 'Bearer abc', secretFor, now: VECTOR.now })).toMatchObject({ httpStatus: 401 });
  });
});

describe('status codes', () => {
  it.each([
    ['2000', 'accepted'],
    ['3000', 'sent'],
    ['4000', 'delivered'],
    ['1026', 'failed'],
    ['1062', 'failed'],
    ['2230', 'failed'],
    ['3010', 'failed'],
    ['3032', 'failed'],
    ['3059', 'failed'],
    ['3104', 'failed'],
    ['TEST1000', 'accepted'],
    ['', 'accepted'],
  ] as const)('%s → %s', (code, status) => {
    expect(mapSolapiStatus(code)).toBe(status);
  });

  it('says what a code means in Korean', () => {
    expect(solapiStatusMessage('4000')).toBe('수신 완료');
    expect(solapiStatusMessage('3059')).toBe('변작된 발신번호');
    expect(solapiStatusMessage('3999')).toBe('발송 실패 (3999)');
  });
});

describe('delivery reports', () => {
  const report = (over: Record<string, unknown> = {}) => ({
    messageId: 'M4V20240102030405ABCDEFGHIJKLMNO',
    groupId: 'G4V20240102030405ABCDEFGHIJKLMNO',
    to: '01012345678',
    statusCode: '4000',
    statusMessage: '수신 완료',
    customFields: { recipientId: 'r-1' },
    ...over,
  });

  it('reads Solapi\'s array of messages and maps the status', () => {
    expect(parseDeliveryReports([report(), report({ messageId: 'M2', statusCode: '3032', statusMessage: '', customFields: {} })])).toEqual([
      { messageId: 'M4V20240102030405ABCDEFGHIJKLMNO', recipientId: 'r-1', status: 'delivered', statusCode: '4000', statusMessage: '수신 완료' },
      { messageId: 'M2', recipientId: null, status: 'failed', statusCode: '3032', statusMessage: '미가입자' },
    ]);
  });

  it('also reads { messages: [...] } and a single message; skips what is not a report', () => {
    expect(parseDeliveryReports({ messages: [report()] })).toHaveLength(1);
    expect(parseDeliveryReports(report({ statusCode: 3000 }))[0]).toMatchObject({ status: 'sent', statusCode: '3000' });
    expect(parseDeliveryReports([null, 1, 'x', { statusCode: '4000' }, report({ statusCode: null })])).toEqual([]);
    expect(parseDeliveryReports('nonsense')).toEqual([]);
  });

  it('authenticates the webhook with the token in its URL', () => {
    // printf '%s' 'yeyak:solapi-delivery-report:v1' | openssl dgst -sha256 -hmac 'LOCALSECRET'
    const token = 'ecfd253609ac3ddd5a368b431244f1912b3ec105fc1da2c80b971ce8b84d6500';
    expect(reportWebhookToken('LOCALSECRET')).toBe(token);
    const url = withReportToken('http://127.0.0.1:3000/api/messaging/solapi/reports', 'LOCALSECRET');
    expect(url).toBe(`http://127.0.0.1:3000/api/messaging/solapi/reports?token=${token}`);
    expect(withReportToken(url, 'OTHER')).toBe(url);
    expect(verifyReportSignature({ apiSecret: 'LOCALSECRET', token })).toEqual({ ok: true });
    expect(verifyReportSignature({ apiSecret: 'OTHER', token })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyReportSignature({ apiSecret: 'LOCALSECRET', token: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyReportSignature({ apiSecret: 'LOCALSECRET', token: 'abc' })).toEqual({ ok: false, reason: 'malformed' });
  });
});
