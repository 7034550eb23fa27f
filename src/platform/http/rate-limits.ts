import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type pg from 'pg';
import { AppError, type ErrorCode } from '../errors/registry.ts';
import { clientKey } from './client-key.ts';

/**
 * SEC-1: abuse limits, counted per client (client-key.ts) and shared by every
 * process through the database on PostgreSQL (rate-limiter-flexible's
 * PostgreSQL store, table `rate_limits`); the embedded database serves one
 * process, whose memory is then the whole truth.
 *
 * Every limit is far above what a real shop's customers do from one address
 * (a family booking three slots, a clinic's waiting room on one Wi-Fi, a front
 * desk behind one IP) and far below what a script does. The table is
 * documented in the README; change both together.
 */
export const RATE_LIMITS = {
  /** Every route without a session (booking page reads, images, …), unless the route names its own. */
  public: { points: 600, durationSeconds: 60, label: '공개 주소 전체 (예약 페이지 읽기·이미지 등)' },
  signup: { points: 5, durationSeconds: 3600, label: '업체 가입' },
  holds: { points: 30, durationSeconds: 600, label: '자리 잡아 두기 (홀드)' },
  bookings: { points: 10, durationSeconds: 3600, label: '예약하기' },
  checkouts: { points: 20, durationSeconds: 3600, label: '결제하기 (결제 시작)' },
  checkoutConfirms: { points: 120, durationSeconds: 3600, label: '결제 승인 요청·결제 상태 조회·결제 금액 미리 보기' },
  bookingLookups: { points: 60, durationSeconds: 3600, label: '예약 조회·직접 취소' },
  bookingLookupFailures: { points: 10, durationSeconds: 3600, label: '예약 조회·직접 취소 실패 (예약번호·전화번호 불일치)' },
  inquiries: { points: 10, durationSeconds: 3600, label: '고객문의 남기기' },
  optOuts: { points: 30, durationSeconds: 3600, label: '수신거부 링크' },
  credentialFailures: { points: 30, durationSeconds: 600, label: '서명·키가 틀린 웹훅과 POS 요청' },
  loginFailuresPerAccountAndClient: { points: 5, durationSeconds: 900, label: '로그인 실패 (계정 + 접속 주소, 또는 계정 + 로그인했던 기기)' },
  loginFailuresPerClient: { points: 30, durationSeconds: 900, label: '로그인 실패 (접속 주소, 모든 계정)' },
  loginFailuresPerAccount: { points: 50, durationSeconds: 3600, label: '로그인 실패 (계정, 로그인한 적 없는 기기 모두 합산)' },
} as const satisfies Record<string, { points: number; durationSeconds: number; label: string }>;

export type RateLimitName = keyof typeof RATE_LIMITS;

/**
 * Places one client may hold at once on one business's booking page (holds
 * last 10 minutes) once it holds anything: a family holding three slots is
 * far below; a first hold of one large booking is always allowed.
 */
export const MAX_HELD_PLACES_PER_CLIENT = 20;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Limits a public route counts each request against (default: `public`
     * for routes marked public), and a limit counted only when the route
     * answers 401/403/404 (a guessed booking number, a forged signature).
     * A signed webhook sets `perRequest: []`: its sender is one address
     * delivering many events, and only forged requests are limited.
     */
    rateLimit?: { perRequest?: readonly RateLimitName[]; failures?: RateLimitName };
  }
}

export interface RateLimits {
  /** Counts one request against `name` for `key`; throws RATE_LIMITED (or `code`) with Retry-After when spent. */
  consume(name: RateLimitName, key: string, code?: ErrorCode): Promise<void>;
  /** Throws if `key` has already spent `name` (without counting this request). */
  check(name: RateLimitName, key: string, code?: ErrorCode): Promise<void>;
  /** Forgets `key`'s count (a successful login clears its failures). */
  reset(name: RateLimitName, key: string): Promise<void>;
  /** Gives back one counted request (an attempt counted up front that turned out to be no failure). */
  refund(name: RateLimitName, key: string): Promise<void>;
}

export type RateLimitStore = { kind: 'memory' } | { kind: 'postgres'; pool: pg.Pool };

export function createRateLimits(store: RateLimitStore, log: (error: unknown) => void = () => undefined): RateLimits {
  const limiters = new Map<RateLimitName, RateLimiterAbstract>();
  for (const [name, policy] of Object.entries(RATE_LIMITS) as [RateLimitName, (typeof RATE_LIMITS)[RateLimitName]][]) {
    const options = { keyPrefix: name, points: policy.points, duration: policy.durationSeconds };
    // If the database cannot be reached the process's own memory keeps limiting: requests fail for the database anyway.
    const limiter =
      store.kind === 'postgres'
        ? new RateLimiterPostgres({ ...options, storeClient: store.pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: false, insuranceLimiter: new RateLimiterMemory(options) })
        : new RateLimiterMemory(options);
    limiters.set(name, limiter);
  }
  const limiterOf = (name: RateLimitName) => limiters.get(name)!;

  function limited(res: RateLimiterRes, code: ErrorCode): AppError {
    const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    return new AppError(code, { message: `${new AppError(code).message.replace(/ ?잠시 후 다시 시도해 주세요\.$/, '')} ${retryMessage(retryAfterSeconds)}`.trim(), details: { retryAfterSeconds } });
  }

  return {
    async consume(name, key, code = 'RATE_LIMITED') {
      try {
        await limiterOf(name).consume(key);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw limited(error, code);
        log(error);
      }
    },
    async check(name, key, code = 'RATE_LIMITED') {
      let res: RateLimiterRes | null;
      try {
        res = await limiterOf(name).get(key);
      } catch (error) {
        log(error);
        return;
      }
      if (res && res.consumedPoints >= RATE_LIMITS[name].points) throw limited(res, code);
    },
    async reset(name, key) {
      await limiterOf(name)
        .delete(key)
        .catch((error: unknown) => log(error));
    },
    async refund(name, key) {
      await limiterOf(name)
        .reward(key, 1)
        .catch((error: unknown) => log(error));
    },
  };
}

/** "3분 후 다시 시도해 주세요." in whole minutes or seconds. */
export function retryMessage(seconds: number): string {
  if (seconds < 60) return `${seconds}초 후 다시 시도해 주세요.`;
  return `${Math.ceil(seconds / 60)}분 후 다시 시도해 주세요.`;
}

export function requestClientKey(req: FastifyRequest): string {
  return clientKey(req.ip);
}

const FAILURE_STATUSES = new Set([401, 403, 404]);

/** Applies the route's limits to every public route; routes with a session are limited by the session's owner being a shop. */
export function installRateLimits(app: FastifyInstance, limits: RateLimits): void {
  app.addHook('onRequest', async (req) => {
    const config = req.routeOptions.config;
    if (!config.public) return;
    const key = requestClientKey(req);
    const perRequest = config.rateLimit?.perRequest ?? ['public'];
    for (const name of perRequest) await limits.consume(name, key);
    if (config.rateLimit?.failures) await limits.check(config.rateLimit.failures, key);
  });
  app.addHook('onSend', async (req, reply) => {
    const failures = req.routeOptions.config.rateLimit?.failures;
    if (failures && FAILURE_STATUSES.has(reply.statusCode)) {
      await limits.consume(failures, requestClientKey(req)).catch(() => undefined);
    }
  });
}
