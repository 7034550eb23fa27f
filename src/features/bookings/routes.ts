import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../platform/http/schemas.ts';
import { requestClientKey, type RateLimitName } from '../../platform/http/rate-limits.ts';
import { actorOf } from '../auth/index.ts';
import * as service from './service.ts';

const quantity = z.number().int({ error: '수량은 정수여야 합니다.' }).min(1, { error: '수량은 1 이상이어야 합니다.' }).max(50, { error: '수량은 50 이하여야 합니다.' });
const line = z.union([
  z.object({ startsAt: s.isoDateTime, quantity }).strict(),
  z.object({ bookingScheduleId: z.uuid({ error: '예약 스케줄을 골라 주세요.' }), quantity }).strict(),
]);
const lines = z.array(line).min(1, { error: '예약할 항목을 하나 이상 골라 주세요.' }).max(20);
const phoneInput = z.string().trim().min(1, { error: '휴대폰 번호를 입력해 주세요.' }).max(40);
const bookingNumber = z.string().trim().regex(/^[0-9]{8,12}$/, { error: '예약번호는 숫자 8자리 이상입니다.' });
const range = z.object({ from: s.isoDate.optional(), to: s.isoDate.optional() });
const reason = z.object({ reason: z.string().trim().max(500, { error: '사유는 500자 이하여야 합니다.' }).optional() });

export default async function bookingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const open = { public: true } as const;
  const limited = (...perRequest: RateLimitName[]) => ({ public: true, rateLimit: { perRequest: ['public', ...perRequest] } }) as const;
  // A guessed 예약번호 + 휴대폰 번호 is a failure: 10 an hour per client, so booking numbers (sequential) cannot be walked.
  const byBookingNumber = { public: true, rateLimit: { perRequest: ['public', 'bookingLookups'], failures: 'bookingLookupFailures' } } as const;

  // ---------------------------------------------------------------- public (BOOK-7, BOOK-8, BOOK-10, BOOK-11)

  r.get(
    '/api/public/products/:id/availability',
    { schema: { tags: ['booking page'], summary: '예약 가능한 시간·일정과 남은 수량 (최대 62일)', params: s.idParams, querystring: range, security: [] }, config: open },
    async (req) => service.getAvailability(db, req.params.id, req.query),
  );

  r.post(
    '/api/public/holds',
    {
      schema: { tags: ['booking page'], summary: '고른 수량을 10분간 잡아 두기 (결제·입력 중; 한 접속 주소가 동시에 잡을 수 있는 자리는 10개)', body: z.object({ productId: z.uuid(), lines }), security: [] },
      config: limited('holds'),
    },
    async (req, reply) => reply.code(201).send(await service.createHold(db, { ...req.body, clientKey: requestClientKey(req) })),
  );

  r.delete(
    '/api/public/holds/:id',
    { schema: { tags: ['booking page'], summary: '잡아 둔 수량 돌려주기', params: s.idParams, security: [] }, config: open },
    async (req, reply) => {
      await service.releaseHold(db, req.params.id);
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/public/bookings',
    {
      schema: {
        tags: ['booking page'],
        summary: '예약하기: 예약번호와 예약상세번호를 돌려줍니다',
        body: z.object({
          productId: z.uuid(),
          holdId: z.uuid().optional(),
          lines,
          customer: z.object({ name: s.name, phone: phoneInput }),
          request: z.string().max(1000, { error: '요청사항은 1000자 이하여야 합니다.' }).optional(),
        }),
        security: [],
      },
      config: limited('bookings'),
    },
    async (req, reply) => reply.code(201).send(await service.createBooking(db, req.body)),
  );

  r.get(
    '/api/public/bookings/:bookingNumber',
    {
      schema: { tags: ['booking page'], summary: '예약 조회 (예약번호 + 휴대폰 번호)', params: z.object({ bookingNumber }), querystring: z.object({ phone: phoneInput }), security: [] },
      config: byBookingNumber,
    },
    async (req) => service.lookupBooking(db, req.params.bookingNumber, req.query.phone),
  );

  r.post(
    '/api/public/bookings/:bookingNumber/cancel',
    {
      schema: { tags: ['booking page'], summary: '고객 직접 취소 (취소 규정 안에서)', params: z.object({ bookingNumber }), body: z.object({ phone: phoneInput }), security: [] },
      config: byBookingNumber,
    },
    async (req) => service.cancelOwnBooking(db, req.params.bookingNumber, req.body.phone),
  );

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
      },
      config: limited('inquiries'),
    },
    async (req, reply) => reply.code(201).send(await service.createInquiry(db, req.body)),
  );

  // ------------------------------------------------------------ partner center (BOOK-10, BOOK-11)

  r.get(
    '/api/products/:id/availability',
    { schema: { tags: ['partner center'], summary: '상품의 슬롯·예약 스케줄과 남은 수량 (노출 OFF 포함)', params: s.idParams, querystring: range } },
    async (req) => service.getAvailability(db, req.params.id, req.query, { actor: actorOf(req) }),
  );

  r.get(
    '/api/bookings',
    {
      schema: {
        tags: ['partner center'],
        summary: '예약 목록 (이용일, 상품, 상태, 예약번호·이름·전화번호 검색)',
        querystring: z.object({
          from: s.isoDate.optional(),
          to: s.isoDate.optional(),
          productId: z.uuid().optional(),
          status: z.enum(['pending', 'confirmed', 'completed', 'cancelled', 'rejected']).optional(),
          q: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
      },
    },
    async (req) => service.listBookings(db, actorOf(req), req.query),
  );

  r.get('/api/bookings/:id', { schema: { tags: ['partner center'], summary: '예약 한 건', params: s.idParams } }, async (req) => service.getBooking(db, actorOf(req), req.params.id));

  const actions = [
    ['confirm', '예약 확정 (예약번호 전체)'],
    ['reject', '예약 거절 (예약번호 전체, 되돌릴 수 없음)'],
    ['cancel', '예약 취소 (되돌릴 수 없음)'],
    ['complete', '이용완료'],
  ] as const;
  for (const [action, summary] of actions) {
    r.post(`/api/bookings/:id/${action}`, { schema: { tags: ['partner center'], summary, params: s.idParams, body: reason.nullish() } }, async (req) =>
      service.actOnBooking(db, actorOf(req), req.params.id, action, req.body?.reason ?? null),
    );
  }

  r.post(
    '/api/bookings/:id/restore',
    { schema: { tags: ['partner center'], summary: '취소 복원: 취소된 예약은 되돌릴 수 없어 항상 거절됩니다', params: s.idParams } },
    async (req) => service.restoreBooking(db, actorOf(req), req.params.id),
  );

  r.get(
    '/api/inquiries',
    {
      schema: {
        tags: ['partner center'],
        summary: '고객문의 목록과 미답변 수',
        querystring: z.object({
          status: z.enum(['unanswered', 'all']).default('all'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => service.listInquiries(db, actorOf(req), req.query),
  );

  r.post(
    '/api/inquiries/:id/reply',
    {
      schema: {
        tags: ['partner center'],
        summary: '고객문의 답변',
        params: s.idParams,
        body: z.object({ body: z.string().trim().min(1, { error: '답변 내용을 입력해 주세요.' }).max(2000, { error: '답변은 2000자 이하여야 합니다.' }) }),
      },
    },
    async (req) => service.replyToInquiry(db, actorOf(req), req.params.id, req.body.body),
  );

  r.get('/api/partner/summary', { schema: { tags: ['partner center'], summary: '파트너센터 홈: 미답변 문의, 확정대기, 오늘 예약' } }, async (req) => service.partnerSummary(db, actorOf(req)));
}
