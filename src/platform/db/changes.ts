/**
 * QUAL-3: a PATCH with nothing to change is a no-op that answers the
 * unchanged record. Repositories check their column set with this before
 * building an UPDATE: Kysely turns an empty `set` into invalid SQL.
 */
export function hasChanges(values: Record<string, unknown>): boolean {
  return Object.values(values).some((v) => v !== undefined);
}
