import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { performanceRange, type SendSettings } from '../domain/send-settings.ts';
import { findMessage, performanceFigures, recipientCounts } from '../repository/messages.ts';

/** MSG-11: delivered, came back (an accrual within the performance period after sending), coupons used. */
export async function getMessageReport(db: Kysely<DB>, actor: Actor, id: string, now = new Date()) {
  const row = await findMessage(db, actor.businessId, id);
  if (!row) throw new AppError('MESSAGE_NOT_FOUND');
  const counts = (await recipientCounts(db, actor.businessId, [id])).get(id);
  const sentAt = row.started_at ?? row.send_at;
  const settings = row.settings as SendSettings;
  const range = performanceRange(settings.performance ?? { days: 7 }, sentAt, actor.timeZone);
  const figures = await performanceFigures(db, actor.businessId, id, range, actor.timeZone);
  const days = new Map<string, { date: string; visits: number; coupons: number }>();
  for (const v of figures.visitsByDay) days.set(v.day, { date: v.day, visits: Number(v.n), coupons: 0 });
  for (const c of figures.couponsByDay) {
    const entry = days.get(c.day) ?? { date: c.day, visits: 0, coupons: 0 };
    entry.coupons = Number(c.n);
    days.set(c.day, entry);
  }
  return {
    delivered: counts?.delivered ?? 0,
    failed: counts?.failed ?? 0,
    recipients: row.recipient_count,
    visited: figures.visited,
    couponsUsed: counts?.redeemed ?? 0,
    measured: settings.performance !== null,
    period: { from: range.from.toISOString(), to: range.to.toISOString(), over: now >= range.to },
    daily: [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1)),
  };
}
