import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { zoneOf } from '../domain/calendar.ts';
import { assertNotBelowTaken, requireScheduled, stockKeyOf, stockPool, type StockMode } from '../domain/edit-rules.ts';
import type { CatalogError } from '../domain/errors.ts';
import { quantityOnBookingSchedule } from '../domain/model.ts';
import { validateBookingScheduleOverlap } from '../domain/validation.ts';
import * as repo from '../repository/products.ts';
import { editProduct, productDetail, type Db } from './edit.ts';

/**
 * BOOK-4: every schedule × price pair, all or nothing. Each pair must share
 * at least one day of booking (the pure overlap rule) and must not exist yet.
 * The quantity goes to each new booking schedule (예약 스케줄별 / 가격별) or to
 * each session's or date's stock (날짜/시간별 / 날짜별).
 */
export async function addBookingSchedules(db: Db, actor: Actor, productId: string, input: { scheduleIds: string[]; priceIds: string[]; quantity?: number | null | undefined }) {
  const ids = await editProduct(db, actor, productId, async ({ trx, business, loaded, taken }) => {
    const product = requireScheduled(loaded.product);
    const zone = zoneOf(business.time_zone);
    const scheduleIds = [...new Set(input.scheduleIds)];
    const priceIds = [...new Set(input.priceIds)];
    const schedules = scheduleIds.map((id) => product.schedules.find((s) => s.id === id));
    const prices = priceIds.map((id) => product.prices.find((p) => p.id === id));
    const missingSchedule = scheduleIds.find((_, i) => !schedules[i]);
    const missingPrice = priceIds.find((_, i) => !prices[i]);
    if (missingSchedule || missingPrice) {
      throw new AppError('BOOKING_SCHEDULE_REFERENCE_INVALID', { details: { scheduleId: missingSchedule ?? null, priceId: missingPrice ?? null } });
    }
    const existing = new Set(product.bookingSchedules.map((b) => `${b.scheduleId}|${b.priceId}`));
    const pairs: { scheduleId: string; priceId: string }[] = [];
    const noOverlap: { scheduleId: string; priceId: string }[] = [];
    let firstNoOverlap: CatalogError | null = null;
    for (const schedule of schedules) {
      for (const price of prices) {
        if (existing.has(`${schedule!.id}|${price!.id}`)) {
          throw new AppError('BOOKING_SCHEDULE_DUPLICATE', { details: { scheduleId: schedule!.id, priceId: price!.id } });
        }
        const overlap = validateBookingScheduleOverlap(schedule!, price!, zone);
        if (overlap) {
          firstNoOverlap ??= overlap;
          noOverlap.push({ scheduleId: schedule!.id, priceId: price!.id });
        }
        pairs.push({ scheduleId: schedule!.id, priceId: price!.id });
      }
    }
    if (firstNoOverlap) throw new AppError('BOOKING_SCHEDULE_NO_OVERLAP', { message: firstNoOverlap.message, details: { ...firstNoOverlap.details, pairs: noOverlap } });

    const mode = product.inventory.mode;
    const quantity = input.quantity ?? null;
    let own: number | null = null;
    if (quantityOnBookingSchedule(mode)) {
      if (quantity === null) throw new AppError('INVENTORY_QUANTITY_MISSING', { message: '예약 스케줄별 예약가능 수량을 입력해 주세요.', details: { path: 'quantity' } });
      own = quantity;
    } else if (quantity !== null) {
      if (mode === 'per_period') {
        throw new AppError('INVENTORY_QUANTITY_NOT_IN_MODE', { message: '기간 내 수량 관리에서는 상품의 기간 내 수량을 바꿔 주세요.', details: { path: 'quantity', mode } });
      }
      const stockMode = mode as StockMode;
      const keys = [...new Set(schedules.map((s) => stockKeyOf(s!.usage, stockMode)))];
      for (const key of keys) assertNotBelowTaken(stockPool(productId, stockMode, key), quantity, taken);
      await repo.upsertStock(trx, actor.businessId, productId, keys.map((key) => ({ key, quantity })));
    }
    // A pair that another edit created meanwhile breaks the unique key: BOOKING_SCHEDULE_DUPLICATE (constraints.ts).
    const rows = await repo.insertBookingSchedules(trx, actor.businessId, productId, pairs.map((p) => ({ ...p, quantity: own })));
    return rows.map((r) => r.id);
  });
  const fresh = await productDetail(db, actor.businessId, productId);
  const created = new Set(ids);
  return { items: fresh.bookingSchedules.filter((b) => created.has(b.id)) };
}
