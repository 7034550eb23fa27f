import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CouponValidity, DB, MessageChannel, RecipientStatus } from '../../platform/db/types.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { AppError } from '../../platform/errors/registry.ts';
import { formatPhone } from '../../shared/phone.ts';
import { publicUrl } from '../../platform/http/public-url.ts';
import { can, requirePermission, type Actor } from '../auth/index.ts';
import { canSeeFullPhone, presentCustomerPhone } from '../customers/index.ts';
import { groupMemberQuery } from '../loyalty/index.ts';
import { sampleExcluded, sampleRecipient, summarizeAudience, type Audience, type GroupMembers, type ResolvedWindows } from './audience.ts';
import { COUPON_VALIDITY_LABELS, couponExpiresAt, describeCoupon, validateCoupon, type Coupon } from './domain/coupon.ts';
import { LMS_SUBJECT_MAX_BYTES, normalizeSmsText, smsBytes, smsKind, unsupportedChars } from './domain/bytes.ts';
import { advertisingText, fillVariables } from './domain/format.ts';
import { isQuietHour, QUIET_HOURS_MESSAGE } from './domain/quiet-hours.ts';
import { lookbackRange, performanceRange, validateSendSettings, type SendSettings } from './domain/send-settings.ts';
import { templateByKey } from './domain/templates.ts';
import { CHANNEL_LABELS, EXCLUSION_REASON_LABELS, MESSAGE_STATUS_LABELS, RECIPIENT_STATUS_LABELS } from './domain/labels.ts';
import { GROUP_LABELS } from './domain/groups.ts';
import * as repo from './repository.ts';
import { hasChanges } from '../../platform/db/changes.ts';
import { MESSAGE_DISPATCH_QUEUE } from './dispatch.ts';

type Db = Kysely<DB>;

export interface MessageContent {
  channel: 'alimtalk' | 'sms';
  templateKey: string;
  title: string;
  body: string;
  coupon: unknown;
  validity: CouponValidity;
}

export interface MessageInput {
  content: MessageContent;
  audience: Audience;
  settings: SendSettings;
}


/** Group members as of `now`, with the business's zone given so the planner sees the window as a constant. */
export const groupMembersAt =
  (now: Date, zone: string): GroupMembers =>
  (db, businessId, group) =>
    groupMemberQuery(db, businessId, group, now, zone);

interface BusinessInfo {
  name: string;
  phone: string;
  timeZone: string;
  optOutPhone: string;
}

async function businessInfo(db: Db, businessId: string): Promise<BusinessInfo> {
  const business = await db.selectFrom('businesses').select(['name', 'phone', 'time_zone']).where('id', '=', businessId).executeTakeFirstOrThrow();
  const provider = await repo.findProviderSettings(db, businessId);
  return { name: business.name, phone: business.phone, timeZone: business.time_zone, optOutPhone: provider?.opt_out_phone ?? '' };
}

// ------------------------------------------------------------ validation

function fieldErrors(errors: { path: string; message: string }[]): never {
  throw new AppError('VALIDATION_FAILED', { message: errors[0]!.message, details: { fields: errors } });
}

/** MSG-3: every field required, the coupon valid, the text sendable on its channel. */
function validateContent(content: MessageContent): { coupon: Coupon; channel: MessageChannel } {
  const errors: { path: string; message: string }[] = [];
  if (!templateByKey(content.templateKey)) errors.push({ path: 'content.templateKey', message: '템플릿을 선택해 주세요.' });
  if (content.title.trim() === '') errors.push({ path: 'content.title', message: '제목을 입력해 주세요.' });
  else if (content.channel === 'sms' && smsBytes(content.title) > LMS_SUBJECT_MAX_BYTES) {
    errors.push({ path: 'content.title', message: `문자 제목은 ${LMS_SUBJECT_MAX_BYTES}byte 이내로 입력해 주세요. (현재 ${smsBytes(content.title)} byte)` });
  }
  if (content.body.trim() === '') errors.push({ path: 'content.body', message: '내용을 입력해 주세요.' });
  const coupon = validateCoupon(content.coupon);
  if (!coupon.ok) errors.push(...coupon.errors.map((e) => ({ path: `content.coupon.${e.path}`.replace(/\.$/, ''), message: e.message })));
  let channel: MessageChannel = content.channel;
  if (content.channel === 'sms') {
    const bad = unsupportedChars(content.body + content.title);
    if (bad.length > 0) errors.push({ path: 'content.body', message: `문자로 보낼 수 없는 글자가 있습니다: ${bad.join(' ')}` });
  }
  if (errors.length > 0 || !coupon.ok) fieldErrors(errors);
  return { coupon: coupon.value, channel };
}

/**
 * A direct audience names customers of this business only: an id of another
 * business's customer (or of nobody) is refused, the same for create and
 * edit, instead of being counted as nobody.
 */
async function validateAudience(db: Db, businessId: string, audience: Audience) {
  if (audience.kind !== 'direct') return;
  if (audience.customerIds.length === 0) throw new AppError('MESSAGE_NO_RECIPIENTS', { message: '보낼 고객을 한 명 이상 선택해 주세요.' });
  const known = await repo.knownCustomerIds(db, businessId, audience.customerIds);
  const unknown = audience.customerIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const message = `선택한 고객 ${unknown.length}명을 찾을 수 없습니다. 고객 목록을 새로고침한 뒤 다시 선택해 주세요.`;
    throw new AppError('CUSTOMER_NOT_FOUND', { message, details: { fields: [{ path: 'audience.customerIds', message }], unknownCustomerIds: unknown } });
  }
}

function validateSettings(audience: Audience, settings: SendSettings) {
  const problems = validateSendSettings(audience.kind, settings);
  const notAllowed = problems.find((p) => p.code === 'SEND_SETTING_NOT_ALLOWED');
  if (notAllowed) throw new AppError('SEND_SETTING_NOT_ALLOWED', { message: notAllowed.message, details: { path: notAllowed.path } });
  if (problems.length > 0) fieldErrors(problems.map((p) => ({ path: `settings.${p.path}`.replace(/\.$/, ''), message: p.message })));
}

function windowsFor(settings: SendSettings, sendAt: Date, zone: string): ResolvedWindows {
  return {
    visitedWithin: settings.visitorRestriction ? lookbackRange(settings.visitorRestriction, sendAt, zone) : null,
    receivedWithin: settings.duplicatePrevention ? lookbackRange(settings.duplicatePrevention, sendAt, zone) : null,
  };
}

// -------------------------------------------------------------- rendering

/** The text a recipient gets (MSG-10): "(광고)" first, the business and its contact, the free opt-out line last. */
export function renderText(info: BusinessInfo, content: MessageContent, coupon: Coupon, recipient: { name: string; expiresAt: Date; optOutUrl?: string }) {
  const expiresOn = new Intl.DateTimeFormat('ko-KR', { timeZone: info.timeZone, month: 'long', day: 'numeric' }).format(new Date(recipient.expiresAt.getTime() - 1));
  const body = fillVariables(content.body, { name: recipient.name, businessName: info.name, coupon: describeCoupon(coupon), expiresOn });
  // Normalised (line ends, decomposed Hangul) so what is counted is what is sent.
  return normalizeSmsText(advertisingText({ body, businessName: info.name, businessPhone: info.phone ? formatPhone(info.phone) : '', optOutPhone: info.optOutPhone, optOutUrl: recipient.optOutUrl }));
}

/** SMS becomes LMS above 90 bytes; 알림톡 stays 알림톡. */
export function channelFor(requested: MessageContent['channel'], text: string): MessageChannel {
  if (requested === 'alimtalk') return 'alimtalk';
  return smsKind(text) === 'sms' ? 'sms' : 'lms';
}

// ---------------------------------------------------------------- drafts

export async function getDraft(db: Db, actor: Actor) {
  requirePermission(actor, 'messages.send');
  const row = await repo.findDraft(db, actor.businessId);
  return row ? presentDraft(row.content, row.saved_at) : null;
}

export async function saveDraft(db: Db, actor: Actor, content: unknown) {
  requirePermission(actor, 'messages.send');
  const row = await repo.saveDraft(db, actor.businessId, JSON.stringify(content), actor.userId);
  return presentDraft(row.content, row.saved_at);
}

/** The draft as it was saved ({ content, audience?, settings? }) with when. */
function presentDraft(stored: unknown, savedAt: Date) {
  const saved = (typeof stored === 'string' ? JSON.parse(stored) : stored) as { content?: unknown; audience?: unknown; settings?: unknown };
  return { content: saved.content ?? null, audience: saved.audience ?? null, settings: saved.settings ?? null, savedAt: savedAt.toISOString() };
}

export async function deleteDraft(db: Db, actor: Actor) {
  requirePermission(actor, 'messages.send');
  await repo.deleteDraft(db, actor.businessId);
}

// -------------------------------------------------------- audience, preview

function requireReader(actor: Actor) {
  if (!can(actor, 'messages.send') && !can(actor, 'customers.view')) throw new AppError('FORBIDDEN');
}

export async function describeAudience(db: Db, actor: Actor, audience: Audience, settings: SendSettings, now = new Date()) {
  requireReader(actor);
  validateSettings(audience, settings);
  const windows = windowsFor(settings, now, actor.timeZone);
  const [summary, sample] = await Promise.all([
    summarizeAudience(db, actor.businessId, audience, windows, groupMembersAt(now, actor.timeZone)),
    sampleExcluded(db, actor.businessId, audience, windows, groupMembersAt(now, actor.timeZone), 100),
  ]);
  const full = canSeeFullPhone(actor);
  return {
    recipients: summary.recipients,
    excluded: {
      ...summary.excluded,
      sample: sample.map((row) => ({
        customerId: row.id,
        name: row.name,
        phone: presentCustomerPhone(row.phone, full).phone,
        reason: row.reason!,
        reasonLabel: EXCLUSION_REASON_LABELS[row.reason!],
      })),
    },
  };
}

export async function previewMessage(db: Db, actor: Actor, input: MessageInput, now = new Date()) {
  requireReader(actor);
  const { coupon } = validateContent(input.content);
  const audience = await describeAudience(db, actor, input.audience, input.settings, now);
  const info = await businessInfo(db, actor.businessId);
  const sample = await sampleRecipient(db, actor.businessId, input.audience, windowsFor(input.settings, now, actor.timeZone), groupMembersAt(now, actor.timeZone));
  const sampleName = sample?.name ?? '홍길동';
  const text = renderText(info, input.content, coupon, { name: sampleName, expiresAt: couponExpiresAt(now, input.content.validity, actor.timeZone), optOutUrl: `${publicUrl()}/optout/…` });
  const channel = channelFor(input.content.channel, text);
  return { ...audience, rendered: { channel, channelLabel: CHANNEL_LABELS[channel], title: input.content.title, text, bytes: smsBytes(text), sampleName } };
}

// -------------------------------------------------------- create and edit

function requireLawfulTime(sendAt: Date, zone: string) {
  if (isQuietHour(sendAt, zone)) throw new AppError('MESSAGE_QUIET_HOURS', { message: QUIET_HOURS_MESSAGE });
}

/**
 * MSG-8, MSG-9: a message to send now or at `sendAt`. The row and its
 * dispatch job commit together; the job re-checks everything at send time.
 */
export async function createMessage(db: Db, jobs: Jobs, actor: Actor, input: MessageInput & { sendAt?: string | undefined }, now = new Date()) {
  requirePermission(actor, 'messages.send');
  const { coupon, channel } = validateContent(input.content);
  await validateAudience(db, actor.businessId, input.audience);
  validateSettings(input.audience, input.settings);
  const sendAt = input.sendAt ? new Date(input.sendAt) : now;
  if (input.sendAt && sendAt.getTime() < now.getTime() - 60_000) throw new AppError('MESSAGE_SEND_AT_PAST');
  requireLawfulTime(sendAt, actor.timeZone);
  const summary = await summarizeAudience(db, actor.businessId, input.audience, windowsFor(input.settings, sendAt, actor.timeZone), groupMembersAt(sendAt, actor.timeZone));
  if (summary.recipients === 0) throw new AppError('MESSAGE_NO_RECIPIENTS');
  const id = await db.transaction().execute(async (trx) => {
    const row = await repo.insertMessage(trx, {
      business_id: actor.businessId,
      channel,
      template_key: input.content.templateKey,
      title: input.content.title.trim(),
      body: input.content.body,
      coupon: JSON.stringify(coupon),
      coupon_validity: input.content.validity,
      audience: JSON.stringify(input.audience),
      settings: JSON.stringify(input.settings),
      status: 'scheduled',
      send_at: sendAt,
      created_by: actor.userId,
    });
    await enqueueDispatch(trx, jobs, row.id, row.version, sendAt);
    return row.id;
  });
  return getMessage(db, actor, id);
}

async function enqueueDispatch(trx: Db, jobs: Jobs, messageId: string, version: number, sendAt: Date) {
  await jobs.sendInTransaction(trx, MESSAGE_DISPATCH_QUEUE, { messageId, version }, { startAfter: sendAt, singletonKey: `${messageId}:${version}` });
}

export async function updateMessage(db: Db, jobs: Jobs, actor: Actor, id: string, input: Partial<MessageInput> & { sendAt?: string | undefined; version?: number | undefined }, now = new Date()) {
  requirePermission(actor, 'messages.send');
  await db.transaction().execute(async (trx) => {
    const row = await repo.lockMessage(trx, id);
    if (!row || row.business_id !== actor.businessId) throw new AppError('MESSAGE_NOT_FOUND');
    if (row.status !== 'scheduled' && row.status !== 'waiting') throw new AppError('MESSAGE_NOT_EDITABLE');
    if (input.version !== undefined && input.version !== row.version) throw new AppError('MESSAGE_VERSION_CONFLICT');
    // Nothing asked is nothing done: no new version, no new dispatch job.
    const { version: _version, ...asked } = input;
    if (!hasChanges(asked)) return;
    const content: MessageContent = input.content ?? {
      channel: row.channel === 'alimtalk' ? 'alimtalk' : 'sms',
      templateKey: row.template_key,
      title: row.title,
      body: row.body,
      coupon: row.coupon,
      validity: row.coupon_validity,
    };
    const audience = input.audience ?? (row.audience as Audience);
    const settings = input.settings ?? (row.settings as SendSettings);
    const { coupon, channel } = validateContent(content);
    await validateAudience(trx, actor.businessId, audience);
    validateSettings(audience, settings);
    const sendAt = input.sendAt ? new Date(input.sendAt) : row.send_at;
    if (input.sendAt && sendAt.getTime() < now.getTime() - 60_000) throw new AppError('MESSAGE_SEND_AT_PAST');
    requireLawfulTime(sendAt, actor.timeZone);
    const summary = await summarizeAudience(trx, actor.businessId, audience, windowsFor(settings, sendAt, actor.timeZone), groupMembersAt(sendAt, actor.timeZone));
    if (summary.recipients === 0) throw new AppError('MESSAGE_NO_RECIPIENTS');
    const updated = await repo.updateMessage(trx, id, {
      channel,
      template_key: content.templateKey,
      title: content.title.trim(),
      body: content.body,
      coupon: JSON.stringify(coupon),
      coupon_validity: content.validity,
      audience: JSON.stringify(audience),
      settings: JSON.stringify(settings),
      status: 'scheduled',
      status_reason: null,
      send_at: sendAt,
      version: row.version + 1,
    });
    // The job of the old version finds a newer version and does nothing.
    await enqueueDispatch(trx, jobs, id, updated.version, sendAt);
  });
  return getMessage(db, actor, id);
}

export async function cancelMessage(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'messages.send');
  await db.transaction().execute(async (trx) => {
    const row = await repo.lockMessage(trx, id);
    if (!row || row.business_id !== actor.businessId) throw new AppError('MESSAGE_NOT_FOUND');
    if (row.status !== 'scheduled' && row.status !== 'waiting') throw new AppError('MESSAGE_NOT_CANCELLABLE');
    await repo.updateMessage(trx, id, { status: 'cancelled', status_reason: '예약 취소', version: row.version + 1 });
  });
  return getMessage(db, actor, id);
}

// ------------------------------------------------------------------ reads

function audienceLabel(audience: Audience): string {
  switch (audience.kind) {
    case 'direct':
      return `직접 선택 ${audience.customerIds.length}명`;
    case 'group':
      return `${GROUP_LABELS[audience.group]} 고객`;
    case 'filter':
      return '고객 필터';
  }
}

function presentMessage(row: repo.MessageRow, counts: repo.StatusCounts | undefined) {
  const coupon = row.coupon as Coupon;
  return {
    id: row.id,
    channel: row.channel,
    channelLabel: CHANNEL_LABELS[row.channel],
    templateKey: row.template_key,
    title: row.title,
    body: row.body,
    coupon,
    couponLabel: describeCoupon(coupon),
    validity: row.coupon_validity,
    validityLabel: COUPON_VALIDITY_LABELS[row.coupon_validity],
    audience: row.audience as Audience,
    audienceLabel: audienceLabel(row.audience as Audience),
    settings: row.settings as SendSettings,
    status: row.status,
    statusLabel: MESSAGE_STATUS_LABELS[row.status],
    statusReason: row.status_reason,
    sendAt: row.send_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    recipientCount: row.recipient_count,
    excludedCount: row.excluded_count,
    counts: { pending: counts?.pending ?? 0, accepted: counts?.accepted ?? 0, sent: counts?.sent ?? 0, delivered: counts?.delivered ?? 0, failed: counts?.failed ?? 0 },
    couponsRedeemed: counts?.redeemed ?? 0,
    editable: row.status === 'scheduled' || row.status === 'waiting',
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

export async function getMessage(db: Db, actor: Actor, id: string) {
  requireReader(actor);
  const row = await repo.findMessage(db, actor.businessId, id);
  if (!row) throw new AppError('MESSAGE_NOT_FOUND');
  const counts = await repo.recipientCounts(db, [id]);
  return presentMessage(row, counts.get(id));
}

export async function listMessages(db: Db, actor: Actor, limit: number, offset: number) {
  requireReader(actor);
  const { items, total } = await repo.listMessages(db, actor.businessId, limit, offset);
  const counts = await repo.recipientCounts(db, items.map((i) => i.id));
  return { items: items.map((row) => presentMessage(row, counts.get(row.id))), total };
}

export async function listMessageRecipients(db: Db, actor: Actor, id: string, query: { status?: RecipientStatus | undefined; limit: number; offset: number }) {
  requireReader(actor);
  if (!(await repo.findMessage(db, actor.businessId, id))) throw new AppError('MESSAGE_NOT_FOUND');
  const { items, total } = await repo.listRecipients(db, actor.businessId, id, query.status, query.limit, query.offset);
  const full = canSeeFullPhone(actor);
  return {
    total,
    items: items.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      name: r.name,
      phone: presentCustomerPhone(r.phone, full).phone,
      status: r.status,
      statusLabel: RECIPIENT_STATUS_LABELS[r.status],
      statusReason: r.status_reason,
      statusAt: r.status_at.toISOString(),
      couponCode: r.coupon_code,
      couponExpiresAt: r.coupon_expires_at.toISOString(),
      couponRedeemedAt: r.coupon_redeemed_at?.toISOString() ?? null,
    })),
  };
}

/** MSG-11: delivered, came back (an accrual within the performance period after sending), coupons used. */
export async function messageReport(db: Db, actor: Actor, id: string, now = new Date()) {
  requireReader(actor);
  const row = await repo.findMessage(db, actor.businessId, id);
  if (!row) throw new AppError('MESSAGE_NOT_FOUND');
  const counts = (await repo.recipientCounts(db, [id])).get(id);
  const sentAt = row.started_at ?? row.send_at;
  const settings = row.settings as SendSettings;
  const range = performanceRange(settings.performance ?? { days: 7 }, sentAt, actor.timeZone);
  const figures = await repo.performanceFigures(db, actor.businessId, id, range, actor.timeZone);
  const days = new Map<string, { date: string; visits: number; coupons: number }>();
  for (const v of figures.visitsByDay) days.set(v.day, { date: v.day, visits: Number(v.n), coupons: 0 });
  for (const c of figures.couponsByDay) {
    const entry = days.get(c.day) ?? { date: c.day, visits: 0, coupons: 0 };
    entry.coupons = Number(c.n);
    days.set(c.day, entry);
  }
  return {
    delivered: counts?.delivered ?? 0,
    failed: counts?.failed ?? 0,
    recipients: row.recipient_count,
    visited: figures.visited,
    couponsUsed: counts?.redeemed ?? 0,
    measured: settings.performance !== null,
    period: { from: range.from.toISOString(), to: range.to.toISOString(), over: now >= range.to },
    daily: [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1)),
  };
}

// ---------------------------------------------------------------- opt-out

/** MSG-10: the link in a message removes consent at once. */
export async function optOutByToken(db: Db, token: string, now = new Date()) {
  const recipient = await repo.findRecipientByOptOutToken(db, token);
  if (!recipient) throw new AppError('OPT_OUT_NOT_FOUND');
  await db.transaction().execute((trx) => repo.optOut(trx, recipient.business_id, recipient.phone, recipient.customer_id, now));
  return { optedOut: true };
}

export function newOptOutToken(): string {
  return crypto.randomBytes(16).toString('base64url');
}
