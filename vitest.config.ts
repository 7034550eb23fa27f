import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { PostgresOnlyReporter } from './test/postgres-only-reporter.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'tools/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Tests that start the product or seed the demo write images and backups under the data folder:
    // a fresh one per run, never the checkout's ./data (a test file may still set its own).
    env: { YEYAK_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'yeyak-test-data-')) },
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', new PostgresOnlyReporter()],
  },
});
