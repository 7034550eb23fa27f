import type { Kysely } from 'kysely';
import type { CsvCell } from '../../../platform/csv.ts';
import type { DB } from '../../../platform/db/types.ts';
import type { CsvDownload } from '../../../platform/http/csv-reply.ts';
import { todayIn } from '../../../platform/time.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { CUSTOMER_EXPORT_COLUMNS } from '../../../shared/labels/customers.ts';
import { CUSTOMER_GROUP_LABELS } from '../../../shared/labels/loyalty.ts';
import type { Actor } from '../../auth/index.ts';
import type { CustomerJson } from '../domain/present.ts';
import * as repo from '../repository.ts';
import { customerSelectionFor, type CustomerListQuery } from './list-customers.ts';
import { presentCustomers } from './present.ts';

/** Rows read per query: small enough to stream, large enough that 100,000 customers take 100 short reads. */
export const EXPORT_PAGE_SIZE = 1000;

/**
 * OPS-8: the customer list as CSV (GET /api/customers/export.csv): the same
 * search, filters and order as the list, every page of it, with the phone
 * as the caller may see it (masked without 전체 전화번호 보기, as on the
 * screen) and times in the business's zone. Pages are read by keyset, each
 * its own short query: no transaction stays open while a slow browser
 * downloads (on the embedded database it would hold up every request).
 */
export function customerListCsv(db: Kysely<DB>, actor: Actor, query: CustomerListQuery, now = new Date()): CsvDownload {
  const day = todayIn(actor.timeZone, now);
  return {
    name: `고객목록_${day}.csv`,
    asciiName: `customers_${day}.csv`,
    header: CUSTOMER_EXPORT_COLUMNS,
    pages: customerPages(db, actor, query, now),
  };
}

async function* customerPages(db: Kysely<DB>, actor: Actor, query: CustomerListQuery, now: Date): AsyncGenerator<CsvCell[][]> {
  const resolved = customerSelectionFor(db, actor, query, now);
  if (!resolved) return;
  let after: repo.CustomerCursor | null = null;
  do {
    const page = await repo.customersAfter(db, actor.businessId, resolved.selection, resolved.order, after, EXPORT_PAGE_SIZE);
    const customers = await presentCustomers(db, actor, page.rows);
    yield customers.map((c) => customerRow(c, actor.timeZone));
    after = page.next;
  } while (after);
}

const agreed = (yes: boolean) => (yes ? '동의' : '미동의');

/** One customer as a row of CUSTOMER_EXPORT_COLUMNS. */
function customerRow(c: CustomerJson, timeZone: string): CsvCell[] {
  return [
    c.name,
    c.phone,
    c.grade ?? '',
    c.groups.map((g) => CUSTOMER_GROUP_LABELS[g]).join(', '),
    c.tags.join(', '),
    c.pointsHeld,
    c.pointsAccumulated,
    c.visitCount,
    c.lastVisitAt ? formatDateTime(c.lastVisitAt, timeZone) : '',
    c.noShowCount,
    c.marketingOptedOutAt ? '수신거부' : agreed(c.marketingConsent),
    agreed(c.nightAdConsent),
    formatDateTime(c.createdAt, timeZone),
    c.memo,
  ];
}
