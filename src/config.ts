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
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secureCookies: boolean;
  logLevel: string;
  /** Whether `start` also runs the background workers (off for API-only processes next to `worker` ones). */
  runWorkers: boolean;
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
  };
}
