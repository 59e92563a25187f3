import fc from "fast-check";
import {
  amountFactor,
  amountTextUnit,
  headerUnit,
  isGroupedThousands,
  formatAmount,
  formatNumber,
  monthsOfText,
  normalizeKey,
  parseDateText,
  parseNumberText,
  readDate,
  readNumber,
  serialToIso,
  isoToSerial,
  isDateFormat,
  isValidOrgNumber,
  ore as asOre,
} from "../../src/core";

describe("Swedish number text", () => {
  test.each([
    ["1 925 000", 1925000],
    ["1 925 000 kr", 1925000],
    ["45 000:-", 45000],
    ["1 011 578,45", 1011578.45],
    ["\u221273 375", -73375],
    ["(73 375)", -73375],
    ["1\u00a0925\u00a0000", 1925000],
    ["1\u202f925\u202f000 kr", 1925000],
    ["1.925.000", 1925000],
    ["1,925,000", 1925000],
    ["-73375", -73375],
    ["0,5", 0.5],
    ["SEK 100", 100],
  ])("%j is %d", (text, value) => {
    expect(parseNumberText(text)).toEqual({ value, percent: false });
  });

  test.each([
    ["275 %", 275],
    ["10%", 10],
    ["2,5 %", 2.5],
  ])("%j is %d percent", (text, value) => {
    expect(parseNumberText(text)).toEqual({ value, percent: true });
  });

  test.each([
    "ca 40 000",
    "se ovan",
    "40 000 ca",
    "1 2 3,4,5",
    "kr",
    "",
    "12abc",
  ])("%j is not a number", (text) => {
    expect(parseNumberText(text)).toBeNull();
  });

  test("a text of more than 100 characters is no number and no date, however it reads (a cell holds 32 767)", () => {
    const spaced = (s: string, width: number) => s.padStart(width, " ");
    expect(parseNumberText(spaced("40 000", 100))).toEqual({
      value: 40000,
      percent: false,
    });
    expect(parseNumberText(spaced("40 000", 101))).toBeNull();
    expect(parseNumberText("1 ".repeat(16_000))).toBeNull();
    expect(parseDateText(spaced("2025-07-01", 100))).toBe("2025-07-01");
    expect(parseDateText(spaced("2025-07-01", 101))).toBeNull();
  });

  test("a percent-formatted cell holds a fraction; '275 %' as text reads the same", () => {
    expect(readNumber({ t: "n", v: 2.75, fmt: "0%" })).toEqual({
      ok: true,
      value: { value: 2.75, percent: true },
    });
    expect(readNumber({ t: "s", v: "275 %" })).toEqual({
      ok: true,
      value: { value: 2.75, percent: true },
    });
    expect(readNumber({ t: "n", v: 275 })).toEqual({
      ok: true,
      value: { value: 275, percent: false },
    });
  });

  test("an amount or a date is read as it is seen: characters that are not seen in its text are left out", () => {
    // "1 925\u200b000 kr" showed as 1 925 000 kr, and was said to be no amount.
    expect(readNumber({ t: "s", v: "1 925\u200b000 kr\u00ad" })).toEqual({
      ok: true,
      value: { value: 1925000, percent: false },
    });
    expect(readNumber({ t: "s", v: "\ufeff275\u2060 %" })).toEqual({
      ok: true,
      value: { value: 2.75, percent: true },
    });
    expect(readDate({ t: "s", v: "2025-07-01\u200b" })).toEqual({
      ok: true,
      value: "2025-07-01",
    });
    // What is said of a text that is no amount is what the person sees.
    expect(readNumber({ t: "s", v: "ett\u00adhundra" })).toEqual({
      ok: false,
      failure: { kind: "not-a-number", text: "etthundra" },
    });
  });

  test("error values and uncalculated formulas are failures, never numbers", () => {
    expect(readNumber({ t: "e", v: "#REF!" })).toEqual({
      ok: false,
      failure: { kind: "error-value", text: "#REF!" },
    });
    expect(readNumber({ t: "s", v: "#VALUE!" })).toEqual({
      ok: false,
      failure: { kind: "error-value", text: "#VALUE!" },
    });
    expect(readNumber({ t: "z", v: null, f: "SUM(A1:A2)" })).toEqual({
      ok: false,
      failure: { kind: "uncalculated-formula", text: "=SUM(A1:A2)" },
    });
  });

  test("whole kronor amounts round-trip through the Swedish format (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (ore) => {
        const text = formatAmount(asOre(ore));
        const parsed = parseNumberText(text);
        expect(parsed).not.toBeNull();
        expect(Math.round(parsed!.value * 100)).toBe(ore);
      }),
    );
  });

  test("amounts round-trip also with 'kr', no-break spaces and Unicode minus (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom(" ", "\u00a0", "\u202f"),
        (ore, space) => {
          const text = `${formatAmount(asOre(ore)).replace(/ /g, space).replace("-", "\u2212")} kr`;
          expect(Math.round(parseNumberText(text)!.value * 100)).toBe(ore);
        },
      ),
    );
  });
});

describe("amounts in thousands (SPEC §3.3)", () => {
  test.each([
    ["Budget", 1],
    ["Budget (kr)", 1],
    ["Budget (tkr)", 1000],
    ["Budget tkr", 1000],
    ["Utfall, TSEK", 1000],
    ["Belopp i tusental kronor", 1000],
    ["Belopp (tusentals kr)", 1000],
    ["Budget (Mkr)", 1_000_000],
    ["Budget i miljoner kronor", 1_000_000],
    // A word that holds the letters is no unit; "k" names thousands only after an amount ("45k").
    ["Utfall attkr", 1],
    ["Utfall k", 1],
    ["Månadskostnad\u00ad (tkr)", 1000],
  ])("the header %j gives amounts in units of %d kr", (header, unit) => {
    expect(headerUnit(header)).toBe(unit);
  });

  test.each([
    ["45 tkr", "45", 1000],
    ["45tkr.", "45", 1000],
    ["45k", "45", 1000],
    ["12,5 k", "12,5", 1000],
    ["1,5 Mkr", "1,5", 1_000_000],
    ["12 TSEK", "12", 1000],
    ["45 000 kr", "45 000 kr", 1],
    ["SEK 45 000", "SEK 45 000", 1],
    ["45 000:-", "45 000:-", 1],
    ["45 000", "45 000", null],
  ])("the text %j is %j in units of %p", (text, number, unit) => {
    expect(amountTextUnit(text)).toEqual({ text: number, unit });
  });

  test.each([
    // No format, or one that neither names nor divides: the column's unit.
    [undefined, 1000, 1000],
    ["General", 1, 1],
    ["#,##0", 1000, 1000],
    ["#,##0.00", 1, 1],
    // Excel's way to show thousands or millions: the value is kronor, whatever the header says.
    ["#,##0,", 1000, 1],
    ["#,##0,", 1, 1],
    ["#,##0.0,,", 1000, 1],
    ['#,##0," tkr"', 1, 1],
    // A format that names its unit says what the value is.
    ['#,##0" tkr"', 1, 1000],
    ["#,##0\\ \\t\\k\\r", 1, 1000],
    ['#,##0" kr"', 1000, 1],
    ["#,##0 [$kr-41D]", 1000, 1],
    ['#,##0.0" Mkr";-#,##0.0" Mkr"', 1, 1_000_000],
    // A comma between digits groups them; in quotes it is text.
    ["#,##0", 1, 1],
    ['0","0', 1, 1],
  ])(
    "a number formatted %j in a column of %d kr is in units of %d kr",
    (fmt, unit, factor) => {
      expect(amountFactor(fmt, unit)).toBe(factor);
    },
  );
});

describe("kronor as Swedes write them", () => {
  test.each([
    ["45 000,-", 45000],
    ["1 925 000,-", 1925000],
    ["45000.-", 45000],
    ["45 000:–", 45000],
    ["45 000 SEK.", 45000],
    ["(45 000,-)", -45000],
  ])("%j is %d", (text, value) => {
    expect(parseNumberText(text)).toEqual({ value, percent: false });
  });

  test.each([
    ["45.000", true],
    ["12,500", true],
    ["505.789 kr", true],
    ["165.552,-", true],
    ["−12,500", true],
    // Two decimals are öre, a leading zero a fraction, two separators already thousands.
    ["45,50", false],
    ["0,500", false],
    ["1,925,000", false],
    ["45.000,50", false],
    ["1925.000", false],
  ])("%j is written with one thousands separator: %p", (text, grouped) => {
    expect(isGroupedThousands(text)).toBe(grouped);
  });
});

describe("months and percentages as words", () => {
  test.each([
    ["jul–dec", 6],
    ["juli - december", 6],
    ["okt-dec", 3],
    ["jan–jun", 6],
    ["mars–maj", 3],
    ["hela perioden", 6],
    // Across the half-years, backwards, or no range: not months of one half-year.
    ["jun–aug", null],
    ["dec–jul", null],
    ["juli", null],
    ["6", null],
  ])("%j is %p months", (text, months) => {
    expect(monthsOfText(text)).toBe(months);
  });

  test.each(["50 procent", "50procent", "50 proc.", "50 %"])(
    "%j is 50 %",
    (text) => {
      expect(parseNumberText(text)).toEqual({ value: 50, percent: true });
    },
  );
});

describe("dates", () => {
  test.each([
    ["2025-07-01", "2025-07-01"],
    ["2025/07/01", "2025-07-01"],
    ["01.07.2025", "2025-07-01"],
    ["1 juli 2025", "2025-07-01"],
    ["den 1 juli 2025", "2025-07-01"],
    ["2025-07-01 00:00:00", "2025-07-01"],
    // Day first with dashes, and short as Swedes write it (each was INVALID_DATE).
    ["01-07-2025", "2025-07-01"],
    ["1/7 2025", "2025-07-01"],
    ["30/6-2026", "2026-06-30"],
  ])("%j is %s", (text, iso) => {
    expect(parseDateText(text)).toBe(iso);
  });

  test("a month alone is its first day as a start and its last day as a due date", () => {
    expect(parseDateText("juni 2025", "first")).toBe("2025-06-01");
    expect(parseDateText("juni 2025", "last")).toBe("2025-06-30");
  });

  test("invalid dates are not dates", () => {
    expect(parseDateText("2025-02-30")).toBeNull();
    expect(parseDateText("31/6 2026")).toBeNull();
    expect(parseDateText("snart")).toBeNull();
  });

  test("serials convert both ways (property), 45839 is 2025-07-01", () => {
    expect(serialToIso(45839)).toBe("2025-07-01");
    expect(serialToIso(61)).toBe("1900-03-01");
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2_958_465 }), (serial) =>
        expect(isoToSerial(serialToIso(serial)!)).toBe(serial),
      ),
    );
  });

  test("date formats are told from number formats", () => {
    for (const f of [
      "yyyy-mm-dd",
      "d/m/yyyy",
      "mmm-yy",
      "[$-41D]d mmmm yyyy",
      "h:mm",
      "[[Red]yyyy-mm-dd",
      // Styles may hold any format: a million "[" (once searched from each to the end, minutes).
      `${"[".repeat(1_000_000)}yyyy-mm-dd`,
    ])
      expect([f.slice(-20), isDateFormat(f)]).toEqual([f.slice(-20), true]);
    for (const f of [
      "General",
      "0%",
      "#,##0",
      '#,##0 "kr"',
      "0.00",
      "@",
      "#,##0;[Red]-#,##0",
      "[Red][$-41D]0.00",
      `${"[".repeat(1_000_000)}0.00`,
    ])
      expect([f.slice(-20), isDateFormat(f)]).toEqual([f.slice(-20), false]);
  });
});

describe("keys and organisation numbers", () => {
  test("keys ignore case, punctuation and a unit in parentheses", () => {
    expect(normalizeKey("  Budget (kr): ")).toBe("budget");
    expect(normalizeKey("Tjänstgöringsgrad (%)")).toBe("tjänstgöringsgrad");
    expect(normalizeKey("Org.nr")).toBe("org nr");
  });

  test("a key is the same with characters that are not seen anywhere in it (property)", () => {
    // A soft hyphen or zero-width space pasted into a post made it another post than its
    // neighbour half-year's, with the same look.
    const unseen = fc.constantFrom(
      "\u00ad",
      "\u200b",
      "\u200c",
      "\u200d",
      "\u2060",
      "\ufeff",
      "\u202e",
      "\u2066",
    );
    fc.assert(
      fc.property(
        fc.constantFrom(
          "Hälsofrämjare",
          "Samordnare utveckling",
          "Budget (kr)",
          "OH-kostnader",
        ),
        fc.array(fc.tuple(fc.nat(), unseen), { maxLength: 4 }),
        (key, inserts) => {
          let seen = key;
          for (const [at, ch] of inserts) {
            const i = at % (seen.length + 1);
            seen = seen.slice(0, i) + ch + seen.slice(i);
          }
          expect(normalizeKey(seen)).toBe(normalizeKey(key));
        },
      ),
    );
    expect(normalizeKey("Hälso\u00adfrämjare")).toBe("hälsofrämjare");
  });

  test("a plain label's key, taken as its lower case, is what every pass would make of it (property)", () => {
    // The passes, as normalizeKey made every key before plain labels were taken as they are.
    const passes = (text: string) =>
      text
        .replace(/\p{Cf}/gu, "")
        .toLowerCase()
        .replace(/\((?:kr|sek|kronor|%|procent|st|mån|månader|tkr)\)/g, " ")
        .replace(/[^\p{L}\p{N}]+/gu, " ")
        .trim()
        .replace(/ +/g, " ");
    const char = fc.constantFrom(
      ..."aZåÄö19 :.-()/\u00a0\u200bİẞﬁΣ\u0307e\u0301".split(""),
      "(kr)",
      "  ",
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (parts) => {
        const text = parts.join("");
        expect(normalizeKey(text)).toBe(passes(text));
      }),
      { numRuns: 3000 },
    );
  });

  test("the Luhn digit decides an organisation number", () => {
    expect(isValidOrgNumber("802002-8638")).toBe(true);
    expect(isValidOrgNumber("8020028638")).toBe(true);
    expect(isValidOrgNumber("16802002-8638")).toBe(true);
    expect(isValidOrgNumber("802002-8639")).toBe(false);
    expect(isValidOrgNumber("80200-28638x")).toBe(false);
    // Word's non-breaking hyphen, en dash and figure dash are the hyphen.
    for (const dash of ["\u2011", "\u2013", "\u2012", "\u2010", "\u2212"])
      expect([dash, isValidOrgNumber(`802002${dash}8638`)]).toEqual([
        dash,
        true,
      ]);
  });
});

describe("amounts and numbers are written as Intl writes them, without loading ICU", () => {
  // The reference: what the formatter did before, with Intl, and what Office and browsers show.
  const intl = (
    lang: "sv" | "en",
    value: number,
    digits: { min?: number; max: number },
  ) =>
    new Intl.NumberFormat(lang === "sv" ? "sv-SE" : "en-GB", {
      minimumFractionDigits: digits.min ?? 0,
      maximumFractionDigits: digits.max,
    })
      .format(value)
      // Ours: a narrow no-break space between groups and the true minus in both languages.
      .replace(/[\u00a0\u202f]/g, "\u202f")
      .replace(/^-/, "\u2212");
  const langs = fc.constantFrom("sv" as const, "en" as const);

  test("amounts in öre, either language (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1e13, max: 1e13 }),
          fc.integer({ min: -100_000, max: 100_000 }),
        ),
        langs,
        (ore, lang) => {
          const decimals = ore % 100 === 0 ? 0 : 2;
          expect(formatAmount(asOre(ore), lang)).toBe(
            intl(lang, ore / 100, { min: decimals, max: decimals }),
          );
        },
      ),
    );
  });

  test("any finite number below 10^15, either language (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e15, max: 1e15, noNaN: true }),
        langs,
        (value, lang) => {
          expect(formatNumber(value, lang)).toBe(
            intl(lang, value, { max: 6 }).replace(/^\u22120$/, "0"),
          );
        },
      ),
    );
  });

  test("plain numbers with up to six decimals, either language (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 6 }),
        langs,
        (n, places, lang) => {
          const value = n / 10 ** places;
          expect(formatNumber(value, lang)).toBe(intl(lang, value, { max: 6 }));
        },
      ),
    );
  });

  test.each([
    [0, "sv", "0"],
    [-0, "sv", "0"],
    [100, "sv", "1"],
    [-7337500, "sv", "\u221273\u202f375"],
    [110964950, "sv", "1\u202f109\u202f649,50"],
    [-110964905, "en", "\u22121,109,649.05"],
    [110964905, "en", "1,109,649.05"],
    [99999, "en", "999.99"],
  ] as const)("formatAmount(%s, %s) is %s", (ore, lang, text) =>
    expect(formatAmount(asOre(ore), lang)).toBe(text),
  );

  test.each([
    [2025, "sv", "2\u202f025"],
    [27.5, "sv", "27,5"],
    [-0.0000001, "en", "0"],
    [1 / 3, "en", "0.333333"],
    [0.1 + 0.2, "sv", "0,3"],
    [0.0000005, "en", "0.000001"],
    [1e-7, "en", "0"],
    [9.9999995, "sv", "10"],
  ] as const)("formatNumber(%s, %s) is %s", (value, lang, text) =>
    expect(formatNumber(value, lang)).toBe(text),
  );
});
