// npm run repair:audience-facts -- --business <id>: recomputes a business's audience facts
// (groups, last visit, last message on the customer rows) from its history. On the embedded
// database the product must be stopped first (the data directory is locked while it runs).
import { loadConfig } from '../src/platform/config.ts';
import { lockDataDir, openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { repairAudienceFactsCommand } from '../src/features/loyalty/index.ts';

const config = loadConfig();
const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
const database = config.databaseUrl ? await openDatabase({ kind: 'postgres', url: config.databaseUrl }) : await openDatabase({ kind: 'pglite', dataDir: config.dataDir });
let code = 1;
try {
  await migrate(database);
  code = await repairAudienceFactsCommand(database.db, process.argv.slice(2));
} finally {
  await database.close().catch(() => undefined);
  release();
}
process.exit(code);
