import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import * as repo from './repository.ts';

export type SecretName = 'device-cookie';

const cache = new WeakMap<Kysely<DB>, Map<SecretName, Promise<Buffer>>>();

/**
 * A random secret of this installation, made once with Node's CSPRNG and
 * kept in the database, so every process of a PostgreSQL deployment signs
 * and checks with the same key, and no two installations share one (nothing
 * secret is bundled in the code).
 */
export function installationSecret(db: Kysely<DB>, name: SecretName): Promise<Buffer> {
  let byName = cache.get(db);
  if (!byName) {
    byName = new Map();
    cache.set(db, byName);
  }
  let secret = byName.get(name);
  if (!secret) {
    secret = (async () => {
      await repo.insertSecretIfMissing(db, name, crypto.randomBytes(32).toString('base64url'));
      const stored = await repo.findSecret(db, name);
      if (!stored) throw new Error(`installation secret ${name} missing after insert`);
      return Buffer.from(stored, 'base64url');
    })();
    secret.catch(() => byName.delete(name));
    byName.set(name, secret);
  }
  return secret;
}
