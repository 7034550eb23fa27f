import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError } from '../../platform/errors/registry.ts';
import { authorize } from '../auth/index.ts';
import { canSeeFullPhone } from '../customers/index.ts';
import type { PosCaller } from './domain/pos-caller.ts';
import { authenticatePosKey } from './use-cases/authenticate-pos-key.ts';

/**
 * Who calls a POS route (MSG-1): a bearer POS key, or else a session with
 * 고객 수정. The routes are public to the session hook (a POS has no
 * session) and authenticate here, before the body is validated. Every POS
 * route, whichever feature serves it, spreads `posRoute(db)` into its
 * options and names `POS_SECURITY` in its schema.
 */

export type { PosCaller };

/** The OpenAPI security of a POS route: the POS key scheme or the session. */
export const POS_SECURITY: { [scheme: string]: string[] }[] = [{ posKey: [] }, { session: [] }];

const posCallers = new WeakMap<FastifyRequest, PosCaller>();

export function posCallerOf(req: FastifyRequest): PosCaller {
  const caller = posCallers.get(req);
  if (!caller) throw new AppError('UNAUTHENTICATED');
  return caller;
}

export function posRoute(db: Kysely<DB>) {
  return {
    // A shop's POS records many visits from one address: only wrong keys are limited.
    config: { public: true, rateLimit: { perRequest: [], failures: 'credentialFailures' } } as const,
    preValidation: async (req: FastifyRequest) => {
      const header = req.headers.authorization;
      const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
      if (bearer) posCallers.set(req, await authenticatePosKey(db, bearer));
      else if (header) throw new AppError('POS_KEY_INVALID');
      else if (req.actor) {
        authorize(req.actor, 'customers.edit');
        posCallers.set(req, { businessId: req.actor.businessId, timeZone: req.actor.timeZone, canSeeFullPhone: canSeeFullPhone(req.actor), via: 'session' });
      } else throw new AppError('UNAUTHENTICATED', { message: 'POS 키(Authorization: Bearer …) 또는 로그인이 필요합니다.' });
    },
  };
}
