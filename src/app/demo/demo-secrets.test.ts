import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import { LOCAL_PROVIDER_DEFAULT_API_SECRET } from '../../../tools/solapi-local/index.ts';
import { seedDemo } from './demo.ts';

describe('the demo business (SEC-4)', () => {
  it('sends through the built-in provider with a key pair of its own installation, so its delivery-report token cannot be computed from the code', async () => {
    const secrets: string[] = [];
    for (let i = 0; i < 2; i++) {
      const database = await createTestDatabase('pglite');
      try {
        await seedDemo(database.db);
        const row = await database.db.selectFrom('message_provider_settings').select(['api_key', 'api_secret']).executeTakeFirstOrThrow();
        expect(row.api_secret).not.toBe(LOCAL_PROVIDER_DEFAULT_API_SECRET);
        expect(row.api_secret.length).toBeGreaterThanOrEqual(32);
        secrets.push(row.api_secret);
      } finally {
        await database.dispose();
      }
    }
    expect(secrets[0]).not.toBe(secrets[1]);
  }, 120_000);
});
