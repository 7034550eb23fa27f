import { describe, expect, it } from 'vitest';
import type { Message, MessageTemplate } from '../../../api/models';
import {
  applyTemplate,
  initialState,
  stateFrom,
  stateFromMessage,
  toAudience,
  toContent,
  toCoupon,
  toDraftContent,
  toSettings,
  validateAudience,
  validateContent,
  validateSettings,
  type ComposeState,
} from './model';

const template: MessageTemplate = {
  key: 'regular-thanks',
  name: '단골 감사',
  description: '',
  title: '단골 감사 쿠폰',
  body: '#{이름}님 감사합니다',
  suggestedCoupon: { type: 'discount', discountKind: 'percent', discountValue: 10 },
  suggestedValidity: '30d',
  suggestedGroup: 'regular',
};

const filled = (): ComposeState => applyTemplate(initialState(), template);

describe('choosing a template', () => {
  it('fills the title, body, coupon, validity and the group it is written for', () => {
    expect(filled()).toMatchObject({
      templateKey: 'regular-thanks',
      title: '단골 감사 쿠폰',
      body: '#{이름}님 감사합니다',
      couponType: 'discount',
      discountKind: 'percent',
      discountValue: '10',
      validity: '30d',
      group: 'regular',
    });
  });

  it('keeps a group the writer already chose, and fills none on another audience tab', () => {
    expect(applyTemplate({ ...initialState(), group: 'first' }, template).group).toBe('first');
    expect(applyTemplate({ ...initialState(), audienceTab: 'filter' }, template).group).toBe('');
  });

  it('takes a gift coupon as a gift', () => {
    const gift = applyTemplate(initialState(), { ...template, suggestedCoupon: { type: 'gift', giftName: '아메리카노' } });
    expect(toCoupon(gift)).toEqual({ type: 'gift', giftName: '아메리카노' });
  });
});

describe('what is sent', () => {
  it('trims the title and sends the coupon as typed', () => {
    const state = { ...filled(), title: '  제목  ', discountKind: 'won' as const, discountValue: '2000' };
    expect(toContent(state)).toMatchObject({ title: '제목', coupon: { type: 'discount', discountKind: 'won', discountValue: 2000 }, validity: '30d' });
    expect(toCoupon({ ...state, couponType: '' })).toBeNull();
  });

  it('keeps in a draft only what was filled so far', () => {
    expect(toDraftContent(initialState())).toEqual({ channel: 'alimtalk', title: '', body: '' });
    expect(toDraftContent(filled())).toMatchObject({ templateKey: 'regular-thanks', validity: '30d', coupon: { type: 'discount' } });
  });

  it('builds the audience of each tab', () => {
    expect(toAudience(initialState())).toBeNull();
    expect(toAudience({ ...initialState(), group: 'regular' })).toEqual({ kind: 'group', group: 'regular' });
    expect(toAudience({ ...initialState(), audienceTab: 'direct' })).toBeNull();
    expect(toAudience({ ...initialState(), audienceTab: 'direct', direct: [{ id: 'c1', name: '', phone: '' }] })).toEqual({ kind: 'direct', customerIds: ['c1'] });
    const filter = { ...initialState().filter, pointsKind: 'accumulated' as const, pointsMin: '100', visitMax: '3', grades: ['VIP'] };
    expect(toAudience({ ...initialState(), audienceTab: 'filter', filter })).toEqual({ kind: 'filter', pointsAccumulated: { min: 100 }, grades: ['VIP'], visitCount: { max: 3 } });
  });

  it('sends settings that are on, and for a direct selection only 메시지 성과', () => {
    const settings = {
      visitorRestriction: { on: true, choice: '7' as const, from: '', to: '' },
      duplicatePrevention: { on: false, choice: '3' as const, from: '', to: '' },
      performance: { on: true, choice: 'custom' as const, from: '2026-12-01', to: '2026-12-07' },
    };
    expect(toSettings({ ...initialState(), settings })).toEqual({ visitorRestriction: { days: 7 }, duplicatePrevention: null, performance: { from: '2026-12-01', to: '2026-12-07' } });
    expect(toSettings({ ...initialState(), audienceTab: 'direct', settings })).toEqual({ visitorRestriction: null, duplicatePrevention: null, performance: { from: '2026-12-01', to: '2026-12-07' } });
  });
});

describe('checks before each step', () => {
  it('asks for every content field', () => {
    expect(Object.keys(validateContent(initialState())).sort()).toEqual(['body', 'couponType', 'template', 'title', 'validity']);
    expect(validateContent(filled())).toEqual({});
  });

  it('refuses a discount that is not a whole positive number, or over 100%', () => {
    expect(validateContent({ ...filled(), discountValue: '' }).discountValue).toBe('할인 값을 입력해 주세요.');
    expect(validateContent({ ...filled(), discountValue: '1.5' }).discountValue).toBe('1 이상의 정수를 입력해 주세요.');
    expect(validateContent({ ...filled(), discountValue: '101' }).discountValue).toBe('할인율은 100% 이하로 입력해 주세요.');
    expect(validateContent({ ...filled(), discountKind: 'won', discountValue: '101' }).discountValue).toBeUndefined();
  });

  it('measures a gift name in SMS bytes (2 per Hangul syllable)', () => {
    const gift = { ...filled(), couponType: 'gift' as const };
    expect(validateContent({ ...gift, giftName: '' }).giftName).toBe('증정 상품을 입력해 주세요.');
    expect(validateContent({ ...gift, giftName: '가'.repeat(32) }).giftName).toBeUndefined();
    expect(validateContent({ ...gift, giftName: '가'.repeat(33) }).giftName).toMatch(/byte 이내/);
  });

  it('checks the audience of the chosen tab', () => {
    expect(validateAudience(initialState())).toEqual({ group: '고객 그룹을 선택해 주세요.' });
    expect(validateAudience({ ...initialState(), audienceTab: 'direct' })).toEqual({ direct: '발송할 고객을 선택해 주세요.' });
    const filter = (change: Partial<ComposeState['filter']>) => ({ ...initialState(), audienceTab: 'filter' as const, filter: { ...initialState().filter, ...change } });
    expect(validateAudience(filter({}))).toEqual({});
    expect(validateAudience(filter({ pointsMin: '-1' })).points).toMatch(/0 이상의 정수/);
    expect(validateAudience(filter({ visitMin: '5', visitMax: '2' })).visits).toBe('최소값이 최대값보다 클 수 없어요.');
  });

  it('asks for both ends of a custom period, in order', () => {
    const custom = (from: string, to: string) => ({ ...initialState(), settings: { ...initialState().settings, performance: { on: true, choice: 'custom' as const, from, to } } });
    expect(validateSettings(custom('', ''))).toEqual({ performance: '기간의 시작일과 종료일을 선택해 주세요.' });
    expect(validateSettings(custom('2026-12-07', '2026-12-01'))).toEqual({ performance: '시작일이 종료일보다 늦을 수 없어요.' });
    expect(validateSettings(custom('2026-12-01', '2026-12-07'))).toEqual({});
  });
});

describe('reopening a draft or a scheduled message', () => {
  it('rebuilds the editor so that sending it again sends the same', () => {
    const state = { ...filled(), audienceTab: 'filter' as const, filter: { ...initialState().filter, pointsMin: '10', pointsMax: '20', tags: ['커피'] } };
    const again = stateFrom({ content: toContent(state), audience: toAudience(state), settings: toSettings(state) });
    expect(toContent(again)).toEqual(toContent(state));
    expect(toAudience(again)).toEqual(toAudience(state));
    expect(toSettings(again)).toEqual(toSettings(state));
  });

  it('keeps direct picks as ids until their names are looked up', () => {
    expect(stateFrom({ content: {}, audience: { kind: 'direct', customerIds: ['a', 'b'] } }).direct).toEqual([
      { id: 'a', name: '', phone: '' },
      { id: 'b', name: '', phone: '' },
    ]);
  });

  it('reads an LMS message as a text message', () => {
    const message = { ...toContent(filled()), channel: 'lms', audience: { kind: 'group', group: 'first' }, settings: { visitorRestriction: null, duplicatePrevention: null, performance: { days: 30 } } } as unknown as Message;
    const state = stateFromMessage(message);
    expect(state.channel).toBe('sms');
    expect(state.group).toBe('first');
    expect(state.settings.performance).toEqual({ on: true, choice: '30', from: '', to: '' });
  });
});
