import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import { isValidTimeZone } from '../../../platform/time.ts';
import type { Actor } from '../../auth/index.ts';
import { runBusinessChangeChecks, type BusinessChangeConfirmations, type BusinessChanges } from '../business-change-checks.ts';
import { storedBusinessPhone } from '../domain/business.ts';
import * as repo from '../repository.ts';
import { presentBusiness } from './present.ts';

/** CORE-1, CORE-3: the business's name, phone, service type, time zone and "부서기능 사용". */
export async function updateBusiness(db: Kysely<DB>, actor: Actor, changes: BusinessChanges, confirm: BusinessChangeConfirmations = {}) {
  const phone = changes.phone === undefined ? undefined : storedBusinessPhone(changes.phone);
  if (changes.timeZone !== undefined && !isValidTimeZone(changes.timeZone)) throw new AppError('TIME_ZONE_INVALID');
  const row = await db.transaction().execute(async (trx) => {
    await repo.lockBusiness(trx, actor.businessId);
    const before = (await repo.findBusiness(trx, actor.businessId)) ?? notFound('BUSINESS_NOT_FOUND');
    await runBusinessChangeChecks(trx, { businessId: actor.businessId, before, changes, confirm });
    return repo.updateBusiness(trx, actor.businessId, { ...changes, phone });
  });
  return presentBusiness(row ?? notFound('BUSINESS_NOT_FOUND'));
}
