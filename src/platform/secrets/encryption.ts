import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets a business gives us (its payment provider's secret key) are
 * stored encrypted at rest with AES-256-GCM under a key that is NOT in the
 * database, so a copy of the database alone (a dump, a backup, a leaked
 * replica) does not reveal them:
 * - YEYAK_SECRET_KEY (32 bytes as base64 or 64 hex digits) when set: every
 *   process of a PostgreSQL deployment must be given the same one;
 * - otherwise `<YEYAK_DATA_DIR>/secret.key`, made on first use with mode 0600.
 * Ciphertext: `v1.<iv>.<tag>.<data>` (base64url), with the purpose bound as
 * associated data, so a value stored for one purpose cannot be replayed as another.
 */

const VERSION = 'v1';

function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error('YEYAK_SECRET_KEY 는 32바이트 키(base64 또는 16진수 64자리)여야 합니다.');
  return key;
}

let cached: { source: string; key: Buffer } | null = null;

/** The key of this installation (env, or the key file under the data directory, made when missing). */
export function encryptionKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.YEYAK_SECRET_KEY;
  const file = path.join(path.resolve(env.YEYAK_DATA_DIR ?? './data'), 'secret.key');
  const source = fromEnv ? `env:${fromEnv}` : `file:${file}`;
  if (cached?.source === source) return cached.key;
  let key: Buffer;
  if (fromEnv) {
    key = parseKey(fromEnv);
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    key = parseKey(fs.readFileSync(file, 'utf8'));
  }
  cached = { source, key };
  return key;
}

export function encryptSecret(plain: string, purpose: string, key: Buffer = encryptionKey()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

/** Null when the value cannot be decrypted with this key (another installation's key, a tampered value). */
export function decryptSecret(stored: string, purpose: string, key: Buffer = encryptionKey()): string | null {
  const [version, iv, tag, data] = stored.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
