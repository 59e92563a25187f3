import fc from "fast-check";
import { formatAmount, normalizeKey, parseDateText, parseNumberText, readNumber, serialToIso, isoToSerial, isDateFormat, isValidOrgNumber } from "../../src/core";

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

  test.each([["275 %", 275], ["10%", 10], ["2,5 %", 2.5]])("%j is %d percent", (text, value) => {
    expect(parseNumberText(text)).toEqual({ value, percent: true });
  });

  test.each(["ca 40 000", "se ovan", "40 000 ca", "1 2 3,4,5", "kr", "", "12abc"])("%j is not a number", (text) => {
    expect(parseNumberText(text)).toBeNull();
  });

  test("a percent-formatted cell holds a fraction; '275 %' as text reads the same", () => {
    expect(readNumber({ t: "n", v: 2.75, fmt: "0%" })).toEqual({ ok: true, value: { value: 2.75, percent: true } });
    expect(readNumber({ t: "s", v: "275 %" })).toEqual({ ok: true, value: { value: 2.75, percent: true } });
    expect(readNumber({ t: "n", v: 275 })).toEqual({ ok: true, value: { value: 275, percent: false } });
  });

  test("error values and uncalculated formulas are failures, never numbers", () => {
    expect(readNumber({ t: "e", v: "#REF!" })).toEqual({ ok: false, failure: { kind: "error-value", text: "#REF!" } });
    expect(readNumber({ t: "s", v: "#VALUE!" })).toEqual({ ok: false, failure: { kind: "error-value", text: "#VALUE!" } });
    expect(readNumber({ t: "z", v: null, f: "SUM(A1:A2)" })).toEqual({ ok: false, failure: { kind: "uncalculated-formula", text: "=SUM(A1:A2)" } });
  });

  test("whole kronor amounts round-trip through the Swedish format (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (ore) => {
        const text = formatAmount(ore);
        const parsed = parseNumberText(text);
        expect(parsed).not.toBeNull();
        expect(Math.round(parsed!.value * 100)).toBe(ore);
      }),
    );
  });

  test("amounts round-trip also with 'kr', no-break spaces and Unicode minus (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(" ", "\u00a0", "\u202f"), (ore, space) => {
        const text = `${formatAmount(ore).replace(/ /g, space).replace("-", "\u2212")} kr`;
        expect(Math.round(parseNumberText(text)!.value * 100)).toBe(ore);
      }),
    );
  });
});

describe("dates", () => {
  test.each([
    ["2025-07-01", "2025-07-01"],
    ["2025/07/01", "2025-07-01"],
    ["01.07.2025", "2025-07-01"],
    ["1 juli 2025", "2025-07-01"],
    ["den 1 juli 2025", "2025-07-01"],
    ["2025-07-01 00:00:00", "2025-07-01"],
  ])("%j is %s", (text, iso) => {
    expect(parseDateText(text)).toBe(iso);
  });

  test("a month alone is its first day as a start and its last day as a due date", () => {
    expect(parseDateText("juni 2025", "first")).toBe("2025-06-01");
    expect(parseDateText("juni 2025", "last")).toBe("2025-06-30");
  });

  test("invalid dates are not dates", () => {
    expect(parseDateText("2025-02-30")).toBeNull();
    expect(parseDateText("snart")).toBeNull();
  });

  test("serials convert both ways (property), 45839 is 2025-07-01", () => {
    expect(serialToIso(45839)).toBe("2025-07-01");
    expect(serialToIso(61)).toBe("1900-03-01");
    fc.assert(fc.property(fc.integer({ min: 61, max: 2_958_465 }), (serial) => expect(isoToSerial(serialToIso(serial)!)).toBe(serial)));
  });

  test("date formats are told from number formats", () => {
    for (const f of ["yyyy-mm-dd", "d/m/yyyy", "mmm-yy", "[$-41D]d mmmm yyyy", "h:mm"]) expect([f, isDateFormat(f)]).toEqual([f, true]);
    for (const f of ["General", "0%", "#,##0", '#,##0 "kr"', "0.00", "@", "#,##0;[Red]-#,##0"]) expect([f, isDateFormat(f)]).toEqual([f, false]);
  });
});

describe("keys and organisation numbers", () => {
  test("keys ignore case, punctuation and a unit in parentheses", () => {
    expect(normalizeKey("  Budget (kr): ")).toBe("budget");
    expect(normalizeKey("Tjänstgöringsgrad (%)")).toBe("tjänstgöringsgrad");
    expect(normalizeKey("Org.nr")).toBe("org nr");
  });

  test("the Luhn digit decides an organisation number", () => {
    expect(isValidOrgNumber("802002-8638")).toBe(true);
    expect(isValidOrgNumber("8020028638")).toBe(true);
    expect(isValidOrgNumber("16802002-8638")).toBe(true);
    expect(isValidOrgNumber("802002-8639")).toBe(false);
    expect(isValidOrgNumber("80200-28638x")).toBe(false);
  });
});
