import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../platform/http/schemas.ts';
import { requestClientKey } from '../../platform/http/rate-limits.ts';
import { actorOf } from './context.ts';
import * as service from './service.ts';

export const SESSION_COOKIE = 'yeyak_session';

export default async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  function setSessionCookie(reply: FastifyReply, session: { token: string; deviceCookie: string }) {
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: app.deps.secureCookies,
      maxAge: service.SESSION_DAYS * 86400,
    });
    // SEC-3: read only by the login route; it marks this browser as one the account has used.
    reply.setCookie(service.DEVICE_COOKIE, session.deviceCookie, {
      path: '/api/auth',
      httpOnly: true,
      sameSite: 'strict',
      secure: app.deps.secureCookies,
      maxAge: service.DEVICE_COOKIE_DAYS * 86400,
    });
  }

  const loginClient = (req: FastifyRequest): service.LoginClient => ({ clientKey: requestClientKey(req), deviceCookie: req.cookies[service.DEVICE_COOKIE] });

  r.post(
    '/api/auth/signup',
    {
      schema: {
        tags: ['auth'],
        summary: '업체 가입 (관리자 계정 생성)',
        body: z.object({ businessName: s.name, serviceType: s.serviceType, name: s.name, email: s.email, password: s.password }),
      },
      config: { public: true, rateLimit: { perRequest: ['public', 'signup'] } },
    },
    async (req, reply) => {
      const b = req.body;
      await service.registerBusiness(db, { businessName: b.businessName, serviceType: b.serviceType, admin: { name: b.name, email: b.email, password: b.password } });
      const session = await service.login(db, app.deps.rateLimits, { email: b.email, password: b.password, client: loginClient(req) });
      setSessionCookie(reply, session);
      const me = await service.me(db, session.businessId, session.userId, []);
      return reply.code(201).send(await meWithPermissions(app, session.token, me));
    },
  );

  r.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], summary: '로그인', body: z.object({ email: s.email, password: z.string().min(1).max(200) }) },
      config: { public: true },
    },
    async (req, reply) => {
      const session = await service.login(db, app.deps.rateLimits, { email: req.body.email, password: req.body.password, client: loginClient(req) });
      setSessionCookie(reply, session);
      const me = await service.me(db, session.businessId, session.userId, []);
      return meWithPermissions(app, session.token, me);
    },
  );

  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '로그아웃' }, config: { public: true } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await service.logout(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: '내 정보와 업체' } }, async (req) => {
    const actor = actorOf(req);
    return service.me(db, actor.businessId, actor.userId, [...actor.permissions]);
  });
}

/** Login answers like /me; the permissions come from the same lookup every request uses. */
async function meWithPermissions(app: FastifyInstance, token: string, me: Awaited<ReturnType<typeof service.me>>) {
  const actor = await app.resolveActor(token);
  return { ...me, user: { ...me.user, permissions: actor ? [...actor.permissions] : [] } };
}
