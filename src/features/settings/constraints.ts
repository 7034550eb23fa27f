import { AppError, uniqueViolation, type ErrorCode } from '../../platform/errors/registry.ts';

/**
 * Runs a write and turns a unique violation of a named constraint into its
 * error code. The constraint, not a prior lookup, decides: two requests
 * racing for the same name cannot both pass.
 */
export async function mapUniqueViolations<T>(work: () => Promise<T>, codes: Readonly<Record<string, ErrorCode>>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const constraint = uniqueViolation(error);
    const code = constraint === null ? undefined : codes[constraint];
    if (code) throw new AppError(code, { cause: error });
    throw error;
  }
}
