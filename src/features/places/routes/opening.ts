import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../../platform/http/schemas.ts';
import { BOOKING_STATUS_LABELS } from '../../../shared/labels/bookings.ts';
import { actorOf, noContent } from '../../auth/index.ts';
import { CATALOG_READERS } from '../access.ts';
import { addPlaceClosure } from '../use-cases/add-place-closure.ts';
import { deletePlaceClosure } from '../use-cases/delete-place-closure.ts';
import { getPlaceOpening } from '../use-cases/get-place-opening.ts';
import { listClosedDayBookings } from '../use-cases/list-closed-day-bookings.ts';
import { listPlaceClosures } from '../use-cases/list-place-closures.ts';
import { listPlaceHolidays } from '../use-cases/list-place-holidays.ts';
import { setHolidayOverride } from '../use-cases/set-holiday-override.ts';
import { updatePlaceOpening } from '../use-cases/update-place-opening.ts';

/**
 * OPS-1: a place's business hours (영업시간), public holidays (공휴일 휴무 and
 * per-holiday overrides) and temporary closures (임시휴무), in the partner
 * center. Reading: the catalog's readers; changing: settings.manage.
 */

const tags = ['places'];

const keysOf = <T extends Record<string, string>>(labels: T) => Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];

const affectedBooking = z.object({
  bookingId: z.string(),
  bookingNumber: z.string(),
  scheduleId: z.string().nullable().describe('캘린더 일정'),
  status: z.enum(keysOf(BOOKING_STATUS_LABELS)),
  statusLabel: z.string(),
  customerName: z.string(),
  customerPhone: z.string(),
  productId: z.string(),
  productName: z.string(),
  usageStartsAt: z.string(),
  usageEndsAt: z.string(),
  usageLabel: z.string(),
  date: z.string().nullable().describe('이용일 (상시형은 null)'),
  closedKind: z.enum(['closure', 'holiday', 'weekly', 'hours']),
  reason: z.string().describe('예: 임시휴무: 원장님 학회'),
});
const affectedBookings = z.array(affectedBooking).describe('이 휴무에 걸리는 기존 예약 (확정대기·예약확정). 자동으로 취소되지 않습니다.');

const openingReply = z.object({
  placeId: z.string(),
  weeklyHours: s.weeklyHoursReply.nullable().describe('null = 장소 영업시간 제한 없음 (상품의 운영시간만)'),
  holidaysClosed: z.boolean().describe('공휴일 휴무 (장소 설정, 없으면 업종 기본값)'),
  holidaysClosedSetting: z.boolean().nullable().describe('장소 설정; null = 업종 기본값을 따름'),
  holidaysClosedDefault: z.boolean(),
  holidayDefaultReason: z.string(),
  serviceType: s.serviceType,
  serviceTypeLabel: z.string(),
  holidayYears: z.object({ first: z.number(), last: z.number() }).describe('공휴일 자료가 있는 해 (@hyunbinseo/holidays-kr)'),
});

const holidayReply = z.object({
  date: z.string(),
  weekday: z.number().describe('1 = 월요일 … 7 = 일요일'),
  names: z.array(z.string()),
  closed: z.boolean().describe('이 장소가 이날 쉬는지 (임시휴무 포함)'),
  holidayClosed: z.boolean().describe('공휴일 설정으로 쉬는지 (개별 설정 포함)'),
  overridden: z.boolean().describe('이 공휴일만 따로 정했는지'),
  closureReason: z.string().nullable().describe('같은 날 임시휴무가 있으면 그 사유'),
});

const closureReply = z.object({
  id: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  affectedBookings,
});

const closureBody = z.object({
  startsOn: s.isoDate,
  endsOn: s.isoDate,
  reason: z.string().trim().min(1, { error: '휴무 사유를 입력해 주세요.' }).max(100, { error: '휴무 사유는 100자 이하여야 합니다.' }),
});

const holidayParams = z.object({ id: z.uuid(), date: s.isoDate });
const closureParams = z.object({ id: z.uuid(), closureId: z.uuid() });

export default async function openingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const read = { config: { permission: CATALOG_READERS } };
  const write = { config: { permission: 'settings.manage' } } as const;

  r.get(
    '/api/places/:id/opening',
    { ...read, schema: { tags, summary: '장소 영업시간·공휴일 휴무 설정', params: s.idParams, response: { 200: openingReply } } },
    async (req) => getPlaceOpening(db, actorOf(req), req.params.id),
  );

  r.put(
    '/api/places/:id/opening',
    {
      ...write,
      schema: {
        tags,
        summary: '장소 영업시간·공휴일 휴무 변경 (새로 쉬게 된 때의 기존 예약을 함께 답함, 취소하지 않음)',
        params: s.idParams,
        body: z.object({
          weeklyHours: s.weeklyHoursInput.nullable().optional().describe('null = 제한 없음'),
          holidaysClosed: z.boolean().nullable().optional().describe('null = 업종 기본값'),
        }),
        response: { 200: openingReply.extend({ affectedBookings }) },
      },
    },
    async (req) => updatePlaceOpening(db, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/places/:id/holidays',
    {
      ...read,
      schema: {
        tags,
        summary: '다가오는 공휴일과 이 장소의 휴무·영업 (기본: 오늘부터 1년)',
        params: s.idParams,
        querystring: z.object({ from: s.isoDate.optional(), to: s.isoDate.optional() }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            holidaysClosed: z.boolean(),
            holidayYears: z.object({ first: z.number(), last: z.number() }),
            items: z.array(holidayReply),
          }),
        },
      },
    },
    async (req) => listPlaceHolidays(db, actorOf(req), req.params.id, req.query),
  );

  r.put(
    '/api/places/:id/holidays/:date',
    {
      ...write,
      schema: {
        tags,
        summary: '공휴일 하루만 휴무·영업 따로 정하기 (예: 성탄절 진료, 설날 휴무)',
        params: holidayParams,
        body: z.object({ closed: z.boolean().describe('true = 휴무, false = 영업') }),
        response: { 200: holidayReply.extend({ affectedBookings }) },
      },
    },
    async (req) => setHolidayOverride(db, actorOf(req), req.params.id, req.params.date, req.body.closed),
  );

  r.delete(
    '/api/places/:id/holidays/:date',
    {
      ...write,
      schema: { tags, summary: '공휴일 개별 설정 지우기 (공휴일 휴무 설정을 따름)', params: holidayParams, response: { 200: holidayReply.extend({ affectedBookings }) } },
    },
    async (req) => setHolidayOverride(db, actorOf(req), req.params.id, req.params.date, null),
  );

  r.get(
    '/api/places/:id/closures',
    { ...read, schema: { tags, summary: '임시휴무 목록 (끝나지 않은 것, 걸린 예약 포함)', params: s.idParams, response: { 200: z.object({ items: z.array(closureReply) }) } } },
    async (req) => listPlaceClosures(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/places/:id/closures',
    {
      ...write,
      schema: { tags, summary: '임시휴무 등록 (그 기간의 기존 예약을 함께 답함, 취소하지 않음)', params: s.idParams, body: closureBody, response: { 201: closureReply } },
    },
    async (req, reply) => reply.code(201).send(await addPlaceClosure(db, actorOf(req), req.params.id, req.body)),
  );

  r.delete(
    '/api/places/:id/closures/:closureId',
    { ...write, schema: { tags, summary: '임시휴무 삭제', params: closureParams, response: { 204: noContent } } },
    async (req, reply) => {
      await deletePlaceClosure(db, actorOf(req), req.params.id, req.params.closureId);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/places/:id/closed-day-bookings',
    {
      ...read,
      schema: {
        tags,
        summary: '쉬는 날·영업시간 외에 잡혀 있는 기존 예약 (남아 있는 동안)',
        params: s.idParams,
        response: { 200: z.object({ items: z.array(affectedBooking) }) },
      },
    },
    async (req) => listClosedDayBookings(db, actorOf(req), req.params.id),
  );
}
