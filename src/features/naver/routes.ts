import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/registry.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { actorOf, requirePermission } from '../auth/index.ts';
import { schedulesRepository as schedulesRepo } from '../schedules/index.ts';
import * as connection from './connection.ts';
import { ingestNaverEvent } from './inbound.ts';
import { listScheduleSync, retryNaverCommand } from './outbox.ts';
import * as repo from './repository.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.ts';

const productId = z.string().trim().min(1, { error: '네이버 상품 ID를 입력해 주세요.' }).max(64);
const outboundUrl = z.url({ protocol: /^https?$/, error: '전송 주소는 http(s) URL이어야 합니다.' }).max(500);

export default async function naverRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/api/naver/connection', { schema: { tags: ['naver'], summary: '네이버예약 연동 설정 조회' } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'settings.manage');
    return connection.getConnection(db, actor);
  });

  r.put(
    '/api/naver/connection',
    {
      schema: {
        tags: ['naver'],
        summary: '네이버예약 연동 켜기/끄기, 전송 주소, 비밀키 재발급',
        body: z.object({ enabled: z.boolean(), outboundUrl: outboundUrl.nullable().default(null), rotateSecret: z.boolean().default(false) }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'settings.manage');
      return connection.saveConnection(db, actor, req.body);
    },
  );

  r.post(
    '/api/naver/products',
    {
      schema: {
        tags: ['naver'],
        summary: '네이버 상품을 부서와 연동 (부서가 없으면 상품명으로 생성)',
        body: z.object({ productId, departmentId: z.uuid().optional(), name: z.string().trim().min(1).max(100).optional() }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'settings.manage');
      return connection.linkProduct(db, actor, req.body);
    },
  );

  r.delete(
    '/api/naver/products/:productId',
    { schema: { tags: ['naver'], summary: '네이버 상품 연동 해제', params: z.object({ productId }) } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'settings.manage');
      return connection.unlinkProduct(db, actor, req.params.productId);
    },
  );

  r.put(
    '/api/naver/memo-type',
    { schema: { tags: ['naver'], summary: '옵션/요청사항을 받을 메모 종류 (메모 연동)', body: z.object({ memoTypeId: z.uuid() }) } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'settings.manage');
      return connection.setMemoMapping(db, actor, req.body.memoTypeId);
    },
  );

  r.get('/api/schedules/:id/naver', { schema: { tags: ['naver'], summary: '일정의 네이버 예약 정보와 전송 상태', params: idParams } }, async (req) => {
    const actor = actorOf(req);
    if (!(await schedulesRepo.scheduleExists(db, actor.businessId, req.params.id))) throw new AppError('SCHEDULE_NOT_FOUND');
    const booking = await repo.findBookingBySchedule(db, actor.businessId, req.params.id);
    return {
      bookingId: booking?.booking_id ?? null,
      productId: booking?.product_id ?? null,
      commands: booking ? await listScheduleSync(db, actor.businessId, req.params.id) : [],
    };
  });

  r.post(
    '/api/schedules/:id/naver/commands/:commandId/retry',
    { schema: { tags: ['naver'], summary: '실패한 네이버 전송 다시 보내기', params: idParams.extend({ commandId: z.uuid() }) } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'schedules.edit');
      await retryNaverCommand(db, app.deps.jobs, actor.businessId, req.params.id, req.params.commandId);
      return { commands: await listScheduleSync(db, actor.businessId, req.params.id) };
    },
  );

  // The signature covers the exact bytes received: the app's JSON parser keeps them (rawBody).
  r.post(
    '/api/channels/naver/:businessId/events',
    {
      schema: { tags: ['naver'], summary: '네이버 예약 이벤트 수신 (서명된 웹훅, docs/naver-contract.md)', params: z.object({ businessId: z.uuid() }), security: [] },
      bodyLimit: 256 * 1024,
      // Naver delivers many events from few addresses: only unsigned or forged requests are limited.
      config: { public: true, rawBody: true, rateLimit: { perRequest: [], failures: 'credentialFailures' } },
    },
    async (req) => {
      const header = (name: string) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const outcome = await ingestNaverEvent(db, {
        businessId: req.params.businessId,
        rawBody: req.rawBody ?? '',
        timestamp: header(TIMESTAMP_HEADER),
        signature: header(SIGNATURE_HEADER),
      });
      return { result: outcome.result };
    },
  );
}
