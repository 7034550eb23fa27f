import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/registry.ts';
import * as s from '../../platform/http/schemas.ts';
import { requestClientKey } from '../../platform/http/rate-limits.ts';
import { todayIn } from '../../platform/time.ts';
import { actorOf } from '../auth/index.ts';
import { bookingConsentsInput, bookingLinesInput, getBookingForPartner, phoneInput, publicBookingReply, partnerBookingReplySchema } from '../bookings/index.ts';
import { cancelPaymentOnly } from './use-cases/request-refund.ts';
import { confirmCheckout, getCheckout } from './use-cases/confirm-checkout.ts';
import { createCheckout, quoteCheckout } from './use-cases/create-checkout.ts';
import { getFeeSettings, getPaymentSettings, removePaymentSettings, saveFeeGrade, saveFeeRules, savePaymentSettings } from './use-cases/payment-settings.ts';
import { retryRefund } from './use-cases/process-refund.ts';
import { fetchProviderSettlements, getStatement, listStatements, statementCsvOf } from './use-cases/statements.ts';
import { receivePaymentWebhook } from './use-cases/sync-payment.ts';

const publicTags = ['booking page'];
const tags = ['payments'];

const instruments = {
  couponCode: z.string().trim().max(40).optional().describe('업체가 쿠폰 메시지로 보낸 쿠폰 번호 (업체 부담 할인)'),
  platformCouponCode: z.string().trim().max(40).optional().describe('플랫폼 쿠폰 번호 (플랫폼 부담 할인)'),
  points: z.number().int().min(0).max(10_000_000).optional().describe('사용할 플랫폼 포인트 (원)'),
};
const priceReply = z.object({ gross: z.number(), couponBusiness: z.number(), couponPlatform: z.number(), points: z.number(), amount: z.number().describe('결제사로 결제할 금액') });
const providerReply = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('toss'), clientKey: z.string() }),
  z.object({ kind: z.literal('local'), clientKey: z.string(), checkoutUrl: z.string() }),
]);
const checkoutReply = z.object({
  orderId: z.string(),
  orderName: z.string(),
  customerName: z.string(),
  amount: z.number(),
  price: priceReply,
  expiresAt: z.string(),
  status: z.enum(['pending', 'paid']),
  provider: providerReply.nullable(),
  booking: publicBookingReply.nullable(),
});
const confirmReply = z.object({
  orderId: z.string(),
  status: z.string(),
  outcome: z.enum(['booked', 'processing', 'failed', 'refunded']),
  amount: z.number(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  booking: publicBookingReply.nullable(),
});
const orderParams = z.object({ orderId: z.string().regex(/^[A-Za-z0-9_=-]{6,64}$/, { error: '주문번호가 올바르지 않습니다.' }) });

const settingsReply = z.object({
  configured: z.boolean(),
  provider: z.literal('toss'),
  apiUrl: z.string(),
  clientKey: z.string(),
  secretKeySet: z.boolean(),
  secretKeyLast4: z.string().nullable(),
  webhookUrl: z.string().describe('토스페이먼츠 개발자센터 > 웹훅에 등록할 주소'),
  updatedAt: z.string().nullable(),
});
const grade = z.enum(['small', 'medium1', 'medium2', 'medium3', 'general']);
const feeMethod = z.enum(['card', 'kakaopay_card', 'kakaopay_money', 'points']);
const feeReply = z.object({
  custom: z.boolean(),
  grade,
  gradeLabel: z.string(),
  grades: z.array(z.object({ grade, gradeLabel: z.string(), validFrom: z.string() })),
  rules: z.array(z.object({ method: feeMethod, methodLabel: z.string(), grade: grade.nullable(), ratePpm: z.number(), validFrom: z.string(), validTo: z.string().nullable() })),
  today: z.array(z.object({ method: feeMethod, methodLabel: z.string(), ratePpm: z.number().nullable() })),
});
const amountsReply = { main: z.number(), couponPlatform: z.number(), mainFee: z.number(), points: z.number(), pointsFee: z.number(), base: z.number(), payout: z.number() };
const statementReply = z.object({
  periodStart: z.string(),
  periodEnd: z.string(),
  lines: z.array(
    z.object({
      id: z.string(),
      detailNumber: z.string(),
      kind: z.enum(['sale', 'reversal', 'retained']),
      kindLabel: z.string(),
      eventDate: z.string(),
      mainMethod: z.string(),
      mainMethodLabel: z.string(),
      ratePpm: z.number(),
      rateLabel: z.string(),
      ...amountsReply,
      reconciliation: z.object({ status: z.enum(['matched', 'missing', 'differs', 'not_fetched', 'no_pg']), note: z.string().nullable() }),
    }),
  ),
  totals: z.object(amountsReply),
});

/** PAY-1 … PAY-4: checkout and return (booking page), the provider's webhook, refunds, settings, fees and statements. */
export default async function paymentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const jobs = app.deps.jobs;
  const checkouts = { public: true, rateLimit: { perRequest: ['public', 'checkouts'] } } as const;
  const confirms = { public: true, rateLimit: { perRequest: ['public', 'checkoutConfirms'] } } as const;

  r.post(
    '/api/public/checkouts/quote',
    {
      schema: {
        tags: publicTags,
        summary: '결제 금액 미리 보기 (쿠폰·포인트 적용, 아무것도 쓰지 않음)',
        body: z.object({ productId: z.uuid(), holdId: z.uuid().optional(), lines: bookingLinesInput, phone: phoneInput.optional(), ...instruments }),
        security: [],
        response: { 200: priceReply.extend({ couponLabel: z.string().nullable(), availablePoints: z.number() }) },
      },
      config: confirms,
    },
    async (req) => quoteCheckout(db, req.body),
  );

  r.post(
    '/api/public/checkouts',
    {
      schema: {
        tags: publicTags,
        summary: '결제하기: 주문을 만들고 결제창 정보를 돌려줍니다 (0원이면 바로 예약)',
        body: z.object({
          productId: z.uuid(),
          holdId: z.uuid().optional(),
          lines: bookingLinesInput,
          customer: z.object({ name: s.name, phone: phoneInput }),
          request: z.string().max(1000, { error: '요청사항은 1000자 이하여야 합니다.' }).optional(),
          consents: bookingConsentsInput,
          ...instruments,
        }),
        security: [],
        response: { 201: checkoutReply },
      },
      config: checkouts,
    },
    async (req, reply) => reply.code(201).send(await createCheckout(db, jobs, req.body, requestClientKey(req))),
  );

  const answer = (result: Awaited<ReturnType<typeof getCheckout>>) => {
    if (result.outcome === 'failed') throw new AppError(result.status === 'expired' ? 'PAYMENT_EXPIRED' : 'PAYMENT_FAILED', { message: result.errorMessage ?? undefined, details: { orderId: result.orderId, providerCode: result.errorCode } });
    return result;
  };

  r.post(
    '/api/public/checkouts/:orderId/confirm',
    {
      schema: {
        tags: publicTags,
        summary: '결제 승인: 결제창에서 돌아온 paymentKey·amount 로 승인하고 예약합니다',
        params: orderParams,
        body: z.object({ paymentKey: z.string().trim().min(1).max(200), amount: z.number().int().min(0).max(100_000_000) }),
        security: [],
        response: { 200: confirmReply, 202: confirmReply },
      },
      config: confirms,
    },
    async (req, reply) => {
      const result = answer(await confirmCheckout(db, jobs, req.params.orderId, req.body));
      return reply.code(result.outcome === 'processing' ? 202 : 200).send(result);
    },
  );

  r.get(
    '/api/public/checkouts/:orderId',
    { schema: { tags: publicTags, summary: '결제 상태 (승인 처리 중일 때 다시 묻기)', params: orderParams, security: [], response: { 200: confirmReply } }, config: confirms },
    async (req) => getCheckout(db, req.params.orderId),
  );

  r.post(
    '/api/public/payments/toss/:businessId/webhook',
    {
      schema: { tags, summary: '토스페이먼츠 웹훅 (서명이 없어 힌트로만 쓰고 결제를 다시 조회합니다)', params: z.object({ businessId: z.uuid() }), body: z.unknown(), security: [], response: { 200: z.object({ ok: z.literal(true) }) } },
      config: { public: true },
    },
    async (req) => {
      await receivePaymentWebhook(db, jobs, req.params.businessId, req.body);
      return { ok: true as const };
    },
  );

  // ------------------------------------------------------------ partner center

  const manage = { config: { permission: 'bookings.manage' } } as const;
  r.post(
    '/api/bookings/:id/payment/cancel',
    {
      schema: { tags, summary: '결제만 취소 (이용완료 유지, 결제 금액 환불)', params: s.idParams, body: z.object({ reason: z.string().trim().max(200).optional() }).optional(), response: { 200: partnerBookingReplySchema } },
      ...manage,
    },
    async (req) => {
      const actor = actorOf(req);
      await cancelPaymentOnly(db, jobs, actor, req.params.id, req.body?.reason ?? '');
      return getBookingForPartner(db, actor, req.params.id);
    },
  );
  r.post(
    '/api/payments/refunds/:id/retry',
    { schema: { tags, summary: '실패한 환불 다시 시도', params: s.idParams, response: { 200: z.object({ status: z.string() }) } }, ...manage },
    async (req) => ({ status: await retryRefund(db, actorOf(req).businessId, req.params.id) }),
  );

  const settings = { config: { permission: 'settings.manage' } } as const;
  r.get('/api/settings/payments', { schema: { tags: ['settings'], summary: '결제 설정 (토스페이먼츠 키; 시크릿 키는 끝 4자리만)', response: { 200: settingsReply } }, ...settings }, async (req) =>
    getPaymentSettings(db, actorOf(req).businessId),
  );
  r.put(
    '/api/settings/payments',
    {
      schema: {
        tags: ['settings'],
        summary: '결제 설정 저장 (시크릿 키를 비우면 그대로 둡니다)',
        body: z.object({ apiUrl: z.string().trim().max(300).optional(), clientKey: z.string().trim().min(1, { error: '클라이언트 키를 입력해 주세요.' }).max(200), secretKey: z.string().trim().max(200).optional() }),
        response: { 200: settingsReply },
      },
      ...settings,
    },
    async (req) => savePaymentSettings(db, actorOf(req).businessId, req.body),
  );
  r.delete('/api/settings/payments', { schema: { tags: ['settings'], summary: '결제 설정 삭제', response: { 200: settingsReply } }, ...settings }, async (req) =>
    removePaymentSettings(db, actorOf(req).businessId),
  );
  r.get('/api/settings/fees', { schema: { tags: ['settings'], summary: '수수료율과 매출 등급', response: { 200: feeReply } }, ...settings }, async (req) => {
    const actor = actorOf(req);
    return getFeeSettings(db, actor.businessId, todayIn(actor.timeZone));
  });
  r.put(
    '/api/settings/fees/rules',
    {
      schema: {
        tags: ['settings'],
        summary: '수수료율 표 저장 (부가세 포함, ppm: 1.65% = 16500)',
        body: z.object({ rules: z.array(z.object({ method: feeMethod, grade: grade.nullable(), ratePpm: z.number().int().min(0).max(1_000_000), validFrom: s.isoDate, validTo: s.isoDate.nullable() })).max(200) }),
        response: { 200: feeReply },
      },
      ...settings,
    },
    async (req) => {
      const actor = actorOf(req);
      return saveFeeRules(db, actor.businessId, req.body.rules, todayIn(actor.timeZone));
    },
  );
  r.put(
    '/api/settings/fees/grade',
    { schema: { tags: ['settings'], summary: '매출 등급 (적용 시작일부터)', body: z.object({ grade, validFrom: s.isoDate }), response: { 200: feeReply } }, ...settings },
    async (req) => {
      const actor = actorOf(req);
      return saveFeeGrade(db, actor.businessId, req.body.grade, req.body.validFrom, todayIn(actor.timeZone));
    },
  );

  const settlement = { config: { permission: 'settlement.view' } } as const;
  const periodParams = z.object({ periodStart: s.isoDate });
  r.get(
    '/api/settlements',
    { schema: { tags, summary: '정산 기간 목록 (주 단위, 이용완료일 기준)', response: { 200: z.object({ items: z.array(z.object({ periodStart: z.string(), periodEnd: z.string(), lines: z.number(), base: z.number(), fees: z.number(), payout: z.number() })) }) } }, ...settlement },
    async (req) => listStatements(db, actorOf(req).businessId),
  );
  r.get('/api/settlements/:periodStart', { schema: { tags, summary: '정산 내역 (예약상세번호별)', params: periodParams, response: { 200: statementReply } }, ...settlement }, async (req) =>
    getStatement(db, actorOf(req).businessId, req.params.periodStart),
  );
  r.get(
    '/api/settlements/:periodStart/csv',
    { schema: { tags, summary: '정산 내역 CSV (UTF-8 BOM, 합계 행 포함)', params: periodParams, response: { 200: z.string() } }, ...settlement },
    async (req, reply) => {
      const csv = await statementCsvOf(db, actorOf(req).businessId, req.params.periodStart);
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="statement.csv"; filename*=UTF-8''${encodeURIComponent(csv.filename)}`);
      return reply.send(csv.body);
    },
  );
  r.post(
    '/api/settlements/provider/fetch',
    { schema: { tags, summary: '토스페이먼츠 정산 내역 가져오기 (대사용)', body: z.object({ from: s.isoDate, to: s.isoDate }), response: { 200: z.object({ fetched: z.number() }) } }, ...settlement },
    async (req) => fetchProviderSettlements(db, actorOf(req).businessId, req.body),
  );
}
