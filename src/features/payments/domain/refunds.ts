import { allocate, assertInteger, assertNonNegativeInteger, sumWon } from './money.ts';

/**
 * PAY-2: how a refund is split between the payment's components and its
 * detail lines. Decision 4: a partial refund is split pro rata between the
 * platform points and the PG (main) amount; a platform coupon is restored
 * only on a full refund. A refund never takes more from a line than the
 * line still has.
 */

/** PAY-2: what is still paid on one detail line (after earlier refunds). */
export interface LineBalance {
  lineNo: number;
  main: number;
  points: number;
  couponPlatform: number;
}

/** PAY-2: one line's part of a refund. */
export interface LineRefund {
  lineNo: number;
  main: number;
  points: number;
  couponPlatform: number;
}

/** PAY-2: a refund split by component and line; the totals are the sums of the lines. */
export interface RefundSplit {
  lines: LineRefund[];
  /** Back to the customer through the PG (Toss cancelAmount). */
  main: number;
  /** Platform points given back. */
  points: number;
  /** The platform coupon restored (all of it, on a full refund only). */
  couponPlatform: number;
  /** The refund takes the whole balance. */
  full: boolean;
}

function checkBalance(balance: readonly LineBalance[]): void {
  const seen = new Set<number>();
  for (const line of balance) {
    assertInteger('lineNo', line.lineNo);
    if (seen.has(line.lineNo)) throw new RangeError(`duplicate lineNo ${line.lineNo}`);
    seen.add(line.lineNo);
    assertNonNegativeInteger('main', line.main);
    assertNonNegativeInteger('points', line.points);
    assertNonNegativeInteger('couponPlatform', line.couponPlatform);
  }
}

function totalsOf(lines: LineRefund[], full: boolean): RefundSplit {
  return {
    lines,
    main: sumWon(lines.map((l) => l.main)),
    points: sumWon(lines.map((l) => l.points)),
    couponPlatform: sumWon(lines.map((l) => l.couponPlatform)),
    full,
  };
}

/**
 * PAY-2: the refund of a cancellation at `refundPercent` (an integer 0..100,
 * the cancellation policy's tier). Refund total = ⌊(Σmain + Σpoints)·percent/100⌋
 * (rounded down to the 원, in the business's favour); split pro rata between
 * points and main (`allocate` with weights [Σpoints, Σmain]), then each part
 * across the lines weighted by what each line still has of it. The platform
 * coupon is restored in full only when percent = 100 (`full`), else 0. No
 * line gives back more than its balance.
 */
export function refundSplit(balance: readonly LineBalance[], refundPercent: number): RefundSplit {
  checkBalance(balance);
  assertInteger('refundPercent', refundPercent);
  if (refundPercent < 0 || refundPercent > 100) throw new RangeError(`refundPercent must be 0..100, got ${refundPercent}`);
  const mainSum = sumWon(balance.map((l) => l.main));
  const pointsSum = sumWon(balance.map((l) => l.points));
  const paid = sumWon([mainSum, pointsSum]);
  const total = Number((BigInt(paid) * BigInt(refundPercent)) / 100n);
  const [pointsTotal, mainTotal] = allocate(total, [pointsSum, mainSum]) as [number, number];
  const pointParts = allocate(pointsTotal, balance.map((l) => l.points));
  const mainParts = allocate(mainTotal, balance.map((l) => l.main));
  const full = refundPercent === 100;
  return totalsOf(
    balance.map((line, i) => ({ lineNo: line.lineNo, main: mainParts[i]!, points: pointParts[i]!, couponPlatform: full ? line.couponPlatform : 0 })),
    full,
  );
}

/**
 * PAY-2: an external refund of a known PG amount (a cancel made in the Toss
 * dashboard, learnt from a lookup): `amountPg` is allocated across the lines
 * by their main balance; points are untouched. More than Σmain is refused
 * (RangeError). When it leaves nothing paid (all of the main and no points
 * left) it is `full` and the platform coupon is restored as well, so the
 * balance afterwards is all 0.
 */
export function refundAmountSplit(balance: readonly LineBalance[], amountPg: number): RefundSplit {
  checkBalance(balance);
  assertNonNegativeInteger('amountPg', amountPg);
  const mainSum = sumWon(balance.map((l) => l.main));
  if (amountPg > mainSum) throw new RangeError(`refund of ${amountPg}원 is more than the ${mainSum}원 still paid through the PG`);
  const pointsSum = sumWon(balance.map((l) => l.points));
  const full = amountPg === mainSum && pointsSum === 0;
  const mainParts = allocate(amountPg, balance.map((l) => l.main));
  return totalsOf(
    balance.map((line, i) => ({ lineNo: line.lineNo, main: mainParts[i]!, points: 0, couponPlatform: full ? line.couponPlatform : 0 })),
    full,
  );
}

/**
 * PAY-2: the balance left after `refund`, line by line. Refuses (RangeError)
 * a refund line for an unknown line or one taking more than the line has.
 */
export function balanceAfter(balance: readonly LineBalance[], refund: Pick<RefundSplit, 'lines'>): LineBalance[] {
  checkBalance(balance);
  const byLine = new Map<number, LineRefund>();
  for (const line of refund.lines) {
    if (!balance.some((b) => b.lineNo === line.lineNo)) throw new RangeError(`refund for unknown line ${line.lineNo}`);
    if (byLine.has(line.lineNo)) throw new RangeError(`duplicate refund line ${line.lineNo}`);
    byLine.set(line.lineNo, line);
  }
  return balance.map((line) => {
    const r = byLine.get(line.lineNo);
    if (!r) return { ...line };
    const next = { lineNo: line.lineNo, main: line.main - r.main, points: line.points - r.points, couponPlatform: line.couponPlatform - r.couponPlatform };
    for (const key of ['main', 'points', 'couponPlatform'] as const) {
      assertNonNegativeInteger(`refund.${key}`, r[key]);
      if (next[key] < 0) throw new RangeError(`refund of line ${line.lineNo} takes more ${key} than it has`);
    }
    return next;
  });
}
