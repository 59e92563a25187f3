// Money is integer öre (1 krona = 100 öre). Every helper keeps parts summing exactly to wholes.

/**
 * An amount in öre: an integer. Made only here: from kronor (`kronor`), from a whole number of öre
 * (`ore`), or by the operations below; a plain number is not an amount.
 */
export type Ore = number & { readonly __brand: "Ore" };

export const ORE_PER_KRONA = 100;

export const ZERO = 0 as Ore;

/** Kronor (a cell's value) → öre. */
export function kronor(amount: number): Ore {
  // Round away the float noise of a cell value such as 1011578.4500000001.
  return Math.round(amount * ORE_PER_KRONA) as Ore;
}

/**
 * A figure a cell or formula shows, in a column of `unit` kronor (1000 for tkr), as öre; null past
 * what öre hold exactly (a crafted 1e306 kr would be Infinity öre, which no sum can take).
 */
export function kronorOrNull(shown: number | null, unit = 1): Ore | null {
  const figure =
    shown === null ? NaN : Math.round(shown * unit * ORE_PER_KRONA);
  return Number.isSafeInteger(figure) ? (figure as Ore) : null;
}

/** Öre → kronor, for the faces that show or store kronor (JSON, cells, charts). */
export function toKronor(amount: Ore): number {
  return amount / ORE_PER_KRONA;
}

/** A whole number of öre computed elsewhere (exact integer arithmetic, BigInt). */
export function ore(amount: number | bigint): Ore {
  return (amount === 0 ? 0 : Number(amount)) as Ore;
}

export function add(a: Ore, b: Ore): Ore {
  return (a + b) as Ore;
}

export function subtract(a: Ore, b: Ore): Ore {
  return (a - b) as Ore;
}

/** −a, and 0 for 0 (never −0). */
export function negate(a: Ore): Ore {
  return (a === 0 ? 0 : 0 - a) as Ore;
}

export function minOf(a: Ore, b: Ore): Ore {
  return Math.min(a, b) as Ore;
}

export function sum(parts: readonly Ore[]): Ore {
  let total = 0;
  for (const p of parts) total += p;
  return total as Ore;
}

/** numerator / denominator rounded half away from zero, exactly (BigInt). */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator < 0n) return divRound(-numerator, -denominator);
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = n / denominator;
  const r = n - q * denominator;
  const rounded = r * 2n >= denominator ? q + 1n : q;
  return negative ? -rounded : rounded;
}

/**
 * Splits `total` in proportion to `weights` by the largest-remainder method: the parts sum exactly
 * to `total`, each part in whole `unit`s (100 = whole kronor). Ties go to the earlier weight.
 * Negative weights count as zero; when every weight is zero the whole goes to the first part.
 */
export function allocate(
  total: Ore,
  weights: readonly Ore[],
  unit = ORE_PER_KRONA,
): Ore[] {
  if (weights.length === 0) return [];
  // Whole units toward zero, so that leftover öre share the total's sign.
  const units = Math.trunc(total / unit);
  const remainderOre = total - units * unit;
  const sign = units < 0 ? -1 : 1;
  const abs = units * sign;
  // Budgets are nearly always whole kronor: weigh in kronor then, which keeps the fast exact path.
  const whole = weights.every((x) => x % ORE_PER_KRONA === 0);
  const w: readonly number[] = whole
    ? weights.map((x) => x / ORE_PER_KRONA)
    : weights;
  let wsum = 0;
  for (const x of w) wsum += Math.max(0, x);
  let parts: number[];
  if (wsum === 0) {
    parts = w.map((_, i) => (i === 0 ? abs : 0));
  } else if (abs * wsum <= Number.MAX_SAFE_INTEGER) {
    parts = largestRemainder(abs, w, wsum);
  } else {
    parts = largestRemainderBig(abs, w, wsum);
  }
  // A part of nothing is 0, never -0 (which a formatter may print as "−0").
  const out = parts.map((p) => ore(p * sign * unit));
  // Sub-unit öre (a total that is not whole kronor) go to the first part.
  out[0] = ore(out[0]! + remainderOre);
  return out;
}

// Exact in doubles while abs × wsum stays below 2^53 (the usual case: kronor of OH × öre of budget).
function largestRemainder(
  abs: number,
  weights: readonly number[],
  wsum: number,
): number[] {
  const parts = new Array<number>(weights.length);
  const rems = new Array<number>(weights.length);
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    const exact = abs * Math.max(0, weights[i]!);
    const q = Math.floor(exact / wsum);
    parts[i] = q;
    rems[i] = exact - q * wsum;
    given += q;
  }
  if (given < abs) {
    const order = byRemainder(rems, wsum);
    for (let k = 0; given < abs; k++, given++) parts[order[k]!]! += 1;
  }
  return parts;
}

const INDEX_SLOTS = 65536;

/** Indices by remainder, largest first, ties to the earlier index. */
function byRemainder(rems: readonly number[], wsum: number): ArrayLike<number> {
  const n = rems.length;
  if (n <= INDEX_SLOTS && wsum * INDEX_SLOTS <= Number.MAX_SAFE_INTEGER) {
    // Remainder and index packed into one exact double, sorted by the engine's native numeric sort:
    // a comparator function is what made this the slowest step of a cold `check`.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++)
      keys[i] = rems[i]! * INDEX_SLOTS + (INDEX_SLOTS - 1 - i);
    keys.sort();
    const order = new Array<number>(n);
    for (let k = 0; k < n; k++)
      order[k] = INDEX_SLOTS - 1 - (keys[n - 1 - k]! % INDEX_SLOTS);
    return order;
  }
  return rems.map((_, i) => i).sort((a, b) => rems[b]! - rems[a]! || a - b);
}

/**
 * abs × wsum passes 2^53, but one line's abs × weight seldom does: exact in doubles where it (and
 * one more wsum) stays below, in BigInt only for the lines where it does not. A BigInt
 * per line was the slowest step of a large workbook's `check`.
 */
function largestRemainderBig(
  abs: number,
  weights: readonly number[],
  wsum: number,
): number[] {
  const parts = new Array<number>(weights.length);
  const rems = new Array<number>(weights.length);
  let big: { readonly A: bigint; readonly W: bigint } | undefined;
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = Math.max(0, weights[i]!);
    const exact = abs * w;
    let q: number;
    let r: number;
    // Below 2^53 with room for one more wsum, the rounded quotient cannot reach the next whole
    // number, so its floor is exact, and so is the remainder.
    if (exact + wsum <= Number.MAX_SAFE_INTEGER) {
      q = Math.floor(exact / wsum);
      r = exact - q * wsum;
    } else {
      big ??= { A: BigInt(abs), W: BigInt(wsum) };
      const e = big.A * BigInt(w);
      q = Number(e / big.W);
      r = Number(e % big.W);
    }
    parts[i] = q;
    rems[i] = r;
    given += q;
  }
  if (given < abs) {
    const order = byRemainder(rems, wsum);
    for (let k = 0; given < abs; k++, given++) parts[order[k]!]! += 1;
  }
  return parts;
}
