// Runs the end-to-end tests against the product as a user gets it: starts
// `node src/main.ts start` on a free port with a fresh embedded database (the
// demo business is seeded at start), waits until it answers, runs Playwright,
// stops the server and exits with Playwright's code. Arguments are passed to
// `playwright test`, e.g. `npm run test:e2e -- --grep 드래그`.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const resultsDir = path.join(root, 'test-results');
const serverLogPath = path.join(resultsDir, 'e2e-server.log');
const reportPath = path.join(resultsDir, 'e2e-results.json');
const playwrightCli = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');
const START_TIMEOUT_MS = 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(baseUrl: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`서버가 시작 중에 종료되었습니다 (코드 ${server.exitCode}). ${serverLogPath} 를 보세요.`);
    try {
      // Any HTTP answer (401 without a session) means the app is listening and migrated.
      await fetch(`${baseUrl}/api/auth/me`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`서버가 ${START_TIMEOUT_MS / 1000}초 안에 응답하지 않았습니다. ${serverLogPath} 를 보세요.`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

interface PlaywrightStats {
  expected: number;
  unexpected: number;
  flaky: number;
  skipped: number;
}

/** One closing line in the "N passed, N failed" form that CI logs are read for. */
function printSummary(): void {
  if (!fs.existsSync(reportPath)) return;
  const stats = (JSON.parse(fs.readFileSync(reportPath, 'utf8')) as { stats: PlaywrightStats }).stats;
  const skipped = stats.skipped ? `, ${stats.skipped} skipped` : '';
  console.log(`\ne2e: ${stats.expected + stats.flaky} passed, ${stats.unexpected} failed${skipped}`);
}

/** On failure, what the server said last is often the reason; CI logs have no other view of it. */
function printServerLogTail(): void {
  const lines = fs.readFileSync(serverLogPath, 'utf8').trimEnd().split('\n').slice(-40);
  console.error(`\n--- ${path.relative(root, serverLogPath)} (마지막 ${lines.length}줄) ---\n${lines.join('\n')}`);
}

async function main(): Promise<number> {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.rmSync(reportPath, { force: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yeyak-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  const serverEnv: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC', HOST: '127.0.0.1', PORT: String(port), YEYAK_DATA_DIR: dataDir, YEYAK_LOG_LEVEL: 'warn' };
  delete serverEnv.DATABASE_URL;
  const serverLog = fs.createWriteStream(serverLogPath);
  const server = spawn(process.execPath, ['src/main.ts', 'start'], { cwd: root, env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);

  const interrupted = async () => {
    await stop(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  let code = 1;
  try {
    console.log(`e2e: 제품 서버를 시작합니다 ${baseUrl} (데이터 ${dataDir})`);
    await waitUntilAnswering(baseUrl, server);
    code = await run(process.execPath, [playwrightCli, 'test', '--config', path.join(import.meta.dirname, 'playwright.config.ts'), ...process.argv.slice(2)], {
      ...process.env,
      TZ: 'UTC',
      E2E_BASE_URL: baseUrl,
    });
    printSummary();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
  } finally {
    await stop(server);
    await new Promise<void>((resolve) => serverLog.end(resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (code !== 0) printServerLogTail();
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
