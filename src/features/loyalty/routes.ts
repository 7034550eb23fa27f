import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../platform/errors/registry.ts';
import * as s from '../../platform/http/schemas.ts';
import { readUploadedFile } from '../../platform/http/uploads.ts';
import { CSV_ENCODINGS, CUSTOMER_IMPORT_STATUSES, CUSTOMER_IMPORT_STATUS_LABELS, VISIT_SOURCES, VISIT_SOURCE_LABELS } from '../../shared/labels/loyalty.ts';
import { actorOf, noContent } from '../auth/index.ts';
import { customerJson } from '../customers/index.ts';
import { IMPORT_MAX_BYTES } from './domain/import-file.ts';
import { POS_SECURITY, posCallerOf, posRoute } from './pos-auth.ts';
import { countCustomerGroups } from './use-cases/count-customer-groups.ts';
import { createGrade } from './use-cases/create-grade.ts';
import { createPosKey } from './use-cases/create-pos-key.ts';
import { createTag } from './use-cases/create-tag.ts';
import { deleteGrade } from './use-cases/delete-grade.ts';
import { deletePosKey } from './use-cases/delete-pos-key.ts';
import { deleteTag } from './use-cases/delete-tag.ts';
import { getImportStatus } from './use-cases/get-import-status.ts';
import { listCustomerVisits } from './use-cases/list-customer-visits.ts';
import { listGrades } from './use-cases/list-grades.ts';
import { listPosKeys } from './use-cases/list-pos-keys.ts';
import { listTags } from './use-cases/list-tags.ts';
import { recordPosVisit } from './use-cases/record-pos-visit.ts';
import { startImport } from './use-cases/start-import.ts';
import { updateGrade } from './use-cases/update-grade.ts';
import { updateTag } from './use-cases/update-tag.ts';

const tags = ['loyalty'];

const describeKeys = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([key, label]) => `${key}: ${label}`)
    .join(', ');

const visitJson = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  visitedAt: z.string(),
  source: z.enum(VISIT_SOURCES).describe(describeKeys(VISIT_SOURCE_LABELS)),
  posVisitId: z.string().nullable(),
  scheduleId: z.uuid().nullable(),
  amount: z.number().int(),
  pointsEarned: z.number().int(),
  pointsUsed: z.number().int(),
  createdAt: z.string(),
});

/** A message recipient's coupon as the POS sees it: the answer of a visit with a coupon, and of redeeming a code (messaging's route). */
export const posCouponJson = z.object({
  code: z.string(),
  messageId: z.uuid(),
  messageTitle: z.string(),
  customerId: z.uuid().nullable(),
  name: z.string(),
  benefit: z.record(z.string(), z.unknown()).describe('메시지의 쿠폰: { type: discount, discountKind, discountValue } 또는 { type: gift, giftName }'),
  expiresAt: z.string(),
  redeemedAt: z.string().nullable(),
});

const posVisitReply = z.object({ visit: visitJson, customer: customerJson, coupon: posCouponJson.nullable() });

const gradeJson = z.object({ id: z.uuid(), name: z.string(), sortOrder: z.number().int(), customerCount: z.number().int() });
const tagJson = z.object({ id: z.uuid(), name: z.string(), customerCount: z.number().int() });
const posKeyJson = z.object({ id: z.uuid(), name: z.string(), keyPrefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() });

const points = z.number().int().min(0).max(100_000_000);
const label = z.string().trim().min(1, { error: '이름을 입력해 주세요.' }).max(30, { error: '이름은 30자 이하여야 합니다.' });
const page = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const importProgressJson = z.object({
  status: z.enum(CUSTOMER_IMPORT_STATUSES).describe(`${describeKeys(CUSTOMER_IMPORT_STATUS_LABELS)} (실패하면 error에 사유)`),
  encoding: z.enum(CSV_ENCODINGS),
  total: z.number().int(),
  processed: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  duplicates: z.array(z.object({ line: z.number().int(), keptLine: z.number().int() })).describe('같은 이름·전화번호가 다시 나와 뒤의 행(keptLine)으로 합쳐진 앞의 행'),
  error: z.string().optional(),
});

/** MSG-1, MSG-2 loyalty routes: the POS API (a POS key or a session, see pos-auth.ts), visits, groups, grades, tags, POS keys, CSV import. */
export default async function loyaltyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10 } });

  const view = { permission: 'customers.view' } as const;
  const edit = { permission: 'customers.edit' } as const;
  const manage = { permission: 'settings.manage' } as const;

  // POS (MSG-1)

  r.post(
    '/api/pos/visits',
    {
      ...posRoute(db),
      schema: {
        tags,
        summary: 'POS 방문·적립 기록 (POS 키 또는 고객 수정 권한). 같은 posVisitId의 재시도는 처음 결과를 200으로 답합니다.',
        security: POS_SECURITY,
        body: z.object({
          posVisitId: z.string().trim().min(1, { error: 'posVisitId를 입력해 주세요.' }).max(100),
          phone: z.string().trim().min(1, { error: '전화번호를 입력해 주세요.' }).max(40),
          name: z.string().max(100).nullish(),
          visitedAt: s.isoDateTime.nullish(),
          amount: z.number().int().min(0).max(1_000_000_000).optional(),
          pointsEarned: points.optional(),
          pointsUsed: points.optional(),
          couponCode: z.string().trim().min(1).max(64).nullish(),
        }),
        response: { 200: posVisitReply, 201: posVisitReply },
      },
    },
    async (req, reply) => {
      const { created, ...result } = await recordPosVisit(db, posCallerOf(req), req.body);
      return reply.code(created ? 201 : 200).send(result);
    },
  );

  // Visits and groups (MSG-1, MSG-2)

  r.get(
    '/api/customers/:id/visits',
    {
      config: view,
      schema: {
        tags,
        summary: '고객의 방문 기록 (최근 순)',
        params: s.idParams,
        querystring: page,
        response: { 200: z.object({ items: z.array(visitJson), total: z.number().int() }) },
      },
    },
    async (req) => listCustomerVisits(db, actorOf(req).businessId, req.params.id, req.query),
  );

  r.get(
    '/api/customer-groups',
    {
      config: view,
      schema: {
        tags,
        summary: '고객 그룹별 인원 (단골, 예비 단골, 첫 적립) — 지금 기준',
        response: { 200: z.object({ regular: z.number().int(), prospective: z.number().int(), first: z.number().int() }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return countCustomerGroups(db, actor.businessId, actor.timeZone);
    },
  );

  // Grades and tags (MSG-1): read with 고객 조회, change with 설정 관리

  r.get('/api/customer-grades', { config: view, schema: { tags, summary: '고객 등급 목록', response: { 200: z.object({ items: z.array(gradeJson) }) } } }, async (req) =>
    listGrades(db, actorOf(req).businessId),
  );
  r.post(
    '/api/customer-grades',
    { config: manage, schema: { tags, summary: '고객 등급 추가', body: z.object({ name: label, sortOrder: s.sortOrder.optional() }), response: { 201: gradeJson } } },
    async (req, reply) => reply.code(201).send(await createGrade(db, actorOf(req).businessId, req.body)),
  );
  r.patch(
    '/api/customer-grades/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '고객 등급 수정 (이름을 바꾸면 고객의 등급도 바뀝니다)',
        params: s.idParams,
        body: z.object({ name: label.optional(), sortOrder: s.sortOrder.optional() }),
        response: { 200: gradeJson },
      },
    },
    async (req) => updateGrade(db, actorOf(req).businessId, req.params.id, req.body),
  );
  r.delete(
    '/api/customer-grades/:id',
    { config: manage, schema: { tags, summary: '고객 등급 삭제 (지정된 고객이 없을 때)', params: s.idParams, response: { 204: noContent } } },
    async (req, reply) => {
      await deleteGrade(db, actorOf(req).businessId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get('/api/customer-tags', { config: view, schema: { tags, summary: '고객 태그 목록', response: { 200: z.object({ items: z.array(tagJson) }) } } }, async (req) =>
    listTags(db, actorOf(req).businessId),
  );
  r.post(
    '/api/customer-tags',
    { config: manage, schema: { tags, summary: '고객 태그 추가', body: z.object({ name: label }), response: { 201: tagJson } } },
    async (req, reply) => reply.code(201).send(await createTag(db, actorOf(req).businessId, req.body)),
  );
  r.patch(
    '/api/customer-tags/:id',
    {
      config: manage,
      schema: { tags, summary: '고객 태그 이름 변경 (고객의 태그도 함께 바뀝니다)', params: s.idParams, body: z.object({ name: label.optional() }), response: { 200: tagJson } },
    },
    async (req) => updateTag(db, actorOf(req).businessId, req.params.id, req.body),
  );
  r.delete(
    '/api/customer-tags/:id',
    { config: manage, schema: { tags, summary: '고객 태그 삭제 (고객에게서도 빠집니다)', params: s.idParams, response: { 204: noContent } } },
    async (req, reply) => {
      await deleteTag(db, actorOf(req).businessId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  // POS keys (MSG-1): 설정 관리

  r.get(
    '/api/pos-keys',
    { config: manage, schema: { tags, summary: 'POS 키 목록 (키 자체는 다시 볼 수 없습니다)', response: { 200: z.object({ items: z.array(posKeyJson) }) } } },
    async (req) => listPosKeys(db, actorOf(req).businessId),
  );
  r.post(
    '/api/pos-keys',
    {
      config: manage,
      schema: {
        tags,
        summary: 'POS 키 발급: 응답의 key는 이때 한 번만 보여 줍니다',
        body: z.object({ name: label }),
        response: { 201: posKeyJson.extend({ key: z.string().describe('Authorization: Bearer <key>') }) },
      },
    },
    async (req, reply) => reply.code(201).send(await createPosKey(db, actorOf(req).businessId, req.body.name)),
  );
  r.delete(
    '/api/pos-keys/:id',
    { config: manage, schema: { tags, summary: 'POS 키 삭제 (바로 쓸 수 없게 됩니다)', params: s.idParams, response: { 204: noContent } } },
    async (req, reply) => {
      await deletePosKey(db, actorOf(req).businessId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  // CSV import (MSG-1): 고객 수정

  r.post(
    '/api/customers/import',
    {
      config: edit,
      schema: {
        tags,
        summary: '고객 CSV 가져오기 (multipart 필드 file; UTF-8 또는 CP949). 202로 importId를 답하고 작업(job)으로 진행합니다',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ importId: z.uuid(), total: z.number().int(), encoding: z.enum(CSV_ENCODINGS) }) },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('IMPORT_FILE_REQUIRED');
      const { bytes } = await readUploadedFile(req, { field: 'file', wrongField: new AppError('IMPORT_FILE_REQUIRED'), tooLarge: 'IMPORT_FILE_TOO_LARGE' });
      return reply.code(202).send(await startImport(db, app.deps.jobs, actorOf(req).businessId, bytes));
    },
  );

  r.get(
    '/api/customers/import/:importId',
    {
      config: edit,
      schema: { tags, summary: '고객 CSV 가져오기 진행 상황', params: z.object({ importId: z.uuid() }), response: { 200: importProgressJson } },
    },
    async (req) => (await getImportStatus(db, actorOf(req).businessId, req.params.importId)) ?? notFound('IMPORT_NOT_FOUND'),
  );
}
