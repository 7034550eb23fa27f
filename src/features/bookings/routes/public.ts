import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../../platform/http/schemas.ts';
import { requestClientKey, type RateLimitName } from '../../../platform/http/rate-limits.ts';
import { noContent } from '../../auth/index.ts';
import { availabilityReply, holdReply, publicBookingReply } from '../schemas.ts';
import { cancelOwnBooking } from '../use-cases/cancel-own-booking.ts';
import { createBooking } from '../use-cases/create-booking.ts';
import { createHold } from '../use-cases/create-hold.ts';
import { getAvailability } from '../use-cases/get-availability.ts';
import { lookupBooking } from '../use-cases/lookup-booking.ts';
import { releaseHold } from '../use-cases/release-hold.ts';
import { availabilityRange, bookingNumber, consents, lines, phoneInput } from './requests.ts';

const tags = ['booking page'];

/** BOOK-7, BOOK-8, BOOK-10: the booking page: what is free, holds, bookings, and the customer's own lookup and cancel. */
export default async function publicBookingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const open = { public: true } as const;
  const limited = (...perRequest: RateLimitName[]) => ({ public: true, rateLimit: { perRequest: ['public', ...perRequest] } }) as const;
  // A guessed 예약번호 + 휴대폰 번호 is a failure: 10 an hour per client, so booking numbers (sequential) cannot be walked.
  const byBookingNumber = { public: true, rateLimit: { perRequest: ['public', 'bookingLookups'], failures: 'bookingLookupFailures' } } as const;

  r.get(
    '/api/public/products/:id/availability',
    {
      schema: { tags, summary: '예약 가능한 시간·일정과 남은 수량 (최대 62일)', params: s.idParams, querystring: availabilityRange, security: [], response: { 200: availabilityReply } },
      config: open,
    },
    async (req) => getAvailability(db, req.params.id, req.query),
  );

  r.post(
    '/api/public/holds',
    {
      schema: {
        tags,
        summary: '고른 수량을 10분간 잡아 두기 (결제·입력 중; 한 접속 주소가 동시에 잡을 수 있는 자리는 10개)',
        body: z.object({ productId: z.uuid(), lines }),
        security: [],
        response: { 201: holdReply },
      },
      config: limited('holds'),
    },
    async (req, reply) => reply.code(201).send(await createHold(db, { ...req.body, clientKey: requestClientKey(req) })),
  );

  r.delete(
    '/api/public/holds/:id',
    { schema: { tags, summary: '잡아 둔 수량 돌려주기', params: s.idParams, security: [], response: { 204: noContent } }, config: open },
    async (req, reply) => {
      await releaseHold(db, req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/public/bookings',
    {
      schema: {
        tags,
        summary: '예약하기: 예약번호와 예약상세번호를 돌려줍니다',
        body: z.object({
          productId: z.uuid(),
          holdId: z.uuid().optional(),
          lines,
          customer: z.object({ name: s.name, phone: phoneInput }),
          request: z.string().max(1000, { error: '요청사항은 1000자 이하여야 합니다.' }).optional(),
          consents,
        }),
        security: [],
        response: { 201: publicBookingReply },
      },
      config: limited('bookings'),
    },
    async (req, reply) => reply.code(201).send(await createBooking(db, req.body, new Date(), app.deps.jobs)),
  );

  r.get(
    '/api/public/bookings/:bookingNumber',
    {
      schema: {
        tags,
        summary: '예약 조회 (예약번호 + 휴대폰 번호)',
        params: z.object({ bookingNumber }),
        querystring: z.object({ phone: phoneInput }),
        security: [],
        response: { 200: publicBookingReply },
      },
      config: byBookingNumber,
    },
    async (req) => lookupBooking(db, req.params.bookingNumber, req.query.phone),
  );

  r.post(
    '/api/public/bookings/:bookingNumber/cancel',
    {
      schema: {
        tags,
        summary: '고객 직접 취소 (취소 규정 안에서)',
        params: z.object({ bookingNumber }),
        body: z.object({ phone: phoneInput }),
        security: [],
        response: { 200: publicBookingReply },
      },
      config: byBookingNumber,
    },
    async (req) => cancelOwnBooking(db, req.params.bookingNumber, req.body.phone, new Date(), app.deps.jobs),
  );
}
