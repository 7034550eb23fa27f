/**
 * PAY-1 … PAY-4: integer 원 arithmetic shared by checkout pricing, refunds,
 * fees and settlement. Every amount is a whole number of 원 (a safe
 * integer); anything else is a programming error and throws a RangeError.
 * Products of amounts and rates are computed with BigInt, so no rounding
 * happens anywhere but in the one rule each function names.
 */

/** Throws a RangeError unless `value` is a safe integer (a whole number of 원, a count, a rate in ppm). */
export function assertInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a safe integer, got ${String(value)}`);
}

/** Throws a RangeError unless `value` is a safe integer ≥ 0. */
export function assertNonNegativeInteger(name: string, value: number): void {
  assertInteger(name, value);
  if (value < 0) throw new RangeError(`${name} must not be negative, got ${value}`);
}

/**
 * Throws a RangeError unless `value` is a real calendar day written
 * yyyy-MM-dd (2026-02-30 is refused). Such keys order correctly as strings.
 */
export function assertDateKey(value: string, name = 'date'): void {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const valid = match !== null && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === value;
  if (!valid) throw new RangeError(`${name} must be a yyyy-MM-dd calendar day, got ${JSON.stringify(value)}`);
}

/** `-x` without producing -0 (so results compare equal to 0 with Object.is). */
const negate = (x: number): number => (x === 0 ? 0 : -x);

/** Converts a BigInt result back, refusing one outside the safe range. */
function toSafeNumber(name: string, value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} is outside the safe integer range`);
  return n;
}

/**
 * PAY-1, PAY-2: splits `total` 원 into parts proportional to `weights` by the
 * largest-remainder rule: every part first gets ⌊total·wᵢ/Σw⌋, and the 원 left
 * over go one each to the parts with the largest remainders, ties going to
 * the lower index. The parts sum exactly to `total` and each lies between
 * the floor and the ceiling of its proportional share (so a part is never
 * more than its weight when `total` ≤ Σw). Weights are non-negative
 * integers; when they are all 0 the total is spread equally (same rule). A
 * negative total is allocated on its magnitude and negated. An empty weight
 * list accepts only a total of 0.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  assertInteger('total', total);
  weights.forEach((w, i) => assertNonNegativeInteger(`weights[${i}]`, w));
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError('allocate: a non-zero total needs at least one weight');
    return [];
  }
  const magnitude = BigInt(Math.abs(total));
  const allZero = weights.every((w) => w === 0);
  const ws = weights.map((w) => BigInt(allZero ? 1 : w));
  const sum = ws.reduce((a, b) => a + b, 0n);
  const parts = ws.map((w) => (magnitude * w) / sum);
  const remainders = ws.map((w) => (magnitude * w) % sum);
  let left = magnitude - parts.reduce((a, b) => a + b, 0n);
  // Largest remainder first; equal remainders keep index order (lower index first).
  const order = ws.map((_, i) => i).sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
  for (const i of order) {
    if (left === 0n) break;
    parts[i] = parts[i]! + 1n;
    left -= 1n;
  }
  return parts.map((p) => (total < 0 ? negate(Number(p)) : Number(p)));
}

/**
 * PAY-3, PAY-4: the fee on `amount` at `ratePpm` parts per million (VAT
 * included, 1.65% = 16,500 ppm), rounded half-up to the whole 원 on the
 * magnitude: sign(amount)·⌊(|amount|·ppm + 500,000) / 1,000,000⌋. One fee
 * per detail line and per fee component (research notes §2 "Rounding":
 * 원 미만 반올림). Computed with BigInt, so it is exact for every safe amount.
 */
export function feeOf(amount: number, ratePpm: number): number {
  assertInteger('amount', amount);
  assertNonNegativeInteger('ratePpm', ratePpm);
  const magnitude = (BigInt(Math.abs(amount)) * BigInt(ratePpm) + 500_000n) / 1_000_000n;
  const fee = toSafeNumber('fee', magnitude);
  return amount < 0 ? negate(fee) : fee;
}

/**
 * PAY-4: the VAT inside a VAT-inclusive fee: vat = round-half-up(fee / 11)
 * on the magnitude (= ⌊(2·|fee| + 11) / 22⌋, as Toss's settlement rows show:
 * 860 → 78 + 782, 1,492 → 136 + 1,356), supply = fee − vat, so
 * vat + supply = fee always.
 */
export function splitVat(fee: number): { vat: number; supply: number } {
  assertInteger('fee', fee);
  const magnitude = toSafeNumber('vat', (2n * BigInt(Math.abs(fee)) + 11n) / 22n);
  const vat = fee < 0 ? negate(magnitude) : magnitude;
  return { vat, supply: fee - vat };
}

/** Σ values, each a safe integer; throws a RangeError when the sum leaves the safe range. */
export function sumWon(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) {
    assertInteger('amount', v);
    sum += v;
    if (!Number.isSafeInteger(sum)) throw new RangeError('sum is outside the safe integer range');
  }
  return sum;
}
