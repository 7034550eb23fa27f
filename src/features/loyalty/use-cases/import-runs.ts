/**
 * MSG-1: a CSV import stored in the database and run as a job, so the
 * process that took the upload, the one that runs the import and the one
 * that answers the progress poll may all differ (PostgreSQL, several
 * processes).
 *
 * - The upload writes a `customer_imports` row (status `queued`, the file
 *   itself) and a `customer-import` job in one transaction.
 * - A run claims the row (queued → running, with a lease), validates the
 *   file, stores the report (rejected and merged lines), then writes the
 *   customers in one transaction that also marks the import `done`: the
 *   customers are there if and only if the import says done.
 * - While it works the run renews its lease every few seconds, carrying the
 *   processed count. A run that died (SIGKILL, power) stops renewing; once
 *   the lease is over, the next poll (or the job's retry) marks the import
 *   failed with IMPORT_INTERRUPTED — its transaction never committed, so
 *   nothing of it was written. A dead run is not resumed: the file may be
 *   old by the time a retry comes, and the user decides whether to upload
 *   it again.
 */

/** A run that stops renewing for this long is dead. */
export const IMPORT_LEASE_SECONDS = 20;

/**
 * Imports whose run is in this process are alive whatever their lease
 * says: on PGlite the import's transaction holds the one connection, so
 * the lease cannot be renewed until it ends.
 */
export const runningHere = new Set<string>();
