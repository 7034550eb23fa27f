import { AppError } from '../../../platform/errors/registry.ts';
import { normalizePhone } from '../../../shared/phone.ts';

// How typed customer values are stored (CORE-5).

/**
 * Names are compared as stored, so one person typed on a Mac (decomposed
 * Hangul) and on Windows (composed) must end up with the same code points.
 */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim();
}

/** The phone's digits; PHONE_INVALID when it is no Korean number. */
export function requirePhone(input: string): string {
  const digits = normalizePhone(input);
  if (!digits) throw new AppError('PHONE_INVALID');
  return digits;
}

export function uniqueTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.normalize('NFC').trim()).filter((t) => t !== ''))];
}

export function blankToNull(text: string | null): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
