import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  YEYAK_DATA_DIR: z.string().default('./data'),
  YEYAK_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  YEYAK_WORKERS: z.enum(['true', 'false']).default('true'),
  YEYAK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  YEYAK_TRUST_PROXY: z.string().default(''),
});

/**
 * SEC-2: whose word the server takes for the client's address. Off, the
 * address is the TCP peer's and X-Forwarded-For is ignored; a hop count N
 * trusts the last N proxies in front of the server; a list trusts exactly
 * those proxy addresses (CIDR ranges, or proxy-addr's names loopback,
 * linklocal, uniquelocal). "Trust everyone" is not offered: any client could
 * then pick its own address and walk around every limit.
 */
export type TrustProxy = false | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export function parseTrustProxy(value: string): TrustProxy {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false' || v === 'off' || v === 'no' || v === '0') return false;
  if (/^[0-9]+$/.test(v)) return Number(v);
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const okAddress = PROXY_NAMES.has(entry.toLowerCase()) || (address !== undefined && net.isIP(address) !== 0);
    const okBits = bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= (net.isIPv6(address ?? '') ? 128 : 32));
    if (!okAddress || !okBits || extra !== undefined) {
      throw new Error(`YEYAK_TRUST_PROXY 값 "${entry}" 을(를) 알 수 없습니다. 끄려면 비워 두고, 프록시 수(예: 1)나 프록시 주소 목록(예: 10.0.0.1,10.0.0.0/8,loopback)을 쓰세요.`);
    }
  }
  return entries.map((e) => (PROXY_NAMES.has(e.toLowerCase()) ? e.toLowerCase() : e));
}

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secureCookies: boolean;
  logLevel: string;
  /** Whether `start` also runs the background workers (off for API-only processes next to `worker` ones). */
  runWorkers: boolean;
  trustProxy: TrustProxy;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`환경 변수가 올바르지 않습니다:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.YEYAK_DATA_DIR),
    secureCookies: e.YEYAK_SECURE_COOKIES === 'true',
    logLevel: e.YEYAK_LOG_LEVEL,
    runWorkers: e.YEYAK_WORKERS === 'true',
    trustProxy: parseTrustProxy(e.YEYAK_TRUST_PROXY),
  };
}
