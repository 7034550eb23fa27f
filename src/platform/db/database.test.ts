import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './database.ts';
import { migrate } from './migrate.ts';
import { createTestDatabase, engines } from '../../../test/db.ts';

describe('embedded data directory lock', () => {
  it('refuses a second owner while the first is alive, and frees the lock on release', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yeyak-lock-'));
    // A live process of its own holds the lock, as a running server would.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(path.join(dir, 'yeyak.lock'), String(holder.pid));
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(/다른 yeyak 프로세스/);
    } finally {
      holder.kill();
    }
    await new Promise((resolve) => holder.once('exit', resolve));
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'yeyak.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'yeyak.lock'))).toBe(false);
  });

  it('takes over a stale lock left by a dead process', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yeyak-lock-'));
    fs.writeFileSync(path.join(dir, 'yeyak.lock'), '999999999');
    const release = lockDataDir(dir);
    release();
  });
});

describe.each(engines)('migrations on %s', (engine) => {
  it('apply once and are a no-op the second time', async () => {
    const database = await createTestDatabase(engine);
    try {
      expect(await migrate(database)).toEqual([]);
      const tables = await database.db.selectFrom('schema_migrations').select('name').execute();
      expect(tables.map((t) => t.name)).toContain('0001_core.sql');
    } finally {
      await database.dispose();
    }
  });
});
