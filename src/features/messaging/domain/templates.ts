import type { Coupon, CouponValidity } from './coupon.ts';
import type { CustomerGroup } from '../../../shared/labels/loyalty.ts';
import type { ServiceType } from '../../../platform/db/types.ts';

/**
 * MSG-3: the coupon message templates a business starts from. The writer
 * picks one, then may change the title, the body, the coupon and its
 * validity; the template key stays on the message for reports. Bodies use
 * only the variables of format.ts and Korean-code-page characters (no
 * emoji), so they go by SMS as written. "(광고)", the contact and the
 * opt-out line are added when sending (advertisingText), not written here.
 */
export interface MessageTemplate {
  key: string;
  /** Shown on the template picker. */
  name: string;
  description: string;
  /** Default title (the LMS subject, at most 40 bytes). */
  title: string;
  /** Default body, with #{이름} #{매장명} #{쿠폰} #{유효기간}. */
  body: string;
  suggestedCoupon: Coupon;
  suggestedValidity: CouponValidity;
  /** The group the template is written for, when it has one (the audience step suggests it). */
  suggestedGroup: CustomerGroup | null;
  /** The business types it is written for (a café's cake is no gift from a clinic); absent: every type. */
  serviceTypes?: readonly ServiceType[];
}

const FOOD: readonly ServiceType[] = ['restaurant', 'retail', 'other'];
const CARE: readonly ServiceType[] = ['clinic', 'beauty'];

export const MESSAGE_TEMPLATES: readonly MessageTemplate[] = [
  {
    key: 'regular-thanks',
    name: '단골 감사',
    description: '자주 찾아주시는 단골 고객에게 감사의 마음을 담아 쿠폰을 보내요.',
    title: '단골 감사 쿠폰',
    body: '#{이름}님, 늘 찾아주셔서 감사합니다.\n#{매장명}에서 감사의 마음을 담아 #{쿠폰} 쿠폰을 드려요.\n(#{유효기간}까지 사용 가능)',
    suggestedCoupon: { type: 'discount', discountKind: 'percent', discountValue: 10 },
    suggestedValidity: '30d',
    suggestedGroup: 'regular',
  },
  {
    key: 'almost-regular',
    name: '단골 되기 한 걸음',
    description: '두 번 이상 오신 예비 단골 고객이 다시 찾도록 쿠폰을 보내요.',
    title: '다시 만나요 쿠폰',
    body: '#{이름}님, 또 와 주셔서 반가웠어요.\n다음 방문 때 쓰실 수 있는 #{쿠폰} 쿠폰을 드려요.\n#{매장명}에서 기다릴게요. (#{유효기간}까지)',
    suggestedCoupon: { type: 'discount', discountKind: 'won', discountValue: 2000 },
    suggestedValidity: '30d',
    suggestedGroup: 'prospective',
  },
  {
    key: 'first-visit',
    name: '첫 방문 감사',
    description: '처음 적립한 고객에게 다음 방문을 위한 쿠폰을 보내요.',
    title: '첫 방문 감사 쿠폰',
    body: '#{이름}님, #{매장명}에 처음 와 주셔서 감사합니다.\n다음 방문 때 쓰실 수 있는 #{쿠폰} 쿠폰을 드려요.\n(#{유효기간}까지 사용 가능)',
    suggestedCoupon: { type: 'discount', discountKind: 'percent', discountValue: 10 },
    suggestedValidity: '30d',
    suggestedGroup: 'first',
  },
  {
    key: 'comeback',
    name: '다시 방문 환영',
    description: '한동안 오지 않은 고객에게 다시 찾아 달라는 쿠폰을 보내요.',
    title: '오랜만이에요 쿠폰',
    body: '#{이름}님, 오랜만이에요!\n#{매장명}에서 #{이름}님을 위해 #{쿠폰} 쿠폰을 준비했어요.\n#{유효기간}까지 사용하실 수 있어요.',
    suggestedCoupon: { type: 'discount', discountKind: 'won', discountValue: 3000 },
    suggestedValidity: '30d',
    suggestedGroup: null,
  },
  {
    key: 'birthday',
    name: '생일 축하',
    description: '생일을 맞은 고객에게 축하 선물 쿠폰을 보내요.',
    title: '생일 축하 쿠폰',
    body: '#{이름}님, 생일을 진심으로 축하드려요!\n#{매장명}에서 작은 선물로 #{쿠폰} 쿠폰을 드려요.\n(#{유효기간}까지 사용 가능)',
    suggestedCoupon: { type: 'gift', giftName: '조각 케이크 1개' },
    suggestedValidity: '7d',
    suggestedGroup: null,
    serviceTypes: FOOD,
  },
  {
    key: 'birthday-care',
    name: '생일 축하',
    description: '생일을 맞은 고객에게 다음 방문 때 쓰실 축하 할인 쿠폰을 보내요.',
    title: '생일 축하 쿠폰',
    body: '#{이름}님, 생일을 진심으로 축하드려요!\n#{매장명}에서 생일 선물로 #{쿠폰} 쿠폰을 드려요.\n(#{유효기간}까지 사용 가능)',
    suggestedCoupon: { type: 'discount', discountKind: 'percent', discountValue: 10 },
    suggestedValidity: '30d',
    suggestedGroup: null,
    serviceTypes: CARE,
  },
  {
    key: 'winter',
    name: '겨울 시즌',
    description: '추운 겨울, 따뜻한 한 잔을 선물하는 시즌 쿠폰이에요.',
    title: '따뜻한 겨울 쿠폰',
    body: '#{이름}님, 추운 겨울 따뜻하게 보내고 계신가요?\n#{매장명}에서 #{쿠폰} 쿠폰을 드려요.\n(#{유효기간}까지 사용 가능)',
    suggestedCoupon: { type: 'gift', giftName: '따뜻한 음료 1잔' },
    suggestedValidity: '30d',
    suggestedGroup: null,
    serviceTypes: FOOD,
  },
  {
    key: 'season-care',
    name: '환절기 관리',
    description: '계절이 바뀌는 때, 관리받으러 오시도록 시즌 할인 쿠폰을 보내요.',
    title: '환절기 관리 쿠폰',
    body: '#{이름}님, 계절이 바뀌며 피부와 컨디션이 예민해지기 쉬운 때예요.\n#{매장명}에서 #{쿠폰} 쿠폰을 드려요.\n(#{유효기간}까지 사용 가능)',
    suggestedCoupon: { type: 'discount', discountKind: 'won', discountValue: 5000 },
    suggestedValidity: '30d',
    suggestedGroup: null,
    serviceTypes: CARE,
  },
];

/** The templates offered to a business of this type, in the picker's order. */
export function templatesFor(serviceType: ServiceType): MessageTemplate[] {
  return MESSAGE_TEMPLATES.filter((t) => !t.serviceTypes || t.serviceTypes.includes(serviceType));
}

export function templateByKey(key: string): MessageTemplate | null {
  return MESSAGE_TEMPLATES.find((template) => template.key === key) ?? null;
}
