import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../platform/http/schemas.ts';
import { actorOf, requirePermission } from '../auth/index.ts';
import * as service from './service.ts';
import { SCHEDULE_STATUSES } from './status.ts';

const title = z.string().trim().max(200, { error: '제목은 200자 이하로 입력해 주세요.' });
const memoBody = z
  .string()
  .trim()
  .min(1, { error: '메모 내용을 입력해 주세요.' })
  .max(2000, { error: '메모는 2000자 이하로 입력해 주세요.' });
const version = z.number().int().min(1);
const memoInput = z.object({ memoTypeId: z.uuid(), body: memoBody });

const createBody = z.object({
  customerId: z.uuid(),
  staffId: z.uuid(),
  departmentId: z.uuid().nullable().optional(),
  startsAt: s.isoDateTime,
  endsAt: s.isoDateTime,
  title: title.optional(),
  status: z.enum(['pending', 'confirmed'], { error: '새 일정의 상태는 확정대기 또는 예약확정만 가능합니다.' }).optional(),
  memo: memoInput.optional(),
});

const updateBody = z.object({
  startsAt: s.isoDateTime.optional(),
  endsAt: s.isoDateTime.optional(),
  staffId: z.uuid().optional(),
  departmentId: z.uuid().nullable().optional(),
  customerId: z.uuid().optional(),
  title: title.optional(),
  version: version.optional(),
});

export default async function schedulesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get(
    '/api/calendar',
    {
      schema: {
        tags: ['schedules'],
        summary: '캘린더: 업체 시간대 기준 하루(또는 최대 7일)의 담당자, 부서, 일정',
        querystring: z.object({ date: s.isoDate, days: z.coerce.number().int().min(1).max(7).default(1) }),
      },
    },
    async (req) => service.getCalendar(db, actorOf(req), req.query.date, req.query.days),
  );

  r.post(
    '/api/schedules',
    { schema: { tags: ['schedules'], summary: '일정 등록', body: createBody } },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'schedules.edit');
      return reply.code(201).send(await service.createSchedule(db, actor, req.body));
    },
  );

  r.get('/api/schedules/:id', { schema: { tags: ['schedules'], summary: '일정 상세 (메모 포함)', params: s.idParams } }, async (req) =>
    service.getSchedule(db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/schedules/:id',
    { schema: { tags: ['schedules'], summary: '일정 변경: 시간 이동, 담당자·부서 배정, 고객, 제목', params: s.idParams, body: updateBody } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'schedules.edit');
      return service.updateSchedule(db, app.deps.jobs, actor, req.params.id, req.body);
    },
  );

  r.post(
    '/api/schedules/:id/status',
    {
      schema: {
        tags: ['schedules'],
        summary: '일정 상태 변경 (허용된 전환만)',
        params: s.idParams,
        body: z.object({ status: z.enum(SCHEDULE_STATUSES), version: version.optional() }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'schedules.edit');
      return service.changeScheduleStatus(db, app.deps.jobs, actor, req.params.id, req.body);
    },
  );

  r.get('/api/schedules/:id/history', { schema: { tags: ['schedules'], summary: '일정 변경 이력 (오래된 순)', params: s.idParams } }, async (req) =>
    service.listScheduleHistory(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/schedules/:id/memos',
    { schema: { tags: ['schedules'], summary: '일정 메모 추가', params: s.idParams, body: memoInput } },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'schedules.edit');
      return reply.code(201).send(await service.addScheduleMemo(db, actor, req.params.id, req.body));
    },
  );

  r.delete(
    '/api/schedules/:id/memos/:memoId',
    { schema: { tags: ['schedules'], summary: '일정 메모 삭제', params: z.object({ id: z.uuid(), memoId: z.uuid() }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'schedules.edit');
      await service.deleteScheduleMemo(db, actor, req.params.id, req.params.memoId);
      return reply.code(204).send();
    },
  );
}
