import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, ServiceType } from '../../platform/db/types.ts';
import { AppError, uniqueViolation } from '../../platform/errors/registry.ts';
import type { Actor } from '../auth/index.ts';
import { schedulesRepository as schedulesRepo } from '../schedules/index.ts';
import type { BusinessChangeCheck } from '../settings/index.ts';
import { settingsRepository as settingsRepo } from '../settings/index.ts';
import * as repo from './repository.ts';

/** NAVER-1: only these service types can connect Naver Booking (seed 000). */
export const NAVER_SERVICE_TYPES: readonly ServiceType[] = ['clinic', 'beauty'];

export function naverAvailableFor(serviceType: ServiceType): boolean {
  return NAVER_SERVICE_TYPES.includes(serviceType);
}

export function webhookPath(businessId: string): string {
  return `/api/channels/naver/${businessId}/events`;
}

function newSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export async function getConnection(db: Kysely<DB>, actor: Actor) {
  const [business, connection, products] = await Promise.all([
    repo.findBusinessForNaver(db, actor.businessId),
    repo.findConnection(db, actor.businessId),
    repo.listLinkedProducts(db, actor.businessId),
  ]);
  if (!business) throw new AppError('BUSINESS_NOT_FOUND');
  return {
    available: naverAvailableFor(business.service_type),
    departmentsEnabled: business.departments_enabled,
    enabled: connection?.enabled ?? false,
    secret: connection?.secret ?? null,
    outboundUrl: connection?.outbound_url ?? null,
    memoTypeId: connection?.memo_type_id ?? null,
    webhookPath: webhookPath(actor.businessId),
    products: products.map((p) => ({ productId: p.naver_product_id!, departmentId: p.id, departmentName: p.name })),
  };
}

export async function saveConnection(db: Kysely<DB>, actor: Actor, input: { enabled: boolean; outboundUrl: string | null; rotateSecret?: boolean }) {
  await db.transaction().execute(async (trx) => {
    // The business row's lock orders this with a service type change (naverBusinessChangeCheck).
    await settingsRepo.lockBusiness(trx, actor.businessId);
    const business = await repo.findBusinessForNaver(trx, actor.businessId);
    if (!business) throw new AppError('BUSINESS_NOT_FOUND');
    if (input.enabled && !naverAvailableFor(business.service_type)) throw new AppError('NAVER_SERVICE_TYPE_NOT_SUPPORTED');
    const existing = await repo.findConnection(trx, actor.businessId);
    await repo.upsertConnection(trx, {
      businessId: actor.businessId,
      enabled: input.enabled,
      secret: !existing || input.rotateSecret ? newSecret() : existing.secret,
      outboundUrl: input.outboundUrl,
      memoTypeId: existing?.memo_type_id ?? null,
    });
  });
  return getConnection(db, actor);
}

/** NAVER-2: link a Naver product to a department, creating the department with the product's name when none is given. */
export async function linkProduct(db: Kysely<DB>, actor: Actor, input: { productId: string; departmentId?: string; name?: string }) {
  try {
    await db.transaction().execute(async (trx) => {
      // Ordered with turning 부서기능 off (naverBusinessChangeCheck) by the business row's lock.
      await settingsRepo.lockBusiness(trx, actor.businessId);
      const business = await repo.findBusinessForNaver(trx, actor.businessId);
      if (!business) throw new AppError('BUSINESS_NOT_FOUND');
      if (!naverAvailableFor(business.service_type)) throw new AppError('NAVER_SERVICE_TYPE_NOT_SUPPORTED');
      if (!business.departments_enabled) throw new AppError('DEPARTMENTS_DISABLED');
      let departmentId = input.departmentId;
      if (!departmentId) {
        if (!input.name) throw new AppError('VALIDATION_FAILED', { message: '부서를 고르거나 네이버 상품명을 입력해 주세요.' });
        departmentId = (await settingsRepo.insertDepartment(trx, { businessId: actor.businessId, name: input.name })).id;
      }
      const linked = await repo.setDepartmentProduct(trx, actor.businessId, departmentId, input.productId);
      if (!linked) throw new AppError('DEPARTMENT_NOT_FOUND');
    });
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === 'departments_naver_product_key') throw new AppError('NAVER_PRODUCT_ALREADY_LINKED');
    if (constraint === 'departments_name_key') throw new AppError('DEPARTMENT_NAME_TAKEN');
    throw error;
  }
  return getConnection(db, actor);
}

/**
 * NAVER-1, NAVER-2 kept true after they were checked: a business connected
 * to Naver cannot become a service type without Naver, and cannot turn its
 * departments off while Naver products are linked to them, unless the admin
 * confirms turning the connection off / unlinking the products, which then
 * happens in the same transaction.
 */
export const naverBusinessChangeCheck: BusinessChangeCheck = async (trx, { businessId, before, changes, confirm }) => {
  if (changes.serviceType !== undefined && !naverAvailableFor(changes.serviceType)) {
    const connection = await repo.findConnection(trx, businessId);
    if (connection?.enabled) {
      if (!confirm.disconnectNaver) throw new AppError('NAVER_CONNECTED_SERVICE_TYPE');
      await repo.upsertConnection(trx, { businessId, enabled: false, secret: connection.secret, outboundUrl: connection.outbound_url, memoTypeId: connection.memo_type_id });
    }
  }
  if (changes.departmentsEnabled === false && before.departments_enabled) {
    const linked = await repo.listLinkedProducts(trx, businessId);
    if (linked.length > 0) {
      if (!confirm.unlinkNaverProducts) {
        const names = linked.map((d) => d.name).join(', ');
        throw new AppError('DEPARTMENTS_LINKED_TO_NAVER', {
          message: `네이버 상품과 연동된 부서(${names})가 있어 부서기능을 끌 수 없습니다. 설정 > 네이버예약 연동에서 상품 연동을 해제하거나, 연동을 해제하고 끄기로 다시 확인해 주세요.`,
          details: { departments: linked.map((d) => ({ id: d.id, name: d.name, naverProductId: d.naver_product_id })) },
        });
      }
      for (const d of linked) await repo.clearProductLink(trx, businessId, d.naver_product_id!);
    }
  }
};

export async function unlinkProduct(db: Kysely<DB>, actor: Actor, productId: string) {
  const unlinked = await repo.clearProductLink(db, actor.businessId, productId);
  if (!unlinked) throw new AppError('NAVER_PRODUCT_NOT_FOUND');
  return getConnection(db, actor);
}

/** NAVER-3: the memo type that receives options and requests; only visible types, and only once a product is linked. */
export async function setMemoMapping(db: Kysely<DB>, actor: Actor, memoTypeId: string) {
  await db.transaction().execute(async (trx) => {
    const connection = await repo.findConnection(trx, actor.businessId);
    if (!connection) throw new AppError('NAVER_NOT_CONNECTED');
    if ((await repo.listLinkedProducts(trx, actor.businessId)).length === 0) throw new AppError('NAVER_NO_PRODUCT_LINKED');
    const memoType = await schedulesRepo.findMemoType(trx, actor.businessId, memoTypeId);
    if (!memoType) throw new AppError('MEMO_TYPE_NOT_FOUND');
    if (!memoType.visible) throw new AppError('MEMO_TYPE_HIDDEN');
    await repo.setConnectionMemoType(trx, actor.businessId, memoTypeId);
  });
  return getConnection(db, actor);
}
