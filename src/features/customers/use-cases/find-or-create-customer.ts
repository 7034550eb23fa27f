import type { Kysely } from 'kysely';
import type { Customer, DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { normalizeName, requirePhone } from '../domain/values.ts';
import * as repo from '../repository.ts';

/**
 * The customer a channel booking is for (NAVER-5, BOOK-9): the one with this
 * (name, phone) pair, created when there is none. Pass the caller's
 * transaction to make it part of the booking. Concurrent calls with the same
 * pair end with one customer: the insert yields to the unique key instead of
 * failing, and the same statement answers the row it yielded to.
 */
export async function findOrCreateCustomerByNameAndPhone(
  db: Kysely<DB>,
  businessId: string,
  input: { name: string; phone: string },
): Promise<{ customer: Customer; created: boolean }> {
  const name = normalizeName(input.name);
  if (name === '') throw new AppError('VALIDATION_FAILED', { message: '고객 이름을 입력해 주세요.' });
  const phone = requirePhone(input.phone);
  // A row that blocked the insert may not be visible to that statement yet (or be deleted before it is read): ask again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = await repo.insertOrFindCustomer(db, businessId, { name, phone });
    if (row) {
      const { created, ...customer } = row;
      return { customer, created };
    }
  }
  throw new Error(`customer (${name}, ${phone}) of business ${businessId} could neither be inserted nor found`);
}
