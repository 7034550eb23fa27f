import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCsv } from '../../../platform/http/csv-reply.ts';
import * as s from '../../../platform/http/schemas.ts';
import { actorOf } from '../../auth/index.ts';
import { CATALOG_READERS } from '../../places/index.ts';
import { availabilityReply, bookingListReply, bookingStatus, partnerBookingReply, partnerSummaryReply } from '../schemas.ts';
import { actOnBooking } from '../use-cases/act-on-booking.ts';
import { bookingListCsv } from '../use-cases/export-bookings.ts';
import { getAvailability } from '../use-cases/get-availability.ts';
import { getBooking } from '../use-cases/get-booking.ts';
import { getPartnerSummary } from '../use-cases/get-partner-summary.ts';
import { listBookings } from '../use-cases/list-bookings.ts';
import { restoreBooking } from '../use-cases/restore-booking.ts';
import { availabilityRange } from './requests.ts';

const tags = ['partner center'];
const reason = z.object({ reason: z.string().trim().max(500, { error: '사유는 500자 이하여야 합니다.' }).optional() });

/** BOOK-10, OPS-8: the list's filters; the export takes the same. */
const bookingListQuery = z.object({
  from: s.isoDate.optional(),
  to: s.isoDate.optional(),
  productId: z.uuid().optional(),
  status: bookingStatus.optional(),
  q: z.string().max(100).optional(),
});

/** BOOK-10: the partner center's bookings: availability with what is taken, the list, one booking, and its status changes. */
export default async function partnerBookingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  // Reads: people who manage bookings or settings; status changes: bookings.manage.
  const read = { config: { permission: CATALOG_READERS } };
  const manage = { config: { permission: 'bookings.manage' } } as const;

  r.get(
    '/api/products/:id/availability',
    { ...read, schema: { tags, summary: '상품의 슬롯·예약 스케줄과 남은 수량 (노출 OFF 포함)', params: s.idParams, querystring: availabilityRange, response: { 200: availabilityReply } } },
    async (req) => getAvailability(db, req.params.id, req.query, { actor: actorOf(req) }),
  );

  r.get(
    '/api/bookings',
    {
      ...read,
      schema: {
        tags,
        summary: '예약 목록 (이용일, 상품, 상태, 예약번호·이름·전화번호 검색)',
        querystring: bookingListQuery.extend({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: bookingListReply },
      },
    },
    async (req) => listBookings(db, actorOf(req), req.query),
  );

  // OPS-8: the list as a file, with the list's permission and filters.
  r.get(
    '/api/bookings/export.csv',
    {
      ...read,
      schema: {
        tags,
        summary: '예약 목록 CSV 내려받기 (엑셀용 UTF-8 BOM, 목록과 같은 필터)',
        querystring: bookingListQuery,
        response: { 200: z.string().describe('text/csv; charset=utf-8') },
      },
    },
    async (req, reply) => sendCsv(reply, bookingListCsv(db, actorOf(req), req.query)),
  );

  r.get(
    '/api/bookings/:id',
    { ...read, schema: { tags, summary: '예약 한 건', params: s.idParams, response: { 200: partnerBookingReply } } },
    async (req) => getBooking(db, actorOf(req), req.params.id),
  );

  const actions = [
    ['confirm', '예약 확정 (예약번호 전체)'],
    ['reject', '예약 거절 (예약번호 전체, 되돌릴 수 없음)'],
    ['cancel', '예약 취소 (되돌릴 수 없음)'],
    ['complete', '이용완료'],
  ] as const;
  for (const [action, summary] of actions) {
    r.post(
      `/api/bookings/:id/${action}`,
      { ...manage, schema: { tags, summary, params: s.idParams, body: reason.nullish(), response: { 200: partnerBookingReply } } },
      async (req) => actOnBooking(db, actorOf(req), req.params.id, action, req.body?.reason ?? null, new Date(), app.deps.jobs),
    );
  }

  r.post(
    '/api/bookings/:id/restore',
    { ...manage, schema: { tags, summary: '취소 복원: 취소된 예약은 되돌릴 수 없어 항상 거절됩니다 (성공 응답 없음)', params: s.idParams } },
    async (req) => restoreBooking(db, actorOf(req), req.params.id),
  );

  r.get(
    '/api/partner/summary',
    { ...read, schema: { tags, summary: '파트너센터 홈: 미답변 문의, 확정대기, 오늘 예약', response: { 200: partnerSummaryReply } } },
    async (req) => getPartnerSummary(db, actorOf(req)),
  );
}
