import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import type { Db } from './prepare.ts';
import { presentInquiry } from './present.ts';

/** BOOK-11: the business's inquiries, unanswered first, and how many are unanswered. */
export async function listInquiries(db: Db, actor: Actor, query: { status: 'unanswered' | 'all'; limit: number; offset: number }) {
  const [rows, unansweredCount] = await Promise.all([
    repo.listInquiries(db, actor.businessId, query.status === 'unanswered', query.limit, query.offset),
    repo.countUnansweredInquiries(db, actor.businessId),
  ]);
  return { items: rows.map((r) => presentInquiry(actor, r)), unansweredCount };
}
