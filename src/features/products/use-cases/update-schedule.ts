import { notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { assertUsageKind, bookingSchedulesOf, requireScheduled } from '../domain/edit-rules.ts';
import * as repo from '../repository/products.ts';
import type { ScheduleInput } from './add-schedule.ts';
import { assertNotBooked, editProduct, itemOf, nothingAsked, productDetail, scheduleColumns, type Db } from './edit.ts';
import { presentUsage } from './present.ts';

/** BOOK-4: an 일정's usage or booking window; the usage of a booked 일정 stays. */
export async function updateSchedule(db: Db, actor: Actor, productId: string, scheduleId: string, input: Partial<ScheduleInput>) {
  if (nothingAsked(input)) return itemOf(await productDetail(db, actor.businessId, productId), 'schedules', scheduleId);
  await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    const product = requireScheduled(loaded.product);
    const current = product.schedules.find((s) => s.id === scheduleId) ?? notFound('PRODUCT_SCHEDULE_NOT_FOUND');
    const changes: Partial<repo.ScheduleValues> = {};
    if (input.usage !== undefined) {
      assertUsageKind(product, input.usage);
      if (JSON.stringify(input.usage) !== JSON.stringify(presentUsage(current.usage))) {
        await assertNotBooked(
          trx,
          actor.businessId,
          bookingSchedulesOf(product, { scheduleId }).map((b) => b.id),
          '예약이 있는 일정의 이용 일시는 바꿀 수 없습니다. 새 일정을 만들고 이 일정의 수량을 0으로 바꿔 주세요.',
        );
      }
      Object.assign(changes, scheduleColumns(input.usage));
    }
    if (input.bookingOpensAt !== undefined) changes.booking_opens_at = new Date(input.bookingOpensAt);
    if (input.bookingClosesAt !== undefined) changes.booking_closes_at = new Date(input.bookingClosesAt);
    if (Object.keys(changes).length > 0) await repo.updateSchedule(trx, actor.businessId, productId, scheduleId, changes);
  });
  return itemOf(await productDetail(db, actor.businessId, productId), 'schedules', scheduleId);
}
