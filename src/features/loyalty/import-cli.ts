import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError } from '../../platform/errors/registry.ts';
import { describeRejected, readImportFile, type ImportFile } from './domain/import-file.ts';
import * as businesses from './repository/businesses.ts';
import { createImport } from './use-cases/create-import.ts';
import type { ImportProgress } from './use-cases/run-import.ts';
import { runStoredImport } from './use-cases/run-stored-import.ts';

/**
 * `node src/main.ts import-customers <file.csv> [--business <id>]` (MSG-1):
 * the same import as the API, stored the same way but run in this process
 * (no worker needed), with a progress bar on a terminal and plain lines
 * otherwise, then the rejected rows. Exit code 0 when the import was
 * written (rejected rows included), 1 when nothing was.
 */

class UsageError extends Error {}

const DEMO_EMAIL = 'admin@demo.yeyak.kr';

const IMPORT_USAGE = '사용법: node src/main.ts import-customers <파일.csv> [--business <업체 ID>]';

/** The business to import into: the one given, else the only one, else the demo, else the first created. */
async function chooseBusiness(db: Kysely<DB>, given: string | undefined): Promise<{ id: string; name: string }> {
  if (given) {
    const row = /^[0-9a-f-]{36}$/i.test(given) ? await businesses.findBusiness(db, given) : undefined;
    if (!row) throw new UsageError(`업체를 찾을 수 없습니다: ${given}`);
    return row;
  }
  const all = await businesses.listBusinesses(db);
  if (all.length === 0) throw new UsageError('업체가 없습니다. 먼저 가입하거나 `node src/main.ts seed`로 데모 업체를 만들어 주세요.');
  if (all.length === 1) return all[0]!;
  const demo = await businesses.findBusinessIdByUserEmail(db, DEMO_EMAIL);
  return all.find((b) => b.id === demo) ?? all[0]!;
}

function bar(p: ImportProgress, width = 30): string {
  const ratio = p.total === 0 ? 1 : Math.min(1, p.processed / p.total);
  const filled = Math.round(ratio * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}% ${p.processed}/${p.total}행`;
}

export async function importCustomersCommand(
  db: Kysely<DB>,
  args: string[],
  out: { stdout: NodeJS.WriteStream | NodeJS.WritableStream; stderr?: NodeJS.WritableStream; isTTY?: boolean } = { stdout: process.stdout },
): Promise<number> {
  const write = (text: string) => out.stdout.write(text);
  const fail = (text: string, code = 1) => {
    (out.stderr ?? process.stderr).write(`${text}\n`);
    return code;
  };
  let file: string | undefined;
  let business: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--business') business = args[++i];
    else if (args[i]!.startsWith('--business=')) business = args[i]!.slice('--business='.length);
    else if (!file) file = args[i];
  }
  if (!file) return fail(IMPORT_USAGE, 2);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return fail(`파일을 읽을 수 없습니다: ${file}`);
  }
  let target: { id: string; name: string };
  let parsed: ImportFile;
  try {
    target = await chooseBusiness(db, business);
    parsed = readImportFile(bytes);
  } catch (error) {
    if (error instanceof AppError || error instanceof UsageError) return fail(error.message);
    throw error;
  }
  write(`${target.name} (${target.id}) 에 고객을 가져옵니다: ${file} (${parsed.encoding.toUpperCase()}, ${parsed.records.length}행)\n`);

  const tty = out.isTTY ?? Boolean((out.stdout as NodeJS.WriteStream).isTTY);
  let lastPlainStep = -1;
  const started = Date.now();
  const importId = await createImport(db, target.id, bytes, parsed);
  const final = await runStoredImport(db, target.id, importId, {
    onProgress: (p) => {
      if (p.status !== 'running') return;
      if (tty) {
        write(`\r${bar(p)}`);
        return;
      }
      // Plain output: a line at every tenth of the way.
      const step = p.total === 0 ? 10 : Math.floor((p.processed / p.total) * 10);
      if (step !== lastPlainStep) {
        lastPlainStep = step;
        write(`진행: ${p.processed}/${p.total}행 (${Math.floor((p.total === 0 ? 1 : p.processed / p.total) * 100)}%)\n`);
      }
    },
  });
  if (!final) return fail('가져오기를 시작하지 못했습니다.');
  if (tty) write(`\r${bar(final)}\n`);
  const seconds = (Date.now() - started) / 1000;

  if (final.status === 'failed') return fail(final.error ?? '가져오기에 실패했습니다.');
  write(`완료: 추가 ${final.inserted}명, 수정 ${final.updated}명, 제외 ${final.rejected.length}행, 중복으로 합친 행 ${final.duplicates.length}개 (${seconds.toFixed(1)}초)\n`);
  if (final.duplicates.length > 0) {
    write('같은 이름·전화번호가 다시 나와 뒤의 행으로 합친 행:\n');
    for (const d of final.duplicates) write(`  ${d.line}행 → ${d.keptLine}행\n`);
  }
  if (final.rejected.length > 0) {
    write('제외된 행:\n');
    for (const r of final.rejected) write(`  ${describeRejected(r)}\n`);
  }
  return 0;
}
