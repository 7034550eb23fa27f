/** What the partner center's one search box (예약번호, 예약상세번호, 전화번호, 이름) is looking for. */
export type BookingSearch = { kind: 'number'; value: string } | { kind: 'phone'; value: string } | { kind: 'name'; value: string };

/** Booking numbers start at 10000001 and detail numbers add "-n"; phone numbers start with 0; anything else is a name. */
export function bookingSearchOf(input: string | undefined): BookingSearch | undefined {
  const q = input?.trim();
  if (!q) return undefined;
  const detail = /^([1-9]\d{7,})(-\d+)?$/.exec(q);
  const digits = q.replace(/[\s-]/g, '');
  if (detail) return { kind: 'number', value: detail[1]! };
  if (/^\d+$/.test(digits)) return { kind: 'phone', value: digits };
  return { kind: 'name', value: q };
}
