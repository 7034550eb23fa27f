import crypto from 'node:crypto';
import { DateTime } from 'luxon';
import { DEMO_NAVER_OUTBOUND_URL } from '../../src/app/demo/demo-naver.ts';

/**
 * What the simulated Naver side knows on its own: its products (the product
 * side stores only the link product id → department; whether a product
 * confirms at once or waits for the shop is Naver's), and believable Korean
 * customers, options and requests for generated bookings.
 */

export type ConfirmationMode = 'instant' | 'approval';

export interface NaverProduct {
  productId: string;
  /** Naver's product name; the linked department carries the same name (NAVER-2). */
  name: string;
  mode: ConfirmationMode;
}

/** The simulator receives where the demo connection sends its commands (src/app/demo/demo-naver.ts). */
export const SIMULATOR_DEFAULT_URL = DEMO_NAVER_OUTBOUND_URL;
export const SIMULATOR_DEFAULT_PORT = Number(new URL(SIMULATOR_DEFAULT_URL).port);

export const NAVER_TIME_ZONE = 'Asia/Seoul';

export const MODE_LABELS: Record<ConfirmationMode, string> = {
  approval: '관리자 확인 후 승인',
  instant: '바로 확정',
};

const FAMILY = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권', '황', '안', '송', '전', '홍'];
const GIVEN = ['지현', '민서', '서준', '하린', '예린', '도현', '수민', '지아', '현서', '유나', '건우', '나연', '시은', '준호', '소율', '태윤', '가은', '민재', '서아', '윤호'];

const AREAS = ['얼굴 전체', '이마', '양 볼', '턱선', '코', '목', '팔자 주름'];
const LASER_EXTRAS = ['마취 크림 (+10,000원)', '진정 관리 추가 (+20,000원)', 'LDM 물방울 리프팅 (+30,000원)', '추가 없음'];
const LASER_ROUNDS = ['체험가 1회', '5회 패키지 1회차', '10회 패키지 3회차'];
const CLINIC_SYMPTOMS = ['여드름', '기미·잡티', '홍조', '피부 건조', '두드러기', '모공'];
const CLINIC_VISITS = ['초진', '재진'];
const CLINIC_EXTRAS = ['피부 타입 진단 (+15,000원)', '진정 관리 추가 (+20,000원)', '추가 없음'];

const REQUESTS = [
  '주차 가능한가요?',
  '처음 방문이라 상담 먼저 받고 싶어요.',
  '점심시간 이후로 부탁드립니다.',
  '지난번 시술 후 붉은기가 있었어요. 강도 조절 부탁드려요.',
  '아이와 함께 방문합니다.',
  '여자 선생님께 받고 싶어요.',
  '10분 정도 늦을 수 있어요.',
  '',
];

export type Random = () => number;

export function pick<T>(items: readonly T[], random: Random = Math.random): T {
  return items[Math.floor(random() * items.length) % items.length]!;
}

export function randomCustomer(random: Random = Math.random): { name: string; phone: string } {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  return { name: pick(FAMILY, random) + pick(GIVEN, random), phone: `010-${2 + Math.floor(random() * 8)}${digits(3)}-${digits(4)}` };
}

/** Options that fit the product: laser products have 시술 부위 / 추가 옵션 / 회차, consultations 진료 구분 / 증상 / 추가 옵션. */
export function randomOptions(productName: string, random: Random = Math.random): { name: string; value: string }[] {
  if (/레이저|시술|토닝|리프팅/.test(productName)) {
    return [
      { name: '시술 부위', value: pick(AREAS, random) },
      { name: '추가 옵션', value: pick(LASER_EXTRAS, random) },
      { name: '회차', value: pick(LASER_ROUNDS, random) },
    ];
  }
  return [
    { name: '진료 구분', value: pick(CLINIC_VISITS, random) },
    { name: '증상', value: pick(CLINIC_SYMPTOMS, random) },
    { name: '추가 옵션', value: pick(CLINIC_EXTRAS, random) },
  ];
}

export function randomRequest(random: Random = Math.random): string {
  return pick(REQUESTS, random);
}

/** A slot in the coming week, in Seoul business hours (10:00–17:30, on the half hour). */
export function randomSlot(now: Date = new Date(), random: Random = Math.random): Date {
  return DateTime.fromJSDate(now, { zone: NAVER_TIME_ZONE })
    .startOf('day')
    .plus({ days: 1 + Math.floor(random() * 6) })
    .set({ hour: 10 + Math.floor(random() * 8), minute: random() < 0.5 ? 0 : 30 })
    .toJSDate();
}

/** Naver-style booking number: NB-<Seoul date>-<6 digits>; unique enough across runs against one business. */
export function newBookingId(now: Date = new Date()): string {
  const date = DateTime.fromJSDate(now, { zone: NAVER_TIME_ZONE }).toFormat('yyyyMMdd');
  return `NB-${date}-${String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

export function newEventId(): string {
  return `evt_${crypto.randomBytes(8).toString('hex').toUpperCase()}`;
}

/** "11월 24일(화) 10:00" in Seoul time, as Naver writes it in its messages. */
export function koreanDateTime(iso: string): string {
  return DateTime.fromISO(iso, { zone: NAVER_TIME_ZONE }).setLocale('ko').toFormat('M월 d일(ccc) HH:mm');
}

/** Parses "NAVER-P-100:approval,NAVER-P-200:instant" (names come from the product side's linked departments). */
export function parseProductModes(text: string): { productId: string; mode: ConfirmationMode }[] {
  const entries = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const at = entry.lastIndexOf(':');
    const productId = at > 0 ? entry.slice(0, at).trim() : '';
    const mode = at > 0 ? entry.slice(at + 1).trim() : '';
    if (!productId || (mode !== 'instant' && mode !== 'approval')) {
      throw new Error(`상품 형식이 올바르지 않습니다: "${entry}" (예: NAVER-P-100:approval,NAVER-P-200:instant)`);
    }
    return { productId, mode };
  });
}

/** Seeded shuffle (mulberry32) so a reordered burst can be replayed; unseeded uses Math.random. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: Random = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
