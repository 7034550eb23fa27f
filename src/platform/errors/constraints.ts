import { AppError, type ErrorCode } from './registry.ts';

/**
 * The one mapping from a database constraint to the error a user sees
 * (QUAL-3). The constraint, not a lookup before the write, decides whether a
 * name is taken or a referenced row exists: two requests racing for the same
 * name cannot both pass. Each feature registers the constraints of its tables
 * (beside its repository); the app's error handler turns a violation of a
 * registered constraint into its code, whichever code path wrote the row, and
 * `withConstraintErrors` does the same inside a use case that must map the
 * error before its transaction ends.
 */
const codes = new Map<string, ErrorCode>();

export function registerConstraintErrors(map: Readonly<Record<string, ErrorCode>>): void {
  for (const [constraint, code] of Object.entries(map)) {
    const existing = codes.get(constraint);
    if (existing && existing !== code) throw new Error(`constraint ${constraint} is mapped to ${existing} and ${code}`);
    codes.set(constraint, code);
  }
}

/** SQLSTATEs of a broken constraint: unique, foreign key, check, exclusion, not null. */
const CONSTRAINT_STATES = new Set(['23505', '23503', '23514', '23P01', '23502']);

/** The product's error for a violated registered constraint, or null. */
export function constraintError(error: unknown): AppError | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (typeof code !== 'string' || !CONSTRAINT_STATES.has(code) || typeof constraint !== 'string') return null;
  const mapped = codes.get(constraint);
  return mapped ? new AppError(mapped, { cause: error }) : null;
}

/** Runs a write and rethrows a registered constraint's violation as its AppError. */
export async function withConstraintErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw constraintError(error) ?? error;
  }
}
