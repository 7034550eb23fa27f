import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../platform/config.ts';
import { DataDirLockedError, lockDataDir, openDatabase } from '../../platform/db/database.ts';
import { restoreBackup, restoreTargetProblem } from './backup.ts';
import { NoControlServerError, requestBackup, type BackupReply } from './control.ts';
import { BackupService } from './backup-service.ts';
import { formatBytes } from './domain/format-bytes.ts';

const POSTGRES_NOTE =
  'DATABASE_URL(PostgreSQL)을 쓰는 설치는 이 명령 대신 pg_dump 와 WAL 보관(시점 복구)으로 백업합니다. docs/operations.md 를 보세요.';

const BACKUP_USAGE = `사용법: npm run backup -- [--out <파일.tar.gz>] [--data-dir <폴더>]
  실행 중인 yeyak 이 있으면 그 프로세스가, 없으면 이 명령이 데이터 폴더를 직접 열어 내장 데이터베이스를 백업합니다.
  기본 저장 위치: <데이터 폴더>/backups/yeyak-manual-<날짜>-<시각>.tar.gz`;

const RESTORE_USAGE = `사용법: npm run restore -- <백업 파일> [--data-dir <빈 폴더>]
  백업을 비어 있는 데이터 폴더(--data-dir 또는 YEYAK_DATA_DIR)에 복원합니다. 그다음 그 폴더로 npm start 하세요.`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function printBackup(file: string, sizeBytes: number, how: string) {
  console.log(`백업을 만들었습니다 (${how}).\n  파일: ${file}\n  크기: ${formatBytes(sizeBytes)}`);
}

function printFailure(reply: BackupReply) {
  console.error(`백업하지 못했습니다: ${reply.error ?? '알 수 없는 오류'}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** npm run backup: through the running product's control socket, or by opening the data directory when nothing runs. */
export async function backupCommand(argv: string[]): Promise<number> {
  let values: { out?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { out: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${BACKUP_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(BACKUP_USAGE);
    return 0;
  }
  const config = loadConfig();
  if (config.databaseUrl && !values['data-dir']) {
    console.error(POSTGRES_NOTE);
    return 2;
  }
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : config.dataDir;
  // Relative to where the command runs, not to the product's working directory.
  const out = values.out ? path.resolve(values.out) : undefined;

  const viaProduct = async (): Promise<number | null> => {
    try {
      const reply = await requestBackup(dataDir, out);
      if (!reply.ok) {
        printFailure(reply);
        return 1;
      }
      printBackup(reply.file!, reply.sizeBytes!, '실행 중인 yeyak 이 만들었습니다');
      return 0;
    } catch (error) {
      if (error instanceof NoControlServerError) return null;
      throw error;
    }
  };

  const answered = await viaProduct();
  if (answered !== null) return answered;

  if (!fs.existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION'))) {
    console.error(`백업할 데이터베이스가 없습니다: ${dataDir} 에 내장 데이터베이스(pgdata)가 없습니다. YEYAK_DATA_DIR 또는 --data-dir 를 확인하세요.`);
    return 1;
  }
  let release: () => void;
  try {
    release = lockDataDir(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    // The owner is still starting (its socket is not listening yet): ask it again for a while.
    for (let i = 0; i < 60; i++) {
      await sleep(500);
      const later = await viaProduct();
      if (later !== null) return later;
    }
    console.error(`${error.message}\n그 프로세스가 백업 요청에 답하지 않습니다 (${path.join(dataDir, 'yeyak.sock')}).`);
    return 1;
  }
  try {
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const result = await new BackupService(database, dataDir).run('manual', out);
      printBackup(result.file, result.sizeBytes, '실행 중인 yeyak 이 없어 데이터 폴더를 직접 열었습니다');
      return 0;
    } catch (error) {
      printFailure({ ok: false, error: error instanceof Error ? error.message : String(error) });
      return 1;
    } finally {
      await database.close();
    }
  } finally {
    release();
  }
}

/** npm run restore -- <file>: into an empty data directory only. */
export async function restoreCommand(argv: string[]): Promise<number> {
  let values: { 'data-dir'?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${RESTORE_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(RESTORE_USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`복원할 백업 파일을 하나 지정하세요.\n${RESTORE_USAGE}`);
    return 2;
  }
  const file = path.resolve(positionals[0]!);
  const config = loadConfig();
  if (config.databaseUrl && !values['data-dir']) {
    console.error(`이 복원은 내장 데이터베이스용입니다. ${POSTGRES_NOTE} 내장 데이터베이스로 복원하려면 --data-dir 를 지정하세요.`);
    return 2;
  }
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : config.dataDir;
  if (!fs.existsSync(file)) {
    console.error(`백업 파일이 없습니다: ${file}`);
    return 1;
  }
  const problem = restoreTargetProblem(dataDir, isAlive);
  if (problem) {
    console.error(`복원하지 않았습니다: ${problem}`);
    return 1;
  }
  let release: () => void;
  try {
    release = lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(`복원하지 않았습니다: ${error.message}`);
      return 1;
    }
    throw error;
  }
  try {
    const result = await restoreBackup({ file, dataDir });
    console.log(
      [
        `복원했습니다: ${file}`,
        `  데이터 폴더: ${dataDir}`,
        `  백업 시각: ${new Date(result.manifest.createdAt).toLocaleString('ko-KR', { timeZone: 'Asia/Seoul' })} (한국 시간)`,
        `  업체 ${result.businesses}곳, 고객 ${result.customers}명, 일정 ${result.schedules}건, 이미지 ${result.images}개`,
        `  이제 YEYAK_DATA_DIR=${dataDir} npm start 로 시작하세요.`,
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    console.error(`복원하지 못했습니다: ${error instanceof Error ? error.message : String(error)}\n데이터 폴더에 쓴 것은 지웠습니다.`);
    return 1;
  } finally {
    release();
  }
}
