import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { settingsRepository as settingsRepo } from '../../settings/index.ts';
import { naverAvailableFor } from '../domain/connection.ts';
import * as connections from '../repository/connections.ts';
import { loadConnectionView } from './present.ts';

/**
 * NAVER-2: links a Naver product to a department, creating the department
 * with the product's name when none is given. A product already linked, or
 * a department name taken, is refused by its unique index.
 */
export async function linkNaverProduct(db: Kysely<DB>, actor: Actor, input: { productId: string; departmentId?: string; name?: string }) {
  await db.transaction().execute(async (trx) => {
    // Ordered with turning 부서기능 off (naverBusinessChangeCheck) by the business row's lock.
    await settingsRepo.lockBusiness(trx, actor.businessId);
    const business = await connections.findBusinessForNaver(trx, actor.businessId);
    if (!business) throw new AppError('BUSINESS_NOT_FOUND');
    if (!naverAvailableFor(business.service_type)) throw new AppError('NAVER_SERVICE_TYPE_NOT_SUPPORTED');
    if (!business.departments_enabled) throw new AppError('DEPARTMENTS_DISABLED');
    let departmentId = input.departmentId;
    if (!departmentId) {
      if (!input.name) {
        const message = '부서를 고르거나 네이버 상품명을 입력해 주세요.';
        throw new AppError('VALIDATION_FAILED', { message, details: { fields: [{ path: 'name', message }] } });
      }
      departmentId = (await settingsRepo.insertDepartment(trx, { businessId: actor.businessId, name: input.name })).id;
    }
    const linked = await connections.setDepartmentProduct(trx, actor.businessId, departmentId, input.productId);
    if (!linked) throw new AppError('DEPARTMENT_NOT_FOUND');
  });
  return loadConnectionView(db, actor.businessId);
}
