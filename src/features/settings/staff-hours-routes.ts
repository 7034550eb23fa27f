import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../platform/http/schemas.ts';
import { STAFF_ABSENCE_KIND_LABELS } from '../../shared/labels/staff-hours.ts';
import { actorOf, noContent } from '../auth/index.ts';
import { addStaffAbsence } from './use-cases/add-staff-absence.ts';
import { deleteStaffAbsence } from './use-cases/delete-staff-absence.ts';
import { getStaffHours } from './use-cases/get-staff-hours.ts';
import { putStaffHours } from './use-cases/put-staff-hours.ts';

/**
 * OPS-2: a staff member's weekly hours (근무 시간) and absences (휴무, 휴가,
 * 외근). Reading needs a session, like the staff list the calendar reads;
 * changing needs 설정 관리, like managing staff.
 */

const tags = ['settings'];

const absenceKind = z.enum(Object.keys(STAFF_ABSENCE_KIND_LABELS) as [keyof typeof STAFF_ABSENCE_KIND_LABELS, ...(keyof typeof STAFF_ABSENCE_KIND_LABELS)[]], {
  error: '종류는 휴무(day_off), 휴가(vacation), 외근(field_work) 중 하나여야 합니다.',
});

export const absenceReply = z.object({
  id: z.string(),
  staffId: z.string(),
  kind: absenceKind,
  kindLabel: z.string(),
  memo: z.string(),
  allDay: z.boolean().describe('하루 단위 (startsOn–endsOn, 업체 시간대의 날짜)'),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  when: z.string().describe('예: 12월 24일 (목) ~ 12월 26일 (토)'),
});

const staffHoursReply = z.object({
  staffId: z.string(),
  weeklyHours: s.weeklyHoursReply.nullable().describe('null = 근무 시간 제한 없음 (언제나 근무)'),
  absences: z.array(absenceReply).describe('끝나지 않은 휴무·휴가·외근, 시작 순'),
});

const absenceCommon = { kind: absenceKind, memo: z.string().trim().max(100, { error: '메모는 100자까지 쓸 수 있습니다.' }).optional() };

export function staffHoursRoutes(app: FastifyInstance, manage: { permission: 'settings.manage' }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get(
    '/api/staff/:id/hours',
    { schema: { tags, summary: '담당자 근무 시간과 휴무·휴가·외근', params: s.idParams, response: { 200: staffHoursReply } } },
    async (req) => getStaffHours(db, actorOf(req), req.params.id),
  );

  r.put(
    '/api/staff/:id/hours',
    {
      config: manage,
      schema: {
        tags,
        summary: '담당자 근무 시간 저장 (null = 제한 없음)',
        params: s.idParams,
        body: z.object({ weeklyHours: s.weeklyHoursInput.nullable() }),
        response: { 200: staffHoursReply },
      },
    },
    async (req) => putStaffHours(db, actorOf(req), req.params.id, req.body.weeklyHours),
  );

  r.post(
    '/api/staff/:id/absences',
    {
      config: manage,
      schema: {
        tags,
        summary: '휴무·휴가·외근 추가 (하루 단위 또는 시각)',
        params: s.idParams,
        body: z.union(
          [
            z.object({ ...absenceCommon, startsOn: s.isoDate, endsOn: s.isoDate }),
            z.object({ ...absenceCommon, startsAt: s.isoDateTime, endsAt: s.isoDateTime }),
          ],
          { error: '기간은 날짜(startsOn, endsOn) 또는 시각(startsAt, endsAt)으로 정해 주세요.' },
        ),
        response: { 201: absenceReply },
      },
    },
    async (req, reply) => reply.code(201).send(await addStaffAbsence(db, actorOf(req), req.params.id, req.body)),
  );

  r.delete(
    '/api/staff/:id/absences/:absenceId',
    {
      config: manage,
      schema: { tags, summary: '휴무·휴가·외근 삭제', params: z.object({ id: z.uuid(), absenceId: z.uuid() }), response: { 204: noContent } },
    },
    async (req, reply) => {
      await deleteStaffAbsence(db, actorOf(req), req.params.id, req.params.absenceId);
      return reply.code(204).send(null);
    },
  );
}
