import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../platform/http/schemas.ts';
import { actorOf } from '../auth/index.ts';
import * as service from './service.ts';

const HEARTBEAT_MS = 25_000;

export default async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const openStreams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of openStreams) end();
  });

  r.get(
    '/api/notifications',
    { schema: { tags: ['notifications'], summary: '내 알림 목록과 읽지 않은 수', querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) } },
    async (req) => service.listNotifications(db, actorOf(req), req.query.limit),
  );

  r.get('/api/notifications/unread-count', { schema: { tags: ['notifications'], summary: '읽지 않은 알림 수' } }, async (req) => ({
    unread: await service.unreadCount(db, actorOf(req)),
  }));

  r.post('/api/notifications/:id/read', { schema: { tags: ['notifications'], summary: '알림 읽음 처리', params: idParams } }, async (req) =>
    service.markNotificationRead(db, actorOf(req), req.params.id),
  );

  r.post('/api/notifications/read-all', { schema: { tags: ['notifications'], summary: '모든 알림 읽음 처리' } }, async (req) =>
    service.markAllNotificationsRead(db, actorOf(req)),
  );

  // Server-sent events: one `notification` event per new notification of this user.
  r.get('/api/notifications/stream', { schema: { tags: ['notifications'], summary: '알림 실시간 스트림 (SSE)', produces: ['text/event-stream'], response: { 200: z.string().describe('server-sent events: 새 알림마다 data: {...}') } } }, async (req, reply) => {
    const actor = actorOf(req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(`event: ready\ndata: ${JSON.stringify({ unread: await service.unreadCount(db, actor) })}\n\n`);
    const unsubscribe = app.deps.bus.subscribe(actor.userId, (signal) => {
      if (signal.businessId !== actor.businessId) return;
      void Promise.all([service.getNotification(db, actor, signal.notificationId), service.unreadCount(db, actor)])
        .then(([notification, unread]) => res.write(`event: notification\ndata: ${JSON.stringify({ notification, unread })}\n\n`))
        .catch((error: unknown) => req.log.warn({ error }, 'notification push failed'));
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      openStreams.delete(end);
    };
    const end = () => {
      close();
      res.end();
    };
    openStreams.add(end);
    req.raw.on('close', close);
  });
}
