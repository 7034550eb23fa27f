import { describe, expect, it } from 'vitest';
import { formatDeduction, formatPpm, formatSignedWon, parsePercentToPpm } from './money';

describe('money', () => {
  it('writes negative amounts with a true minus sign', () => {
    expect(formatSignedWon(1234)).toBe('1,234원');
    expect(formatSignedWon(-1234)).toBe('\u22121,234원');
    expect(formatSignedWon(0)).toBe('0원');
  });

  it('writes a deduction as taken off', () => {
    expect(formatDeduction(1000)).toBe('\u22121,000원');
    expect(formatDeduction(0)).toBe('0원');
  });

  it('writes ppm as a percentage with trailing zeros trimmed', () => {
    expect(formatPpm(16_500)).toBe('1.65%');
    expect(formatPpm(11_000)).toBe('1.1%');
    expect(formatPpm(30_000)).toBe('3%');
    expect(formatPpm(1)).toBe('0.0001%');
    expect(formatPpm(0)).toBe('0%');
  });

  it('reads a percentage back to ppm', () => {
    expect(parsePercentToPpm('1.65')).toBe(16_500);
    expect(parsePercentToPpm('3.3%')).toBe(33_000);
    expect(parsePercentToPpm(' 2 ')).toBe(20_000);
    expect(parsePercentToPpm('0.0001')).toBe(1);
    expect(parsePercentToPpm('100')).toBe(1_000_000);
    expect(parsePercentToPpm('100.5')).toBeNull();
    expect(parsePercentToPpm('1.23456')).toBeNull();
    expect(parsePercentToPpm('abc')).toBeNull();
    expect(parsePercentToPpm('')).toBeNull();
  });

  it('round-trips every ppm label', () => {
    for (const ppm of [0, 1, 99, 16_500, 22_000, 24_200, 26_400, 30_800, 33_000, 1_000_000]) expect(parsePercentToPpm(formatPpm(ppm))).toBe(ppm);
  });
});
