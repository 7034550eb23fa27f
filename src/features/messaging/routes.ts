import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../platform/http/schemas.ts';
import { CUSTOMER_GROUPS } from '../../shared/labels/loyalty.ts';
import { EXCLUSION_REASONS, RECIPIENT_STATUSES } from '../../shared/labels/messaging.ts';
import { actorOf, noContent } from '../auth/index.ts';
import { POS_SECURITY, posCallerOf, posCouponJson, posRoute } from '../loyalty/index.ts';
import { COUPON_VALIDITIES } from './domain/coupon.ts';
import { listTemplates } from './use-cases/list-templates.ts';
import { cancelMessage } from './use-cases/cancel-message.ts';
import { createMessage } from './use-cases/create-message.ts';
import { deleteDraft } from './use-cases/delete-draft.ts';
import { describeAudience } from './use-cases/describe-audience.ts';
import { getDraft } from './use-cases/get-draft.ts';
import { getMessageReport } from './use-cases/get-message-report.ts';
import { getMessage } from './use-cases/get-message.ts';
import { checkMessagingSettings, getMessagingSettings, removeMessagingSettings, saveMessagingSettings, saveUnitPrices } from './use-cases/provider-settings.ts';
import { listMessageRecipients } from './use-cases/list-message-recipients.ts';
import { listMessages } from './use-cases/list-messages.ts';
import { optOutByToken } from './use-cases/opt-out-by-token.ts';
import { previewMessage } from './use-cases/preview-message.ts';
import { receiveDeliveryReports } from './use-cases/receive-delivery-reports.ts';
import { redeemCoupon } from './use-cases/redeem-coupon.ts';
import { saveDraft } from './use-cases/save-draft.ts';
import { updateMessage } from './use-cases/update-message.ts';
import noticeRoutes from './notice-routes.ts';

// ------------------------------------------------------------------ input

const count = z.number().int().min(0).max(100_000_000);
// The editor refuses min > max too; the server says so instead of answering an empty audience.
const range = z
  .object({ min: count.optional(), max: count.optional() })
  .strict()
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { path: ['min'], error: '최소값이 최대값보다 클 수 없어요.' });
const audience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('direct'), customerIds: z.array(z.uuid()).max(10_000, { error: '직접 선택은 10,000명까지 할 수 있습니다.' }) }),
  z.object({
    kind: z.literal('filter'),
    pointsHeld: range.optional(),
    pointsAccumulated: range.optional(),
    grades: z.array(z.string().trim().min(1).max(30)).max(50).optional(),
    tags: z.array(z.string().trim().min(1).max(30)).max(50).optional(),
    visitCount: range.optional(),
    noShowCount: range.optional().describe('노쇼 횟수 (OPS-4)'),
  }),
  z.object({ kind: z.literal('group'), group: z.enum(CUSTOMER_GROUPS, { error: '고객 그룹을 선택해 주세요.' }) }),
]);
const period = z.union([z.object({ days: z.union([z.literal(3), z.literal(7), z.literal(30)]) }).strict(), z.object({ from: s.isoDate, to: s.isoDate }).strict()]).nullable();
const settings = z.object({ visitorRestriction: period.default(null), duplicatePrevention: period.default(null), performance: period.default(null) });
const noSettings = { visitorRestriction: null, duplicatePrevention: null, performance: null };
const content = z.object({
  channel: z.enum(['alimtalk', 'sms'], { error: '발송 수단을 선택해 주세요.' }),
  templateKey: z.string().max(100),
  title: z.string().max(100, { error: '제목은 100자 이하여야 합니다.' }),
  body: z.string().max(1000, { error: '내용은 1000자 이하여야 합니다.' }),
  coupon: z.unknown(),
  validity: z.enum(COUPON_VALIDITIES, { error: '유효 기간을 선택해 주세요.' }),
});
const messageInput = z.object({ content, audience, settings: settings.default(noSettings) });
const page = (max: number, fallback: number) => ({ limit: z.coerce.number().int().min(1).max(max).default(fallback), offset: z.coerce.number().int().min(0).default(0) });

// ------------------------------------------------------------------ replies

const couponJson = z.discriminatedUnion('type', [
  z.object({ type: z.literal('discount'), discountKind: z.enum(['percent', 'won']), discountValue: z.number() }),
  z.object({ type: z.literal('gift'), giftName: z.string() }),
]);
const channel = z.enum(['alimtalk', 'sms', 'lms']);
const validity = z.enum(COUPON_VALIDITIES);
const rangeJson = z.object({ min: z.number().optional(), max: z.number().optional() });
const audienceJson = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('direct'), customerIds: z.array(z.uuid()) }),
  z.object({
    kind: z.literal('filter'),
    pointsHeld: rangeJson.optional(),
    pointsAccumulated: rangeJson.optional(),
    grades: z.array(z.string()).optional(),
    tags: z.array(z.string()).optional(),
    visitCount: rangeJson.optional(),
    noShowCount: rangeJson.optional(),
  }),
  z.object({ kind: z.literal('group'), group: z.enum(CUSTOMER_GROUPS) }),
]);
const periodJson = z.union([z.object({ days: z.union([z.literal(3), z.literal(7), z.literal(30)]) }), z.object({ from: z.string(), to: z.string() })]).nullable();
const settingsJson = z.object({ visitorRestriction: periodJson, duplicatePrevention: periodJson, performance: periodJson });
const statusCounts = z.object({ pending: z.number().int(), accepted: z.number().int(), sent: z.number().int(), delivered: z.number().int(), failed: z.number().int() });

const templateJson = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  title: z.string(),
  body: z.string(),
  suggestedCoupon: couponJson,
  suggestedValidity: validity,
  suggestedGroup: z.enum(CUSTOMER_GROUPS).nullable(),
});

const draftJson = z.object({
  content: z.unknown().describe('저장한 그대로의 작성 내용'),
  audience: z.unknown(),
  settings: z.unknown(),
  savedAt: z.string(),
});

const messageJson = z.object({
  id: z.uuid(),
  channel,
  channelLabel: z.string(),
  templateKey: z.string(),
  title: z.string(),
  body: z.string(),
  coupon: couponJson,
  couponLabel: z.string(),
  validity,
  validityLabel: z.string(),
  audience: audienceJson,
  audienceLabel: z.string(),
  settings: settingsJson,
  status: z.enum(['scheduled', 'waiting', 'sending', 'sent', 'cancelled', 'failed']),
  statusLabel: z.string(),
  statusReason: z.string().nullable(),
  sendAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  recipientCount: z.number().int(),
  excludedCount: z.number().int(),
  counts: statusCounts,
  couponsRedeemed: z.number().int(),
  editable: z.boolean(),
  version: z.number().int().describe('수정할 때마다 1씩 올라감; PATCH에 보내면 그 사이 다른 수정이 있을 때 거절'),
  createdAt: z.string(),
});

const audienceAnswer = z.object({
  recipients: z.number().int(),
  excluded: z.object({
    total: z.number().int(),
    byReason: z.record(z.enum(EXCLUSION_REASONS), z.number().int()),
    sample: z.array(z.object({ customerId: z.uuid(), name: z.string(), phone: z.string(), reason: z.enum(EXCLUSION_REASONS), reasonLabel: z.string() })).describe('제외된 고객 (최대 100명)'),
  }),
});

const unitPricesJson = z.object({ sms: z.number(), lms: z.number(), alimtalk: z.number(), brand: z.number() });

const previewAnswer = audienceAnswer.extend({
  rendered: z.object({ channel, channelLabel: z.string(), title: z.string(), text: z.string(), bytes: z.number().int(), sampleName: z.string() }),
  estimate: z
    .object({
      type: z.enum(['sms', 'lms', 'alimtalk', 'brand']),
      typeLabel: z.string(),
      count: z.number().int(),
      unitPrice: z.number(),
      amount: z.number().int(),
      fallback: z.object({ type: z.enum(['sms', 'lms']), typeLabel: z.string(), unitPrice: z.number(), amount: z.number().int() }).nullable().describe('브랜드 메시지를 받지 못한 고객에게 문자로 대신 보낼 때 최대'),
    })
    .describe('예상 비용 (원, 부가세 별도)'),
});

const recipientJson = z.object({
  id: z.uuid(),
  customerId: z.uuid().nullable(),
  name: z.string(),
  phone: z.string(),
  status: z.enum(RECIPIENT_STATUSES),
  statusLabel: z.string(),
  statusReason: z.string().nullable(),
  statusAt: z.string(),
  couponCode: z.string(),
  couponExpiresAt: z.string(),
  couponRedeemedAt: z.string().nullable(),
  fallback: z.object({ status: z.string(), statusLabel: z.string(), channelLabel: z.string() }).nullable().describe('브랜드 메시지를 받지 못해 대신 보낸 문자의 상태'),
});

const reportJson = z.object({
  delivered: z.number().int(),
  failed: z.number().int(),
  recipients: z.number().int(),
  visited: z.number().int(),
  couponsUsed: z.number().int(),
  measured: z.boolean().describe('false: 메시지 성과 기간을 정하지 않아 7일로 셈'),
  period: z.object({ from: z.string(), to: z.string(), over: z.boolean() }),
  daily: z.array(z.object({ date: z.string(), visits: z.number().int(), coupons: z.number().int() })),
});

const tags = ['messages'];

/** Reading messages and audiences: who may send, or who may see customers. */
const reader = { config: { permission: ['messages.send', 'customers.view'] as const } };
const sender = { config: { permission: 'messages.send' as const } };

/** MSG-3..11: the coupon message editor, sending and reports, the opt-out link, the provider's delivery reports and coupons redeemed at a POS. */
export default async function messagingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { jobs } = app.deps;

  // MSG-11: the shop's own Solapi account.
  const settingsAdmin = { config: { permission: 'settings.manage' as const } };
  const providerSettingsJson = z.object({
    configured: z.boolean(),
    provider: z.literal('solapi'),
    apiUrl: z.string(),
    apiKey: z.string(),
    apiSecretSet: z.boolean(),
    apiSecretLast4: z.string().nullable(),
    senderPhone: z.string(),
    optOutPhone: z.string(),
    kakaoPfId: z.string().nullable(),
    reportUrl: z.string().nullable().describe('솔라피 콘솔 > 웹훅에 등록할 발송 결과 수신 주소'),
    unitPrices: unitPricesJson.describe('비용 예상에 쓰는 건당 단가 (원, 부가세 별도)'),
    defaultUnitPrices: unitPricesJson.describe('솔라피 정가'),
    check: z.object({ at: z.string(), ok: z.boolean(), error: z.string().nullable(), balance: z.number().nullable() }).nullable().describe('마지막 연결 확인'),
    updatedAt: z.string().nullable(),
  });
  r.get('/api/settings/messaging', { ...settingsAdmin, schema: { tags: ['settings'], summary: '메시지 발송 설정 (솔라피; 시크릿은 끝 4자리만)', response: { 200: providerSettingsJson } } }, async (req) =>
    getMessagingSettings(db, actorOf(req).businessId),
  );
  r.put(
    '/api/settings/messaging',
    {
      ...settingsAdmin,
      schema: {
        tags: ['settings'],
        summary: '메시지 발송 설정 저장 (시크릿을 비우면 그대로 둡니다)',
        body: z.object({
          apiUrl: z.string().trim().max(300).optional(),
          apiKey: z.string().trim().min(1, { error: 'API 키를 입력해 주세요.' }).max(100),
          apiSecret: z.string().trim().max(200).optional(),
          senderPhone: z.string().trim().min(1, { error: '발신번호를 입력해 주세요.' }).max(40),
          optOutPhone: z.string().trim().min(1, { error: '수신거부 번호를 입력해 주세요.' }).max(40),
          kakaoPfId: z.string().trim().max(100).nullish(),
        }),
        response: { 200: providerSettingsJson },
      },
    },
    async (req) => saveMessagingSettings(db, actorOf(req).businessId, req.body),
  );
  r.put(
    '/api/settings/messaging/unit-prices',
    {
      ...settingsAdmin,
      schema: {
        tags: ['settings'],
        summary: '발송 단가 저장 (비용 예상용, 원, 부가세 별도; null이면 솔라피 정가)',
        body: z.object({ unitPrices: z.object({ sms: z.number(), lms: z.number(), alimtalk: z.number(), brand: z.number() }).partial().nullable() }),
        response: { 200: providerSettingsJson },
      },
    },
    async (req) => saveUnitPrices(db, actorOf(req).businessId, req.body.unitPrices),
  );
  r.delete('/api/settings/messaging', { ...settingsAdmin, schema: { tags: ['settings'], summary: '메시지 발송 설정 삭제', response: { 200: providerSettingsJson } } }, async (req) =>
    removeMessagingSettings(db, actorOf(req).businessId),
  );
  r.post('/api/settings/messaging/check', { ...settingsAdmin, schema: { tags: ['settings'], summary: '연결 확인: 솔라피 잔액과 등록된 발신번호', response: { 200: providerSettingsJson } } }, async (req) =>
    checkMessagingSettings(db, actorOf(req).businessId),
  );

  r.get('/api/messages/templates', { schema: { tags, summary: '쿠폰 메시지 템플릿 (업종에 맞는 것만)', response: { 200: z.object({ items: z.array(templateJson) }) } } }, async (req) => ({
    items: await listTemplates(db, actorOf(req).businessId),
  }));

  r.get('/api/messages/draft', { ...sender, schema: { tags, summary: '임시 저장된 메시지 (업체당 1개)', response: { 200: z.object({ draft: draftJson.nullable() }) } } }, async (req) => ({
    draft: await getDraft(db, actorOf(req)),
  }));
  r.put(
    '/api/messages/draft',
    {
      ...sender,
      schema: { tags, summary: '임시 저장 (기존 것을 덮어씀)', body: z.object({ content: z.unknown(), audience: z.unknown().optional(), settings: z.unknown().optional() }), response: { 200: draftJson } },
    },
    async (req) => saveDraft(db, actorOf(req), req.body),
  );
  r.delete('/api/messages/draft', { ...sender, schema: { tags, summary: '임시 저장 삭제', response: { 204: noContent } } }, async (req, reply) => {
    await deleteDraft(db, actorOf(req));
    return reply.code(204).send(null);
  });

  r.post(
    '/api/messages/audience',
    {
      ...reader,
      schema: { tags, summary: '발송 대상 수와 제외된 고객 (사유별)', body: z.object({ audience, settings: settings.default(noSettings) }), response: { 200: audienceAnswer } },
    },
    async (req) => describeAudience(db, actorOf(req), req.body.audience, req.body.settings),
  );

  r.post('/api/messages/preview', { ...reader, schema: { tags, summary: '미리보기: 변수가 채워진 실제 발송 문구와 대상', body: messageInput, response: { 200: previewAnswer } } }, async (req) =>
    previewMessage(db, actorOf(req), req.body),
  );

  r.post(
    '/api/messages',
    { ...sender, schema: { tags, summary: '바로 발송 또는 예약 발송 (광고는 21:00~08:00 불가)', body: messageInput.extend({ sendAt: s.isoDateTime.optional() }), response: { 201: messageJson } } },
    async (req, reply) => reply.code(201).send(await createMessage(db, jobs, actorOf(req), req.body)),
  );

  r.get(
    '/api/messages',
    { ...reader, schema: { tags, summary: '최근 발송 메시지', querystring: z.object(page(100, 20)), response: { 200: z.object({ items: z.array(messageJson), total: z.number().int() }) } } },
    async (req) => listMessages(db, actorOf(req), req.query.limit, req.query.offset),
  );

  r.get('/api/messages/:id', { ...reader, schema: { tags, summary: '메시지 한 건과 수신자 상태별 수', params: s.idParams, response: { 200: messageJson } } }, async (req) => getMessage(db, actorOf(req), req.params.id));

  r.get(
    '/api/messages/:id/recipients',
    {
      ...reader,
      schema: {
        tags,
        summary: '수신자별 발송 상태와 쿠폰',
        params: s.idParams,
        querystring: z.object({ status: z.enum(RECIPIENT_STATUSES).optional(), ...page(500, 50) }),
        response: { 200: z.object({ total: z.number().int(), items: z.array(recipientJson) }) },
      },
    },
    async (req) => listMessageRecipients(db, actorOf(req), req.params.id, req.query),
  );

  r.patch(
    '/api/messages/:id',
    {
      ...sender,
      schema: {
        tags,
        summary: '예약 발송 수정 (발송 전까지)',
        params: s.idParams,
        body: z.object({ content: content.optional(), audience: audience.optional(), settings: settings.optional(), sendAt: s.isoDateTime.optional(), version: z.number().int().optional() }),
        response: { 200: messageJson },
      },
    },
    async (req) => updateMessage(db, jobs, actorOf(req), req.params.id, req.body),
  );

  r.post('/api/messages/:id/cancel', { ...sender, schema: { tags, summary: '예약 취소 (발송 전까지)', params: s.idParams, response: { 200: messageJson } } }, async (req) =>
    cancelMessage(db, actorOf(req), req.params.id),
  );

  r.get('/api/messages/:id/report', { ...reader, schema: { tags, summary: '메시지 성과: 수신, 재방문(적립), 쿠폰 사용', params: s.idParams, response: { 200: reportJson } } }, async (req) =>
    getMessageReport(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/public/opt-out/:token',
    {
      schema: { tags, summary: '수신거부 (메시지의 링크)', params: z.object({ token: z.string().min(10).max(100) }), security: [], response: { 200: z.object({ optedOut: z.literal(true) }) } },
      config: { public: true, rateLimit: { perRequest: ['public', 'optOuts'], failures: 'credentialFailures' } },
    },
    async (req) => optOutByToken(db, req.params.token),
  );

  r.post(
    '/api/messaging/solapi/:businessId/reports',
    {
      schema: {
        tags,
        summary: '발송 결과 리포트 웹훅 (?token= 으로 인증, docs/messaging.md)',
        params: z.object({ businessId: z.uuid() }),
        querystring: z.object({ token: z.string().max(200).optional() }),
        body: z.unknown().describe('Solapi가 보내는 메시지 배열 (또는 { messages: [...] }, 메시지 하나)'),
        security: [],
        response: { 200: z.object({ received: z.number().int(), updated: z.number().int() }) },
      },
      // The provider delivers many reports from one address: only refused tokens are limited.
      config: { public: true, rateLimit: { perRequest: [], failures: 'credentialFailures' } },
    },
    async (req) => receiveDeliveryReports(db, { businessId: req.params.businessId, token: req.query.token, body: req.body }),
  );

  // A recipient's coupon used at the counter: the POS API's authentication (a POS key or a session with 고객 수정).
  r.post(
    '/api/pos/coupons/:code/redeem',
    {
      ...posRoute(db),
      schema: {
        tags: ['loyalty'],
        summary: '쿠폰 사용 처리 (한 번만). 이미 쓴 쿠폰은 COUPON_ALREADY_REDEEMED, 지난 쿠폰은 COUPON_EXPIRED',
        security: POS_SECURITY,
        params: z.object({ code: z.string().trim().min(1).max(64) }),
        body: z.object({ posVisitId: z.string().trim().max(100).nullish() }).nullish(),
        response: { 200: posCouponJson },
      },
    },
    async (req) => redeemCoupon(db, posCallerOf(req).businessId, req.params.code),
  );

  await noticeRoutes(app);
}
