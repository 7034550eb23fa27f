import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/registry.ts';
import { actorOf } from '../auth/index.ts';
import { backupsDir } from './backup.ts';
import { latestRun, type BackupRun } from './repository.ts';
import { BACKUP_TIME_ZONE, KEEP_DAILY, KEEP_WEEKLY, backupsToKeep } from './rotation.ts';
import { listBackups } from './service.ts';

const kind = z.enum(['auto', 'manual']);
const runReply = z.object({
  kind,
  startedAt: z.string(),
  finishedAt: z.string(),
  ok: z.boolean(),
  file: z.string().nullable().describe('백업 파일의 전체 경로'),
  sizeBytes: z.number().nullable(),
  error: z.string().nullable().describe('실패 이유 (한국어)'),
});
const backupsReply = z.object({
  engine: z.enum(['pglite', 'postgres']),
  automatic: z.boolean().describe('이 설치에서 매일 자동 백업을 하는지 (내장 데이터베이스만)'),
  directory: z.string().nullable().describe('백업 폴더 (내장 데이터베이스만)'),
  rule: z.object({ daily: z.number(), weekly: z.number(), timeZone: z.string() }),
  lastRun: runReply.nullable(),
  lastSuccess: runReply.nullable(),
  backups: z.array(z.object({ file: z.string(), kind, createdAt: z.string(), sizeBytes: z.number(), keptBy: z.array(z.enum(['daily', 'weekly'])) })),
});

const present = (run: BackupRun | null) =>
  run && { ...run, startedAt: run.startedAt.toISOString(), finishedAt: run.finishedAt.toISOString() };

/**
 * 설정 > 백업: what the automatic backup did and what is kept. Admins only:
 * a backup holds every business of the installation, so it is not a
 * permission a group can be given.
 */
export default async function backupRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database, dataDir } = app.deps;

  r.get(
    '/api/settings/backups',
    {
      preValidation: async (req: FastifyRequest) => {
        if (actorOf(req).role !== 'admin') throw new AppError('FORBIDDEN');
      },
      schema: { tags: ['settings'], summary: '백업 현황 (마지막 백업, 보관 중인 백업, 보관 규칙) — 관리자만', response: { 200: backupsReply } },
    },
    async () => {
      const rule = { daily: KEEP_DAILY, weekly: KEEP_WEEKLY, timeZone: BACKUP_TIME_ZONE };
      if (database.kind === 'postgres') {
        // PostgreSQL is backed up by pg_dump / WAL archiving outside the product (docs/operations.md).
        return { engine: 'postgres' as const, automatic: false, directory: null, rule, lastRun: null, lastSuccess: null, backups: [] };
      }
      const files = listBackups(dataDir);
      const kept = backupsToKeep(files);
      const [lastRun, lastSuccess] = await Promise.all([latestRun(database.db), latestRun(database.db, { ok: true })]);
      return {
        engine: 'pglite' as const,
        automatic: true,
        directory: backupsDir(dataDir),
        rule,
        lastRun: present(lastRun),
        lastSuccess: present(lastSuccess),
        backups: files.map((f) => ({ file: f.name, kind: f.kind, createdAt: f.createdAt.toISOString(), sizeBytes: f.sizeBytes, keptBy: kept.get(f.name) ?? [] })),
      };
    },
  );
}
