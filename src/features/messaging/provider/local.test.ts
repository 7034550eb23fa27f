import { afterEach, describe, expect, it } from 'vitest';
import { localProviderUrl, setLocalProviderStarter, type LocalProviderAccount } from './local.ts';

const account: LocalProviderAccount = { businessId: 'b1', apiKey: 'KEY', apiSecret: 'SECRET', reportUrl: 'http://127.0.0.1/reports', senderPhone: '0212345678' };

describe('the local provider of a business', () => {
  afterEach(() => setLocalProviderStarter(null));

  it('starts once per key pair, again for new keys, and again after a start that failed', async () => {
    const starts: string[] = [];
    let fail = true;
    setLocalProviderStarter(async (a) => {
      starts.push(a.apiKey);
      if (fail) throw new Error('port in use');
      return { url: `http://local/${a.apiKey}/${starts.length}` };
    });
    await expect(localProviderUrl(account)).rejects.toThrow('port in use');
    fail = false;
    expect(await localProviderUrl(account)).toBe('http://local/KEY/2');
    expect(await localProviderUrl(account)).toBe('http://local/KEY/2');
    expect(await localProviderUrl({ ...account, apiKey: 'NEWKEY' })).toBe('http://local/NEWKEY/3');
    expect(starts).toEqual(['KEY', 'KEY', 'NEWKEY']);
  });

  it('is refused for good in a process that registered no starter', async () => {
    await expect(localProviderUrl(account)).rejects.toMatchObject({ code: 'LOCAL_PROVIDER_UNAVAILABLE', retryable: false });
  });
});
