import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { settingsRepository as settingsRepo } from '../../settings/index.ts';
import { naverAvailableFor } from '../domain/connection.ts';
import * as connections from '../repository/connections.ts';
import { loadConnectionView } from './present.ts';

function newSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** NAVER-1: turns the connection on or off, sets where commands go, and issues (or rotates) the shared secret. */
export async function saveNaverConnection(db: Kysely<DB>, actor: Actor, input: { enabled: boolean; outboundUrl: string | null; rotateSecret?: boolean }) {
  await db.transaction().execute(async (trx) => {
    // The business row's lock orders this with a service type change (naverBusinessChangeCheck).
    await settingsRepo.lockBusiness(trx, actor.businessId);
    const business = await connections.findBusinessForNaver(trx, actor.businessId);
    if (!business) throw new AppError('BUSINESS_NOT_FOUND');
    if (input.enabled && !naverAvailableFor(business.service_type)) throw new AppError('NAVER_SERVICE_TYPE_NOT_SUPPORTED');
    const existing = await connections.findConnection(trx, actor.businessId);
    await connections.upsertConnection(trx, {
      businessId: actor.businessId,
      enabled: input.enabled,
      secret: !existing || input.rotateSecret ? newSecret() : existing.secret,
      outboundUrl: input.outboundUrl,
      memoTypeId: existing?.memo_type_id ?? null,
    });
  });
  return loadConnectionView(db, actor.businessId);
}
