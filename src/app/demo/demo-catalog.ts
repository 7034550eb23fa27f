import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import sharp from 'sharp';
import { loadConfig } from '../../platform/config.ts';
import type { DB } from '../../platform/db/types.ts';
import { settingsRepository as settingsRepo } from '../../features/settings/index.ts';
import { ImageStore, normaliseImage } from '../../features/places/index.ts';
import { dateTimeKey, type ServiceType } from '../../features/products/index.ts';
import { loadProduct } from '../../features/products/index.ts';
import { placesRepository as placesRepo } from '../../features/places/index.ts';
import { productsRepository as productsRepo } from '../../features/products/index.ts';
import { validateProduct } from '../../features/products/index.ts';

export interface DemoCatalog {
  businessId: string;
  placeId: string;
  imageIds: string[];
  consultationId: string;
  laserConsultationId: string;
  weekendClassId: string;
  /** PAY-1: paid at booking (the local Toss-compatible server). */
  tonerId: string;
}

const WEEKDAY_HOURS = [{ openMinute: 10 * 60, closeMinute: 18 * 60 }];
const SATURDAY_HOURS = [{ openMinute: 10 * 60, closeMinute: 14 * 60 }];
const CLINIC_WEEK = { 1: WEEKDAY_HOURS, 2: WEEKDAY_HOURS, 3: WEEKDAY_HOURS, 4: WEEKDAY_HOURS, 5: WEEKDAY_HOURS, 6: SATURDAY_HOURS, 7: [] };

/** A soft diagonal gradient (no text), so the demo place has pictures without shipping any. */
async function gradientPng(from: [number, number, number], to: [number, number, number]): Promise<Buffer> {
  const width = 960;
  const height = 640;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) pixels[i + c] = Math.round(from[c]! + (to[c]! - from[c]!) * t);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/**
 * The demo clinic's booking page (BOOK-1..6): one exposed place with two
 * images, two 시간예약형 consultations (instant and approval) and a 날짜/시간형
 * weekend class with two prices. Written through the catalog repositories
 * inside the demo's transaction, and checked with the catalog's own rules.
 */
export async function seedDemoCatalog(trx: Kysely<DB>, businessId: string, now: Date, options: { dataDir?: string } = {}): Promise<DemoCatalog> {
  const business = await settingsRepo.findBusiness(trx, businessId);
  if (!business) throw new Error('demo catalog: no business');
  const zone = business.time_zone;
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const date = (d: DateTime) => d.toISODate()!;

  const place = await placesRepo.insertPlace(trx, businessId, {
    name: '연세바른피부과 강남점',
    category: '피부과',
    address: '서울특별시 강남구 테헤란로 152, 5층',
    phone: '0225551234',
    operating_status: 'open',
    exposed: true,
    homepage: 'https://example.com/yonsei-bareun',
    introduction: '여드름·색소·리프팅까지, 피부과 전문의가 처음부터 끝까지 직접 상담하고 시술합니다.',
    booking_notes: '예약 시간 10분 전까지 도착해 주세요. 늦으시면 다음 예약 고객을 위해 진료가 짧아질 수 있습니다.',
    notices: '토요일은 14시까지 진료합니다. 일요일·공휴일 휴진.\n건물 지하 주차장 2시간 무료 (접수대에서 주차 등록).',
    amenities: ['주차', '무선 인터넷', '파우더룸', '휠체어 출입'],
    extra_services: ['카카오톡 예약 알림', '시술 후 관리 안내'],
    check_in_time: null,
    check_out_time: null,
    hotel_grade: null,
    sort_order: 0,
  });

  const store = new ImageStore(options.dataDir ?? loadConfig().dataDir);
  const imageIds: string[] = [];
  const palettes: [[number, number, number], [number, number, number]][] = [
    [[236, 244, 255], [120, 160, 235]],
    [[255, 243, 236], [240, 160, 130]],
  ];
  for (const [index, [from, to]] of palettes.entries()) {
    const image = await normaliseImage(await gradientPng(from, to));
    const id = crypto.randomUUID();
    const fileName = await store.saveOriginal(businessId, id, image);
    await placesRepo.insertImage(trx, {
      id,
      businessId,
      placeId: place.id,
      fileName,
      contentType: image.contentType,
      width: image.width,
      height: image.height,
      byteSize: image.bytes.length,
      sortOrder: index,
    });
    imageIds.push(id);
  }

  const common = { place_id: place.id, payment_mode: 'on_site' as const, exposed: true };
  const periodEnd = date(today.plus({ months: 3 }));

  const consultation = await productsRepo.insertProduct(trx, businessId, {
    ...common,
    name: '초진 피부 상담',
    description: '피부 상태를 진단하고 맞는 치료 계획을 세웁니다. 상담은 30분 정도 걸립니다.',
    booking_type: 'time_slot',
    confirmation_mode: 'instant',
    price_amount: 30000,
    slot_minutes: 30,
    capacity_per_slot: 2,
    horizon_months: 3,
    max_quantity_per_booking: 2,
    cancellation_policy: JSON.stringify([{ hoursBefore: 24, refundPercent: 100 }]),
    sort_order: 0,
  });
  await productsRepo.insertOperatingPeriod(trx, { businessId, productId: consultation.id, startsOn: date(today), endsOn: periodEnd, weeklyHours: CLINIC_WEEK, bookingOpensAt: null });

  const laser = await productsRepo.insertProduct(trx, businessId, {
    ...common,
    name: '레이저 토닝 상담',
    description: '기미·잡티 레이저 토닝 전 상담입니다. 예약을 확인한 뒤 확정 연락을 드립니다.',
    booking_type: 'time_slot',
    confirmation_mode: 'approval',
    price_amount: 20000,
    slot_minutes: 30,
    capacity_per_slot: 1,
    horizon_months: 3,
    max_quantity_per_booking: 1,
    cancellation_policy: JSON.stringify([{ hoursBefore: 24, refundPercent: 100 }, { hoursBefore: 3, refundPercent: 50 }]),
    sort_order: 1,
  });
  await productsRepo.insertOperatingPeriod(trx, { businessId, productId: laser.id, startsOn: date(today), endsOn: periodEnd, weeklyHours: CLINIC_WEEK, bookingOpensAt: null });

  const weekendClass = await productsRepo.insertProduct(trx, businessId, {
    ...common,
    name: '주말 피부관리 클래스',
    description: '집에서 하는 피부관리 방법을 배우는 소규모 클래스입니다. 토요일 오후 2시, 90분.',
    booking_type: 'date_time',
    confirmation_mode: 'instant',
    duration_minutes: 90,
    inventory_mode: 'per_date_time',
    max_quantity_per_booking: 4,
    cancellation_policy: JSON.stringify([{ hoursBefore: 48, refundPercent: 100 }, { hoursBefore: 24, refundPercent: 50 }]),
    sort_order: 2,
  });
  const firstSaturday = today.plus({ days: ((6 - today.weekday + 7) % 7) || 7 });
  const saturdays = [0, 1, 2, 3].map((w) => firstSaturday.plus({ weeks: w }));
  const scheduleIds: string[] = [];
  for (const saturday of saturdays) {
    const row = await productsRepo.insertSchedule(trx, businessId, weekendClass.id, {
      usage_date: date(saturday),
      usage_start_minute: 14 * 60,
      usage_from: null,
      usage_to: null,
      booking_opens_at: today.toJSDate(),
      booking_closes_at: saturday.set({ hour: 12 }).toJSDate(),
    });
    scheduleIds.push(row.id);
  }
  const bookableTo = date(saturdays[saturdays.length - 1]!);
  const single = await productsRepo.insertPrice(trx, businessId, weekendClass.id, { name: '1인', amount: 50000, bookable_from: date(today), bookable_to: bookableTo, max_quantity: null, sort_order: 0 });
  const pair = await productsRepo.insertPrice(trx, businessId, weekendClass.id, { name: '2인', amount: 90000, bookable_from: date(today), bookable_to: bookableTo, max_quantity: 8, sort_order: 1 });
  await productsRepo.insertBookingSchedules(
    trx,
    businessId,
    weekendClass.id,
    scheduleIds.flatMap((scheduleId) => [single.id, pair.id].map((priceId) => ({ scheduleId, priceId, quantity: null }))),
  );
  await productsRepo.upsertStock(trx, businessId, weekendClass.id, saturdays.map((s) => ({ key: dateTimeKey(date(s), 14 * 60), quantity: 6 })));

  for (const id of [consultation.id, laser.id, weekendClass.id]) {
    const loaded = (await loadProduct(trx, businessId, id))!;
    const errors = validateProduct(loaded.product, { serviceType: business.service_type as ServiceType, zone });
    if (errors.length > 0) throw new Error(`demo catalog: ${loaded.row.name}: ${errors.map((e) => e.message).join('; ')}`);
  }
  const toner = await productsRepo.insertProduct(trx, businessId, {
    ...common,
    payment_mode: 'prepaid',
    name: '레이저 토닝 1회 (예약 시 결제)',
    description: '기미·잡티 레이저 토닝 1회 시술입니다. 예약할 때 결제하고, 이틀 전까지 취소하면 전액, 하루 전까지는 절반을 돌려드립니다.',
    booking_type: 'time_slot',
    confirmation_mode: 'instant',
    price_amount: 55000,
    slot_minutes: 30,
    capacity_per_slot: 2,
    horizon_months: 3,
    max_quantity_per_booking: 2,
    cancellation_policy: JSON.stringify([{ hoursBefore: 48, refundPercent: 100 }, { hoursBefore: 24, refundPercent: 50 }]),
    sort_order: 3,
  });
  await productsRepo.insertOperatingPeriod(trx, { businessId, productId: toner.id, startsOn: date(today), endsOn: periodEnd, weeklyHours: CLINIC_WEEK, bookingOpensAt: null });

  return { businessId, placeId: place.id, imageIds, consultationId: consultation.id, laserConsultationId: laser.id, weekendClassId: weekendClass.id, tonerId: toner.id };
}
