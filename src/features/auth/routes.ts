import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../platform/http/schemas.ts';
import { actorOf } from './context.ts';
import { meReply, noContent } from './schemas.ts';
import { SESSION_COOKIE, openSession } from './session-http.ts';
import { getMe } from './use-cases/get-me.ts';
import { logOut } from './use-cases/log-out.ts';

const tags = ['auth'];

/** CORE-2: login, logout and /me. Sign-up (a new business) is the settings feature's: POST /api/auth/signup. */
export default async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.post(
    '/api/auth/login',
    {
      schema: { tags, summary: '로그인', body: z.object({ email: s.email, password: z.string().min(1).max(200) }), response: { 200: meReply } },
      config: { public: true },
    },
    async (req, reply) => openSession(app, req, reply, req.body),
  );

  r.post('/api/auth/logout', { schema: { tags, summary: '로그아웃', response: { 204: noContent } }, config: { public: true } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logOut(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  r.get('/api/auth/me', { schema: { tags, summary: '내 정보와 업체', response: { 200: meReply } } }, async (req) => {
    const actor = actorOf(req);
    return getMe(db, actor);
  });
}
