import { notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { requireTimeSlot } from '../domain/edit-rules.ts';
import * as repo from '../repository/products.ts';
import { editProduct, type Db } from './edit.ts';

/** Refused while a live booking holds a future slot of the period (checked by editProduct for every 시간예약형 edit). */
export async function deleteOperatingPeriod(db: Db, actor: Actor, productId: string, periodId: string): Promise<void> {
  await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    requireTimeSlot(loaded.product);
    (await repo.deleteOperatingPeriod(trx, actor.businessId, productId, periodId)) ?? notFound('OPERATING_PERIOD_NOT_FOUND');
  });
}
