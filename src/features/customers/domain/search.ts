import { classifyPhoneQuery } from '../../../shared/phone.ts';

/** Which customers a list shows. */
export type CustomerFilter =
  | { by: 'all' }
  | { by: 'nameContains'; text: string }
  | { by: 'phoneLast4'; digits: string }
  | { by: 'phone'; digits: string }
  | { by: 'phoneContains'; digits: string };

/**
 * Which customers a search text finds (CORE-5): 4 digits are the last 4 of the
 * phone, a whole number is that number, other digits are part of a number, and
 * anything else is part of the name. Without the full-phone permission part of
 * a number finds nothing (null): matching hidden middle digits would reveal them.
 */
export function customerFilterFor(q: string, canSeeFull: boolean): CustomerFilter | null {
  const text = q.normalize('NFC').trim();
  if (text === '') return { by: 'all' };
  const phone = classifyPhoneQuery(text);
  if (!phone) return { by: 'nameContains', text };
  if (phone.kind === 'last4') return { by: 'phoneLast4', digits: phone.digits };
  if (phone.kind === 'full') return { by: 'phone', digits: phone.digits };
  return canSeeFull ? { by: 'phoneContains', digits: phone.digits } : null;
}
