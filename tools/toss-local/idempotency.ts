/**
 * Idempotency-Key as Toss keeps it (docs.tosspayments.com/reference/using-api/authorization,
 * 멱등키 헤더): a request is the same when the key, the API (secret) key, the
 * URL and the HTTP method are the same — the body is not compared, so one key
 * reused on another payment replays the first payment's answer. The first
 * answer (status and body) is kept 15 days; a second request while the first
 * is still running → 409 IDEMPOTENT_REQUEST_PROCESSING; a key over 300
 * characters → 400 INVALID_IDEMPOTENCY_KEY. GET requests ignore the header.
 */

export const MAX_IDEMPOTENCY_KEY_LENGTH = 300;
export const IDEMPOTENCY_TTL_MS = 15 * 24 * 60 * 60 * 1000;

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface IdempotencyEntry {
  scope: string;
  answer: StoredAnswer;
  /** ms since epoch. */
  storedAt: number;
}

export type IdempotencyClaim =
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'busy' }
  | { kind: 'claimed'; finish(answer: StoredAnswer): void; release(): void };

export interface IdempotencyStore {
  claim(scope: string): IdempotencyClaim;
  entries(): IdempotencyEntry[];
  restore(entries: IdempotencyEntry[]): void;
}

export function idempotencyScope(parts: { secretKey: string; method: string; path: string; key: string }): string {
  return JSON.stringify([parts.secretKey, parts.method.toUpperCase(), parts.path, parts.key]);
}

export function createIdempotencyStore(options: { now: () => Date; onChange: () => void }): IdempotencyStore {
  const done = new Map<string, IdempotencyEntry>();
  const running = new Set<string>();

  function prune(nowMs: number) {
    for (const [scope, entry] of done) if (nowMs - entry.storedAt > IDEMPOTENCY_TTL_MS) done.delete(scope);
  }

  return {
    claim(scope) {
      const nowMs = options.now().getTime();
      prune(nowMs);
      const stored = done.get(scope);
      if (stored) return { kind: 'replay', answer: stored.answer };
      if (running.has(scope)) return { kind: 'busy' };
      running.add(scope);
      let open = true;
      return {
        kind: 'claimed',
        finish(answer) {
          if (!open) return;
          open = false;
          running.delete(scope);
          done.set(scope, { scope, answer, storedAt: options.now().getTime() });
          options.onChange();
        },
        release() {
          if (!open) return;
          open = false;
          running.delete(scope);
        },
      };
    },
    entries: () => [...done.values()],
    restore(entries) {
      for (const e of entries) done.set(e.scope, e);
    },
  };
}
