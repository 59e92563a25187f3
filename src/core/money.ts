// Money is integer öre (1 krona = 100 öre). Every helper keeps parts summing exactly to wholes.

/** An amount in öre: an integer. */
export type Ore = number & { readonly __brand?: "Ore" };

export const ORE_PER_KRONA = 100;

export function kronor(amount: number): Ore {
  // Round away the float noise of a cell value such as 1011578.4500000001.
  return Math.round(amount * ORE_PER_KRONA) as Ore;
}

export function toKronor(ore: Ore): number {
  return ore / ORE_PER_KRONA;
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

/** Öre rounded to whole kronor, half away from zero. */
export function roundToKrona(ore: Ore): Ore {
  return (Number(divRound(BigInt(ore), 100n)) * ORE_PER_KRONA) as Ore;
}

/**
 * Splits `total` in proportion to `weights` by the largest-remainder method: the parts sum exactly
 * to `total`, each part in whole `unit`s (100 = whole kronor). Ties go to the earlier weight.
 * Negative weights count as zero; when every weight is zero the whole goes to the first part.
 */
export function allocate(total: Ore, weights: readonly Ore[], unit = ORE_PER_KRONA): Ore[] {
  if (weights.length === 0) return [];
  // Whole units toward zero, so that leftover öre share the total's sign.
  const units = BigInt(Math.trunc(total / unit));
  const remainderOre = total - Number(units) * unit;
  const w = weights.map((x) => BigInt(Math.max(0, x)));
  const wsum = w.reduce((a, b) => a + b, 0n);
  const parts = weights.map(() => 0n);
  if (wsum === 0n) {
    parts[0] = units;
  } else {
    const sign = units < 0n ? -1n : 1n;
    const abs = units * sign;
    const rems: { i: number; rem: bigint }[] = [];
    let given = 0n;
    w.forEach((wi, i) => {
      const exact = abs * wi;
      parts[i] = exact / wsum;
      given += parts[i]!;
      rems.push({ i, rem: exact % wsum });
    });
    rems.sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
    for (let k = 0; given < abs; k++, given++) parts[rems[k]!.i]! += 1n;
    for (let i = 0; i < parts.length; i++) parts[i] = parts[i]! * sign;
  }
  const out = parts.map((p) => (Number(p) * unit) as Ore);
  // Sub-unit öre (a total that is not whole kronor) go to the first part.
  out[0] = (out[0]! + remainderOre) as Ore;
  return out;
}

/**
 * Splits a total into `count` equal half-year parts in whole kronor; the extra kronor of an
 * uneven total go to the earliest half-years (SPEC §4.10), öre to the first.
 */
export function splitEvenly(total: Ore, count: number): Ore[] {
  if (count <= 0) return [];
  return allocate(total, new Array<Ore>(count).fill(1 as Ore));
}
