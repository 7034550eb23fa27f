import type * as repo from '../repository.ts';

export function presentNotification(row: Awaited<ReturnType<typeof repo.listForUser>>[number]) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    scheduleId: row.schedule_id,
    readAt: row.read_at ? row.read_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}
