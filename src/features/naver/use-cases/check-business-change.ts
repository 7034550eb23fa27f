import { AppError } from '../../../platform/errors/registry.ts';
import type { BusinessChangeCheck } from '../../settings/index.ts';
import { naverAvailableFor } from '../domain/connection.ts';
import * as connections from '../repository/connections.ts';

/**
 * NAVER-1, NAVER-2 kept true after they were checked: a business connected
 * to Naver cannot become a service type without Naver, and cannot turn its
 * departments off while Naver products are linked to them, unless the admin
 * confirms turning the connection off / unlinking the products, which then
 * happens in the same transaction (run by the settings feature's business change).
 */
export const naverBusinessChangeCheck: BusinessChangeCheck = async (trx, { businessId, before, changes, confirm }) => {
  if (changes.serviceType !== undefined && !naverAvailableFor(changes.serviceType)) {
    const connection = await connections.findConnection(trx, businessId);
    if (connection?.enabled) {
      if (!confirm.disconnectNaver) throw new AppError('NAVER_CONNECTED_SERVICE_TYPE');
      await connections.upsertConnection(trx, { businessId, enabled: false, secret: connection.secret, outboundUrl: connection.outbound_url, memoTypeId: connection.memo_type_id });
    }
  }
  if (changes.departmentsEnabled === false && before.departments_enabled) {
    const linked = await connections.listLinkedProducts(trx, businessId);
    if (linked.length > 0) {
      if (!confirm.unlinkNaverProducts) {
        const names = linked.map((d) => d.name).join(', ');
        throw new AppError('DEPARTMENTS_LINKED_TO_NAVER', {
          message: `네이버 상품과 연동된 부서(${names})가 있어 부서기능을 끌 수 없습니다. 설정 > 네이버예약 연동에서 상품 연동을 해제하거나, 연동을 해제하고 끄기로 다시 확인해 주세요.`,
          details: { departments: linked.map((d) => ({ id: d.id, name: d.name, naverProductId: d.naver_product_id })) },
        });
      }
      for (const d of linked) await connections.clearProductLink(trx, businessId, d.naver_product_id!);
    }
  }
};
