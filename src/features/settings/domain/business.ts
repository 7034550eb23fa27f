import { AppError } from '../../../platform/errors/registry.ts';
import { normalizePhone } from '../../../shared/phone.ts';

/** The business phone as stored: digits only; an empty input clears it, anything else must be a Korean number. */
export function storedBusinessPhone(input: string): string {
  if (input.trim() === '') return '';
  const digits = normalizePhone(input);
  if (!digits) throw new AppError('PHONE_INVALID');
  return digits;
}
