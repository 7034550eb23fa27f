import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BACKUP_KEPT_BY_LABELS, BACKUP_KIND_LABELS } from '../../shared/labels/settings.ts';
import { getBackupStatus } from './use-cases/get-backup-status.ts';

/** "auto: 자동, manual: 수동": what each value means, in the words the page shows. */
const meanings = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([value, label]) => `${value}: ${label}`)
    .join(', ');

const kind = z.enum(['auto', 'manual']).describe(meanings(BACKUP_KIND_LABELS));
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
  backups: z.array(
    z.object({ file: z.string(), kind, createdAt: z.string(), sizeBytes: z.number(), keptBy: z.array(z.enum(['daily', 'weekly']).describe(meanings(BACKUP_KEPT_BY_LABELS))) }),
  ),
});

/**
 * 설정 > 백업. Admins only: a backup holds every business of the
 * installation, so it is not a permission a group can be given.
 */
export default async function backupRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database, dataDir } = app.deps;

  r.get(
    '/api/settings/backups',
    {
      config: { permission: 'admin' },
      schema: { tags: ['settings'], summary: '백업 현황 (마지막 백업, 보관 중인 백업, 보관 규칙) — 관리자만', response: { 200: backupsReply } },
    },
    async () => getBackupStatus(database, dataDir),
  );
}
