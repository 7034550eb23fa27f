import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/registry.ts';
import * as s from '../../platform/http/schemas.ts';
import { readUploadedFile } from '../../platform/http/uploads.ts';
import { actorOf, requirePermission } from '../auth/index.ts';
import { customerJson } from '../customers/index.ts';
import { IMPORT_MAX_BYTES, readImportFile } from './import.ts';
import { importStatus, startImport } from './import-job.ts';
import * as service from './service.ts';

const tags = ['loyalty'];

const visitJson = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  visitedAt: z.string(),
  source: z.enum(['pos', 'schedule', 'import']),
  posVisitId: z.string().nullable(),
  scheduleId: z.uuid().nullable(),
  amount: z.number().int(),
  pointsEarned: z.number().int(),
  pointsUsed: z.number().int(),
  createdAt: z.string(),
});

const couponJson = z.object({
  code: z.string(),
  messageId: z.uuid(),
  messageTitle: z.string(),
  customerId: z.uuid().nullable(),
  name: z.string(),
  benefit: z.record(z.string(), z.unknown()).describe('메시지의 쿠폰: { type: discount, discountKind, discountValue } 또는 { type: gift, giftName }'),
  expiresAt: z.string(),
  redeemedAt: z.string().nullable(),
});

const gradeJson = z.object({ id: z.uuid(), name: z.string(), sortOrder: z.number().int(), customerCount: z.number().int() });
const tagJson = z.object({ id: z.uuid(), name: z.string(), customerCount: z.number().int() });
const posKeyJson = z.object({ id: z.uuid(), name: z.string(), keyPrefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() });

const points = z.number().int().min(0).max(100_000_000);
const label = z.string().trim().min(1, { error: '이름을 입력해 주세요.' }).max(30, { error: '이름은 30자 이하여야 합니다.' });

const importProgressJson = z.object({
  status: z.enum(['queued', 'running', 'done', 'failed']).describe('queued: 차례를 기다림, running: 가져오는 중, done: 저장됨, failed: 아무것도 저장하지 않음 (error에 사유)'),
  encoding: z.enum(['utf-8', 'utf-16le', 'cp949']),
  total: z.number().int(),
  processed: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  duplicates: z.array(z.object({ line: z.number().int(), keptLine: z.number().int() })).describe('같은 이름·전화번호가 다시 나와 뒤의 행(keptLine)으로 합쳐진 앞의 행'),
  error: z.string().optional(),
});

/** Who calls a POS route: a bearer POS key, or else a session with 고객 수정. */
const posCallers = new WeakMap<FastifyRequest, service.PosCaller>();

function posCallerOf(req: FastifyRequest): service.PosCaller {
  const caller = posCallers.get(req);
  if (!caller) throw new AppError('UNAUTHENTICATED');
  return caller;
}

/**
 * MSG-1 loyalty routes. The POS routes are public to the session hook and
 * authenticate here, before the body is validated: a bearer key (the POS)
 * or the session (a user with 고객 수정).
 */
export default async function loyaltyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10 } });

  const pos = {
    // A shop's POS records many visits from one address: only wrong keys are limited.
    config: { public: true, rateLimit: { perRequest: [], failures: 'credentialFailures' } } as const,
    preValidation: async (req: FastifyRequest) => {
      const header = req.headers.authorization;
      const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
      if (bearer) posCallers.set(req, await service.posCallerOfKey(db, bearer));
      else if (header) throw new AppError('POS_KEY_INVALID');
      else if (req.actor) posCallers.set(req, service.posCallerOfActor(req.actor));
      else throw new AppError('UNAUTHENTICATED', { message: 'POS 키(Authorization: Bearer …) 또는 로그인이 필요합니다.' });
    },
  };
  const manage = { preValidation: async (req: FastifyRequest) => requirePermission(actorOf(req), 'settings.manage') };

  // POS (MSG-1)

  r.post(
    '/api/pos/visits',
    {
      ...pos,
      schema: {
        tags,
        summary: 'POS 방문·적립 기록 (POS 키 또는 고객 수정 권한). 같은 posVisitId의 재시도는 처음 결과를 200으로 답합니다.',
        security: [{ posKey: [] }, { session: [] }],
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
        response: {
          200: z.object({ visit: visitJson, customer: customerJson, coupon: couponJson.nullable() }),
          201: z.object({ visit: visitJson, customer: customerJson, coupon: couponJson.nullable() }),
        },
      },
    },
    async (req, reply) => {
      const { created, ...result } = await service.recordPosVisit(db, posCallerOf(req), req.body);
      return reply.code(created ? 201 : 200).send(result);
    },
  );

  r.post(
    '/api/pos/coupons/:code/redeem',
    {
      ...pos,
      schema: {
        tags,
        summary: '쿠폰 사용 처리 (한 번만). 이미 쓴 쿠폰은 COUPON_ALREADY_REDEEMED, 지난 쿠폰은 COUPON_EXPIRED',
        security: [{ posKey: [] }, { session: [] }],
        params: z.object({ code: z.string().trim().min(1).max(64) }),
        body: z.object({ posVisitId: z.string().trim().max(100).nullish() }).nullish(),
        response: { 200: couponJson },
      },
    },
    async (req) => service.redeemCoupon(db, posCallerOf(req), req.params.code),
  );

  // Visits and groups (MSG-1, MSG-2)

  r.get(
    '/api/customers/:id/visits',
    {
      schema: {
        tags,
        summary: '고객의 방문 기록 (최근 순)',
        params: s.idParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(visitJson), total: z.number().int() }) },
      },
    },
    async (req) => service.listCustomerVisits(db, actorOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/customer-groups',
    {
      schema: {
        tags,
        summary: '고객 그룹별 인원 (단골, 예비 단골, 첫 적립) — 지금 기준',
        response: { 200: z.object({ regular: z.number().int(), prospective: z.number().int(), first: z.number().int() }) },
      },
    },
    async (req) => service.customerGroupCounts(db, actorOf(req)),
  );

  // Grades and tags (MSG-1): read with 고객 조회, change with 설정 관리

  r.get('/api/customer-grades', { schema: { tags, summary: '고객 등급 목록', response: { 200: z.object({ items: z.array(gradeJson) }) } } }, async (req) =>
    service.listGrades(db, actorOf(req)),
  );
  r.post(
    '/api/customer-grades',
    { ...manage, schema: { tags, summary: '고객 등급 추가', body: z.object({ name: label, sortOrder: s.sortOrder.optional() }), response: { 201: gradeJson } } },
    async (req, reply) => reply.code(201).send(await service.createGrade(db, actorOf(req), req.body)),
  );
  r.patch(
    '/api/customer-grades/:id',
    {
      ...manage,
      schema: {
        tags,
        summary: '고객 등급 수정 (이름을 바꾸면 고객의 등급도 바뀝니다)',
        params: s.idParams,
        body: z.object({ name: label.optional(), sortOrder: s.sortOrder.optional() }),
        response: { 200: gradeJson },
      },
    },
    async (req) => service.updateGrade(db, actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/customer-grades/:id', { ...manage, schema: { tags, summary: '고객 등급 삭제 (지정된 고객이 없을 때)', params: s.idParams } }, async (req, reply) => {
    await service.deleteGrade(db, actorOf(req), req.params.id);
    return reply.code(204).send();
  });

  r.get('/api/customer-tags', { schema: { tags, summary: '고객 태그 목록', response: { 200: z.object({ items: z.array(tagJson) }) } } }, async (req) =>
    service.listTags(db, actorOf(req)),
  );
  r.post(
    '/api/customer-tags',
    { ...manage, schema: { tags, summary: '고객 태그 추가', body: z.object({ name: label }), response: { 201: tagJson } } },
    async (req, reply) => reply.code(201).send(await service.createTag(db, actorOf(req), req.body)),
  );
  r.patch(
    '/api/customer-tags/:id',
    {
      ...manage,
      schema: { tags, summary: '고객 태그 이름 변경 (고객의 태그도 함께 바뀝니다)', params: s.idParams, body: z.object({ name: label.optional() }), response: { 200: tagJson } },
    },
    async (req) => service.updateTag(db, actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/customer-tags/:id', { ...manage, schema: { tags, summary: '고객 태그 삭제 (고객에게서도 빠집니다)', params: s.idParams } }, async (req, reply) => {
    await service.deleteTag(db, actorOf(req), req.params.id);
    return reply.code(204).send();
  });

  // POS keys (MSG-1): 설정 관리

  r.get('/api/pos-keys', { ...manage, schema: { tags, summary: 'POS 키 목록 (키 자체는 다시 볼 수 없습니다)', response: { 200: z.object({ items: z.array(posKeyJson) }) } } }, async (req) =>
    service.listPosKeys(db, actorOf(req)),
  );
  r.post(
    '/api/pos-keys',
    {
      ...manage,
      schema: {
        tags,
        summary: 'POS 키 발급: 응답의 key는 이때 한 번만 보여 줍니다',
        body: z.object({ name: label }),
        response: { 201: posKeyJson.extend({ key: z.string().describe('Authorization: Bearer <key>') }) },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createPosKey(db, actorOf(req), req.body)),
  );
  r.delete('/api/pos-keys/:id', { ...manage, schema: { tags, summary: 'POS 키 삭제 (바로 쓸 수 없게 됩니다)', params: s.idParams } }, async (req, reply) => {
    await service.deletePosKey(db, actorOf(req), req.params.id);
    return reply.code(204).send();
  });

  // CSV import (MSG-1): 고객 수정

  r.post(
    '/api/customers/import',
    {
      preValidation: async (req: FastifyRequest) => requirePermission(actorOf(req), 'customers.edit'),
      schema: {
        tags,
        summary: '고객 CSV 가져오기 (multipart 필드 file; UTF-8 또는 CP949). 202로 importId를 답하고 작업(job)으로 진행합니다',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ importId: z.uuid(), total: z.number().int(), encoding: z.enum(['utf-8', 'utf-16le', 'cp949']) }) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!req.isMultipart()) throw new AppError('IMPORT_FILE_REQUIRED');
      const { bytes } = await readUploadedFile(req, { field: 'file', wrongField: new AppError('IMPORT_FILE_REQUIRED'), tooLarge: 'IMPORT_FILE_TOO_LARGE' });
      // Decoding, parsing and the header check answer now; the file is stored and a job (in any process) validates and writes it.
      const parsed = readImportFile(bytes);
      const importId = await startImport(db, app.deps.jobs, actor.businessId, bytes, parsed);
      return reply.code(202).send({ importId, total: parsed.records.length, encoding: parsed.encoding });
    },
  );

  r.get(
    '/api/customers/import/:importId',
    {
      schema: { tags, summary: '고객 CSV 가져오기 진행 상황', params: z.object({ importId: z.uuid() }), response: { 200: importProgressJson } },
    },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'customers.edit');
      const status = await importStatus(db, actor.businessId, req.params.importId);
      if (!status) throw new AppError('IMPORT_NOT_FOUND');
      return status;
    },
  );
}
