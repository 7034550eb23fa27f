import type { StoredMessage } from './records.ts';

/**
 * Delivery reports posted to our webhook as Solapi posts them: a JSON array
 * of messages, in batches, one batch at a time, each retried with a doubling
 * wait (at most 10 s) until it is answered 2xx or its attempts run out.
 */

export interface ReportPoster {
  /** Queues reports of these messages as they stand now. */
  enqueue(list: StoredMessage[]): void;
  /** Reports answered 2xx, POSTs tried again, reports given up. */
  counts(): { posted: number; retries: number; dropped: number };
  /** Reports queued or being posted. */
  waiting(): number;
  /** True while anything is queued or being posted. */
  busy(): boolean;
  /** false: what is enqueued from now on is not posted (nor counted); true again posts. */
  setEnabled(enabled: boolean): void;
}

export interface ReportPosterOptions {
  /** The webhook with its token; null: nothing is posted. */
  url: string | null;
  attempts: number;
  retryDelayMs: number;
  batchSize: number;
  log: (line: string) => void;
  /** Aborted when the server closes: nothing more is posted. */
  closing: AbortSignal;
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

function reportBody(m: StoredMessage) {
  return {
    messageId: m.messageId,
    groupId: m.groupId,
    to: m.to,
    from: m.from,
    type: m.type,
    country: '82',
    statusCode: m.statusCode,
    statusMessage: m.statusMessage,
    replacement: m.replacement,
    kakaoOptions: m.kakaoOptions,
    customFields: m.customFields,
    dateCreated: m.dateCreated,
    dateProcessed: m.dateSent,
    dateReported: m.dateReported,
    dateReceived: m.statusCode === '4000' ? m.dateReported : null,
    networkCode: null,
  };
}

export function createReportPoster(options: ReportPosterOptions): ReportPoster {
  const { url, attempts, retryDelayMs, batchSize, log, closing } = options;
  const stats = { posted: 0, retries: 0, dropped: 0 };
  const queue: StoredMessage[][] = [];
  let draining: Promise<void> | null = null;
  let inFlight = 0;
  let enabled = true;

  async function post(batch: StoredMessage[]): Promise<void> {
    if (!url) return;
    const body = JSON.stringify(batch.map(reportBody));
    let wait = retryDelayMs;
    for (let attempt = 1; attempt <= attempts && !closing.aborted; attempt++) {
      let outcome: string;
      try {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.any([closing, AbortSignal.timeout(10_000)]) });
        await response.arrayBuffer();
        if (response.ok) {
          stats.posted += batch.length;
          return;
        }
        outcome = `HTTP ${response.status}`;
      } catch (error) {
        if (closing.aborted) return;
        outcome = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      }
      if (attempt === attempts) {
        stats.dropped += batch.length;
        log(`결과 보고 포기: ${batch.length}건 (${outcome}, ${attempts}회 시도)`);
        return;
      }
      stats.retries += 1;
      log(`결과 보고 실패 (${outcome}) → ${wait}ms 뒤 다시 보냄 (${attempt + 1}/${attempts})`);
      await sleep(wait, closing);
      wait = Math.min(wait * 2, 10_000);
    }
  }

  function drain(): void {
    if (draining || closing.aborted) return;
    draining = (async () => {
      while (queue.length && !closing.aborted) {
        const batch = queue.shift()!;
        inFlight = batch.length;
        await post(batch);
        inFlight = 0;
      }
    })().finally(() => {
      draining = null;
      inFlight = 0;
      if (queue.length && !closing.aborted) drain();
    });
  }

  return {
    enqueue(list) {
      if (!url || !enabled || list.length === 0) return;
      // Snapshots: the 4000 report must not overwrite the 3000 one still waiting to be posted.
      for (let i = 0; i < list.length; i += batchSize) queue.push(list.slice(i, i + batchSize).map((m) => ({ ...m })));
      drain();
    },
    counts: () => ({ ...stats }),
    waiting: () => queue.reduce((n, b) => n + b.length, 0) + inFlight,
    busy: () => queue.length > 0 || draining !== null,
    setEnabled(next) {
      enabled = next;
    },
  };
}
