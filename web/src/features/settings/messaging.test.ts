import { describe, expect, it } from 'vitest';
import type { MessagingSettings } from '../../api/models';
import {
  apiSecretPlaceholder,
  checkStateOf,
  messagingApiUrlChoiceOf,
  messagingApiUrlOf,
  messagingSettingsBody,
  messagingSettingsChanged,
  messagingSettingsFormOf,
  messagingSettingsProblems,
  type MessagingSettingsForm,
} from './messaging';

const saved: MessagingSettings = {
  configured: true,
  provider: 'solapi',
  apiUrl: 'local',
  apiKey: 'NCSDEMOKEY',
  apiSecretSet: true,
  apiSecretLast4: 'a1b2',
  senderPhone: '02-123-4567',
  optOutPhone: '080-123-4567',
  kakaoPfId: null,
  reportUrl: 'https://yeyak.example/api/messaging/solapi/b1/reports?token=t',
  check: null,
  unitPrices: { sms: 20, lms: 50, alimtalk: 19, brand: 13 },
  defaultUnitPrices: { sms: 20, lms: 50, alimtalk: 19, brand: 13 },
  updatedAt: '2026-03-02T05:00:00.000Z',
};

const filled: MessagingSettingsForm = { choice: 'solapi', customUrl: '', apiKey: 'KEY1234', apiSecret: 'secret', senderPhone: '02-123-4567', optOutPhone: '080-123-4567', kakaoPfId: '' };

describe('messaging settings', () => {
  it('knows which API the keys are for', () => {
    expect(messagingApiUrlChoiceOf('https://api.solapi.com')).toBe('solapi');
    expect(messagingApiUrlChoiceOf('https://api.solapi.com/')).toBe('solapi');
    expect(messagingApiUrlChoiceOf('')).toBe('solapi');
    expect(messagingApiUrlChoiceOf('local')).toBe('local');
    expect(messagingApiUrlChoiceOf('http://127.0.0.1:4200')).toBe('custom');
    expect(messagingApiUrlOf('solapi', 'x')).toBe('https://api.solapi.com');
    expect(messagingApiUrlOf('local', 'x')).toBe('local');
    expect(messagingApiUrlOf('custom', ' http://127.0.0.1:4200/ ')).toBe('http://127.0.0.1:4200');
  });

  it('never holds the stored secret, only says how it ends', () => {
    expect(apiSecretPlaceholder({ apiSecretSet: true, apiSecretLast4: 'a1b2' })).toBe('저장됨 (끝자리 ••••a1b2) — 바꿀 때만 입력');
    expect(apiSecretPlaceholder({ apiSecretSet: false, apiSecretLast4: null })).not.toMatch(/저장됨/);
    expect(messagingSettingsFormOf(saved).apiSecret).toBe('');
  });

  it('sends the secret only when one was typed, and an empty channel ID as none', () => {
    expect(messagingSettingsBody({ ...messagingSettingsFormOf(saved), apiKey: ' NCSDEMOKEY ', apiSecret: '  ' })).toEqual({
      apiUrl: 'local',
      apiKey: 'NCSDEMOKEY',
      senderPhone: '02-123-4567',
      optOutPhone: '080-123-4567',
      kakaoPfId: null,
    });
    expect(messagingSettingsBody({ ...filled, kakaoPfId: ' KA01PF123 ' })).toEqual({
      apiUrl: 'https://api.solapi.com',
      apiKey: 'KEY1234',
      apiSecret: 'secret',
      senderPhone: '02-123-4567',
      optOutPhone: '080-123-4567',
      kakaoPfId: 'KA01PF123',
    });
  });

  it('asks for what it cannot send without', () => {
    const empty: MessagingSettingsForm = { choice: 'solapi', customUrl: '', apiKey: '', apiSecret: '', senderPhone: '', optOutPhone: '', kakaoPfId: '' };
    expect(Object.keys(messagingSettingsProblems(empty, false)).sort()).toEqual(['apiKey', 'apiSecret', 'optOutPhone', 'senderPhone']);
    expect(messagingSettingsProblems({ ...filled, apiSecret: '' }, true)).toEqual({});
    expect(messagingSettingsProblems({ ...filled, senderPhone: '1234' }, true).senderPhone).toMatch(/솔라피에 등록한/);
    expect(messagingSettingsProblems({ ...filled, choice: 'custom', customUrl: 'ftp://x' }, true).apiUrl).toBeDefined();
    expect(messagingSettingsProblems({ ...filled, choice: 'custom', customUrl: 'http://127.0.0.1:4200' }, true)).toEqual({});
  });

  it('knows when the form is not what 연결 확인 would check', () => {
    const form = messagingSettingsFormOf(saved);
    expect(messagingSettingsChanged(form, saved)).toBe(false);
    expect(messagingSettingsChanged({ ...form, senderPhone: '021234567' }, saved)).toBe(false);
    expect(messagingSettingsChanged({ ...form, senderPhone: '02-123-4568' }, saved)).toBe(true);
    expect(messagingSettingsChanged({ ...form, apiSecret: 'new' }, saved)).toBe(true);
    expect(messagingSettingsChanged({ ...form, choice: 'solapi' }, saved)).toBe(true);
  });

  it('tells the last 연결 확인', () => {
    expect(checkStateOf({ configured: false, check: null }, 'Asia/Seoul')).toEqual({ kind: 'not-configured' });
    expect(checkStateOf({ configured: true, check: null }, 'Asia/Seoul')).toEqual({ kind: 'unchecked' });
    expect(checkStateOf({ configured: true, check: { at: '2026-03-02T05:05:00.000Z', ok: true, error: null, balance: 12300 } }, 'Asia/Seoul')).toEqual({
      kind: 'ok',
      text: '연결됨 · 잔액 12,300원 · 2026-03-02 14:05',
    });
    expect(checkStateOf({ configured: true, check: { at: '2026-03-02T05:05:00.000Z', ok: true, error: null, balance: null } }, 'Asia/Seoul')).toEqual({
      kind: 'ok',
      text: '연결됨 · 2026-03-02 14:05',
    });
    expect(checkStateOf({ configured: true, check: { at: '2026-03-02T05:05:00.000Z', ok: false, error: '잔액이 부족합니다.', balance: 50 } }, 'Asia/Seoul')).toEqual({
      kind: 'failed',
      error: '잔액이 부족합니다.',
      at: '2026-03-02 14:05',
    });
  });
});
