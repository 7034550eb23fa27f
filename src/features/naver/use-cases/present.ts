import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { naverAvailableFor, webhookPath } from '../domain/connection.ts';
import * as connections from '../repository/connections.ts';
import * as outbox from '../repository/outbox.ts';

/** The connection settings page (설정 > 네이버예약 연동): what every connection use case answers. */
export async function loadConnectionView(db: Kysely<DB>, businessId: string) {
  const [business, connection, products] = await Promise.all([
    connections.findBusinessForNaver(db, businessId),
    connections.findConnection(db, businessId),
    connections.listLinkedProducts(db, businessId),
  ]);
  if (!business) throw new AppError('BUSINESS_NOT_FOUND');
  return {
    available: naverAvailableFor(business.service_type),
    departmentsEnabled: business.departments_enabled,
    enabled: connection?.enabled ?? false,
    secret: connection?.secret ?? null,
    outboundUrl: connection?.outbound_url ?? null,
    memoTypeId: connection?.memo_type_id ?? null,
    webhookPath: webhookPath(businessId),
    products: products.map((p) => ({ productId: p.naver_product_id!, departmentId: p.id, departmentName: p.name })),
  };
}

/** A schedule's commands to Naver, in the order they go out, with their sending state (NAVER-9). */
export async function loadScheduleCommands(db: Kysely<DB>, businessId: string, scheduleId: string) {
  const rows = await outbox.listForSchedule(db, businessId, scheduleId);
  return rows.map((r) => ({
    id: r.id,
    command: r.command,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at ? r.sent_at.toISOString() : null,
  }));
}
