import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../../platform/http/schemas.ts';
import { actorOf } from '../../auth/index.ts';
import { CATALOG_READERS } from '../../places/index.ts';
import { inquiryCreatedReply, inquiryListReply, inquiryReply } from '../schemas.ts';
import { createInquiry } from '../use-cases/create-inquiry.ts';
import { listInquiries } from '../use-cases/list-inquiries.ts';
import { replyToInquiry } from '../use-cases/reply-to-inquiry.ts';
import { phoneInput } from './requests.ts';

/** BOOK-11: 고객문의 from the booking page, and the partner center's list and replies. */
export default async function inquiryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.post(
    '/api/public/inquiries',
    {
      schema: {
        tags: ['booking page'],
        summary: '고객문의 남기기',
        body: z.object({
          placeId: z.uuid(),
          productId: z.uuid().optional(),
          name: s.name,
          phone: phoneInput,
          body: z.string().trim().min(1, { error: '문의 내용을 입력해 주세요.' }).max(2000, { error: '문의는 2000자 이하여야 합니다.' }),
        }),
        security: [],
        response: { 201: inquiryCreatedReply },
      },
      config: { public: true, rateLimit: { perRequest: ['public', 'inquiries'] } },
    },
    async (req, reply) => reply.code(201).send(await createInquiry(db, req.body)),
  );

  r.get(
    '/api/inquiries',
    {
      config: { permission: CATALOG_READERS },
      schema: {
        tags: ['partner center'],
        summary: '고객문의 목록과 미답변 수',
        querystring: z.object({
          status: z.enum(['unanswered', 'all']).default('all'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: inquiryListReply },
      },
    },
    async (req) => listInquiries(db, actorOf(req), req.query),
  );

  r.post(
    '/api/inquiries/:id/reply',
    {
      config: { permission: 'bookings.manage' },
      schema: {
        tags: ['partner center'],
        summary: '고객문의 답변',
        params: s.idParams,
        body: z.object({ body: z.string().trim().min(1, { error: '답변 내용을 입력해 주세요.' }).max(2000, { error: '답변은 2000자 이하여야 합니다.' }) }),
        response: { 200: inquiryReply },
      },
    },
    async (req) => replyToInquiry(db, actorOf(req), req.params.id, req.body.body),
  );
}
