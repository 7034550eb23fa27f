import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../platform/http/schemas.ts';
import { actorOf, businessReply, meReply, noContent, openSession, permission, userRole } from '../auth/index.ts';
import { createDepartment } from './use-cases/create-department.ts';
import { createMemoType } from './use-cases/create-memo-type.ts';
import { createPermissionGroup } from './use-cases/create-permission-group.ts';
import { createStaff } from './use-cases/create-staff.ts';
import { createUser } from './use-cases/create-user.ts';
import { deleteDepartment } from './use-cases/delete-department.ts';
import { deleteMemoType } from './use-cases/delete-memo-type.ts';
import { deletePermissionGroup } from './use-cases/delete-permission-group.ts';
import { deleteStaff } from './use-cases/delete-staff.ts';
import { getBusiness } from './use-cases/get-business.ts';
import { listDepartments } from './use-cases/list-departments.ts';
import { listMemoTypes } from './use-cases/list-memo-types.ts';
import { listPermissionGroups } from './use-cases/list-permission-groups.ts';
import { listPermissions } from './use-cases/list-permissions.ts';
import { listStaff } from './use-cases/list-staff.ts';
import { listUsers } from './use-cases/list-users.ts';
import { registerBusiness } from './use-cases/register-business.ts';
import { updateBusiness } from './use-cases/update-business.ts';
import { updateDepartment } from './use-cases/update-department.ts';
import { updateMemoType } from './use-cases/update-memo-type.ts';
import { updatePermissionGroup } from './use-cases/update-permission-group.ts';
import { updateStaff } from './use-cases/update-staff.ts';
import { updateUser } from './use-cases/update-user.ts';
import { staffHoursRoutes } from './staff-hours-routes.ts';

const tags = ['settings'];

// Replies, so the OpenAPI document shows them and nothing else leaves the server (use-cases/present.ts makes them).
const departmentReply = z.object({ id: z.string(), name: z.string(), color: z.string(), sortOrder: z.number() });
const staffReply = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['user', 'resource', 'naver', 'booking_page']),
  userId: z.string().nullable(),
  departmentId: z.string().nullable(),
  color: z.string(),
  sortOrder: z.number(),
  active: z.boolean(),
});
const userReply = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: userRole,
  permissionGroupId: z.string().nullable(),
  active: z.boolean(),
  staffId: z.string().nullable(),
});
const permissionGroupReply = z.object({ id: z.string(), name: z.string(), permissions: z.array(permission), memberCount: z.number() });
const memoTypeReply = z.object({ id: z.string(), name: z.string(), sortOrder: z.number(), visible: z.boolean() });
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

const permissions = z.array(permission).max(100);
const departmentId = z.uuid().nullable();

/**
 * Settings (CORE-1..4, CORE-6) and the sign-up that creates a business.
 * Reading departments, staff and memo types needs only a session (the
 * calendar and schedule forms use them); every change, and the lists of
 * users and permission groups, need 설정 관리 (`config: manage`).
 */
export default async function settingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const manage = { permission: 'settings.manage' } as const;

  // Sign-up (CORE-1): a new business and its admin, logged in at once.

  r.post(
    '/api/auth/signup',
    {
      schema: {
        tags: ['auth'],
        summary: '업체 가입 (관리자 계정 생성)',
        body: z.object({ businessName: s.name, serviceType: s.serviceType, name: s.name, email: s.email, password: s.password }),
        response: { 201: meReply },
      },
      config: { public: true, rateLimit: { perRequest: ['public', 'signup'] } },
    },
    async (req, reply) => {
      const b = req.body;
      await registerBusiness(db, { businessName: b.businessName, serviceType: b.serviceType, admin: { name: b.name, email: b.email, password: b.password } });
      return reply.code(201).send(await openSession(app, req, reply, { email: b.email, password: b.password }));
    },
  );

  // Business (CORE-1, CORE-3)

  r.get('/api/business', { schema: { tags, summary: '업체 정보', response: { 200: businessReply } } }, async (req) => getBusiness(db, actorOf(req)));

  r.patch(
    '/api/business',
    {
      config: manage,
      schema: {
        tags,
        summary: '업체 정보 수정 (이름, 전화번호, 업종, 시간대, 부서기능 사용)',
        body: z.object({
          name: s.name.optional(),
          phone: z.string().max(30).optional(),
          serviceType: s.serviceType.optional(),
          timeZone: z.string().trim().min(1).max(64).optional(),
          departmentsEnabled: z.boolean().optional(),
          disconnectNaver: z.boolean().optional().describe('네이버예약을 쓸 수 없는 업종으로 바꾸며 연동을 끄는 데 동의'),
          unlinkNaverProducts: z.boolean().optional().describe('부서기능을 끄며 네이버 상품과 부서의 연동을 해제하는 데 동의'),
        }),
        response: { 200: businessReply },
      },
    },
    async (req) => {
      const { disconnectNaver, unlinkNaverProducts, ...changes } = req.body;
      return updateBusiness(db, actorOf(req), changes, { disconnectNaver, unlinkNaverProducts });
    },
  );

  // Departments (CORE-3)

  r.get('/api/departments', { schema: { tags, summary: '부서 목록', response: { 200: list(departmentReply) } } }, async (req) => listDepartments(db, actorOf(req)));

  r.post(
    '/api/departments',
    {
      config: manage,
      schema: {
        tags,
        summary: '부서 추가 (부서기능 사용 중일 때)',
        body: z.object({ name: s.name, color: s.color.optional(), sortOrder: s.sortOrder.optional() }),
        response: { 201: departmentReply },
      },
    },
    async (req, reply) => reply.code(201).send(await createDepartment(db, actorOf(req), req.body)),
  );

  r.patch(
    '/api/departments/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '부서 수정',
        params: s.idParams,
        body: z.object({ name: s.name.optional(), color: s.color.optional(), sortOrder: s.sortOrder.optional() }),
        response: { 200: departmentReply },
      },
    },
    async (req) => updateDepartment(db, actorOf(req), req.params.id, req.body),
  );

  r.delete(
    '/api/departments/:id',
    { config: manage, schema: { tags, summary: '부서 삭제 (일정·담당자가 없을 때)', params: s.idParams, response: { 204: noContent } } },
    async (req, reply) => {
      await deleteDepartment(db, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  // Staff (CORE-4)

  r.get('/api/staff', { schema: { tags, summary: '담당자 목록 (네이버예약 먼저)', response: { 200: list(staffReply) } } }, async (req) => listStaff(db, actorOf(req)));

  const staffCommon = { name: s.name, departmentId: departmentId.optional(), color: s.color.optional(), sortOrder: s.sortOrder.optional() };
  r.post(
    '/api/staff',
    {
      config: manage,
      schema: {
        tags,
        summary: '담당자 추가 (사용자 또는 자원)',
        body: z.discriminatedUnion(
          'kind',
          [
            z.object({ ...staffCommon, kind: z.literal('user'), userId: z.uuid({ error: '사용자 담당자에는 올바른 userId가 필요합니다.' }) }),
            z.object({ ...staffCommon, kind: z.literal('resource') }),
          ],
          { error: '담당자 종류(kind)는 user 또는 resource 여야 합니다.' },
        ),
        response: { 201: staffReply },
      },
    },
    async (req, reply) => reply.code(201).send(await createStaff(db, actorOf(req), req.body)),
  );

  r.patch(
    '/api/staff/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '담당자 수정 (네이버예약은 순서와 색상만)',
        params: s.idParams,
        body: z.object({
          name: s.name.optional(),
          departmentId: departmentId.optional(),
          color: s.color.optional(),
          sortOrder: s.sortOrder.optional(),
          active: z.boolean().optional(),
        }),
        response: { 200: staffReply },
      },
    },
    async (req) => updateStaff(db, actorOf(req), req.params.id, req.body),
  );

  r.delete(
    '/api/staff/:id',
    { config: manage, schema: { tags, summary: '담당자 삭제 (일정이 없을 때)', params: s.idParams, response: { 204: noContent } } },
    async (req, reply) => {
      await deleteStaff(db, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  // Staff working hours and absences (OPS-2)
  staffHoursRoutes(app, manage);

  // Users (CORE-2)

  r.get('/api/users', { config: manage, schema: { tags, summary: '사용자 목록', response: { 200: list(userReply) } } }, async (req) => listUsers(db, actorOf(req)));

  r.post(
    '/api/users',
    {
      config: manage,
      schema: {
        tags,
        summary: '사용자 추가 (담당자로도 등록)',
        body: z.object({ name: s.name, email: s.email, password: s.password, role: userRole, permissionGroupId: z.uuid().nullable().optional() }),
        response: { 201: userReply },
      },
    },
    async (req, reply) => reply.code(201).send(await createUser(db, actorOf(req), req.body)),
  );

  r.patch(
    '/api/users/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '사용자 수정 (이름, 권한, 권한 그룹, 활성 여부)',
        params: s.idParams,
        body: z.object({
          name: s.name.optional(),
          role: userRole.optional(),
          permissionGroupId: z.uuid().nullable().optional(),
          active: z.boolean().optional(),
        }),
        response: { 200: userReply },
      },
    },
    async (req) => updateUser(db, actorOf(req), req.params.id, req.body),
  );

  // Permission groups (CORE-2)

  r.get(
    '/api/permissions',
    { schema: { tags, summary: '권한 항목 목록', response: { 200: list(z.object({ key: permission, label: z.string() })) } } },
    async () => listPermissions(),
  );

  r.get(
    '/api/permission-groups',
    { config: manage, schema: { tags, summary: '권한 그룹 목록', response: { 200: list(permissionGroupReply) } } },
    async (req) => listPermissionGroups(db, actorOf(req)),
  );

  r.post(
    '/api/permission-groups',
    {
      config: manage,
      schema: { tags, summary: '권한 그룹 추가', body: z.object({ name: s.name, permissions }), response: { 201: permissionGroupReply } },
    },
    async (req, reply) => reply.code(201).send(await createPermissionGroup(db, actorOf(req), req.body)),
  );

  r.patch(
    '/api/permission-groups/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '권한 그룹 수정',
        params: s.idParams,
        body: z.object({ name: s.name.optional(), permissions: permissions.optional() }),
        response: { 200: permissionGroupReply },
      },
    },
    async (req) => updatePermissionGroup(db, actorOf(req), req.params.id, req.body),
  );

  r.delete(
    '/api/permission-groups/:id',
    { config: manage, schema: { tags, summary: '권한 그룹 삭제 (속한 사용자가 없을 때)', params: s.idParams, response: { 204: noContent } } },
    async (req, reply) => {
      await deletePermissionGroup(db, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  // Memo types (CORE-6)

  r.get('/api/memo-types', { schema: { tags, summary: '메모 종류 목록 (노출해제 포함)', response: { 200: list(memoTypeReply) } } }, async (req) =>
    listMemoTypes(db, actorOf(req)),
  );

  r.post(
    '/api/memo-types',
    {
      config: manage,
      schema: {
        tags,
        summary: '메모 종류 추가',
        body: z.object({ name: s.name, sortOrder: s.sortOrder.optional(), visible: z.boolean().optional() }),
        response: { 201: memoTypeReply },
      },
    },
    async (req, reply) => reply.code(201).send(await createMemoType(db, actorOf(req), req.body)),
  );

  r.patch(
    '/api/memo-types/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '메모 종류 수정 (이름, 순서, 노출/노출해제)',
        params: s.idParams,
        body: z.object({ name: s.name.optional(), sortOrder: s.sortOrder.optional(), visible: z.boolean().optional(), confirm: z.boolean().optional() }),
        response: { 200: memoTypeReply },
      },
    },
    async (req) => updateMemoType(db, actorOf(req), req.params.id, req.body),
  );

  r.delete(
    '/api/memo-types/:id',
    { config: manage, schema: { tags, summary: '메모 종류 삭제 (메모가 없을 때)', params: s.idParams, response: { 204: noContent } } },
    async (req, reply) => {
      await deleteMemoType(db, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
