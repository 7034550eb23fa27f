import { SolapiMessageService } from 'solapi';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalProvider, type LocalProvider } from '../../../../tools/solapi-local/index.ts';

/**
 * The local Solapi-compatible server driven by Solapi's official Node SDK
 * (npm "solapi"), so its shapes are checked against the SDK's own requests
 * and response schemas, not only against our client. The SDK always calls
 * https://api.solapi.com; globalThis.fetch is wrapped to send those calls to
 * the local server instead.
 */

const KEY = 'SDKKEY';
const SECRET = 'SDKSECRET';
const SOLAPI = 'https://api.solapi.com';

let server: LocalProvider;
const realFetch = globalThis.fetch;
const calls: string[] = [];

beforeEach(async () => {
  server = await startLocalProvider({ apiKey: KEY, apiSecret: SECRET, deliveryDelayMs: 10 });
  calls.length = 0;
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith(SOLAPI)) {
      const local = server.url + url.slice(SOLAPI.length);
      calls.push(`${init?.method ?? 'GET'} ${new URL(local).pathname}${new URL(local).search}`);
      return realFetch(local, init);
    }
    return realFetch(input, init);
  }) as typeof fetch;
});

afterEach(async () => {
  globalThis.fetch = realFetch;
  await server.close();
});

describe('the local server through the official Solapi SDK', () => {
  it('getBalance', async () => {
    const sdk = new SolapiMessageService(KEY, SECRET);
    server.setAccount({ balance: 4_321, point: 7 });
    const balance = await sdk.getBalance();
    expect(balance).toMatchObject({ balance: 4_321, point: 7 });
    expect(calls).toEqual(['GET /cash/v1/balance']);
  });

  it('send, then getMessages by groupId and by messageIds', async () => {
    const sdk = new SolapiMessageService(KEY, SECRET);
    const sent = await sdk.send(
      [
        { to: '01012345678', from: '0212345678', text: '예약이 확정되었습니다.', customFields: { recipientId: 'r-1' } },
        { to: '01012345679', from: '0212345678', text: '예약이 확정되었습니다.' },
        { to: '01012345679', from: '0212345678', text: '같은 번호 두 번' },
      ],
      { showMessageList: true },
    );
    expect(calls[0]).toBe('POST /messages/v4/send-many/detail');
    expect(sent.groupInfo.count).toMatchObject({ total: 3, registeredFailed: 1 });
    expect(sent.failedMessageList.map((m) => m.statusCode)).toEqual(['1026']);
    expect(sent.messageList?.map((m) => m.statusCode)).toEqual(['2000', '2000', '1026']);
    await server.idle();

    const byGroup = await sdk.getMessages({ groupId: sent.groupInfo.groupId });
    expect(Object.values(byGroup.messageList).map((m) => m.statusCode)).toEqual(['4000', '4000', '1026']);
    const ids = Object.keys(byGroup.messageList).slice(0, 2);
    const byIds = await sdk.getMessages({ messageIds: ids });
    expect(Object.keys(byIds.messageList).sort()).toEqual([...ids].sort());
    expect(calls.at(-1)).toBe(`GET /messages/v4/list?messageIds=${ids[0]}&messageIds=${ids[1]}`);
    expect(byIds.messageList[ids[0]!]!.customFields).toEqual({ recipientId: 'r-1' });
  });

  it('createKakaoAlimtalkTemplate and getKakaoAlimtalkTemplate', async () => {
    const sdk = new SolapiMessageService(KEY, SECRET);
    const created = await sdk.createKakaoAlimtalkTemplate({ channelId: 'KA01PF-sdk', name: '예약 안내', content: '#{이름}님, 예약이 확정되었습니다.', categoryCode: '999999' });
    expect(created).toMatchObject({ channelId: 'KA01PF-sdk', name: '예약 안내', status: 'INSPECTING' });
    expect(created.dateCreated).toBeInstanceOf(Date);
    const read = await sdk.getKakaoAlimtalkTemplate(created.templateId);
    expect(read).toMatchObject({ templateId: created.templateId, status: 'APPROVED', variables: [{ name: '이름' }] });
    const list = await sdk.getKakaoAlimtalkTemplates({ channelId: 'KA01PF-sdk' });
    expect(list.templateList.map((t) => t.templateId)).toEqual([created.templateId]);
  });
});
