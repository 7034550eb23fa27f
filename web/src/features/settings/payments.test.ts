import { describe, expect, it } from 'vitest';
import { apiUrlChoiceOf, apiUrlOf, draftsOf, paymentSettingsBody, paymentSettingsProblems, rulesFromDrafts, secretKeyPlaceholder, validityLabel } from './payments';

describe('payment settings', () => {
  it('knows which API the keys are for', () => {
    expect(apiUrlChoiceOf('https://api.tosspayments.com')).toBe('toss');
    expect(apiUrlChoiceOf('https://api.tosspayments.com/')).toBe('toss');
    expect(apiUrlChoiceOf('')).toBe('toss');
    expect(apiUrlChoiceOf('local')).toBe('local');
    expect(apiUrlChoiceOf('http://127.0.0.1:4100')).toBe('custom');
    expect(apiUrlOf('toss', 'x')).toBe('https://api.tosspayments.com');
    expect(apiUrlOf('local', 'x')).toBe('local');
    expect(apiUrlOf('custom', ' http://127.0.0.1:4100 ')).toBe('http://127.0.0.1:4100');
  });

  it('never holds the stored secret key, only says how it ends', () => {
    expect(secretKeyPlaceholder({ secretKeySet: true, secretKeyLast4: 'a1b2' })).toBe('저장됨 (끝자리 ••••a1b2) — 바꿀 때만 입력');
    expect(secretKeyPlaceholder({ secretKeySet: false, secretKeyLast4: null })).toMatch(/test_sk_/);
  });

  it('sends the secret key only when one was typed', () => {
    expect(paymentSettingsBody({ choice: 'local', customUrl: '', clientKey: ' ck ', secretKey: '  ' })).toEqual({ apiUrl: 'local', clientKey: 'ck' });
    expect(paymentSettingsBody({ choice: 'toss', customUrl: '', clientKey: 'ck', secretKey: 'sk' })).toEqual({ apiUrl: 'https://api.tosspayments.com', clientKey: 'ck', secretKey: 'sk' });
  });

  it('asks for the keys it cannot do without', () => {
    expect(paymentSettingsProblems({ choice: 'toss', customUrl: '', clientKey: '', secretKey: '' }, false)).toEqual({
      clientKey: '클라이언트 키를 입력해 주세요.',
      secretKey: '시크릿 키를 입력해 주세요.',
    });
    expect(paymentSettingsProblems({ choice: 'toss', customUrl: '', clientKey: 'ck', secretKey: '' }, true)).toEqual({});
    expect(paymentSettingsProblems({ choice: 'custom', customUrl: 'ftp://x', clientKey: 'ck', secretKey: 'sk' }, false).apiUrl).toBeDefined();
  });

  it('shows a rate for the days it applies (validTo is exclusive)', () => {
    expect(validityLabel('2025-01-01', null)).toBe('2025-01-01부터');
    expect(validityLabel('2025-01-01', '2025-07-01')).toBe('2025-01-01 ~ 2025-06-30');
  });
});

describe('fee table editing', () => {
  const rules = [
    { method: 'card' as const, methodLabel: '신용카드', grade: 'small' as const, ratePpm: 16_500, validFrom: '2025-01-01', validTo: '2025-07-01' },
    { method: 'points' as const, methodLabel: '포인트결제', grade: null, ratePpm: 33_000, validFrom: '2025-01-01', validTo: null },
  ];

  it('edits percentages and inclusive last days, and saves ppm with an exclusive end', () => {
    const drafts = draftsOf(rules);
    expect(drafts.map((d) => [d.rate, d.grade, d.validFrom, d.validUntil])).toEqual([
      ['1.65', 'small', '2025-01-01', '2025-06-30'],
      ['3.3', '', '2025-01-01', ''],
    ]);
    expect(rulesFromDrafts(drafts)).toEqual({ ok: true, rules: rules.map(({ methodLabel: _, ...r }) => r) });
  });

  it('names the problem of each row', () => {
    const [card, points] = draftsOf(rules);
    const result = rulesFromDrafts([
      { ...card!, rate: '1.234567' },
      { ...points!, validUntil: '2024-12-31' },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[card!.key]).toMatch(/소수점 넷째 자리/);
      expect(result.problems[points!.key]).toMatch(/종료일/);
    }
    expect(rulesFromDrafts([{ ...card!, validFrom: '' }]).ok).toBe(false);
  });
});
