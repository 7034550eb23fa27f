import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../platform/http/schemas.ts';
import { actorOf, noContent } from '../auth/index.ts';
import { CATALOG_READERS } from '../places/index.ts';
import { BOOKING_TYPES, CONFIRMATION_MODES, INVENTORY_MODES, INVENTORY_QUANTITY_MAX, PAYMENT_MODES, PRICE_AMOUNT_MAX } from './domain/model.ts';
import { addBookingSchedules } from './use-cases/add-booking-schedules.ts';
import { addOperatingPeriod } from './use-cases/add-operating-period.ts';
import { addPrice } from './use-cases/add-price.ts';
import { addSchedule } from './use-cases/add-schedule.ts';
import { createProduct } from './use-cases/create-product.ts';
import { deleteBookingSchedule } from './use-cases/delete-booking-schedule.ts';
import { deleteOperatingPeriod } from './use-cases/delete-operating-period.ts';
import { deletePrice } from './use-cases/delete-price.ts';
import { deleteProduct } from './use-cases/delete-product.ts';
import { deleteSchedule } from './use-cases/delete-schedule.ts';
import { getCatalogOptions } from './use-cases/get-catalog-options.ts';
import { getProduct } from './use-cases/get-product.ts';
import { getPublicProduct } from './use-cases/get-public-product.ts';
import { listProducts } from './use-cases/list-products.ts';
import { putStock } from './use-cases/put-stock.ts';
import { setSlotHidden } from './use-cases/set-slot-hidden.ts';
import { updateBookingSchedule } from './use-cases/update-booking-schedule.ts';
import { updateOperatingPeriod } from './use-cases/update-operating-period.ts';
import { updatePrice } from './use-cases/update-price.ts';
import { updateProduct } from './use-cases/update-product.ts';
import { updateSchedule } from './use-cases/update-schedule.ts';

const tags = ['products'];

const bookingType = z.enum(BOOKING_TYPES);
const inventoryMode = z.enum(INVENTORY_MODES);
const confirmationMode = z.enum(CONFIRMATION_MODES);
const paymentMode = z.enum(PAYMENT_MODES);
const quantity = z.number().int().min(0).max(INVENTORY_QUANTITY_MAX);
const amount = z.number().int().min(0, { error: '가격은 0원 이상이어야 합니다.' }).max(PRICE_AMOUNT_MAX);
/** Ranges loose enough for the pure rules to name the exact problem (SLOT_LENGTH_INVALID …), tight enough for the columns. */
const setting = z.number().int().min(0).max(100_000);
const tier = z.object({ hoursBefore: z.number(), refundPercent: z.number() });

const productBody = z.object({
  placeId: z.uuid(),
  name: s.name,
  description: z.string().max(5000),
  bookingType,
  confirmationMode,
  paymentMode,
  priceAmount: amount.nullable(),
  exposed: z.boolean(),
  departmentId: z.uuid().nullable(),
  staffId: z.uuid().nullable(),
  durationMinutes: z.number().int().min(5, { error: '이용 시간은 5분 이상이어야 합니다.' }).max(1440, { error: '이용 시간은 24시간 이하여야 합니다.' }).nullable(),
  maxQuantityPerBooking: z.number().int().min(1).max(50, { error: '한 번에 예약할 수 있는 수량은 50개 이하여야 합니다.' }),
  cancellationPolicy: z.array(tier).max(10, { error: '취소 규정은 10단계까지 둘 수 있습니다.' }),
  slotMinutes: setting,
  capacityPerSlot: setting,
  horizonMonths: setting,
  inventoryMode,
  periodQuantity: quantity.nullable(),
  sortOrder: s.sortOrder,
});
const createBody = productBody.partial().required({ placeId: true, name: true, bookingType: true, confirmationMode: true });
const patchBody = productBody.partial().extend({ version: z.number().int().optional().describe('받은 version; 다르면 PRODUCT_VERSION_CONFLICT') });

const openingHours = z.object({ openMinute: z.number().int().min(0).max(1440), closeMinute: z.number().int().min(0).max(1440) });
const dayHours = z.array(openingHours).max(24).optional();
const weeklyHours = z.object({ 1: dayHours, 2: dayHours, 3: dayHours, 4: dayHours, 5: dayHours, 6: dayHours, 7: dayHours }).describe('1 = 월요일 … 7 = 일요일, 분 단위');
const periodBody = z.object({ startsOn: s.isoDate, endsOn: s.isoDate, weeklyHours, bookingOpensAt: s.isoDateTime.nullable().optional().describe('예약시작 일시; null = 바로') });

const usage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date_time'), date: s.isoDate, startTime: z.string().regex(/^\d{2}:\d{2}$/, { error: '시작 시간은 HH:mm 형식이어야 합니다.' }) }),
  z.object({ kind: z.literal('date'), date: s.isoDate }),
  z.object({ kind: z.literal('period'), from: s.isoDate, to: s.isoDate }),
]);
const scheduleBody = z.object({ usage, bookingOpensAt: s.isoDateTime, bookingClosesAt: s.isoDateTime });
const priceBody = z.object({ name: s.name, amount, bookableFrom: s.isoDate, bookableTo: s.isoDate, maxQuantity: quantity.nullable().optional() });

const tierReply = z.object({ hoursBefore: z.number(), refundPercent: z.number() });
const productFields = {
  id: z.string(),
  placeId: z.string(),
  placeName: z.string(),
  name: z.string(),
  description: z.string(),
  bookingType,
  bookingTypeLabel: z.string(),
  confirmationMode,
  paymentMode,
  priceAmount: z.number().nullable(),
  exposed: z.boolean(),
  departmentId: z.string().nullable(),
  staffId: z.string().nullable(),
  slotMinutes: z.number().nullable(),
  capacityPerSlot: z.number().nullable(),
  horizonMonths: z.number().nullable(),
  durationMinutes: z.number().nullable(),
  inventoryMode: inventoryMode.nullable(),
  periodQuantity: z.number().nullable(),
  maxQuantityPerBooking: z.number(),
  cancellationPolicy: z.array(tierReply),
  sortOrder: z.number(),
  version: z.number(),
  publicUrl: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
const periodReply = z.object({
  id: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  weeklyHours: z.record(z.string(), z.array(openingHours)),
  bookingOpensAt: z.string().nullable(),
});
const usageReply = z.union([
  z.object({ kind: z.literal('date_time'), date: z.string(), startTime: z.string() }),
  z.object({ kind: z.literal('date'), date: z.string() }),
  z.object({ kind: z.literal('period'), from: z.string(), to: z.string() }),
]);
const scheduleReply = z.object({ id: z.string(), usage: usageReply, bookingOpensAt: z.string(), bookingClosesAt: z.string() });
const priceReply = z.object({
  id: z.string(),
  name: z.string(),
  amount: z.number(),
  bookableFrom: z.string(),
  bookableTo: z.string(),
  maxQuantity: z.number().nullable(),
  taken: z.number().describe('최대 예약 수량에서 예약된 수량'),
});
const bookingScheduleReply = z.object({ id: z.string(), scheduleId: z.string(), priceId: z.string(), quantity: z.number().nullable(), taken: z.number() });
const stockReply = z.object({ key: z.string(), quantity: z.number(), taken: z.number() });
const productSummary = z.object(productFields);
const productDetail = z.object({
  ...productFields,
  operatingPeriods: z.array(periodReply),
  hiddenSlots: z.array(z.string()),
  schedules: z.array(scheduleReply),
  prices: z.array(priceReply),
  bookingSchedules: z.array(bookingScheduleReply),
  stock: z.array(stockReply),
});

const optionReply = z.object({ value: z.string(), label: z.string() });
const optionsReply = z.object({
  serviceType: s.serviceType,
  bookingTypes: z.array(z.object({ value: bookingType, label: z.string(), allowed: z.boolean() })),
  inventoryModesByBookingType: z.object({ date_time: z.array(optionReply), date: z.array(optionReply), always: z.array(optionReply) }),
  priceMaxModes: z.array(inventoryMode),
  limits: z.object({ slotMinutesMin: z.number(), slotMinutesMax: z.number(), slotMinutesStep: z.number(), slotCapacityMax: z.number(), horizonMonthsMax: z.number() }),
});

const publicProductReply = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  bookingType,
  bookingTypeLabel: z.string(),
  priceAmount: z.number().nullable(),
  prices: z.array(z.object({ id: z.string(), name: z.string(), amount: z.number() })),
  confirmationMode,
  confirmationModeLabel: z.string(),
  paymentMode,
  paymentModeLabel: z.string(),
  cancellationPolicy: z.array(tierReply),
  maxQuantityPerBooking: z.number(),
  slotMinutes: z.number().nullable(),
  durationMinutes: z.number().nullable(),
  bookingOpensAt: z.string().nullable().describe('아직 열린 예약이 없을 때 가장 빠른 예약시작 일시, 아니면 null'),
  publicUrl: z.string(),
  place: z.object({ id: z.string(), name: z.string(), address: z.string(), phone: z.string(), bookingNotes: z.string(), operatingStatus: z.enum(['open', 'paused', 'closed']) }),
  business: z.object({ name: z.string(), timeZone: z.string() }),
});

const params = {
  product: s.idParams,
  period: z.object({ id: z.uuid(), periodId: z.uuid() }),
  schedule: z.object({ id: z.uuid(), scheduleId: z.uuid() }),
  price: z.object({ id: z.uuid(), priceId: z.uuid() }),
  bookingSchedule: z.object({ id: z.uuid(), bookingScheduleId: z.uuid() }),
};

/** BOOK-2..6: products and what they sell, for people who manage settings; the public product page (BOOK-7). */
export default async function productsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  // Partner center reads: people who manage bookings or settings; writes: settings only.
  const read = { config: { permission: CATALOG_READERS } };
  const write = { config: { permission: 'settings.manage' } } as const;

  r.get(
    '/api/catalog/options',
    { ...read, schema: { tags, summary: '상품 등록 화면의 선택지: 업종에 허용된 예약 유형, 예약수량 관리 방식, 한도', response: { 200: optionsReply } } },
    async (req) => getCatalogOptions(db, actorOf(req)),
  );

  r.get(
    '/api/products',
    {
      ...read,
      schema: {
        tags,
        summary: '상품 목록',
        querystring: z.object({ placeId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(productSummary) }) },
      },
    },
    async (req) => listProducts(db, actorOf(req), req.query.placeId),
  );

  r.post(
    '/api/products',
    { ...write, schema: { tags, summary: '상품 등록 (예약 유형은 이후 바꿀 수 없음)', body: createBody, response: { 201: productDetail } } },
    async (req, reply) => reply.code(201).send(await createProduct(db, actorOf(req), req.body)),
  );

  r.get(
    '/api/products/:id',
    { ...read, schema: { tags, summary: '상품 상세 (운영기간, 일정, 가격, 예약 스케줄, 수량 포함)', params: params.product, response: { 200: productDetail } } },
    async (req) => getProduct(db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/products/:id',
    { ...write, schema: { tags, summary: '상품 기본정보 수정', params: params.product, body: patchBody, response: { 200: productDetail } } },
    async (req) => updateProduct(db, actorOf(req), req.params.id, req.body),
  );

  r.delete(
    '/api/products/:id',
    { ...write, schema: { tags, summary: '상품 삭제 (예약이 있으면 거절)', params: params.product, response: { 204: noContent } } },
    async (req, reply) => {
      await deleteProduct(db, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/products/:id/operating-periods',
    { ...write, schema: { tags, summary: '시간예약형 운영기간 등록', params: params.product, body: periodBody, response: { 201: periodReply } } },
    async (req, reply) => reply.code(201).send(await addOperatingPeriod(db, actorOf(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/products/:id/operating-periods/:periodId',
    { ...write, schema: { tags, summary: '운영기간 수정', params: params.period, body: periodBody.partial(), response: { 200: periodReply } } },
    async (req) => updateOperatingPeriod(db, actorOf(req), req.params.id, req.params.periodId, req.body),
  );

  r.delete(
    '/api/products/:id/operating-periods/:periodId',
    { ...write, schema: { tags, summary: '운영기간 삭제', params: params.period, response: { 204: noContent } } },
    async (req, reply) => {
      await deleteOperatingPeriod(db, actorOf(req), req.params.id, req.params.periodId);
      return reply.code(204).send(null);
    },
  );

  r.put(
    '/api/products/:id/hidden-slots',
    {
      ...write,
      schema: {
        tags,
        summary: '슬롯 하나 노출 ON/OFF',
        params: params.product,
        body: z.object({ startsAt: s.isoDateTime, hidden: z.boolean() }),
        response: { 200: z.object({ startsAt: z.string(), hidden: z.boolean() }) },
      },
    },
    async (req) => setSlotHidden(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/products/:id/schedules',
    { ...write, schema: { tags, summary: '일정 등록', params: params.product, body: scheduleBody, response: { 201: scheduleReply } } },
    async (req, reply) => reply.code(201).send(await addSchedule(db, actorOf(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/products/:id/schedules/:scheduleId',
    { ...write, schema: { tags, summary: '일정 수정', params: params.schedule, body: scheduleBody.partial(), response: { 200: scheduleReply } } },
    async (req) => updateSchedule(db, actorOf(req), req.params.id, req.params.scheduleId, req.body),
  );

  r.delete(
    '/api/products/:id/schedules/:scheduleId',
    { ...write, schema: { tags, summary: '일정 삭제 (예약이 있으면 거절)', params: params.schedule, response: { 204: noContent } } },
    async (req, reply) => {
      await deleteSchedule(db, actorOf(req), req.params.id, req.params.scheduleId);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/products/:id/prices',
    { ...write, schema: { tags, summary: '가격 등록', params: params.product, body: priceBody, response: { 201: priceReply } } },
    async (req, reply) => reply.code(201).send(await addPrice(db, actorOf(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/products/:id/prices/:priceId',
    { ...write, schema: { tags, summary: '가격 수정', params: params.price, body: priceBody.partial(), response: { 200: priceReply } } },
    async (req) => updatePrice(db, actorOf(req), req.params.id, req.params.priceId, req.body),
  );

  r.delete(
    '/api/products/:id/prices/:priceId',
    { ...write, schema: { tags, summary: '가격 삭제 (예약이 있으면 거절)', params: params.price, response: { 204: noContent } } },
    async (req, reply) => {
      await deletePrice(db, actorOf(req), req.params.id, req.params.priceId);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/products/:id/booking-schedules',
    {
      ...write,
      schema: {
        tags,
        summary: '예약 스케줄 일괄 생성: 고른 일정 × 가격 전부, 하나라도 안 되면 아무것도 만들지 않음',
        params: params.product,
        body: z.object({
          scheduleIds: z.array(z.uuid()).min(1, { error: '일정을 하나 이상 골라 주세요.' }).max(500),
          priceIds: z.array(z.uuid()).min(1, { error: '가격을 하나 이상 골라 주세요.' }).max(50),
          quantity: quantity.nullable().optional(),
        }),
        response: { 201: z.object({ items: z.array(bookingScheduleReply) }) },
      },
    },
    async (req, reply) => reply.code(201).send(await addBookingSchedules(db, actorOf(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/products/:id/booking-schedules/:bookingScheduleId',
    {
      ...write,
      schema: { tags, summary: '예약 스케줄 수량 수정', params: params.bookingSchedule, body: z.object({ quantity: quantity.optional() }), response: { 200: bookingScheduleReply } },
    },
    async (req) => updateBookingSchedule(db, actorOf(req), req.params.id, req.params.bookingScheduleId, req.body),
  );

  r.delete(
    '/api/products/:id/booking-schedules/:bookingScheduleId',
    { ...write, schema: { tags, summary: '예약 스케줄 삭제 (예약이 있으면 거절)', params: params.bookingSchedule, response: { 204: noContent } } },
    async (req, reply) => {
      await deleteBookingSchedule(db, actorOf(req), req.params.id, req.params.bookingScheduleId);
      return reply.code(204).send(null);
    },
  );

  r.put(
    '/api/products/:id/stock',
    {
      ...write,
      schema: {
        tags,
        summary: '날짜/시간별 (2026-12-05T14:00), 날짜별 (2026-12-05) 수량 일괄 입력',
        params: params.product,
        body: z.object({ entries: z.array(z.object({ key: z.string().max(20), quantity })).min(1).max(2000) }),
        response: { 200: z.object({ entries: z.array(stockReply) }) },
      },
    },
    async (req) => putStock(db, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/public/products/:productId',
    {
      config: { public: true },
      schema: { tags: ['public'], summary: '예약 페이지: 상품 (노출된 장소의 노출된 상품만)', params: z.object({ productId: z.uuid() }), response: { 200: publicProductReply } },
    },
    async (req) => getPublicProduct(db, req.params.productId),
  );
}
