import fs from 'node:fs';
import path from 'node:path';
import type { IdempotencyEntry } from './idempotency.ts';
import type { StoredPayment } from './records.ts';

/**
 * The optional data file (LocalTossOptions.dataFile): the server's whole
 * state as one JSON document, rewritten (write and rename) after every
 * change and read back at start, so a restart keeps payments, approval
 * counts, idempotent answers and merchants added at run time.
 */

export interface DataFileContent {
  version: 1;
  merchants: { clientKey: string; secretKey: string }[];
  payments: StoredPayment[];
  approvals: [string, number][];
  idempotency: IdempotencyEntry[];
}

export function readDataFile(file: string): DataFileContent | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
  const data = JSON.parse(text) as DataFileContent;
  if (data?.version !== 1 || !Array.isArray(data.payments)) throw new Error(`로컬 토스: 읽을 수 없는 데이터 파일입니다: ${file}`);
  return { version: 1, merchants: data.merchants ?? [], payments: data.payments, approvals: data.approvals ?? [], idempotency: data.idempotency ?? [] };
}

export function writeDataFile(file: string, content: DataFileContent): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(tmp, JSON.stringify(content));
  fs.renameSync(tmp, file);
}
