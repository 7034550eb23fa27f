/**
 * MSG-10: the free opt-out link each advertising text ends with,
 * `<public url>/optout/<token>`. A token is 16 random bytes in base64url:
 * always 22 characters, so the preview (which has no recipient yet) renders a
 * sample token of exactly that length and counts the bytes the recipients
 * get — the SMS/LMS decision and the price of the preview are the send's.
 */
export const OPT_OUT_TOKEN_BYTES = 16;
export const OPT_OUT_TOKEN_LENGTH = Math.ceil((OPT_OUT_TOKEN_BYTES * 4) / 3);

/** A token-shaped sample for the preview: as long as every real token, read as an example. */
export const SAMPLE_OPT_OUT_TOKEN = 'Ab3dEf5hIj7lMn9pQr1tUv'.slice(0, OPT_OUT_TOKEN_LENGTH);

export function optOutPath(token: string): string {
  return `/optout/${token}`;
}
