import { formatWon } from '../../../src/shared/format';

/**
 * Money and rates as the payment screens write them (PAY-1 … PAY-4). A
 * negative amount (a reversal, a discount) gets a true minus sign, "−1,234원",
 * so it is not read as a dash; rates are VAT-inclusive parts per million.
 */
const MINUS = '\u2212';

/** 1234 → "1,234원", −1234 → "−1,234원". */
export function formatSignedWon(amount: number): string {
  return amount < 0 ? `${MINUS}${formatWon(-amount)}` : formatWon(amount);
}

/** A discount or a deduction shown as taken off: 1000 → "−1,000원", 0 → "0원". */
export function formatDeduction(amount: number): string {
  return amount > 0 ? `${MINUS}${formatWon(amount)}` : formatWon(0);
}

/** 16,500 ppm → "1.65%", 11,000 → "1.1%", 30,000 → "3%" (trailing zeros trimmed, exact: the server's ppmLabel). */
export function formatPpm(ppm: number): string {
  const value = Math.max(0, Math.round(ppm));
  const whole = Math.floor(value / 10_000);
  const fraction = String(value % 10_000).padStart(4, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}%`;
}

/** "1.65" or "1.65%" → 16,500 ppm; null for anything that is not a rate of 0–100% with at most 4 decimals. */
export function parsePercentToPpm(text: string): number | null {
  const match = /^\s*(\d{1,3})(?:\.(\d{1,4}))?\s*%?\s*$/.exec(text);
  if (!match) return null;
  const ppm = Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0') || 0);
  return ppm <= 1_000_000 ? ppm : null;
}
