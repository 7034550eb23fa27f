import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../platform/http/schemas.ts';
import { actorOf } from '../auth/index.ts';
import { MESSAGE_TEMPLATES } from './domain/templates.ts';
import { receiveDeliveryReports } from './providers.ts';
import * as service from './service.ts';

const count = z.number().int().min(0).max(100_000_000);
const range = z.object({ min: count.optional(), max: count.optional() }).strict();
const audience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('direct'), customerIds: z.array(z.uuid()).max(10_000, { error: '직접 선택은 10,000명까지 할 수 있습니다.' }) }),
  z.object({
    kind: z.literal('filter'),
    pointsHeld: range.optional(),
    pointsAccumulated: range.optional(),
    grades: z.array(z.string().trim().min(1).max(30)).max(50).optional(),
    tags: z.array(z.string().trim().min(1).max(30)).max(50).optional(),
    visitCount: range.optional(),
  }),
  z.object({ kind: z.literal('group'), group: z.enum(['regular', 'prospective', 'first'], { error: '고객 그룹을 선택해 주세요.' }) }),
]);
const period = z.union([z.object({ days: z.union([z.literal(3), z.literal(7), z.literal(30)]) }).strict(), z.object({ from: s.isoDate, to: s.isoDate }).strict()]).nullable();
const settings = z.object({ visitorRestriction: period.default(null), duplicatePrevention: period.default(null), performance: period.default(null) });
const content = z.object({
  channel: z.enum(['alimtalk', 'sms'], { error: '발송 수단을 선택해 주세요.' }),
  templateKey: z.string().max(100),
  title: z.string().max(100, { error: '제목은 100자 이하여야 합니다.' }),
  body: z.string().max(1000, { error: '내용은 1000자 이하여야 합니다.' }),
  coupon: z.unknown(),
  validity: z.enum(['same_day', '3d', '7d', '30d', '90d', '365d'], { error: '유효 기간을 선택해 주세요.' }),
});
const messageInput = z.object({ content, audience, settings: settings.default({ visitorRestriction: null, duplicatePrevention: null, performance: null }) });
const tags = ['messages'];

export default async function messagingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { jobs } = app.deps;

  r.get('/api/messages/templates', { schema: { tags, summary: '쿠폰 메시지 템플릿' } }, async (req) => {
    actorOf(req);
    return { items: MESSAGE_TEMPLATES };
  });

  r.get('/api/messages/draft', { schema: { tags, summary: '임시 저장된 메시지 (업체당 1개)' } }, async (req) => ({ draft: await service.getDraft(db, actorOf(req)) }));
  r.put('/api/messages/draft', { schema: { tags, summary: '임시 저장 (기존 것을 덮어씀)', body: z.object({ content: z.unknown(), audience: z.unknown().optional(), settings: z.unknown().optional() }) } }, async (req) =>
    service.saveDraft(db, actorOf(req), req.body),
  );
  r.delete('/api/messages/draft', { schema: { tags, summary: '임시 저장 삭제' } }, async (req, reply) => {
    await service.deleteDraft(db, actorOf(req));
    return reply.code(204).send();
  });

  r.post('/api/messages/audience', { schema: { tags, summary: '발송 대상 수와 제외된 고객 (사유별)', body: z.object({ audience, settings: settings.default({ visitorRestriction: null, duplicatePrevention: null, performance: null }) }) } }, async (req) =>
    service.describeAudience(db, actorOf(req), req.body.audience, req.body.settings),
  );

  r.post('/api/messages/preview', { schema: { tags, summary: '미리보기: 변수가 채워진 실제 발송 문구와 대상', body: messageInput } }, async (req) =>
    service.previewMessage(db, actorOf(req), req.body),
  );

  r.post('/api/messages', { schema: { tags, summary: '바로 발송 또는 예약 발송 (광고는 21:00~08:00 불가)', body: messageInput.extend({ sendAt: s.isoDateTime.optional() }) } }, async (req, reply) =>
    reply.code(201).send(await service.createMessage(db, jobs, actorOf(req), req.body)),
  );

  r.get(
    '/api/messages',
    { schema: { tags, summary: '최근 발송 메시지', querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), offset: z.coerce.number().int().min(0).default(0) }) } },
    async (req) => service.listMessages(db, actorOf(req), req.query.limit, req.query.offset),
  );

  r.get('/api/messages/:id', { schema: { tags, summary: '메시지 한 건과 수신자 상태별 수', params: s.idParams } }, async (req) => service.getMessage(db, actorOf(req), req.params.id));

  r.get(
    '/api/messages/:id/recipients',
    {
      schema: {
        tags,
        summary: '수신자별 발송 상태와 쿠폰',
        params: s.idParams,
        querystring: z.object({
          status: z.enum(['pending', 'accepted', 'sent', 'delivered', 'failed']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => service.listMessageRecipients(db, actorOf(req), req.params.id, req.query),
  );

  r.patch(
    '/api/messages/:id',
    {
      schema: {
        tags,
        summary: '예약 발송 수정 (발송 전까지)',
        params: s.idParams,
        body: z.object({ content: content.optional(), audience: audience.optional(), settings: settings.optional(), sendAt: s.isoDateTime.optional(), version: z.number().int().optional() }),
      },
    },
    async (req) => service.updateMessage(db, jobs, actorOf(req), req.params.id, req.body),
  );

  r.post('/api/messages/:id/cancel', { schema: { tags, summary: '예약 취소 (발송 전까지)', params: s.idParams } }, async (req) => service.cancelMessage(db, actorOf(req), req.params.id));

  r.get('/api/messages/:id/report', { schema: { tags, summary: '메시지 성과: 수신, 재방문(적립), 쿠폰 사용', params: s.idParams } }, async (req) => service.messageReport(db, actorOf(req), req.params.id));

  r.post(
    '/api/public/opt-out/:token',
    {
      schema: { tags, summary: '수신거부 (메시지의 링크)', params: z.object({ token: z.string().min(10).max(100) }), security: [] },
      config: { public: true, rateLimit: { perRequest: ['public', 'optOuts'], failures: 'credentialFailures' } },
    },
    async (req) => service.optOutByToken(db, req.params.token),
  );

  r.post(
    '/api/messaging/solapi/:businessId/reports',
    {
      schema: { tags, summary: '발송 결과 리포트 웹훅 (?token= 으로 인증, docs/messaging.md)', params: z.object({ businessId: z.uuid() }), querystring: z.object({ token: z.string().max(200).optional() }), security: [] },
      // The provider delivers many reports from one address: only refused tokens are limited.
      config: { public: true, rateLimit: { perRequest: [], failures: 'credentialFailures' } },
    },
    async (req) => receiveDeliveryReports(db, { businessId: req.params.businessId, token: req.query.token, body: req.body }),
  );
}
