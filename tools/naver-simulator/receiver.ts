import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { NaverCommandName } from '../../src/features/naver/index.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../../src/features/naver/index.ts';
import { findNaverProduct, getSimulatedBooking, listSimulatedBookings, NAVER_SIDE_STATUS_LABELS, updateSimulatedBooking, type SimulatedBooking } from './bookings.ts';
import { customerNotification } from './notifications.ts';

/**
 * The receiving half of the simulated Naver (NAVER-10): the outbound side of
 * docs/naver-contract.md, a small Fastify app. `POST /bookings/{bookingId}/commands`
 * (under any path prefix the connection's outbound URL has), signed like
 * the webhook; a repeated commandId is already done (200, not recorded
 * again); each accepted command updates Naver's record of the booking and
 * produces the message Naver would send the customer.
 *
 * Also `GET /bookings` (Naver's view of the simulated bookings) and
 * `GET /commands` (what was received), for people and tests.
 */

export interface ReceivedCommand {
  commandId: string;
  bookingId: string;
  command: NaverCommandName;
  reason?: string;
  productId?: string;
  receivedAt: string;
  /** False when the booking was not made by this process (e.g. by an earlier run): accepted all the same. */
  knownBooking: boolean;
  /** What Naver told the customer; null when the command changed nothing at Naver (e.g. cancelling a cancelled booking). */
  notification: string | null;
}

export interface NaverSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The connection's shared secret: commands must be signed with it. */
  secret: string;
  log?: (line: string) => void;
  /** Answer the first N commands with 503, as if Naver were down (the product retries). */
  failFirst?: number;
}

export interface NaverSimulator {
  url: string;
  commands: ReceivedCommand[];
  notifications: string[];
  /** Answer the next N commands with 503. */
  failNext(count: number): void;
  /** After the product rotates its secret. */
  setSecret(secret: string): void;
  /** Resolves with the first received command (past or future) that matches. */
  waitForCommand(match: (c: ReceivedCommand) => boolean, timeoutMs?: number): Promise<ReceivedCommand>;
  close(): Promise<void>;
}

const commandSchema = z.object({
  commandId: z.string().min(1).max(100),
  bookingId: z.string().min(1).max(64),
  command: z.enum(['confirm', 'cancel', 'complete', 'change_product']),
  reason: z.string().max(500).optional(),
  productId: z.string().min(1).max(64).optional(),
});

const BODY_LIMIT = 64 * 1024;
/** A command posted under a path prefix (an outbound URL such as http://host/naver): the prefix is dropped before routing. */
const PREFIXED_COMMAND = /^\/.+?(\/bookings\/[^/?]+\/commands\/?(?:\?.*)?)$/;

class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

export async function startNaverSimulator(options: NaverSimulatorOptions): Promise<NaverSimulator> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  let secret = options.secret;
  let failing = Math.max(0, options.failFirst ?? 0);
  const commands: ReceivedCommand[] = [];
  const notifications: string[] = [];
  const seen = new Map<string, ReceivedCommand>();
  const waiters = new Set<{ match: (c: ReceivedCommand) => boolean; resolve: (c: ReceivedCommand) => void }>();

  function record(received: ReceivedCommand) {
    seen.set(received.commandId, received);
    commands.push(received);
    if (received.notification) notifications.push(received.notification);
    for (const w of waiters) {
      if (w.match(received)) {
        waiters.delete(w);
        w.resolve(received);
      }
    }
  }

  /** Applies a command to Naver's record; returns the customer message, or null when nothing changed. */
  function apply(cmd: z.infer<typeof commandSchema>): { knownBooking: boolean; notification: string | null } {
    const before = getSimulatedBooking(cmd.bookingId);
    if (!before) {
      const newProduct = cmd.productId ? findNaverProduct(cmd.productId)?.name ?? cmd.productId : undefined;
      return { knownBooking: false, notification: customerNotification(cmd, undefined, newProduct) };
    }
    const notified = (b: SimulatedBooking) => ({ bookingId: b.bookingId, customerName: b.customer.name, startsAt: b.startsAt, productName: b.productName });
    const refuse = () => {
      throw new HttpError(409, 'NAVER_BOOKING_STATE', `${NAVER_SIDE_STATUS_LABELS[before.status]} 상태의 예약에는 ${cmd.command} 명령을 적용할 수 없습니다.`);
    };
    switch (cmd.command) {
      case 'confirm':
        if (before.status === 'confirmed') return { knownBooking: true, notification: null };
        if (before.status !== 'pending') refuse();
        updateSimulatedBooking(cmd.bookingId, (b) => {
          b.status = 'confirmed';
        });
        return { knownBooking: true, notification: customerNotification(cmd, notified(before)) };
      case 'cancel':
        if (before.status === 'cancelled') return { knownBooking: true, notification: null };
        if (before.status === 'completed') refuse();
        updateSimulatedBooking(cmd.bookingId, (b) => {
          b.status = 'cancelled';
          b.cancelledBy = 'business';
          b.cancelReason = cmd.reason ?? null;
        });
        return { knownBooking: true, notification: customerNotification(cmd, notified(before)) };
      case 'complete':
        if (before.status === 'completed') return { knownBooking: true, notification: null };
        if (before.status !== 'confirmed') refuse();
        updateSimulatedBooking(cmd.bookingId, (b) => {
          b.status = 'completed';
        });
        return { knownBooking: true, notification: customerNotification(cmd, notified(before)) };
      case 'change_product': {
        if (!cmd.productId) throw new HttpError(400, 'VALIDATION_FAILED', 'change_product 에는 productId 가 필요합니다.');
        if (before.status === 'cancelled' || before.status === 'completed') refuse();
        if (cmd.productId === before.productId) return { knownBooking: true, notification: null };
        const name = findNaverProduct(cmd.productId)?.name ?? cmd.productId;
        // A change at Naver: the booking's next event carries the new product at a higher revision.
        updateSimulatedBooking(cmd.bookingId, (b) => {
          b.productId = cmd.productId!;
          b.productName = name;
          b.revision += 1;
        });
        return { knownBooking: true, notification: customerNotification(cmd, notified(before), name) };
      }
    }
  }

  function handleCommand(pathBookingId: string, headers: FastifyRequest['headers'], rawBody: string): { status: number; body: unknown } {
    const header = (name: string) => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const check = verifySignature({ secret, timestamp: header(TIMESTAMP_HEADER), signature: header(SIGNATURE_HEADER), rawBody, now: new Date() });
    if (!check.ok) {
      log(`[네이버] 서명 검증 실패 (${check.reason}) → 401 거부`);
      return { status: 401, body: { error: { code: 'NAVER_SIGNATURE_INVALID', reason: check.reason } } };
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return { status: 400, body: { error: { code: 'INVALID_JSON' } } };
    }
    const parsed = commandSchema.safeParse(json);
    if (!parsed.success || parsed.data.bookingId !== pathBookingId) {
      log(`[네이버] 잘못된 명령 → 400`);
      return { status: 400, body: { error: { code: 'VALIDATION_FAILED' } } };
    }
    const cmd = parsed.data;
    if (failing > 0) {
      failing -= 1;
      log(`[네이버] 명령 ${cmd.command} · ${cmd.bookingId} → 503 일시 장애 시뮬레이션 (남은 실패 ${failing}회)`);
      return { status: 503, body: { error: { code: 'NAVER_UNAVAILABLE' } } };
    }
    if (seen.has(cmd.commandId)) {
      log(`[네이버] 이미 처리한 명령 재수신 ${cmd.command} · ${cmd.bookingId} (commandId ${shortId(cmd.commandId)}) → 200 중복`);
      return { status: 200, body: { result: 'duplicate' } };
    }
    const outcome = apply(cmd);
    const received: ReceivedCommand = {
      commandId: cmd.commandId,
      bookingId: cmd.bookingId,
      command: cmd.command,
      ...(cmd.reason !== undefined ? { reason: cmd.reason } : {}),
      ...(cmd.productId !== undefined ? { productId: cmd.productId } : {}),
      receivedAt: new Date().toISOString(),
      knownBooking: outcome.knownBooking,
      notification: outcome.notification,
    };
    record(received);
    log(`[네이버] 명령 수신 ${cmd.command} · ${cmd.bookingId} (commandId ${shortId(cmd.commandId)})${outcome.knownBooking ? '' : ' · 이 시뮬레이터가 만들지 않은 예약'}`);
    log(outcome.notification ? `  고객 알림 → ${outcome.notification}` : '  고객 알림 없음 (네이버 쪽 상태가 이미 같음)');
    return { status: 200, body: { result: 'accepted', notification: outcome.notification } };
  }

  function bookingsView() {
    return listSimulatedBookings().map((b) => ({
      bookingId: b.bookingId,
      revision: b.revision,
      productId: b.productId,
      productName: b.productName,
      confirmationMode: b.confirmationMode,
      status: b.status,
      statusLabel: NAVER_SIDE_STATUS_LABELS[b.status],
      cancelledBy: b.cancelledBy,
      cancelReason: b.cancelReason,
      customer: b.customer,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      options: b.options,
      request: b.request,
    }));
  }

  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    forceCloseConnections: true,
    routerOptions: { ignoreTrailingSlash: true },
    rewriteUrl: (req) => PREFIXED_COMMAND.exec(req.url ?? '/')?.[1] ?? req.url ?? '/',
    // Fastify's own refusals before routing, e.g. a booking id with broken percent-encoding.
    frameworkErrors: (_error, _req, reply) => (reply as FastifyReply).code(400).send({ error: { code: 'VALIDATION_FAILED' } }),
  });
  // The signature covers the exact bytes received: every body is kept as text and parsed after the check.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: { code: 'NOT_FOUND' } }));
  app.setErrorHandler((error: Error & { statusCode?: number }, _req, reply) => {
    if (error instanceof HttpError) {
      log(`[네이버] 명령 거부 → ${error.status} ${error.message}`);
      return reply.code(error.status).send({ error: { code: error.code, message: error.message } });
    }
    if (error.statusCode === 413) return reply.code(413).send({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    log(`[네이버] 처리 중 오류: ${error.message}`);
    return reply.code(500).send({ error: { code: 'INTERNAL' } });
  });

  app.get('/bookings', async () => ({ items: bookingsView() }));
  app.get('/commands', async () => ({ items: commands }));
  app.post<{ Params: { bookingId: string }; Body: string | undefined }>('/bookings/:bookingId/commands', async (req, reply) => {
    const out = handleCommand(req.params.bookingId, req.headers, req.body ?? '');
    return reply.code(out.status).send(out.body);
  });
  app.route({
    method: ['GET', 'PUT', 'PATCH', 'DELETE'],
    url: '/bookings/:bookingId/commands',
    handler: async (_req, reply) => reply.code(405).send({ error: { code: 'METHOD_NOT_ALLOWED' } }),
  });

  await app.listen({ port: options.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    commands,
    notifications,
    failNext(count: number) {
      failing = Math.max(0, Math.floor(count));
    },
    setSecret(next: string) {
      secret = next;
    },
    waitForCommand(match, timeoutMs = 20_000) {
      const already = commands.find(match);
      if (already) return Promise.resolve(already);
      return new Promise<ReceivedCommand>((resolve, reject) => {
        const waiter = {
          match,
          resolve: (c: ReceivedCommand) => {
            clearTimeout(timer);
            resolve(c);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`네이버 명령을 ${timeoutMs}ms 안에 받지 못했습니다 (받은 명령 ${commands.length}개)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close() {
      return app.close();
    },
  };
}
