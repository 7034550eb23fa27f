import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestClientKey } from '../../platform/http/rate-limits.ts';
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS } from './device-cookie.ts';
import { getMe } from './use-cases/get-me.ts';
import { logIn } from './use-cases/log-in.ts';
import { resolveSession } from './use-cases/resolve-session.ts';
import { SESSION_DAYS } from './session-token.ts';

export const SESSION_COOKIE = 'yeyak_session';

/**
 * Logs in with the credentials, sets the session cookie and the device
 * cookie (SEC-3), and answers like /api/auth/me: what POST /api/auth/login
 * and a sign-up answer. The permissions come from the same lookup every
 * request uses.
 */
export async function openSession(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, credentials: { email: string; password: string }) {
  const { db } = app.deps.database;
  const session = await logIn(db, app.deps.rateLimits, { ...credentials, client: { clientKey: requestClientKey(req), deviceCookie: req.cookies[DEVICE_COOKIE] } });
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.deps.secureCookies,
    maxAge: SESSION_DAYS * 86400,
  });
  // Read only by the login route; it marks this browser as one the account has used.
  reply.setCookie(DEVICE_COOKIE, session.deviceCookie, {
    path: '/api/auth',
    httpOnly: true,
    sameSite: 'strict',
    secure: app.deps.secureCookies,
    maxAge: DEVICE_COOKIE_DAYS * 86400,
  });
  const actor = await resolveSession(db, session.token);
  return getMe(db, { businessId: session.businessId, userId: session.userId, permissions: actor?.permissions ?? [] });
}
