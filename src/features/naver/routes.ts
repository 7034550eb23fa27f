import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../platform/http/schemas.ts';
import { actorOf } from '../auth/index.ts';
import { NAVER_COMMANDS } from './domain/commands.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './domain/signature.ts';
import { getNaverConnection } from './use-cases/get-naver-connection.ts';
import { getScheduleNaverSync } from './use-cases/get-schedule-naver-sync.ts';
import { ingestNaverEvent } from './use-cases/ingest-naver-event.ts';
import { linkNaverProduct } from './use-cases/link-naver-product.ts';
import { retryNaverCommand } from './use-cases/retry-naver-command.ts';
import { saveNaverConnection } from './use-cases/save-naver-connection.ts';
import { setNaverMemoType } from './use-cases/set-naver-memo-type.ts';
import { unlinkNaverProduct } from './use-cases/unlink-naver-product.ts';

const productId = z.string().trim().min(1, { error: '네이버 상품 ID를 입력해 주세요.' }).max(64);
const outboundUrl = z.url({ protocol: /^https?$/, error: '전송 주소는 http(s) URL이어야 합니다.' }).max(500);

/** Reply pieces, one per entity. */
const connectionReply = z.object({
  available: z.boolean().describe('병의원형·뷰티형 업체만 연동할 수 있습니다'),
  departmentsEnabled: z.boolean(),
  enabled: z.boolean(),
  secret: z.string().nullable().describe('웹훅과 명령에 서명하는 공유 비밀키 (처음 저장하기 전에는 null)'),
  outboundUrl: z.string().nullable().describe('네이버로 명령을 보내는 주소'),
  memoTypeId: z.uuid().nullable().describe('옵션/요청사항을 받을 메모 종류'),
  webhookPath: z.string().describe('네이버가 예약 이벤트를 보내는 경로'),
  products: z.array(z.object({ productId: z.string(), departmentId: z.uuid(), departmentName: z.string() })).describe('부서와 연동된 네이버 상품'),
});

const naverCommand = z.object({
  id: z.uuid().describe('명령 ID (네이버 쪽 중복 방지 키 commandId)'),
  command: z.enum(NAVER_COMMANDS),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

const commandsReply = z.object({ commands: z.array(naverCommand).describe('만든 순서대로 (그 순서로 전송)') });

export default async function naverRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const settings = { permission: 'settings.manage' } as const;

  r.get(
    '/api/naver/connection',
    { schema: { tags: ['naver'], summary: '네이버예약 연동 설정 조회', response: { 200: connectionReply } }, config: settings },
    async (req) => getNaverConnection(db, actorOf(req)),
  );

  r.put(
    '/api/naver/connection',
    {
      schema: {
        tags: ['naver'],
        summary: '네이버예약 연동 켜기/끄기, 전송 주소, 비밀키 재발급',
        body: z.object({ enabled: z.boolean(), outboundUrl: outboundUrl.nullable().default(null), rotateSecret: z.boolean().default(false) }),
        response: { 200: connectionReply },
      },
      config: settings,
    },
    async (req) => saveNaverConnection(db, actorOf(req), req.body),
  );

  r.post(
    '/api/naver/products',
    {
      schema: {
        tags: ['naver'],
        summary: '네이버 상품을 부서와 연동 (부서가 없으면 상품명으로 생성)',
        body: z.object({ productId, departmentId: z.uuid().optional(), name: z.string().trim().min(1).max(100).optional() }),
        response: { 200: connectionReply },
      },
      config: settings,
    },
    async (req) => linkNaverProduct(db, actorOf(req), req.body),
  );

  r.delete(
    '/api/naver/products/:productId',
    { schema: { tags: ['naver'], summary: '네이버 상품 연동 해제', params: z.object({ productId }), response: { 200: connectionReply } }, config: settings },
    async (req) => unlinkNaverProduct(db, actorOf(req), req.params.productId),
  );

  r.put(
    '/api/naver/memo-type',
    {
      schema: { tags: ['naver'], summary: '옵션/요청사항을 받을 메모 종류 (메모 연동)', body: z.object({ memoTypeId: z.uuid() }), response: { 200: connectionReply } },
      config: settings,
    },
    async (req) => setNaverMemoType(db, actorOf(req), req.body.memoTypeId),
  );

  r.get(
    '/api/schedules/:id/naver',
    {
      schema: {
        tags: ['naver'],
        summary: '일정의 네이버 예약 정보와 전송 상태',
        params: idParams,
        response: {
          200: commandsReply.extend({
            bookingId: z.string().nullable().describe('네이버 예약번호 (네이버 일정이 아니면 null)'),
            productId: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => getScheduleNaverSync(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/schedules/:id/naver/commands/:commandId/retry',
    {
      schema: { tags: ['naver'], summary: '실패한 네이버 전송 다시 보내기', params: idParams.extend({ commandId: z.uuid() }), response: { 200: commandsReply } },
      config: { permission: 'schedules.edit' },
    },
    async (req) => retryNaverCommand(db, app.deps.jobs, actorOf(req), req.params.id, req.params.commandId),
  );

  // The signature covers the exact bytes received: the app's JSON parser keeps them (rawBody).
  r.post(
    '/api/channels/naver/:businessId/events',
    {
      schema: {
        tags: ['naver'],
        summary: '네이버 예약 이벤트 수신 (서명된 웹훅, docs/naver-contract.md)',
        params: z.object({ businessId: z.uuid() }),
        security: [],
        response: { 200: z.object({ result: z.enum(['created', 'updated', 'stale', 'duplicate']).describe('stale: 이미 더 새로운 변경을 반영함, duplicate: 이미 받은 eventId') }) },
      },
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
