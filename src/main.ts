import path from 'node:path';
import { loadConfig } from './platform/config.ts';
import { openDatabase, lockDataDir, DataDirLockedError, type Database } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { buildApp } from './app/app.ts';
import { seedDemo, DEMO_LOGIN } from './app/demo/demo.ts';
import { seedDemoPayments } from './app/demo/demo-payments.ts';
import { startJobs } from './platform/jobs/jobs.ts';
import { setListeningUrl } from './platform/http/public-url.ts';
import { prepareQueues, startWorkers } from './app/jobs.ts';
import { BackupService, startDailyBackups } from './features/backups/index.ts';
import { startControlServer } from './features/backups/index.ts';
import { drainHttp, onTerminationSignals } from './app/shutdown.ts';
import { setLocalProviderStarter } from './features/messaging/index.ts';
import { startLocalProvider } from '../tools/solapi-local/index.ts';
import { setLocalTossStarter, type LocalTossMerchant } from './features/payments/index.ts';
import { startLocalToss, type LocalToss } from '../tools/toss-local/index.ts';

/**
 * MSG-11: a business whose provider API URL is `local` (the demo's) sends
 * through the local Solapi-compatible server, a developer tool the product
 * does not contain: this process starts one per business on its first send,
 * with the business's keys, reporting back to this process's webhook.
 */
function startLocalProvidersOnDemand(): void {
  setLocalProviderStarter((account) => startLocalProvider({ port: 0, apiKey: account.apiKey, apiSecret: account.apiSecret, reportUrl: account.reportUrl, deliveryDelayMs: 800, senderIds: [account.senderPhone] }));
}

/**
 * PAY-1: a business whose payment API URL is `local` (the demo's) pays
 * through the local Toss-compatible server, a developer tool: this process
 * starts one on first use (YEYAK_LOCAL_TOSS_PORT, or a free port), and each
 * such business becomes one of its merchants, with its webhooks posted back
 * to this process.
 */
function startLocalTossOnDemand(dataDir: string): void {
  let server: Promise<LocalToss> | null = null;
  const webhooks = new Map<string, string>();
  setLocalTossStarter(async (merchant: LocalTossMerchant) => {
    webhooks.set(merchant.secretKey, merchant.webhookUrl);
    if (!server) {
      // Its payments are kept in the data folder, so the demo's payments survive a restart (결제만 취소 of yesterday's payment).
      server = startLocalToss({ port: Number(process.env.YEYAK_LOCAL_TOSS_PORT ?? 0), merchants: [], dataFile: path.join(dataDir, 'toss-local.json'), webhookUrl: (secretKey) => webhooks.get(secretKey) ?? null });
      server.catch(() => (server = null));
    }
    const running = await server;
    running.addMerchant({ clientKey: merchant.clientKey, secretKey: merchant.secretKey });
    return { url: running.url };
  });
}

/** The product's CLI: start | worker | migrate | seed | backup | restore | simulate-naver | import-customers. */
async function main(argv: string[]) {
  const command = argv[0] ?? 'start';
  if (command === 'simulate-naver') {
    // Plays Naver against a running yeyak over HTTP only: it must not open (or lock) the product's data directory.
    const { simulateNaverCommand } = await import('../tools/naver-simulator/cli.ts');
    return simulateNaverCommand(argv.slice(1));
  }
  if (command === 'backup' || command === 'restore') {
    // backup asks the running product first and restore needs an empty directory: both take the lock themselves, if at all.
    const cli = await import('./features/backups/index.ts');
    process.exit(await (command === 'backup' ? cli.backupCommand : cli.restoreCommand)(argv.slice(1)));
  }
  const config = loadConfig();
  let release = () => {};
  if (!config.databaseUrl) release = lockDataDir(config.dataDir);
  const database: Database = config.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : await openDatabase({ kind: 'pglite', dataDir: config.dataDir });
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `내장 데이터베이스 PGlite (${config.dataDir})`;

  const shutdown = async (code: number) => {
    await database.close().catch(() => undefined);
    release();
    process.exit(code);
  };

  switch (command) {
    case 'migrate': {
      const applied = await migrate(database);
      console.log(applied.length ? `마이그레이션 적용: ${applied.join(', ')}` : '적용할 마이그레이션이 없습니다.');
      return shutdown(0);
    }
    case 'seed': {
      await migrate(database);
      startLocalTossOnDemand(config.dataDir);
      const created = await seedDemo(database.db);
      await seedDemoPayments(database.db);
      console.log(created ? '데모 업체를 만들었습니다.' : '데모 업체가 이미 있습니다.');
      return shutdown(0);
    }
    case 'platform-coupon':
    case 'platform-points': {
      // PAY-4: the operator's instruments (docs/payments.md)
      await migrate(database);
      const { platformInstrumentsCommand } = await import('./features/payments/index.ts');
      return shutdown(await platformInstrumentsCommand(database.db, command, argv.slice(1)));
    }
    case 'import-customers': {
      // MSG-1: node src/main.ts import-customers <file.csv> [--business <id>]
      await migrate(database);
      const { importCustomersCommand } = await import('./features/loyalty/index.ts');
      return shutdown(await importCustomersCommand(database.db, argv.slice(1)));
    }
    case 'worker': {
      // PostgreSQL deployments can run workers apart from the API processes.
      await migrate(database);
      const jobs = await startJobs(database, { connectionString: config.databaseUrl });
      await prepareQueues(jobs);
      startLocalProvidersOnDemand();
      startLocalTossOnDemand(config.dataDir);
      await startWorkers(database.db, jobs);
      // The handlers before the line that says it is up: whoever waits for the line may signal at once.
      onTerminationSignals(async () => {
        await jobs.stop();
        await shutdown(0);
      });
      console.log('yeyak 작업 프로세스가 시작되었습니다.');
      return;
    }
    case 'start': {
      await migrate(database);
      startLocalTossOnDemand(config.dataDir);
      const created = await seedDemo(database.db);
      await seedDemoPayments(database.db);
      const jobs = await startJobs(database, { connectionString: config.databaseUrl });
      await prepareQueues(jobs);
      startLocalProvidersOnDemand();
      if (config.runWorkers) await startWorkers(database.db, jobs);
      const app = await buildApp({ database, jobs, secureCookies: config.secureCookies, trustProxy: config.trustProxy, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
      app.addHook('onClose', async () => jobs.stop());
      // Embedded only: the daily backup, and the socket `npm run backup` asks (docs/operations.md).
      const backups = database.pglite ? new BackupService(database, config.dataDir) : null;
      const daily = backups ? startDailyBackups(backups) : null;
      const control = backups ? await startControlServer(config.dataDir, { backup: (out) => backups.run('manual', out) }) : null;
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      setListeningUrl(`http://${shownHost}:${port}`);
      // The handlers before the line that says it is up: whoever waits for the line may signal at once.
      onTerminationSignals(async () => {
        const stopBackups = (async () => {
          await daily?.stop();
          await backups?.close();
          await control?.close();
        })();
        await Promise.all([stopBackups, drainHttp(app)]);
        await app.close(); // onClose: the notification bus, then the pg-boss workers
        await shutdown(0);
      });
      console.log(
        [
          '',
          `  yeyak 이 시작되었습니다: http://${shownHost}:${port}`,
          `  데이터베이스: ${where}${created ? ' (데모 업체 생성됨)' : ''}`,
          `  데모 로그인: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`,
          `  API 문서: http://${shownHost}:${port}/api/docs`,
          '',
        ].join('\n'),
      );
      return;
    }
    default:
      console.error(`알 수 없는 명령: ${command}\n사용법: node src/main.ts [start|worker|migrate|seed|backup|restore|simulate-naver|import-customers]`);
      return shutdown(2);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
