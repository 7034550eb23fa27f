import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { customerIdsAfter, refreshCustomerFacts } from '../repository/facts.ts';

export interface RepairResult {
  customers: number;
  /** Customers whose stored facts differed from their history and were rewritten. */
  corrected: number;
}

/**
 * Recomputes the audience facts of every customer of the business from the
 * history (`npm run repair:audience-facts`): after a restore from an old
 * backup, a bulk load by SQL, or a bug. In chunks of `chunk` customers in id
 * order, each its own transaction under those customers' row locks, so
 * visits and messages recorded meanwhile wait a moment instead of racing.
 */
export async function repairAudienceFacts(db: Kysely<DB>, businessId: string, options: { chunk?: number; onChunk?: (done: number) => void } = {}): Promise<RepairResult> {
  const chunk = options.chunk ?? 2000;
  let after: string | null = null;
  const result: RepairResult = { customers: 0, corrected: 0 };
  for (;;) {
    const ids: string[] = await customerIdsAfter(db, businessId, after, chunk);
    if (ids.length === 0) return result;
    const changed = await db.transaction().execute((trx) => refreshCustomerFacts(trx, businessId, ids));
    result.customers += ids.length;
    result.corrected += changed.length;
    after = ids.at(-1)!;
    options.onChunk?.(result.customers);
  }
}
