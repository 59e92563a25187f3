import fc from "fast-check";
import {
  allocate,
  divRound,
  kronor as ore,
  ore as asOre,
  overheadOf,
  salaryBudget,
} from "../../src/core";

describe("money in öre", () => {
  test("rounding is half away from zero", () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(4n, 3n)).toBe(1n);
    expect(overheadOf(ore(1008772), 100_000)).toBe(ore(100877));
    expect(overheadOf(ore(1005), 100_000)).toBe(ore(101)); // 100.5 → 101
  });

  test("salary budgets are exact: 275 % × 6 × 45 000 = 742 500; 50 % × 6 × 55 424 = 166 272", () => {
    expect(salaryBudget(275_000_000, 6_000_000, ore(45000))).toBe(ore(742500));
    expect(salaryBudget(50_000_000, 6_000_000, ore(55424))).toBe(ore(166272));
    expect(salaryBudget(33_333_333, 4_500_000, ore(41234.5))).toBe(
      ore(Math.round(0.33333333 * 4.5 * 41234.5)),
    );
  });

  test("the seed's OH is allocated 74 250 / 16 627 / 10 000", () => {
    expect(
      allocate(ore(100877), [ore(742500), ore(166272), ore(100000)]),
    ).toEqual([ore(74250), ore(16627), ore(10000)]);
  });

  test("allocation parts always sum exactly to the total, in whole kronor (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.integer({ min: 0, max: 1e10 }), {
          minLength: 1,
          maxLength: 40,
        }),
        (kr, weights) => {
          const parts = allocate(ore(kr), weights.map(asOre));
          expect(parts.reduce((a, b) => a + b, 0)).toBe(ore(kr));
          for (const p of parts) expect(p % 100).toBe(0);
          const total = weights.reduce((a, b) => a + b, 0);
          // Largest remainder: each part is within one krona of its exact share.
          if (total > 0)
            weights.forEach((w, i) =>
              expect(Math.abs(parts[i]! / 100 - (kr * w) / total)).toBeLessThan(
                1 + 1e-6,
              ),
            );
        },
      ),
    );
  });

  test("negative totals and weights, and totals in öre: the parts sum to the total, a negative total is the positive one negated (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e11, max: 1e11 }),
        fc.array(fc.integer({ min: -1e9, max: 1e9 }), {
          minLength: 1,
          maxLength: 30,
        }),
        (total, weights) => {
          const parts = allocate(asOre(total), weights.map(asOre));
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          // Whole kronor but the first part, which takes the total's öre.
          parts.slice(1).forEach((p) => expect(Math.abs(p % 100)).toBe(0));
          // Each part has the total's sign (or is zero); a weight of zero or less gets nothing
          // when another weight is positive (the first may hold the öre).
          for (const p of parts)
            expect(p * Math.sign(total)).toBeGreaterThanOrEqual(0);
          if (weights.some((w) => w > 0))
            weights.forEach((w, i) => {
              if (w <= 0 && i > 0) expect(parts[i]).toBe(0);
            });
          // (+ 0 makes -0 a 0: the same amount.)
          expect(
            allocate(asOre(-total), weights.map(asOre)).map((p) => p + 0),
          ).toEqual(parts.map((p) => -(p as number) + 0));
        },
      ),
      { numRuns: 300 },
    );
  });

  test("allocation is the exact largest-remainder split, ties to the earlier line (property, against BigInt)", () => {
    // The reference: exact shares in BigInt, remainders ranked by a comparator, as the method is defined.
    const reference = (kronor: number, weights: number[]): number[] => {
      const w = weights.map((x) => BigInt(Math.max(0, x)));
      const sum = w.reduce((a, b) => a + b, 0n);
      if (sum === 0n)
        return weights.map((_, i) => (i === 0 ? kronor : 0) * 100);
      const parts = w.map((x) => (BigInt(kronor) * x) / sum);
      const rems = w.map((x) => (BigInt(kronor) * x) % sum);
      let given = parts.reduce((a, b) => a + b, 0n);
      const order = rems
        .map((_, i) => i)
        .sort((a, b) =>
          rems[a] === rems[b] ? a - b : rems[a]! > rems[b]! ? -1 : 1,
        );
      for (let k = 0; given < BigInt(kronor); k++, given++)
        parts[order[k]!]! += 1n;
      return parts.map((p) => Number(p) * 100);
    };
    const weights = fc.oneof(
      fc.array(fc.integer({ min: 0, max: 50 }), {
        minLength: 1,
        maxLength: 600,
      }), // many ties
      fc.array(fc.integer({ min: 0, max: 1e8 }), {
        minLength: 1,
        maxLength: 60,
      }),
      fc.array(fc.integer({ min: 0, max: 1e13 }), {
        minLength: 1,
        maxLength: 8,
      }), // beyond the packed sort
    );
    const asReference = (kr: number, w: number[]) =>
      expect(
        allocate(
          ore(kr),
          w.map((x) => ore(x)),
        ),
      ).toEqual(reference(kr, w));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e7 }), weights, asReference),
      { numRuns: 300 },
    );
    // Whole kronor near 2^53 once multiplied (a total of millions of kronor, lines of hundreds of
    // millions): a line's share just below it is exact in doubles, just past it in BigInt.
    fc.assert(
      fc.property(
        fc.integer({ min: 9e6, max: 1.1e7 }),
        fc.array(fc.integer({ min: 8e8, max: 9e8 }), {
          minLength: 2,
          maxLength: 20,
        }),
        asReference,
      ),
      { numRuns: 300 },
    );
  });
});
