import { GIFT_NAME_MAX_BYTES, smsBytes } from '../smsBytes';
import type { Audience, Channel, Coupon, DiscountKind, GroupKey, Message, MessageContent, MessageTemplate, Period, SendSettings, Validity } from '../../../api/models';

export type AudienceTab = 'group' | 'filter' | 'direct';
export type SettingKey = keyof SendSettings;
export type PeriodChoice = '3' | '7' | '30' | 'custom';

export interface SettingState {
  on: boolean;
  choice: PeriodChoice;
  from: string;
  to: string;
}

export interface FilterState {
  pointsKind: 'held' | 'accumulated';
  pointsMin: string;
  pointsMax: string;
  grades: string[];
  tags: string[];
  visitMin: string;
  visitMax: string;
  /** OPS-4: 노쇼 횟수 range. */
  noShowMin: string;
  noShowMax: string;
}

export interface PickedCustomer {
  id: string;
  name: string;
  phone: string;
}

export interface ComposeState {
  templateKey: string;
  channel: Channel;
  title: string;
  body: string;
  couponType: 'discount' | 'gift' | '';
  discountKind: DiscountKind;
  discountValue: string;
  giftName: string;
  validity: Validity | '';
  audienceTab: AudienceTab;
  group: GroupKey | '';
  filter: FilterState;
  direct: PickedCustomer[];
  settings: Record<SettingKey, SettingState>;
}

const offSetting = (): SettingState => ({ on: false, choice: '7', from: '', to: '' });

export const emptyFilter = (): FilterState => ({ pointsKind: 'held', pointsMin: '', pointsMax: '', grades: [], tags: [], visitMin: '', visitMax: '', noShowMin: '', noShowMax: '' });

export function initialState(): ComposeState {
  return {
    templateKey: '',
    channel: 'alimtalk',
    title: '',
    body: '',
    couponType: '',
    discountKind: 'percent',
    discountValue: '',
    giftName: '',
    validity: '',
    audienceTab: 'group',
    group: '',
    filter: emptyFilter(),
    direct: [],
    settings: { visitorRestriction: offSetting(), duplicatePrevention: offSetting(), performance: offSetting() },
  };
}

/** Choosing a template fills what it suggests; the owner then edits every field. */
export function applyTemplate(state: ComposeState, template: MessageTemplate): ComposeState {
  const next: ComposeState = { ...state, templateKey: template.key, title: template.title, body: template.body };
  Object.assign(next, couponFields(template.suggestedCoupon));
  next.validity = template.suggestedValidity;
  if (template.suggestedGroup && !state.group && state.audienceTab === 'group') next.group = template.suggestedGroup;
  return next;
}

function couponFields(coupon: Coupon): Partial<ComposeState> {
  if (coupon.type === 'gift') return { couponType: 'gift', giftName: coupon.giftName ?? '' };
  return {
    couponType: 'discount',
    discountKind: coupon.discountKind ?? 'percent',
    discountValue: coupon.discountValue ? String(coupon.discountValue) : '',
  };
}

export function toCoupon(state: ComposeState): Coupon | null {
  if (state.couponType === 'gift') return { type: 'gift', giftName: state.giftName.trim() };
  if (state.couponType === 'discount') return { type: 'discount', discountKind: state.discountKind, discountValue: Number(state.discountValue) || 0 };
  return null;
}

export function toContent(state: ComposeState): MessageContent {
  return {
    channel: state.channel,
    templateKey: state.templateKey,
    title: state.title.trim(),
    body: state.body,
    coupon: toCoupon(state) as Coupon,
    validity: state.validity as Validity,
  };
}

/** What a draft keeps of the content: only the fields filled so far. */
export function toDraftContent(state: ComposeState): Partial<MessageContent> {
  const content: Partial<MessageContent> = { channel: state.channel, title: state.title, body: state.body };
  if (state.templateKey) content.templateKey = state.templateKey;
  const coupon = toCoupon(state);
  if (coupon) content.coupon = coupon;
  if (state.validity) content.validity = state.validity;
  return content;
}

const num = (value: string) => (value.trim() === '' ? undefined : Number(value));

function range(minText: string, maxText: string) {
  const min = num(minText);
  const max = num(maxText);
  if (min === undefined && max === undefined) return undefined;
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

export function toAudience(state: ComposeState): Audience | null {
  if (state.audienceTab === 'group') return state.group ? { kind: 'group', group: state.group } : null;
  if (state.audienceTab === 'direct') return state.direct.length > 0 ? { kind: 'direct', customerIds: state.direct.map((c) => c.id) } : null;
  const f = state.filter;
  const points = range(f.pointsMin, f.pointsMax);
  const visits = range(f.visitMin, f.visitMax);
  const noShows = range(f.noShowMin, f.noShowMax);
  return {
    kind: 'filter',
    ...(points ? { [f.pointsKind === 'held' ? 'pointsHeld' : 'pointsAccumulated']: points } : {}),
    ...(f.grades.length > 0 ? { grades: f.grades } : {}),
    ...(f.tags.length > 0 ? { tags: f.tags } : {}),
    ...(visits ? { visitCount: visits } : {}),
    ...(noShows ? { noShowCount: noShows } : {}),
  };
}

function toPeriod(setting: SettingState): Period | null {
  if (!setting.on) return null;
  if (setting.choice === 'custom') return { from: setting.from, to: setting.to };
  return { days: Number(setting.choice) as 3 | 7 | 30 };
}

/** A direct selection supports only 메시지 성과 (MSG-6): the other two are sent as null. */
export function toSettings(state: ComposeState): SendSettings {
  const direct = state.audienceTab === 'direct';
  return {
    visitorRestriction: direct ? null : toPeriod(state.settings.visitorRestriction),
    duplicatePrevention: direct ? null : toPeriod(state.settings.duplicatePrevention),
    performance: toPeriod(state.settings.performance),
  };
}

export type ContentErrors = Partial<Record<'template' | 'title' | 'body' | 'couponType' | 'discountValue' | 'giftName' | 'validity', string>>;

export function validateContent(state: ComposeState): ContentErrors {
  const errors: ContentErrors = {};
  if (!state.templateKey) errors.template = '템플릿을 선택해 주세요.';
  if (!state.title.trim()) errors.title = '제목을 입력해 주세요.';
  if (!state.body.trim()) errors.body = '본문을 입력해 주세요.';
  if (!state.couponType) errors.couponType = '쿠폰 유형을 선택해 주세요.';
  if (state.couponType === 'discount') {
    const value = Number(state.discountValue);
    if (state.discountValue.trim() === '') errors.discountValue = '할인 값을 입력해 주세요.';
    else if (!Number.isInteger(value) || value <= 0) errors.discountValue = '1 이상의 정수를 입력해 주세요.';
    else if (state.discountKind === 'percent' && value > 100) errors.discountValue = '할인율은 100% 이하로 입력해 주세요.';
  }
  if (state.couponType === 'gift') {
    if (!state.giftName.trim()) errors.giftName = '증정 상품을 입력해 주세요.';
    else if (smsBytes(state.giftName.trim()) > GIFT_NAME_MAX_BYTES) errors.giftName = `증정 상품은 ${GIFT_NAME_MAX_BYTES}byte 이내로 입력해 주세요.`;
  }
  if (!state.validity) errors.validity = '유효 기간을 선택해 주세요.';
  return errors;
}

export type AudienceErrors = Partial<Record<'group' | 'direct' | 'points' | 'visits' | 'noShows', string>>;

export function validateAudience(state: ComposeState): AudienceErrors {
  const errors: AudienceErrors = {};
  if (state.audienceTab === 'group' && !state.group) errors.group = '고객 그룹을 선택해 주세요.';
  if (state.audienceTab === 'direct' && state.direct.length === 0) errors.direct = '발송할 고객을 선택해 주세요.';
  if (state.audienceTab === 'filter') {
    const f = state.filter;
    const bad = (v: string) => v.trim() !== '' && !(Number.isInteger(Number(v)) && Number(v) >= 0);
    if (bad(f.pointsMin) || bad(f.pointsMax)) errors.points = '포인트는 0 이상의 정수로 입력해 주세요.';
    else if (num(f.pointsMin) !== undefined && num(f.pointsMax) !== undefined && Number(f.pointsMin) > Number(f.pointsMax)) errors.points = '최소값이 최대값보다 클 수 없어요.';
    if (bad(f.visitMin) || bad(f.visitMax)) errors.visits = '방문수는 0 이상의 정수로 입력해 주세요.';
    else if (num(f.visitMin) !== undefined && num(f.visitMax) !== undefined && Number(f.visitMin) > Number(f.visitMax)) errors.visits = '최소값이 최대값보다 클 수 없어요.';
    if (bad(f.noShowMin) || bad(f.noShowMax)) errors.noShows = '노쇼 횟수는 0 이상의 정수로 입력해 주세요.';
    else if (num(f.noShowMin) !== undefined && num(f.noShowMax) !== undefined && Number(f.noShowMin) > Number(f.noShowMax)) errors.noShows = '최소값이 최대값보다 클 수 없어요.';
  }
  return errors;
}

export type SettingsErrors = Partial<Record<SettingKey, string>>;

export function validateSettings(state: ComposeState): SettingsErrors {
  const errors: SettingsErrors = {};
  for (const key of Object.keys(state.settings) as SettingKey[]) {
    const s = state.settings[key];
    if (!s.on || s.choice !== 'custom') continue;
    if (state.audienceTab === 'direct' && key !== 'performance') continue;
    if (!s.from || !s.to) errors[key] = '기간의 시작일과 종료일을 선택해 주세요.';
    else if (s.from > s.to) errors[key] = '시작일이 종료일보다 늦을 수 없어요.';
  }
  return errors;
}

function settingFrom(period: Period | null | undefined): SettingState {
  if (!period) return offSetting();
  if ('days' in period) return { on: true, choice: String(period.days) as PeriodChoice, from: '', to: '' };
  return { on: true, choice: 'custom', from: period.from, to: period.to };
}

/** Rebuilds the editor from a saved draft or a scheduled message. Direct picks keep only their ids until names are looked up. */
export function stateFrom(source: { content: Partial<MessageContent>; audience?: Audience | null; settings?: SendSettings | null }): ComposeState {
  const state = initialState();
  const c = source.content;
  if (c.channel) state.channel = c.channel === 'alimtalk' ? 'alimtalk' : 'sms';
  state.templateKey = c.templateKey ?? '';
  state.title = c.title ?? '';
  state.body = c.body ?? '';
  if (c.coupon) Object.assign(state, couponFields(c.coupon));
  state.validity = c.validity ?? '';
  const a = source.audience;
  if (a?.kind === 'group') {
    state.audienceTab = 'group';
    state.group = a.group;
  } else if (a?.kind === 'direct') {
    state.audienceTab = 'direct';
    state.direct = a.customerIds.map((id) => ({ id, name: '', phone: '' }));
  } else if (a?.kind === 'filter') {
    state.audienceTab = 'filter';
    const points = a.pointsHeld ?? a.pointsAccumulated;
    state.filter = {
      pointsKind: a.pointsAccumulated && !a.pointsHeld ? 'accumulated' : 'held',
      pointsMin: points?.min !== undefined ? String(points.min) : '',
      pointsMax: points?.max !== undefined ? String(points.max) : '',
      grades: a.grades ?? [],
      tags: a.tags ?? [],
      visitMin: a.visitCount?.min !== undefined ? String(a.visitCount.min) : '',
      visitMax: a.visitCount?.max !== undefined ? String(a.visitCount.max) : '',
      noShowMin: a.noShowCount?.min !== undefined ? String(a.noShowCount.min) : '',
      noShowMax: a.noShowCount?.max !== undefined ? String(a.noShowCount.max) : '',
    };
  }
  const s = source.settings;
  state.settings = {
    visitorRestriction: settingFrom(s?.visitorRestriction),
    duplicatePrevention: settingFrom(s?.duplicatePrevention),
    performance: settingFrom(s?.performance),
  };
  return state;
}

/**
 * A saved draft. The server keeps what the composer saved without reading it
 * (the contract says `unknown`), so it is read back here as the composer
 * wrote it: toDraftContent, toAudience, toSettings.
 */
export interface Draft {
  content: Partial<MessageContent>;
  audience: Audience | null;
  settings: SendSettings | null;
  savedAt: string;
}

/** GET /api/messages/draft's `draft`, or null when there is none or it has no content. */
export function draftOf(saved: { content: unknown; audience: unknown; settings: unknown; savedAt: string } | null): Draft | null {
  if (!saved || !saved.content || typeof saved.content !== 'object') return null;
  return {
    content: saved.content as Draft['content'],
    audience: (saved.audience ?? null) as Draft['audience'],
    settings: (saved.settings ?? null) as Draft['settings'],
    savedAt: saved.savedAt,
  };
}

export const stateFromDraft = (draft: Draft) => stateFrom(draft);
export const stateFromMessage = (message: Message) =>
  stateFrom({
    content: { ...message, channel: message.channel === 'alimtalk' ? 'alimtalk' : 'sms' },
    audience: message.audience,
    settings: message.settings,
  });

/** The variables the body may use; the server fills them per recipient. */
export const VARIABLES = ['#{이름}', '#{매장명}', '#{쿠폰}', '#{유효기간}', '#{쿠폰번호}'] as const;

/** The composer's steps, in order. */
export type StepKey = 'template' | 'content' | 'audience' | 'settings' | 'preview';
