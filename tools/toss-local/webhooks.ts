import { newTransmissionId, seoulIso, seoulLocalMicros } from './clock.ts';

/**
 * PAYMENT_STATUS_CHANGED webhooks as Toss sends them (docs.tosspayments.com/reference/using-api/webhook-events):
 * `POST {eventType: 'PAYMENT_STATUS_CHANGED', createdAt, data: <Payment>}`,
 * unsigned (only payout/seller events carry a signature), with the headers
 * tosspayments-webhook-transmission-id / -transmission-time /
 * -transmission-retried-count. An answer other than 2xx (or none within
 * 10 s) is retried: Toss waits 1, 4, 16, … minutes for 7 retries; here the
 * n-th retry waits `retryDelayMs × n` (default 200 ms), at most `retries`
 * (default 7). Each event is delivered on its own, so they may arrive out
 * of order, as Toss's may.
 */

export interface WebhookDelivery {
  transmissionId: string;
  eventType: 'PAYMENT_STATUS_CHANGED';
  paymentKey: string;
  orderId: string;
  status: string;
  url: string;
  /** POSTs made so far. */
  attempts: number;
  /** The last answer: an HTTP status or an error code. */
  lastResult: string | null;
  state: 'pending' | 'delivered' | 'failed';
}

export interface WebhookSenderOptions {
  retries: number;
  retryDelayMs: number;
  now: () => Date;
  log: (line: string) => void;
}

export interface WebhookSender {
  /** Queues one event; `data` is the Payment object as it stands now. */
  send(url: string, data: { paymentKey: string; orderId: string; status: string }): void;
  deliveries(): WebhookDelivery[];
  /** Resolves when nothing is being delivered or waiting for a retry. */
  idle(timeoutMs?: number): Promise<void>;
  stop(): void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const closing = new AbortController();
  const list: WebhookDelivery[] = [];
  let running = 0;

  async function deliver(delivery: WebhookDelivery, body: string) {
    running += 1;
    try {
      for (let attempt = 0; attempt <= options.retries && !closing.signal.aborted; attempt++) {
        if (attempt > 0) {
          await sleep(options.retryDelayMs * attempt, closing.signal);
          if (closing.signal.aborted) return;
        }
        delivery.attempts += 1;
        try {
          const response = await fetch(delivery.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'tosspayments-webhook-transmission-id': delivery.transmissionId,
              'tosspayments-webhook-transmission-time': seoulIso(options.now()),
              'tosspayments-webhook-transmission-retried-count': String(attempt),
            },
            body,
            signal: AbortSignal.any([closing.signal, AbortSignal.timeout(10_000)]),
          });
          await response.arrayBuffer().catch(() => undefined);
          delivery.lastResult = String(response.status);
          if (response.ok) {
            delivery.state = 'delivered';
            return;
          }
        } catch (error) {
          if (closing.signal.aborted) return;
          delivery.lastResult = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
        }
        options.log(`웹훅 실패 (${delivery.lastResult}): ${delivery.status} ${delivery.paymentKey} → ${delivery.url}${attempt < options.retries ? ` · ${options.retryDelayMs * (attempt + 1)}ms 뒤 다시 보냄` : ' · 포기'}`);
      }
      delivery.state = 'failed';
    } finally {
      running -= 1;
    }
  }

  return {
    send(url, data) {
      const delivery: WebhookDelivery = {
        transmissionId: newTransmissionId(),
        eventType: 'PAYMENT_STATUS_CHANGED',
        paymentKey: data.paymentKey,
        orderId: data.orderId,
        status: data.status,
        url,
        attempts: 0,
        lastResult: null,
        state: 'pending',
      };
      list.push(delivery);
      void deliver(delivery, JSON.stringify({ eventType: 'PAYMENT_STATUS_CHANGED', createdAt: seoulLocalMicros(options.now()), data }));
    },
    deliveries: () => list.map((d) => ({ ...d })),
    async idle(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (running > 0) {
        if (Date.now() > until) throw new Error(`로컬 토스: ${timeoutMs}ms 안에 웹훅 전송이 끝나지 않았습니다`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    stop: () => closing.abort(),
  };
}
