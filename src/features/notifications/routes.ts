import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../platform/http/schemas.ts';
import { actorOf } from '../auth/index.ts';
import { countUnreadNotifications } from './use-cases/count-unread-notifications.ts';
import { getNotification } from './use-cases/get-notification.ts';
import { listNotifications } from './use-cases/list-notifications.ts';
import { markAllNotificationsRead } from './use-cases/mark-all-notifications-read.ts';
import { markNotificationRead } from './use-cases/mark-notification-read.ts';

const HEARTBEAT_MS = 25_000;
const tags = ['notifications'];

// Replies (use-cases/present.ts makes the notification); the stream's events carry the same notification.
const notificationReply = z.object({
  id: z.string(),
  kind: z.string().describe('알림 종류 (예: schedule_assigned, booking_page.cancelled)'),
  title: z.string(),
  body: z.string(),
  scheduleId: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
const unreadReply = z.object({ unread: z.number().describe('읽지 않은 알림 수') });

/** CORE-8: the signed-in user's own notifications; every route needs a session only. */
export default async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const openStreams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of openStreams) end();
  });

  r.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: '내 알림 목록과 읽지 않은 수',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(notificationReply), unread: z.number() }) },
      },
    },
    async (req) => listNotifications(db, actorOf(req), req.query.limit),
  );

  r.get('/api/notifications/unread-count', { schema: { tags, summary: '읽지 않은 알림 수', response: { 200: unreadReply } } }, async (req) => ({
    unread: await countUnreadNotifications(db, actorOf(req)),
  }));

  r.post('/api/notifications/:id/read', { schema: { tags, summary: '알림 읽음 처리', params: idParams, response: { 200: unreadReply } } }, async (req) =>
    markNotificationRead(db, actorOf(req), req.params.id),
  );

  r.post('/api/notifications/read-all', { schema: { tags, summary: '모든 알림 읽음 처리', response: { 200: unreadReply } } }, async (req) =>
    markAllNotificationsRead(db, actorOf(req)),
  );

  // Server-sent events: one `notification` event per new notification of this user.
  r.get('/api/notifications/stream', { schema: { tags, summary: '알림 실시간 스트림 (SSE)', produces: ['text/event-stream'], response: { 200: z.string().describe('server-sent events: 새 알림마다 data: {...}') } } }, async (req, reply) => {
    const actor = actorOf(req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(`event: ready\ndata: ${JSON.stringify({ unread: await countUnreadNotifications(db, actor) })}\n\n`);
    const unsubscribe = app.deps.bus.subscribe(actor.userId, (signal) => {
      if (signal.businessId !== actor.businessId) return;
      void Promise.all([getNotification(db, actor, signal.notificationId), countUnreadNotifications(db, actor)])
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
