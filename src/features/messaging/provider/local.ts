import { ProviderError } from './solapi.ts';

/**
 * MSG-11: the API URL `local` in a business's provider settings (the demo's)
 * means a Solapi-compatible server on this machine, with the business's own
 * key pair, reporting deliveries back to this process's webhook like Solapi
 * does. The product does not contain that server (it is a developer tool,
 * tools/solapi-local); the process that runs the product (src/main.ts)
 * registers how to start one, and each business gets its own on first use.
 */
export const LOCAL_PROVIDER_URL = 'local';

export interface LocalProviderAccount {
  businessId: string;
  apiKey: string;
  apiSecret: string;
  /** Our delivery-report webhook for this business (the server adds the report token). */
  reportUrl: string;
  /** The business's 발신번호: the local server lists it as registered, as Solapi lists the account's. */
  senderPhone: string;
}

export type LocalProviderStarter = (account: LocalProviderAccount) => Promise<{ url: string }>;

let starter: LocalProviderStarter | null = null;
const started = new Map<string, Promise<{ url: string }>>();

/** Registers (or, with null, removes) how this process starts the local provider of a business. */
export function setLocalProviderStarter(start: LocalProviderStarter | null): void {
  starter = start;
  started.clear();
}

/** The URL of the business's local provider, started on first use; refused for good when none is registered. */
export async function localProviderUrl(account: LocalProviderAccount): Promise<string> {
  if (!starter) {
    throw new ProviderError('로컬 발송 서버(API 주소 local)를 쓸 수 없는 프로세스입니다. 발송 설정의 API 주소를 확인해 주세요.', { retryable: false, httpStatus: null, code: 'LOCAL_PROVIDER_UNAVAILABLE' });
  }
  // One server per key pair: a business that changes its keys gets a server that knows the new ones.
  const key = `${account.businessId}:${account.apiKey}:${account.apiSecret}:${account.senderPhone}`;
  let running = started.get(key);
  if (!running) {
    running = starter(account);
    started.set(key, running);
    // A start that failed (a port taken) is tried again on the next send, not remembered.
    running.catch(() => started.delete(key));
  }
  return (await running).url;
}
