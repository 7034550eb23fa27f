import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../platform/http/schemas.ts';
import { CUSTOMER_GROUP_LABELS, CUSTOMER_GROUPS } from '../../shared/labels/loyalty.ts';
import { actorOf } from '../auth/index.ts';
import { createCustomer } from './use-cases/create-customer.ts';
import { getCustomer } from './use-cases/get-customer.ts';
import { listCustomerSchedules } from './use-cases/list-customer-schedules.ts';
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
  lastVisitAt: z.string().nullable(),
  marketingOptedOutAt: z.string().nullable().describe('수신거부한 때 (없으면 null)'),
  groups: z.array(z.enum(CUSTOMER_GROUPS)).describe(CUSTOMER_GROUPS.map((g) => `${g} ${CUSTOMER_GROUP_LABELS[g]}`).join(', ')),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const customerScheduleJson = z.object({
  id: z.uuid(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['pending', 'confirmed', 'cancelled', 'completed']),
  source: z.enum(['manual', 'naver', 'booking_page']),
  title: z.string(),
  staffId: z.uuid(),
  staffName: z.string(),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
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
        summary: '고객 목록과 검색 (이름, 전화번호 뒤 4자리, 전체 번호)',
        querystring: z.object({
          q: z.string().max(100).default(''),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(customerJson), total: z.number().int() }) },
      },
    },
    async (req) => listCustomers(db, actorOf(req), req.query),
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
