import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadConfig, type TrustProxy } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import { AppError, errorBody } from '../platform/errors/registry.ts';
import { toErrorReply, writeClientError, type ErrorReply } from '../platform/http/error-reply.ts';
import { installRequestGuards, JSON_BODY_LIMIT_BYTES } from '../platform/http/request-guards.ts';
import { createRateLimits, installRateLimits, type RateLimits } from '../platform/http/rate-limits.ts';
import type { Actor } from '../features/auth/index.ts';
import { authorize, resolveSession } from '../features/auth/index.ts';
import { authRoutes, SESSION_COOKIE } from '../features/auth/index.ts';
import { NotificationBus } from '../features/notifications/index.ts';
import { notificationsRoutes as notificationRoutes } from '../features/notifications/index.ts';
import { settingsRoutes } from '../features/settings/index.ts';
import { customersRoutes as customerRoutes } from '../features/customers/index.ts';
import { schedulesRoutes as scheduleRoutes } from '../features/schedules/index.ts';
import { naverRoutes } from '../features/naver/index.ts';
import { placesRoutes } from '../features/places/index.ts';
import { productsRoutes } from '../features/products/index.ts';
import { bookingsRoutes as bookingRoutes } from '../features/bookings/index.ts';
import { messagingRoutes } from '../features/messaging/index.ts';
import { loyaltyRoutes } from '../features/loyalty/index.ts';
import { paymentRoutes } from '../features/payments/index.ts';
import type { Jobs } from '../platform/jobs/jobs.ts';
import healthRoutes from './health.ts';
import { registerHooks } from './hooks.ts';
import { backupsRoutes as backupRoutes } from '../features/backups/index.ts';

z.config(z.locales.ko());

registerHooks();

export interface AppDeps {
  database: Database;
  jobs: Jobs;
  secureCookies: boolean;
  bus: NotificationBus;
  /** Where files live (place images); YEYAK_DATA_DIR unless buildApp is given another. */
  dataDir: string;
  /** SEC-1: abuse limits, shared by every process on PostgreSQL. */
  rateLimits: RateLimits;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    resolveActor(token: string): Promise<Actor | null>;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a session (login, sign-up, public booking pages). */
    public?: boolean;
  }
}

const webDist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

export interface BuildAppOptions {
  database: Database;
  jobs: Jobs;
  secureCookies?: boolean;
  logLevel?: string;
  dataDir?: string;
  /** SEC-2: YEYAK_TRUST_PROXY; off unless given. */
  trustProxy?: TrustProxy;
}

/** Every operation may answer an error in this one shape (QUAL-3), documented once for all of them. */
const ERROR_REPLY_JSON_SCHEMA = {
  description: '오류: 코드와 한국어 메시지 (코드 목록은 src/platform/errors/registry.ts)',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
} as const;

function sendErrorReply(reply: FastifyReply, result: ErrorReply) {
  if (result.headers) reply.headers(result.headers);
  return reply.code(result.status).send(result.body);
}

function logErrorReply(req: FastifyRequest, error: unknown, result: ErrorReply) {
  if (result.log === 'error') req.log.error(error);
  else if (result.log === 'warn') req.log.warn(error);
}

/** Fastify counts hops with a function (its types do not take a bare number). */
function trustProxyOption(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logLevel && options.logLevel !== 'silent' ? { level: options.logLevel } : false,
    trustProxy: trustProxyOption(options.trustProxy ?? false),
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    // Bad URL encoding, an over-long path parameter: answered like every other error.
    frameworkErrors: (error, req, reply) => {
      const result = toErrorReply(error);
      logErrorReply(req, error, result);
      return sendErrorReply(reply, result);
    },
    clientErrorHandler: writeClientError,
  });
  const bus = new NotificationBus(options.database);
  await bus.start();
  const rateLimits = createRateLimits(options.database.pool ? { kind: 'postgres', pool: options.database.pool } : { kind: 'memory' }, (error) => app.log.error(error));
  app.decorate('deps', { database: options.database, jobs: options.jobs, secureCookies: options.secureCookies ?? false, bus, dataDir: options.dataDir ?? loadConfig().dataDir, rateLimits });
  app.addHook('onClose', async () => bus.stop());
  // Set before any plugin registers: a plugin keeps the error handler of the moment it was registered.
  app.setErrorHandler((error, req, reply) => {
    const result = toErrorReply(error);
    logErrorReply(req, error, result);
    return sendErrorReply(reply, result);
  });
  installRequestGuards(app);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'yeyak API', description: '예약·고객관리 플랫폼 HTTP API. 오류는 { "error": { "code", "message" } } 로 답합니다.', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          // MSG-1: the POS routes (/api/pos/*) also take a POS key issued in settings.
          posKey: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }],
    },
    // A route that answers without a session says so (security: []), unless it names its own scheme (POS keys).
    transform: (input) => {
      const result = jsonSchemaTransform(input);
      const config = (input.route as { config?: { public?: boolean; permission?: string | readonly string[] } }).config;
      const response = { ...(result.schema.response as object | undefined), '4XX': ERROR_REPLY_JSON_SCHEMA };
      const schema = { ...result.schema, response, ...(config?.permission ? { 'x-permission': config.permission } : {}) };
      if (config?.public && schema.security === undefined) return { ...result, schema: { ...schema, security: [] } };
      return { ...result, schema };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  // /healthz, /readyz and the shutdown drain: before the session hook, so a draining process answers first.
  await app.register(healthRoutes);

  app.decorate('resolveActor', (token: string): Promise<Actor | null> => resolveSession(options.database.db, token));

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const token = req.cookies[SESSION_COOKIE];
    req.actor = token ? await app.resolveActor(token) : null;
    if (!req.actor && !req.routeOptions.config.public) throw new AppError('UNAUTHENTICATED');
  });

  installRateLimits(app, rateLimits);
  // Authorization in one layer: the route's config.permission, checked for every route before its input is validated.
  app.addHook('preValidation', async (req) => authorize(req.actor, req.routeOptions.config.permission));


  await app.register(authRoutes);
  await app.register(settingsRoutes);
  await app.register(customerRoutes);
  await app.register(scheduleRoutes);
  await app.register(notificationRoutes);
  await app.register(naverRoutes);
  await app.register(bookingRoutes);
  await app.register(messagingRoutes);
  await app.register(placesRoutes);
  await app.register(productsRoutes);
  await app.register(loyaltyRoutes);
  await app.register(backupRoutes);
  await app.register(paymentRoutes);

  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !hasWeb || req.method !== 'GET') {
      return reply.code(404).send(errorBody('ROUTE_NOT_FOUND'));
    }
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}
