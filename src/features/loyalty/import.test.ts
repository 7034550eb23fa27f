import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { registerBusiness } from '../settings/index.ts';
import { importCustomersCommand } from './import-cli.ts';
import { IMPORT_INTERRUPTED, prepareImport, readImportFile } from './domain/import-file.ts';
import * as repo from './repository/imports.ts';
import { createImport } from './use-cases/create-import.ts';
import { getImportStatus } from './use-cases/get-import-status.ts';
import { runImport } from './use-cases/run-import.ts';
import { runStoredImport } from './use-cases/run-stored-import.ts';
import { addMember, MISSING_ID } from '../../../test/helpers.ts';

// MSG-1 customer CSV import: API with progress (stored in the database, run as a job), all or nothing, the CLI.
// Across real processes (two servers, a SIGKILL mid-import): import-processes.test.ts.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function multipart(file: Buffer | Uint8Array, filename = 'customers.csv') {
  const boundary = `----yeyak${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

/** n customer lines with distinct valid phones: 010-7xxx-xxxx. */
function rows(n: number, from = 0, name = (i: number) => `가져온고객${i}`) {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return `${name(i)},010-${String(7000 + Math.floor(i / 10000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')},일반,"태그A, 태그B",,Y,${i % 1000},${i % 5000},${i % 20}`;
  });
}
const HEADER = '이름,전화번호,등급,태그,메모,마케팅 수신 동의,보유 포인트,누적 포인트,방문수';

describe.each(engines)('customer import on %s', (engine) => {
  let t: TestApp;
  let admin: Session;
  let other: Session;

  async function upload(session: Session, file: Buffer | Uint8Array) {
    const { payload, headers } = multipart(file);
    const response = await t.app.inject({ method: 'POST', url: '/api/customers/import', payload, headers: { ...headers, cookie: session.cookie } });
    return { status: response.statusCode, body: response.json() };
  }

  async function waitFor(session: Session, importId: string) {
    for (let i = 0; i < 600; i++) {
      const res = await t.call(session, 'GET', `/api/customers/import/${importId}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      if (res.body.status !== 'queued' && res.body.status !== 'running') return res.body;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('import did not finish');
  }

  async function customerCount(businessId: string) {
    const row = await t.database.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).where('business_id', '=', businessId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    t = await createTestApp(engine, { workers: true });
    admin = await t.signup({ businessName: '가져오기 피부과' });
    other = await t.signup({ businessName: '다른 업체' });
  });
  afterAll(async () => t?.close());

  it('imports a UTF-8 file with BOM: inserts, updates by (name, phone), reports rejected lines and merged duplicates', async () => {
    const existing = await t.call(admin, 'POST', '/api/customers', { name: '기존고객', phone: '010-6000-0001', memo: '원래 메모', grade: 'VIP', marketingConsent: true });
    const csv = [
      HEADER,
      '기존고객,010-6000-0001,,"재방문;소개",,,1500,3000,7',
      '새고객,010 6000 0002,일반,,"메모에 쉼표, 그리고\n줄바꿈",동의,,,',
      '전화없음,,,,,,,,',
      '틀린번호,010-6000-00,,,,,,,',
      '새고객,01060000002,VIP,,,,,,',
    ].join('\r\n');
    const started = await upload(admin, bom(csv));
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body).toMatchObject({ importId: expect.any(String), total: 5, encoding: 'utf-8' });
    const done = await waitFor(admin, started.body.importId);
    expect(done).toEqual({
      status: 'done',
      encoding: 'utf-8',
      total: 5,
      processed: 5,
      inserted: 1,
      updated: 1,
      rejected: [
        { line: 5, reason: '전화번호가 비어 있습니다.' },
        { line: 6, reason: '전화번호 형식이 올바르지 않습니다: "010-6000-00"' },
      ],
      duplicates: [{ line: 3, keptLine: 7 }],
    });

    const updated = (await t.call(admin, 'GET', `/api/customers/${existing.body.id}`)).body;
    // Empty cells keep what the customer had; filled ones replace it.
    expect(updated).toMatchObject({ memo: '원래 메모', grade: 'VIP', tags: ['재방문', '소개'], marketingConsent: true, pointsHeld: 1500, pointsAccumulated: 3000, visitCount: 7 });
    expect(updated.marketingConsentAt).toBe(existing.body.marketingConsentAt);
    const created = (await t.call(admin, 'GET', '/api/customers?q=새고객')).body.items;
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ phone: '010-6000-0002', grade: 'VIP', memo: '메모에 쉼표, 그리고\n줄바꿈', marketingConsent: true, pointsHeld: 0, visitCount: 0 });
    expect(created[0].marketingConsentAt).not.toBeNull();
    // The grades and tags the file names exist in settings now.
    const grades = (await t.call(admin, 'GET', '/api/customer-grades')).body.items.map((g: any) => g.name);
    expect(grades).toEqual(['VIP']); // 일반 was on the merged-away line
    const tags = (await t.call(admin, 'GET', '/api/customer-tags')).body.items.map((g: any) => g.name);
    expect(tags).toEqual(expect.arrayContaining(['재방문', '소개']));

    // Only the business that started it sees the import.
    expect((await t.call(other, 'GET', `/api/customers/import/${started.body.importId}`)).body.error.code).toBe('IMPORT_NOT_FOUND');
    expect((await t.call(admin, 'GET', `/api/customers/import/${MISSING_ID}`)).status).toBe(404);
  });

  it('imports CP949 bytes as Korean Excel writes them', async () => {
    const csv = ['이름,연락처,메모,마케팅 수신 동의', '똠방각하,010-6100-0001,뷁 같은 글자도,아니오', '홍길동,010-6100-0002,,예'].join('\r\n');
    const bytes = iconv.encode(csv, 'cp949');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const started = await upload(admin, bytes);
    expect(started.body.encoding).toBe('cp949');
    const done = await waitFor(admin, started.body.importId);
    expect(done).toMatchObject({ status: 'done', inserted: 2, updated: 0, rejected: [] });
    const found = (await t.call(admin, 'GET', '/api/customers?q=똠방각하')).body.items;
    expect(found[0]).toMatchObject({ name: '똠방각하', memo: '뷁 같은 글자도', marketingConsent: false });
  });

  it('answers a file without the required columns with 400 at once, and checks permissions', async () => {
    const bad = await upload(admin, Buffer.from('성별,나이\n남,30\n'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('IMPORT_FILE_INVALID');
    const noFile = await t.call(admin, 'POST', '/api/customers/import', {});
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.code).toBe('IMPORT_FILE_REQUIRED');
    const viewer = (await addMember(t, admin, ['customers.view'])).session;
    const { payload, headers } = multipart(Buffer.from(`${HEADER}\n`));
    const forbidden = await t.app.inject({ method: 'POST', url: '/api/customers/import', payload, headers: { ...headers, cookie: viewer.cookie } });
    expect(forbidden.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/customers/import', payload, headers });
    expect(anonymous.statusCode).toBe(401);
  });

  it('writes nothing when the database fails mid-import (a constraint trigger on a row of the third batch)', async () => {
    const { db } = t.database;
    await sql`create or replace function refuse_bomb() returns trigger language plpgsql as $$
      begin if new.name = '폭탄' then raise exception 'import bomb'; end if; return new; end $$`.execute(db);
    await sql`create trigger refuse_bomb before insert on customers for each row execute function refuse_bomb()`.execute(db);
    try {
      const before = await customerCount(admin.businessId);
      const csv = [HEADER, ...rows(1100, 0), '폭탄,010-6999-0001,,,,,,,', ...rows(50, 2000)].join('\n');
      const started = await upload(admin, Buffer.from(csv));
      expect(started.status).toBe(202);
      const done = await waitFor(admin, started.body.importId);
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/아무것도 저장하지 않았습니다/);
      expect(done.inserted).toBe(0);
      expect(await customerCount(admin.businessId)).toBe(before);
      const grades = await db.selectFrom('customer_grades').select('name').where('business_id', '=', admin.businessId).where('name', '=', '일반').execute();
      expect(grades).toEqual([]); // the grades the file named were rolled back with the rows
    } finally {
      await sql`drop trigger refuse_bomb on customers`.execute(db);
    }
  });

  it('writes nothing when the process fails between batches (runImport with a failing hook)', async () => {
    const before = await customerCount(other.businessId);
    const plan = prepareImport(Buffer.from([HEADER, ...rows(30, 3000)].join('\n')));
    const progress: number[] = [];
    const final = await runImport(t.database.db, other.businessId, plan, {
      batchSize: 10,
      onProgress: (p) => progress.push(p.processed),
      afterBatch: (i) => {
        if (i === 1) throw new Error('프로세스 중단');
      },
    });
    expect(final).toMatchObject({ status: 'failed', inserted: 0, updated: 0, processed: 0 });
    expect(final.error).toContain('프로세스 중단');
    expect(progress).toEqual([0, 10, 20, 0]);
    expect(await customerCount(other.businessId)).toBe(before);
  });

  it('keeps the progress in the database: queued until a worker runs it, then its report, for the business only', async () => {
    const { db } = t.database;
    const bytes = Buffer.from([HEADER, ...rows(3, 6000), '번호틀림,010-1,,,,,,,'].join('\n'));
    const importId = await createImport(db, other.businessId, bytes, readImportFile(bytes));
    expect(await getImportStatus(db, other.businessId, importId)).toMatchObject({ status: 'queued', total: 4, processed: 0 });
    expect(await getImportStatus(db, admin.businessId, importId)).toBeUndefined();
    const final = await runStoredImport(db, other.businessId, importId);
    expect(final).toMatchObject({ status: 'done', inserted: 3 });
    expect(await getImportStatus(db, other.businessId, importId)).toEqual({
      status: 'done',
      encoding: 'utf-8',
      total: 4,
      processed: 4,
      inserted: 3,
      updated: 0,
      rejected: [{ line: 5, reason: '전화번호 형식이 올바르지 않습니다: "010-1"' }],
      duplicates: [],
    });
    // Run once only: a second run (a job retried) changes nothing, and the stored file is gone.
    expect(await runStoredImport(db, other.businessId, importId)).toBeUndefined();
    const row = await db.selectFrom('customer_imports').select(['status', 'file']).where('id', '=', importId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'done', file: null });
  });

  it('ends an import whose run died as failed with the reason once its lease is over, and one cut short by a shutdown at once', async () => {
    const { db } = t.database;
    const bytes = Buffer.from([HEADER, ...rows(5, 6100)].join('\n'));
    // A run that claimed the import and died: the lease it took has run out and nothing renews it.
    const dead = await createImport(db, other.businessId, bytes, readImportFile(bytes));
    expect(await repo.claimCustomerImport(db, other.businessId, dead, crypto.randomUUID(), 1)).toBeDefined();
    expect((await t.call(other, 'GET', `/api/customers/import/${dead}`)).body.status).toBe('running');
    await db.updateTable('customer_imports').set({ lease_until: new Date(Date.now() - 1000) }).where('id', '=', dead).execute();
    const polled = await t.call(other, 'GET', `/api/customers/import/${dead}`);
    expect(polled.status).toBe(200);
    expect(polled.body).toMatchObject({ status: 'failed', error: IMPORT_INTERRUPTED, inserted: 0, updated: 0 });
    expect(await runStoredImport(db, other.businessId, dead)).toBeUndefined(); // the job's retry does not revive it

    // pg-boss stopping aborts the job's signal: the transaction rolls back and the import says why.
    const before = await customerCount(other.businessId);
    const stopped = await createImport(db, other.businessId, bytes, readImportFile(bytes));
    const abort = new AbortController();
    const final = await runStoredImport(db, other.businessId, stopped, {
      batchSize: 2,
      onProgress: (p) => {
        if (p.processed >= 2) abort.abort();
      },
      signal: abort.signal,
    });
    expect(final).toMatchObject({ status: 'failed', error: IMPORT_INTERRUPTED });
    expect(await getImportStatus(db, other.businessId, stopped)).toMatchObject({ status: 'failed', error: IMPORT_INTERRUPTED, inserted: 0 });
    expect(await customerCount(other.businessId)).toBe(before);
  });
});

describe('import-customers CLI', () => {
  let dir: string;
  let businessId: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yeyak-import-'));
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    await migrate(database);
    const { business } = await registerBusiness(database.db, {
      businessName: 'CLI 업체',
      serviceType: 'beauty',
      admin: { name: '관리자', email: `cli-${Date.now()}@test.yeyak.kr`, password: 'password123' },
    });
    businessId = business.id;
    await database.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['src/main.ts', 'import-customers', ...args], {
        cwd: root,
        env: Object.fromEntries(Object.entries({ ...process.env, YEYAK_DATA_DIR: dir }).filter(([k]) => k !== 'DATABASE_URL')),
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('prints progress lines and the rejected rows, and imports into the only business', async () => {
    const file = path.join(dir, 'customers.csv');
    fs.writeFileSync(file, iconv.encode([HEADER, ...rows(1200, 0), '번호틀림,010-1,,,,,,,', ',010-6999-0002,,,,,,,'].join('\r\n'), 'cp949'));
    const result = await runCli([file]);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).toContain('CLI 업체');
    expect(result.stdout).toContain('CP949');
    expect(result.stdout).toMatch(/진행: \d+\/1202행 \(\d+%\)/);
    expect(result.stdout).toContain('진행: 1202/1202행 (100%)');
    expect(result.stdout).toContain('완료: 추가 1200명, 수정 0명, 제외 2행');
    expect(result.stdout).toContain('1202행: 전화번호 형식이 올바르지 않습니다: "010-1"');
    expect(result.stdout).toContain('1203행: 이름이 비어 있습니다.');

    // Again, by id: the same rows are updates now.
    const again = await runCli([file, '--business', businessId]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('완료: 추가 0명, 수정 1200명, 제외 2행');
  });

  it('explains a wrong business, a missing file and missing arguments', async () => {
    const wrong = await runCli([path.join(dir, 'customers.csv'), '--business', MISSING_ID]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('업체를 찾을 수 없습니다');
    const missing = await runCli([path.join(dir, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('파일을 읽을 수 없습니다');
    const usage = await runCli([]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('사용법');
  });

  it('draws a progress bar on a terminal', async () => {
    const file = path.join(dir, 'small.csv');
    fs.writeFileSync(file, [HEADER, ...rows(3, 5000)].join('\n'));
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(database);
    await registerBusiness(database.db, { businessName: '터미널 업체', serviceType: 'beauty', admin: { name: '관리자', email: 'tty@test.yeyak.kr', password: 'password123' } });
    let out = '';
    const code = await importCustomersCommand(database.db, [file], { stdout: { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream, isTTY: true });
    await database.close();
    expect(code).toBe(0);
    expect(out).toContain('\r[██████████████████████████████] 100% 3/3행');
    expect(out).toContain('완료: 추가 3명');
  });
});
