import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_LOGIN } from '../src/app/demo/demo.ts';
import { apiSession, startProduct, type ProductProcess } from './product-process.ts';

const root = path.resolve(import.meta.dirname, '..');

/** `npm run <script> -- <args>` as its own process, the way an operator runs it. */
function npmRun(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const exited = (p: ProductProcess) => new Promise<number | null>((resolve) => (p.child.exitCode !== null ? resolve(p.child.exitCode) : p.child.once('exit', (code) => resolve(code))));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('backup while the product writes, restore into an empty folder (embedded database)', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yeyak-backup-e2e-'));
  const processes: ProductProcess[] = [];
  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null) await p.kill();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('every record committed before `npm run backup` began is in the restored product', async () => {
    const source = path.join(work, 'source');
    const product = await startProduct({ YEYAK_DATA_DIR: source });
    processes.push(product);
    const admin = await apiSession(product.url, DEMO_LOGIN.email, DEMO_LOGIN.password);

    // Three writers create customers without pause; a customer counts as committed when its 201 arrived.
    const committed: { id: string; at: number }[] = [];
    let sent = 0;
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        sent++;
        const res = await admin.call('POST', '/api/customers', { name: `백업고객${w}-${i}`, phone: `0109${String(w * 100_000 + i).padStart(7, '0')}` });
        if (res.status === 201) committed.push({ id: res.body.id, at: Date.now() });
      }
    };
    const writers = [writer(0), writer(1), writer(2)];
    await sleep(1500);

    const file = path.join(work, 'out', 'live.tar.gz');
    const backupStarted = Date.now();
    const committedBefore = committed.map((c) => c.id);
    const backup = await npmRun('backup', ['--out', file], { YEYAK_DATA_DIR: source });
    const backupEnded = Date.now();
    await sleep(300);
    stop = true;
    await Promise.all(writers);

    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain('백업을 만들었습니다 (실행 중인 yeyak 이 만들었습니다)');
    expect(backup.output).toContain(`파일: ${file}`);
    expect(backup.output).toMatch(/크기: [\d.]+ MB \([\d,]+ 바이트\)/);
    expect(committedBefore.length).toBeGreaterThan(10);
    // The product kept taking writes while the backup ran (it stalls only for the copy itself).
    expect(committed.filter((c) => c.at > backupStarted && c.at < backupEnded).length).toBeGreaterThan(0);

    product.child.kill('SIGTERM');
    expect(await exited(product)).toBe(0);

    // A non-empty folder is refused, and nothing in it changes.
    const before = fs.readdirSync(source).sort();
    const refused = await npmRun('restore', [file, '--data-dir', source]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('비어 있지 않습니다');
    expect(fs.readdirSync(source).sort()).toEqual(before);

    const target = path.join(work, 'restored');
    const restore = await npmRun('restore', [file], { YEYAK_DATA_DIR: target });
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toContain('복원했습니다');
    expect(restore.output).toMatch(/업체 1곳, 고객 \d+명/);

    const restored = await startProduct({ YEYAK_DATA_DIR: target });
    processes.push(restored);
    const again = await apiSession(restored.url, DEMO_LOGIN.email, DEMO_LOGIN.password);
    const missing: string[] = [];
    for (let i = 0; i < committedBefore.length; i += 25) {
      const chunk = committedBefore.slice(i, i + 25);
      const answers = await Promise.all(chunk.map((id) => again.call('GET', `/api/customers/${id}`)));
      answers.forEach((a, j) => a.status !== 200 && missing.push(chunk[j]!));
    }
    expect(missing).toEqual([]);
    // Nothing the writers did not send appeared, and the data is whole: the search answers over all of it.
    const found = await again.call('GET', `/api/customers?q=${encodeURIComponent('백업고객')}&limit=1`);
    expect(found.status).toBe(200);
    expect(found.body.total).toBeGreaterThanOrEqual(committedBefore.length);
    expect(found.body.total).toBeLessThanOrEqual(sent);
    expect((await again.call('GET', '/api/business')).status).toBe(200);

    // While a product holds the restored folder, a restore into it is refused.
    const busy = await npmRun('restore', [file, '--data-dir', target]);
    expect(busy.code).toBe(1);
    expect(busy.output).toContain('실행 중인 yeyak 프로세스');
    restored.child.kill('SIGTERM');
    expect(await exited(restored)).toBe(0);

    // With no product running, `npm run backup` opens the folder itself (taking its lock) and writes into <dataDir>/backups.
    const offline = await npmRun('backup', [], { YEYAK_DATA_DIR: target });
    expect(offline.code, offline.output).toBe(0);
    expect(offline.output).toContain('데이터 폴더를 직접 열었습니다');
    expect(fs.readdirSync(path.join(target, 'backups')).filter((n) => /^yeyak-manual-\d{8}-\d{6}\.tar\.gz$/.test(n))).toHaveLength(1);
    expect(fs.existsSync(path.join(target, 'yeyak.lock'))).toBe(false);
  }, 180_000);

  it('on PostgreSQL, backup and restore point to pg_dump instead of touching anything', async () => {
    const env = { DATABASE_URL: 'postgres://yeyak@127.0.0.1:1/yeyak' }; // never connected to
    const backup = await npmRun('backup', [], env);
    expect(backup.code).toBe(2);
    expect(backup.output).toContain('pg_dump');
    const restore = await npmRun('restore', [path.join(work, 'x.tar.gz')], env);
    expect(restore.code).toBe(2);
    expect(restore.output).toContain('내장 데이터베이스용');
  });
});
