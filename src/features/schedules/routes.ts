import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../platform/http/schemas.ts';
import { actorOf, noContent } from '../auth/index.ts';
import { SCHEDULE_SOURCES, SCHEDULE_STATUSES } from './domain/status.ts';
import { addScheduleMemo } from './use-cases/add-schedule-memo.ts';
import { changeScheduleStatus } from './use-cases/change-schedule-status.ts';
import { createSchedule } from './use-cases/create-schedule.ts';
import { deleteScheduleMemo } from './use-cases/delete-schedule-memo.ts';
import { getCalendar } from './use-cases/get-calendar.ts';
import { getSchedule } from './use-cases/get-schedule.ts';
import { listScheduleHistory } from './use-cases/list-schedule-history.ts';
import { undoScheduleStatus } from './use-cases/undo-schedule-status.ts';
import { updateSchedule } from './use-cases/update-schedule.ts';

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
  allowOverlap: z.boolean().optional().describe('겹쳐도 저장: 담당자의 같은 시간에 다른 일정이 있어도 저장'),
  allowAbsent: z.boolean().optional().describe('그래도 저장: 담당자의 휴무·휴가·외근이나 근무 시간 외여도 저장'),
});

const updateBody = z.object({
  startsAt: s.isoDateTime.optional(),
  endsAt: s.isoDateTime.optional(),
  staffId: z.uuid().optional(),
  departmentId: z.uuid().nullable().optional(),
  customerId: z.uuid().optional(),
  title: title.optional(),
  version: version.optional(),
  allowOverlap: z.boolean().optional().describe('겹쳐도 저장: 옮길 시간·담당자에 다른 일정이 있어도 저장'),
  allowAbsent: z.boolean().optional().describe('그래도 저장: 옮길 시간이 담당자의 휴무·휴가·외근이나 근무 시간 외여도 저장'),
});

/** Reply pieces, one per entity. */
const scheduleStatus = z.enum(SCHEDULE_STATUSES);

const scheduleMemo = z.object({
  id: z.uuid(),
  memoTypeId: z.uuid(),
  memoTypeName: z.string(),
  body: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable().describe('작성자 (네이버예약·예약페이지가 쓴 메모는 null)'),
});

const schedule = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customer: z.object({ id: z.uuid(), name: z.string(), phone: z.string().describe('010-1234-5678, 또는 전체 전화번호 보기 권한이 없으면 010-****-5678') }),
  staffId: z.uuid(),
  staffName: z.string(),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: scheduleStatus,
  rejected: z.boolean().describe('취소가 예약페이지 예약의 거절이었음: 캘린더는 거절로 표시'),
  source: z.enum(SCHEDULE_SOURCES),
  title: z.string(),
  version: z.number().int().describe('낙관적 잠금: 변경할 때 보낸 값과 다르면 SCHEDULE_VERSION_CONFLICT'),
  allowedStatuses: z.array(scheduleStatus).describe('지금 상태에서 바꿀 수 있는 상태 (상태 전환표)'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const scheduleDetail = schedule.extend({
  memos: z.array(scheduleMemo),
  bookingNumber: z.string().nullable().describe('예약페이지 예약의 예약번호 (다른 일정은 null)'),
  undo: z
    .object({ to: scheduleStatus.describe('되돌리면 돌아갈 상태'), until: z.string().describe('이 시각까지 되돌릴 수 있음') })
    .nullable()
    .describe('OPS-4: 지금 이 사용자가 되돌릴 수 있는 마지막 상태 변경 (없으면 null)'),
});

const calendarReply = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  staff: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.enum(['user', 'resource', 'naver', 'booking_page']),
      userId: z.uuid().nullable(),
      departmentId: z.uuid().nullable(),
      color: z.string(),
      sortOrder: z.number().int(),
      active: z.boolean(),
    }),
  ),
  departments: z.array(z.object({ id: z.uuid(), name: z.string(), color: z.string(), sortOrder: z.number().int() })),
  schedules: z.array(schedule.extend({ memoCount: z.number().int() })),
  staffOff: z
    .array(
      z.object({
        staffId: z.uuid(),
        startsAt: z.string(),
        endsAt: z.string(),
        kind: z.enum(['day_off', 'vacation', 'field_work', 'off_hours']),
        label: z.string().describe('예: 휴가 · 학회, 근무 시간 외'),
      }),
    )
    .describe('OPS-2: 보이는 담당자의 휴무·휴가·외근과 근무 시간 외 (조회 범위 안으로 자름)'),
});

const fieldChange = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  fromId: z.string().nullable().optional(),
  toId: z.string().nullable().optional(),
});

const historyReply = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      actorName: z.string().nullable().describe('바꾼 사용자, 또는 네이버예약·예약페이지 같은 채널'),
      action: z.string().describe('created, updated, status, status_undone, memo_added, memo_deleted, naver_changed, naver_cancelled'),
      changes: z.record(z.string(), fieldChange).describe('필드별 이전 → 이후 (담당자·부서·고객은 그때의 이름과 ID)'),
    }),
  ),
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
        response: { 200: calendarReply },
      },
    },
    async (req) => getCalendar(db, actorOf(req), req.query.date, req.query.days),
  );

  r.post(
    '/api/schedules',
    { schema: { tags: ['schedules'], summary: '일정 등록', body: createBody, response: { 201: scheduleDetail } }, config: { permission: 'schedules.edit' } },
    async (req, reply) => reply.code(201).send(await createSchedule(db, actorOf(req), req.body, app.deps.jobs)),
  );

  r.get(
    '/api/schedules/:id',
    { schema: { tags: ['schedules'], summary: '일정 상세 (메모 포함)', params: s.idParams, response: { 200: scheduleDetail } } },
    async (req) => getSchedule(db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/schedules/:id',
    {
      schema: { tags: ['schedules'], summary: '일정 변경: 시간 이동, 담당자·부서 배정, 고객, 제목', params: s.idParams, body: updateBody, response: { 200: scheduleDetail } },
      config: { permission: 'schedules.edit' },
    },
    async (req) => updateSchedule(db, app.deps.jobs, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/schedules/:id/status',
    {
      schema: {
        tags: ['schedules'],
        summary: '일정 상태 변경 (허용된 전환만)',
        params: s.idParams,
        body: z.object({
          status: scheduleStatus,
          version: version.optional(),
          confirmEarly: z.boolean().optional().describe('시작 전 완료 확인: 아직 시작하지 않은 일정을 완료로 바꿀 때 true (없으면 SCHEDULE_COMPLETE_EARLY)'),
        }),
        response: { 200: scheduleDetail },
      },
      config: { permission: 'schedules.edit' },
    },
    async (req) => changeScheduleStatus(db, app.deps.jobs, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/schedules/:id/status/undo',
    {
      schema: {
        tags: ['schedules'],
        summary: '마지막 상태 변경 되돌리기 (바꾼 지 10분 안, 되돌릴 수 있는 변경만)',
        params: s.idParams,
        body: z.object({ version: version.optional() }).nullish(),
        response: { 200: scheduleDetail },
      },
      config: { permission: 'schedules.edit' },
    },
    async (req) => undoScheduleStatus(db, app.deps.jobs, actorOf(req), req.params.id, req.body ?? {}),
  );

  r.get(
    '/api/schedules/:id/history',
    { schema: { tags: ['schedules'], summary: '일정 변경 이력 (오래된 순)', params: s.idParams, response: { 200: historyReply } } },
    async (req) => listScheduleHistory(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/schedules/:id/memos',
    { schema: { tags: ['schedules'], summary: '일정 메모 추가', params: s.idParams, body: memoInput, response: { 201: scheduleMemo } }, config: { permission: 'schedules.edit' } },
    async (req, reply) => reply.code(201).send(await addScheduleMemo(db, actorOf(req), req.params.id, req.body)),
  );

  r.delete(
    '/api/schedules/:id/memos/:memoId',
    {
      schema: { tags: ['schedules'], summary: '일정 메모 삭제', params: z.object({ id: z.uuid(), memoId: z.uuid() }), response: { 204: noContent } },
      config: { permission: 'schedules.edit' },
    },
    async (req, reply) => {
      await deleteScheduleMemo(db, actorOf(req), req.params.id, req.params.memoId);
      return reply.code(204).send(null);
    },
  );
}
