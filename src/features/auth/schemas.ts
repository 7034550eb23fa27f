import { z } from 'zod';
import * as s from '../../platform/http/schemas.ts';
import { ROLE_LABELS } from '../../shared/labels/auth.ts';
import { PERMISSIONS } from './domain/permissions.ts';

/** Reply pieces of signed-in users, one per entity: the auth routes, sign-up and the settings routes answer with them. */
export const userRole = z.enum(['admin', 'member']).describe(`admin: ${ROLE_LABELS.admin}, member: ${ROLE_LABELS.member}`);
export const permission = z.enum(PERMISSIONS);

/** A business as every signed-in page sees it (GET /api/auth/me, GET /api/business). */
export const businessReply = z.object({
  id: z.string(),
  name: z.string(),
  serviceType: s.serviceType,
  timeZone: z.string(),
  phone: z.string().describe('숫자만, 없으면 빈 문자열'),
  departmentsEnabled: z.boolean(),
});

/** The signed-in user and their business: the answer of /api/auth/me, of a login and of a sign-up. */
export const meReply = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: userRole,
    permissions: z.array(permission).describe('관리자는 모든 권한, 일반 사용자는 권한 그룹의 권한'),
    staffId: z.string().nullable().describe('담당자로 등록된 경우 그 담당자 ID'),
  }),
  business: businessReply,
});

/** 204: the operation answers no body; `type: 'null'` makes the OpenAPI document (3.0) list no content for it. */
export const noContent = z.null().meta({ type: 'null' }).describe('내용 없음');
