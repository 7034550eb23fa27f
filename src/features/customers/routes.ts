import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCsv } from '../../platform/http/csv-reply.ts';
import * as s from '../../platform/http/schemas.ts';
import { CUSTOMER_GROUP_LABELS, CUSTOMER_GROUPS } from '../../shared/labels/loyalty.ts';
import { CONSENT_KINDS, CONSENT_SOURCES } from '../../shared/labels/consents.ts';
import { CUSTOMER_SORT_LABELS, CUSTOMER_SORTS, SORT_DIRECTIONS } from '../../shared/labels/customers.ts';
import { actorOf, authorize } from '../auth/index.ts';
import { anonymiseCustomer } from './use-cases/anonymise-customer.ts';
import { createCustomer } from './use-cases/create-customer.ts';
import { exportCustomerData, exportFileName } from './use-cases/export-customer-data.ts';
import { customerListCsv } from './use-cases/export-customer-list.ts';
import { getCustomer } from './use-cases/get-customer.ts';
import { listCustomerSchedules } from './use-cases/list-customer-schedules.ts';
import { listConsents } from './use-cases/list-consents.ts';
import { listCustomers } from './use-cases/list-customers.ts';
import { listSamePhoneOtherName } from './use-cases/list-same-phone-other-name.ts';
import { mergeCustomers } from './use-cases/merge-customers.ts';
import { updateCustomer } from './use-cases/update-customer.ts';

const phoneInput = z.string().trim().min(1, { error: '전화번호를 입력해 주세요.' }).max(40);
const memo = z.string().max(5000, { error: '메모는 5000자 이하여야 합니다.' });
const grade = z.string().trim().max(30, { error: '등급은 30자 이하여야 합니다.' }).nullable();
const tags = z
  .array(z.string().trim().min(1, { error: '빈 태그는 쓸 수 없습니다.' }).max(30, { error: '태그는 30자 이하여야 합니다.' }))
  .max(30, { error: '태그는 30개까지 붙일 수 있습니다.' });

const customerBody = z.object({
  name: s.name,
  phone: phoneInput,
  memo: memo.optional(),
  grade: grade.optional(),
  tags: tags.optional(),
  marketingConsent: z.boolean().optional(),
  nightAdConsent: z.boolean().optional(),
});

/** OPS-8: the list's search, filters and order; the export takes the same. */
const customerListQuery = z.object({
  q: z.string().max(100).default(''),
  sort: z.enum(CUSTOMER_SORTS, { error: `정렬 기준은 ${CUSTOMER_SORTS.map((k) => CUSTOMER_SORT_LABELS[k]).join(', ')} 중 하나여야 합니다.` }).optional(),
  order: z.enum(SORT_DIRECTIONS, { error: '정렬 방향은 asc(오름차순) 또는 desc(내림차순)여야 합니다.' }).optional(),
  group: z.enum(CUSTOMER_GROUPS, { error: `고객 그룹은 ${CUSTOMER_GROUPS.map((g) => CUSTOMER_GROUP_LABELS[g]).join(', ')} 중 하나여야 합니다.` }).optional(),
  grade: z.string().max(30, { error: '등급은 30자 이하여야 합니다.' }).optional(),
  tag: z.string().max(30, { error: '태그는 30자 이하여야 합니다.' }).optional(),
  minNoShows: z.coerce
    .number({ error: '노쇼 횟수는 숫자여야 합니다.' })
    .int({ error: '노쇼 횟수는 정수여야 합니다.' })
    .min(0, { error: '노쇼 횟수는 0 이상이어야 합니다.' })
    .max(1000, { error: '노쇼 횟수는 1000 이하여야 합니다.' })
    .optional()
    .describe('노쇼 n회 이상'),
});

/** A customer in every reply that shows one (customers, the POS, merges). */
export const customerJson = z.object({
  id: z.uuid(),
  name: z.string(),
  phone: z.string().describe('010-1234-5678, 또는 전체 전화번호 보기 권한이 없으면 010-****-5678'),
  phoneMasked: z.boolean(),
  memo: z.string(),
  grade: z.string().nullable(),
  tags: z.array(z.string()),
  marketingConsent: z.boolean(),
  marketingConsentAt: z.string().nullable(),
  nightAdConsent: z.boolean(),
  pointsHeld: z.number().int().describe('보유 포인트'),
  pointsAccumulated: z.number().int().describe('누적 포인트'),
  visitCount: z.number().int().describe('방문수'),
  noShowCount: z.number().int().describe('노쇼 횟수'),
  lastVisitAt: z.string().nullable(),
  marketingOptedOutAt: z.string().nullable().describe('수신거부한 때 (없으면 null)'),
  groups: z.array(z.enum(CUSTOMER_GROUPS)).describe(CUSTOMER_GROUPS.map((g) => `${g} ${CUSTOMER_GROUP_LABELS[g]}`).join(', ')),
  anonymisedAt: z.string().nullable().describe('개인정보를 삭제(익명화)한 때 (없으면 null)'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const customerScheduleJson = z.object({
  id: z.uuid(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['pending', 'confirmed', 'cancelled', 'completed', 'no_show']),
  rejected: z.boolean().describe('취소가 예약 거절이었음'),
  source: z.enum(['manual', 'naver', 'booking_page']),
  title: z.string(),
  staffId: z.uuid(),
  staffName: z.string(),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
});

/** LAW-2: one grant or withdrawal of a consent, as the 동의 이력 shows it. */
const consentEventJson = z.object({
  id: z.uuid(),
  kind: z.enum(CONSENT_KINDS),
  kindLabel: z.string().describe('개인정보 수집·이용, 광고성 정보 수신'),
  granted: z.boolean(),
  grantedLabel: z.string().describe('동의 또는 철회'),
  source: z.enum(CONSENT_SOURCES),
  sourceLabel: z.string().describe('예약페이지, 업체 직원, 수신거부 링크, 고객 가져오기, 고객 병합, 개인정보 삭제'),
  actorName: z.string().nullable().describe('바꾼 사용자 (고객 본인이나 시스템이면 null)'),
  detail: z.string().nullable().describe('예약번호와 동의 문구 버전, 가져오기 등'),
  createdAt: z.string(),
});

const when = z.string().nullable();
/** LAW-4: the export document (개인정보 내려받기). */
const customerExportJson = z.object({
  format: z.string(),
  exportedAt: z.string(),
  business: z.object({ name: z.string() }),
  notes: z.array(z.string()),
  customer: z.object({
    id: z.uuid(),
    name: z.string(),
    phone: z.string(),
    memo: z.string(),
    grade: z.string().nullable(),
    tags: z.array(z.string()),
    marketingConsent: z.boolean(),
    marketingConsentAt: when,
    nightAdConsent: z.boolean(),
    marketingOptedOutAt: when,
    pointsHeld: z.number().int(),
    pointsAccumulated: z.number().int(),
    visitCount: z.number().int(),
    noShowCount: z.number().int(),
    lastVisitAt: when,
    createdAt: z.string(),
    updatedAt: z.string(),
    anonymisedAt: when,
  }),
  consents: z.array(consentEventJson),
  visits: z.array(z.object({ visitedAt: z.string(), source: z.string(), sourceLabel: z.string(), amount: z.number().int(), pointsEarned: z.number().int(), pointsUsed: z.number().int() })),
  schedules: z.array(
    z.object({
      id: z.uuid(),
      startsAt: z.string(),
      endsAt: z.string(),
      status: z.string(),
      statusLabel: z.string(),
      source: z.string(),
      sourceLabel: z.string(),
      title: z.string(),
      staffName: z.string(),
      memos: z.array(z.object({ memoType: z.string(), body: z.string(), createdAt: z.string() })),
    }),
  ),
  bookings: z.array(
    z.object({
      bookingNumber: z.string(),
      productName: z.string(),
      status: z.string(),
      statusLabel: z.string(),
      usageLabel: z.string(),
      usageStartsAt: z.string(),
      usageEndsAt: z.string(),
      customerName: z.string(),
      customerPhone: z.string(),
      request: z.string(),
      totalAmount: z.number().int(),
      totalQuantity: z.number().int(),
      cancelReason: z.string().nullable(),
      createdAt: z.string(),
      confirmedAt: when,
      cancelledAt: when,
      completedAt: when,
      lines: z.array(z.object({ detailNumber: z.string(), priceName: z.string(), unitAmount: z.number().int(), quantity: z.number().int(), slotStartsAt: when })),
      payments: z.array(
        z.object({
          orderId: z.string(),
          orderName: z.string(),
          status: z.string(),
          statusLabel: z.string(),
          payerName: z.string(),
          payerPhone: z.string(),
          amountGross: z.number().int(),
          couponBusiness: z.number().int(),
          couponPlatform: z.number().int(),
          points: z.number().int(),
          amountPg: z.number().int(),
          methodLabel: z.string().nullable(),
          paidAt: when,
          createdAt: z.string(),
          refunds: z.array(
            z.object({
              kindLabel: z.string(),
              statusLabel: z.string(),
              refundPercent: z.number().int(),
              amountPg: z.number().int(),
              points: z.number().int(),
              couponPlatform: z.number().int(),
              createdAt: z.string(),
              doneAt: when,
            }),
          ),
        }),
      ),
    }),
  ),
  messages: z.array(
    z.object({
      title: z.string(),
      channelLabel: z.string().nullable(),
      advertising: z.boolean(),
      sentToName: z.string(),
      sentToPhone: z.string(),
      sendAt: z.string(),
      statusLabel: z.string().nullable(),
      statusAt: z.string(),
      coupon: z.object({ code: z.string(), expiresAt: z.string(), redeemedAt: when }),
    }),
  ),
  notices: z.array(
    z.object({
      event: z.string(),
      eventLabel: z.string().nullable(),
      sentToName: z.string(),
      sentToPhone: z.string(),
      channelLabel: z.string().nullable(),
      statusLabel: z.string().nullable(),
      statusReason: z.string().nullable(),
      text: z.string().nullable(),
      sendAt: z.string(),
      sentAt: when,
    }),
  ),
  inquiries: z.array(z.object({ body: z.string(), reply: z.string().nullable(), createdAt: z.string(), repliedAt: when })),
  erasure: z.object({ createdAt: z.string(), reason: z.string(), requestedBy: z.string().nullable() }).nullable(),
});

/** CORE-5 customers: read with 고객 조회, change with 고객 수정. */
export default async function customersRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const view = { permission: 'customers.view' } as const;
  const edit = { permission: 'customers.edit' } as const;

  r.get(
    '/api/customers',
    {
      config: view,
      schema: {
        tags: ['customers'],
        summary: '고객 목록과 검색 (이름, 전화번호 뒤 4자리, 전체 번호), 그룹·등급·태그·노쇼 필터와 정렬',
        querystring: customerListQuery.extend({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(customerJson), total: z.number().int() }) },
      },
    },
    async (req) => listCustomers(db, actorOf(req), req.query),
  );

  // OPS-8: what the list shows, as a file: the same permission and the same phone masking as the screen.
  r.get(
    '/api/customers/export.csv',
    {
      config: view,
      schema: {
        tags: ['customers'],
        summary: '고객 목록 CSV 내려받기 (엑셀용 UTF-8 BOM, 목록과 같은 검색·필터·정렬)',
        querystring: customerListQuery,
        response: { 200: z.string().describe('text/csv; charset=utf-8') },
      },
    },
    async (req, reply) => sendCsv(reply, customerListCsv(db, actorOf(req), req.query)),
  );

  r.post(
    '/api/customers',
    { config: edit, schema: { tags: ['customers'], summary: '고객 등록', body: customerBody, response: { 201: customerJson } } },
    async (req, reply) => reply.code(201).send(await createCustomer(db, actorOf(req), req.body)),
  );

  r.get(
    '/api/customers/:id',
    { config: view, schema: { tags: ['customers'], summary: '고객 상세', params: s.idParams, response: { 200: customerJson } } },
    async (req) => getCustomer(db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/customers/:id',
    { config: edit, schema: { tags: ['customers'], summary: '고객 정보 수정', params: s.idParams, body: customerBody.partial(), response: { 200: customerJson } } },
    async (req) => updateCustomer(db, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/customers/:id/schedules',
    {
      config: view,
      schema: {
        tags: ['customers'],
        summary: '고객의 일정 (최근 순)',
        params: s.idParams,
        response: { 200: z.object({ items: z.array(customerScheduleJson) }) },
      },
    },
    async (req) => listCustomerSchedules(db, actorOf(req).businessId, req.params.id),
  );

  r.get(
    '/api/customers/:id/consents',
    {
      config: view,
      schema: {
        tags: ['customers'],
        summary: '고객의 동의 이력 (개인정보 수집·이용, 광고성 정보 수신; 최근 순)',
        params: s.idParams,
        response: { 200: z.object({ items: z.array(consentEventJson) }) },
      },
    },
    async (req) => listConsents(db, actorOf(req).businessId, req.params.id),
  );

  // LAW-4: the export holds full phone numbers: 전체 전화번호 보기 (config) and 고객 조회 (checked before validation too).
  r.get(
    '/api/customers/:id/export',
    {
      config: { permission: 'customers.phone_full' },
      preValidation: async (req) => authorize(req.actor, 'customers.view'),
      schema: {
        tags: ['customers'],
        summary: '개인정보 내려받기: 업체가 가진 이 고객의 모든 정보 (JSON 파일; 고객 조회와 전체 전화번호 보기 권한)',
        params: s.idParams,
        response: { 200: customerExportJson },
      },
    },
    async (req, reply) => {
      const document = await exportCustomerData(db, actorOf(req).businessId, req.params.id);
      reply.header('content-disposition', `attachment; filename="customer-${document.customer.id}.json"; filename*=UTF-8''${encodeURIComponent(exportFileName(document.customer.name))}`);
      return document;
    },
  );

  r.post(
    '/api/customers/:id/anonymise',
    {
      config: { permission: 'admin' },
      schema: {
        tags: ['customers'],
        summary: '개인정보 삭제(익명화): 이름·전화번호·메모와 예약·알림의 개인정보를 지우고 결제 기록은 5년 보관 (관리자)',
        params: s.idParams,
        body: z.object({
          reason: z.string().trim().min(1, { error: '삭제 사유를 입력해 주세요.' }).max(500, { error: '삭제 사유는 500자 이하여야 합니다.' }),
        }),
        response: { 200: customerJson },
      },
    },
    async (req) => anonymiseCustomer(db, actorOf(req), req.params.id, req.body.reason),
  );

  r.get(
    '/api/customers/duplicates-by-phone/:id',
    {
      config: view,
      schema: {
        tags: ['customers'],
        summary: '전화번호가 같고 이름이 다른 고객 (병합 후보)',
        params: s.idParams,
        response: { 200: z.object({ items: z.array(customerJson) }) },
      },
    },
    async (req) => listSamePhoneOtherName(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/customers/:id/merge',
    {
      config: edit,
      schema: {
        tags: ['customers'],
        summary: '고객 병합: 전화번호가 같은 다른 고객의 일정과 정보를 이 고객으로 옮기고 삭제',
        params: s.idParams,
        body: z.object({ sourceCustomerId: z.uuid() }),
        response: { 200: z.object({ customer: customerJson, movedSchedules: z.number().int() }) },
      },
    },
    async (req) => mergeCustomers(db, actorOf(req), req.params.id, req.body.sourceCustomerId),
  );
}
