import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Korean phone numbers (CORE-5). Stored as national digits ("01012345678"),
 * shown with hyphens ("010-1234-5678"), masked for users without the
 * full-phone permission ("010-****-5678").
 */

/** The shapes the customers table accepts (its check constraint says the same). */
const STORED_DIGITS = /^(0[0-9]{8,10}|050[0-9]{9}|1[0-9]{7})$/;
/** Every 010 number is 010 + 8 digits since the 2004 number integration. */
const MOBILE_010 = /^010[0-9]{8}$/;
/** Dashes pasted from documents and full-width forms typed with a Korean IME. */
const UNICODE_DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

function asciiPhoneText(input: string): string {
  return input.normalize('NFKC').replace(UNICODE_DASHES, '-').trim();
}

/** Returns the national digits of a valid Korean number, or null. Accepts hyphens, spaces, dots, brackets and +82. */
export function normalizePhone(input: string): string | null {
  const text = asciiPhoneText(input);
  if (!/^[+0-9\s\-().]{8,40}$/.test(text)) return null;
  const parsed = parsePhoneNumberFromString(text, 'KR');
  if (!parsed || parsed.countryCallingCode !== '82') return null;
  // Nationwide representative numbers (1588-xxxx) have no trunk prefix.
  const national = parsed.nationalNumber;
  const digits = /^1[0-9]{7}$/.test(national) ? national : '0' + national;
  if (!STORED_DIGITS.test(digits)) return null;
  // libphonenumber leaves out a few allocated 010 ranges (010-597x..599x) and
  // accepts 010 with a 3-digit middle, which today is always a missing digit.
  if (digits.startsWith('010')) return MOBILE_010.test(digits) ? digits : null;
  return parsed.isValid() ? digits : null;
}

/** Splits stored digits into the groups Koreans write: 010-1234-5678, 02-123-4567, 031-1234-5678, 0507-1234-5678, 1588-1234. */
export function phoneGroups(digits: string): string[] {
  if (/^1[0-9]{7}$/.test(digits)) return [digits.slice(0, 4), digits.slice(4)];
  const areaLength = digits.startsWith('02') ? 2 : digits.startsWith('050') ? 4 : 3;
  const area = digits.slice(0, areaLength);
  const rest = digits.slice(areaLength);
  const middleLength = rest.length - 4;
  return [area, rest.slice(0, middleLength), rest.slice(middleLength)];
}

/**
 * The one phone formatter of the product, server and web: stored digits
 * become 010-1234-5678, 02-123-4567, 0507-1234-5678, 1588-1234; a value
 * already written with hyphens or masked (010-****-5678) passes through, and
 * anything that is not a stored number is shown as it is.
 */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  if (/[-*]/.test(phone)) return phone;
  const digits = phone.replace(/\D/g, '');
  return STORED_DIGITS.test(digits) ? phoneGroups(digits).join('-') : phone;
}

/** Hides every group but the first and the last 4 digits: 010-****-5678 (a 1588 number shows only its last 4). */
export function maskPhone(digits: string): string {
  const groups = phoneGroups(digits);
  if (groups.length === 2) return `${'*'.repeat(groups[0]!.length)}-${groups[1]}`;
  return [groups[0], '*'.repeat(groups[1]!.length), groups[2]].join('-');
}

/** How a search string should be matched against customers' phones; null when it is not a phone search. */
export type PhoneQuery = { kind: 'last4'; digits: string } | { kind: 'full'; digits: string } | { kind: 'partial'; digits: string } | null;

export function classifyPhoneQuery(q: string): PhoneQuery {
  const compact = asciiPhoneText(q).replace(/[\s\-.()]/g, '');
  if (!/^\+?[0-9]+$/.test(compact)) return null;
  if (/^[0-9]{4}$/.test(compact)) return { kind: 'last4', digits: compact };
  const full = normalizePhone(compact);
  if (full) return { kind: 'full', digits: full };
  // "+82 10 12" is typed by people used to international forms; stored numbers start with the trunk 0.
  const digits = compact.startsWith('+82') ? compact.replace(/^\+820?/, '0') : compact.replace(/^\+/, '');
  return { kind: 'partial', digits };
}
