import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Korean phone numbers (CORE-5). Stored as national digits ("01012345678"),
 * shown with hyphens ("010-1234-5678"), masked for users without the
 * full-phone permission ("010-****-5678").
 */

/** Returns the national digits of a valid Korean number, or null. Accepts hyphens, spaces, dots and +82. */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^[+0-9\s\-().]{8,20}$/.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, 'KR');
  if (!parsed || parsed.country !== 'KR' || !parsed.isValid()) return null;
  // Nationwide representative numbers (1588-xxxx) have no trunk prefix.
  const national = parsed.nationalNumber;
  const digits = /^1[0-9]{7}$/.test(national) ? national : '0' + national;
  return /^(0[0-9]{8,10}|1[0-9]{7})$/.test(digits) ? digits : null;
}

/** Splits stored digits into the groups Koreans write: 010-1234-5678, 02-123-4567, 031-1234-5678, 1588-1234. */
export function phoneGroups(digits: string): string[] {
  if (/^1[0-9]{7}$/.test(digits)) return [digits.slice(0, 4), digits.slice(4)];
  const areaLength = digits.startsWith('02') ? 2 : 3;
  const area = digits.slice(0, areaLength);
  const rest = digits.slice(areaLength);
  const middleLength = rest.length - 4;
  return [area, rest.slice(0, middleLength), rest.slice(middleLength)];
}

export function formatPhone(digits: string): string {
  return phoneGroups(digits).join('-');
}

/** Hides every group but the first and the last 4 digits: 010-****-5678. */
export function maskPhone(digits: string): string {
  const groups = phoneGroups(digits);
  if (groups.length === 2) return `${'*'.repeat(groups[0]!.length)}-${groups[1]}`;
  return [groups[0], '*'.repeat(groups[1]!.length), groups[2]].join('-');
}

/** How a search string should be matched against customers' phones. */
export type PhoneQuery = { kind: 'last4'; digits: string } | { kind: 'full'; digits: string } | { kind: 'partial'; digits: string } | null;

export function classifyPhoneQuery(q: string): PhoneQuery {
  const compact = q.replace(/[\s\-.]/g, '');
  if (!/^\+?[0-9]+$/.test(compact)) return null;
  if (/^[0-9]{4}$/.test(compact)) return { kind: 'last4', digits: compact };
  const full = normalizePhone(compact);
  if (full) return { kind: 'full', digits: full };
  return { kind: 'partial', digits: compact.replace(/^\+/, '') };
}
