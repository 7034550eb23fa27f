import { describe, expect, it } from 'vitest';
import { loginCounts } from './login-limits.ts';

describe('loginCounts (SEC-3)', () => {
  it('counts a trusted device against its own count only', () => {
    expect(loginCounts({ account: 'acc', deviceId: 'dev', clientKey: '10.0.0.1' })).toEqual({ own: ['loginFailuresPerAccountAndClient', 'acc:device:dev'], others: [] });
  });

  it('counts any other client per (account, client), per client and per account', () => {
    expect(loginCounts({ account: 'acc', deviceId: null, clientKey: '10.0.0.1' })).toEqual({
      own: ['loginFailuresPerAccountAndClient', 'acc:client:10.0.0.1'],
      others: [
        ['loginFailuresPerClient', '10.0.0.1'],
        ['loginFailuresPerAccount', 'acc'],
      ],
    });
  });
});
