import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadConfig } from './config.ts';
import type { Database } from './db/database.ts';
import { AppError, errorBody } from './lib/errors.ts';
import type { Actor } from './features/auth/context.ts';
import { effectivePermissions } from './features/auth/permissions.ts';
import * as authRepo from './features/auth/repository.ts';
import authRoutes, { SESSION_COOKIE } from './features/auth/routes.ts';
import { hashToken } from './features/auth/service.ts';
import { NotificationBus } from './features/notifications/bus.ts';
import notificationRoutes from './features/notifications/routes.ts';
import settingsRoutes from './features/settings/routes.ts';
import customerRoutes from './features/customers/routes.ts';
import scheduleRoutes from './features/schedules/routes.ts';
import naverRoutes from './features/channels/naver/routes.ts';
import placesRoutes from './features/catalog/places-routes.ts';
import productsRoutes from './features/catalog/products-routes.ts';
import bookingRoutes from './features/bookings/routes.ts';
import messagingRoutes from './features/messaging/routes.ts';
import loyaltyRoutes from './features/loyalty/routes.ts';
import type { Jobs } from './jobs/jobs.ts';

z.config(z.locales.ko());

export interface AppDeps {
  database: Database;
  jobs: Jobs;
  secureCookies: boolean;
  bus: NotificationBus;
  /** Where files live (place images); YEYAK_DATA_DIR unless buildApp is given another. */
  dataDir: string;
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

const webDist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

export async function buildApp(options: { database: Database; jobs: Jobs; secureCookies?: boolean; logLevel?: string; dataDir?: string }): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logLevel && options.logLevel !== 'silent' ? { level: options.logLevel } : false,
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  });
  const bus = new NotificationBus(options.database);
  await bus.start();
  app.decorate('deps', { database: options.database, jobs: options.jobs, secureCookies: options.secureCookies ?? false, bus, dataDir: options.dataDir ?? loadConfig().dataDir });
  app.addHook('onClose', async () => bus.stop());

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
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  app.decorate('resolveActor', async (token: string): Promise<Actor | null> => {
    const row = await authRepo.findSessionActor(options.database.db, hashToken(token), new Date());
    if (!row) return null;
    return {
      businessId: row.businessId,
      userId: row.userId,
      userName: row.userName,
      role: row.role,
      permissions: new Set(effectivePermissions(row.role, row.permissions)),
      timeZone: row.timeZone,
    };
  });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const token = req.cookies[SESSION_COOKIE];
    req.actor = token ? await app.resolveActor(token) : null;
    if (!req.actor && !req.routeOptions.config.public) throw new AppError('UNAUTHENTICATED');
  });

  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) req.log.error(error);
      return reply.code(error.status).send(errorBody(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => ({ path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'), message: v.message ?? '' }));
      const first = fields[0];
      const message = first ? `입력값이 올바르지 않습니다: ${first.path ? first.path + ' - ' : ''}${first.message}` : undefined;
      return reply.code(400).send(errorBody('VALIDATION_FAILED', message, { fields }));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return reply.code(400).send(errorBody('INVALID_JSON'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(errorBody('VALIDATION_FAILED', `요청을 처리할 수 없습니다: ${error.message}`));
    }
    req.log.error(error);
    return reply.code(500).send(errorBody('INTERNAL'));
  });

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
