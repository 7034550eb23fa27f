import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KAKAO_TEMPLATE_STATUS_LABELS, NOTICE_STATUS_LABELS } from '../../shared/labels/messaging.ts';
import { actorOf, can } from '../auth/index.ts';
import { NOTICE_EVENTS } from './domain/notices.ts';
import { getNoticeSettings, listNoticeHistory, refreshNoticeTemplates, registerNoticeTemplate, saveNoticeSettings, testSendNotice } from './use-cases/notice-settings.ts';

const kakaoTemplateJson = z
  .object({
    id: z.uuid(),
    templateId: z.string().describe('솔라피 템플릿 ID'),
    name: z.string(),
    status: z.enum(Object.keys(KAKAO_TEMPLATE_STATUS_LABELS) as [keyof typeof KAKAO_TEMPLATE_STATUS_LABELS]),
    statusLabel: z.string(),
    rejectReason: z.string().nullable(),
    checkedAt: z.string().nullable(),
    current: z.boolean().describe('false: 등록한 뒤 제품의 문구가 바뀌어 다시 등록해야 함'),
  })
  .nullable();

const noticeSettingsJson = z.object({
  events: z.array(
    z.object({
      event: z.enum(NOTICE_EVENTS),
      label: z.string(),
      name: z.string(),
      content: z.string().describe('템플릿 (#{변수})'),
      sample: z.string().describe('예시 값으로 채운 문구'),
      enabled: z.boolean(),
      canDisable: z.boolean(),
      kakao: kakaoTemplateJson,
    }),
  ),
  reminder: z.object({ mode: z.enum(['days_before', 'hours_before']), days: z.number().int(), time: z.string(), hours: z.number().int() }),
  manualSchedules: z.boolean(),
  kakaoPfId: z.string().nullable(),
  providerConfigured: z.boolean(),
  testPhone: z.string(),
});

const noticeJson = z.object({
  id: z.uuid(),
  event: z.string(),
  eventLabel: z.string(),
  name: z.string(),
  phone: z.string(),
  status: z.enum(Object.keys(NOTICE_STATUS_LABELS) as [keyof typeof NOTICE_STATUS_LABELS]),
  statusLabel: z.string(),
  statusReason: z.string().nullable(),
  channel: z.enum(['alimtalk', 'sms', 'lms']).nullable(),
  channelLabel: z.string().nullable(),
  text: z.string().nullable(),
  sendAt: z.string(),
  sentAt: z.string().nullable(),
  scheduleId: z.string().nullable(),
  bookingId: z.string().nullable(),
  customerId: z.string().nullable(),
});

const eventParams = z.object({ event: z.string().max(40) });

/** 설정 > 알림 메시지 and the notice histories (NOTI-1 … NOTI-4, LAW-3). */
export default async function noticeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const admin = { config: { permission: 'settings.manage' as const } };
  const tags = ['settings'];

  r.get('/api/settings/notices', { ...admin, schema: { tags, summary: '알림 메시지 설정: 보낼 알림, 리마인드 시각, 템플릿과 알림톡 검수 상태', response: { 200: noticeSettingsJson } } }, async (req) =>
    getNoticeSettings(db, actorOf(req).businessId),
  );

  r.put(
    '/api/settings/notices',
    {
      ...admin,
      schema: {
        tags,
        summary: '알림 메시지 설정 저장',
        body: z.object({
          disabledEvents: z.array(z.string().max(40)).max(20),
          reminder: z.object({ mode: z.enum(['days_before', 'hours_before']), days: z.number().int(), time: z.string().max(5), hours: z.number().int() }),
          manualSchedules: z.boolean(),
        }),
        response: { 200: noticeSettingsJson },
      },
    },
    async (req) => saveNoticeSettings(db, actorOf(req).businessId, req.body),
  );

  r.post(
    '/api/settings/notices/:event/kakao-template',
    { ...admin, schema: { tags, summary: '알림톡 템플릿 등록 (솔라피를 통해 카카오 검수 요청)', params: eventParams, response: { 200: noticeSettingsJson } } },
    async (req) => registerNoticeTemplate(db, actorOf(req).businessId, req.params.event),
  );

  r.post('/api/settings/notices/kakao-templates/refresh', { ...admin, schema: { tags, summary: '알림톡 템플릿 검수 상태 새로고침', response: { 200: noticeSettingsJson } } }, async (req) =>
    refreshNoticeTemplates(db, actorOf(req).businessId),
  );

  r.post(
    '/api/settings/notices/:event/test',
    {
      ...admin,
      schema: { tags, summary: '테스트 발송: 예시 값으로 채운 알림을 업체 휴대전화로 (정보성 알림만)', params: eventParams, body: z.object({ phone: z.string().trim().max(40) }), response: { 200: noticeJson } },
    },
    async (req) => testSendNotice(db, actorOf(req).businessId, req.params.event, req.body.phone),
  );

  r.get(
    '/api/notices',
    {
      config: { permission: ['messages.send', 'customers.view', 'schedules.edit', 'bookings.manage'] as const },
      schema: {
        tags: ['messages'],
        summary: '고객 알림 내역 (일정, 예약, 고객별 또는 최근 순)',
        querystring: z.object({
          scheduleId: z.uuid().optional(),
          bookingId: z.uuid().optional(),
          customerId: z.uuid().optional(),
          event: z.string().max(40).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(noticeJson), total: z.number().int() }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return listNoticeHistory(db, actor.businessId, can(actor, 'customers.phone_full'), req.query);
    },
  );
}
