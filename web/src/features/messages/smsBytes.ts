/**
 * The byte count Korean SMS uses (EUC-KR/CP949): 1 byte for ASCII, 2 for a
 * Hangul syllable and every other character. For display only; the server
 * counts with iconv-lite and decides the channel.
 */
export function smsBytes(text: string): number {
  let bytes = 0;
  for (const char of text) bytes += (char.codePointAt(0) ?? 0) <= 0x7f ? 1 : 2;
  return bytes;
}

export const SMS_MAX_BYTES = 90;
export const LMS_MAX_BYTES = 2000;
export const GIFT_NAME_MAX_BYTES = 64;
/** The subject (제목) of an LMS. */
export const LMS_SUBJECT_MAX_BYTES = 40;

/** "SMS 45/90 byte" below 91 bytes, "LMS 120/2000 byte" above, as the server switches. */
export function smsMeter(bytes: number): { kind: 'SMS' | 'LMS'; limit: number; over: boolean } {
  if (bytes <= SMS_MAX_BYTES) return { kind: 'SMS', limit: SMS_MAX_BYTES, over: false };
  return { kind: 'LMS', limit: LMS_MAX_BYTES, over: bytes > LMS_MAX_BYTES };
}
