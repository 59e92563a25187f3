import { parsePeriod } from "../../src/core";

describe("half-years from names and Period cells", () => {
  test.each([
    ["Budget 2025 H2", "2025-H2"],
    ["Budget H2 2025", "2025-H2"],
    ["2025-H2", "2025-H2"],
    ["2025H1", "2025-H1"],
    ["Halvår 2 2025", "2025-H2"],
    ["halvår 1, 2026", "2026-H1"],
    ["andra halvåret 2025", "2025-H2"],
    ["Första halvåret 2026", "2026-H1"],
    ["juli–december 2025", "2025-H2"],
    ["jul-dec 2025", "2025-H2"],
    ["januari till och med juni 2026", "2026-H1"],
    ["juli 2025 till och med december 2025", "2025-H2"],
    ["2025-07-01 – 2025-12-31", "2025-H2"],
    ["2026-01-01--2026-06-30", "2026-H1"],
    ["Utfall 2024 H1", "2024-H1"],
    // With days, as people write a period out ("1 juli–31 december 2025" read as December alone).
    ["1 juli–31 december 2025", "2025-H2"],
    ["1 juli 2025 till 31 december 2025", "2025-H2"],
    ["1 januari–30 juni 2026", "2026-H1"],
    // Day first, and year first with slashes ("01.07.2025-31.12.2025" read as the whole year).
    ["01.07.2025-31.12.2025", "2025-H2"],
    ["1/1/2026 – 30/6/2026", "2026-H1"],
    ["2025/07/01 - 2025/12/31", "2025-H2"],
    // Months with their years, the year before its months, days and months with the year once
    // (each read as the whole year 2025, NOT_HALF_YEAR).
    ["2025-07 – 2025-12", "2025-H2"],
    ["Budget 2025-07--2025-12", "2025-H2"],
    ["07/2025-12/2025", "2025-H2"],
    ["01.2026–06.2026", "2026-H1"],
    ["2025 jul-dec", "2025-H2"],
    ["2025 juli till december", "2025-H2"],
    ["1/7-31/12 2025", "2025-H2"],
    ["1/1 – 30/6 2026", "2026-H1"],
    // Each date with its year after a dash, as Swedes write it (was no period).
    ["1/7-2025 – 31/12-2025", "2025-H2"],
    ["1/1-2026 till 30/6-2026", "2026-H1"],
    // Quarters, terms (vårterminen January–June, hösten July–December) and "1H".
    ["Q3–Q4 2025", "2025-H2"],
    ["kv 1-2 2026", "2026-H1"],
    ["kvartal 1 och 2 2026", "2026-H1"],
    ["2025 Q3-Q4", "2025-H2"],
    ["Budget HT 2025", "2025-H2"],
    ["VT26", "2026-H1"],
    ["Vårterminen 2026", "2026-H1"],
    ["hösten 2025", "2025-H2"],
    ["1H 2026", "2026-H1"],
    ["2H 2025", "2025-H2"],
    // Two-digit years where an H names the half (each was no period: the sheet was not read).
    ["Budget H2 25", "2025-H2"],
    ["H1-26", "2026-H1"],
    ["Utfall 24 H1", "2024-H1"],
    ["25H2", "2025-H2"],
    ["2H25", "2025-H2"],
    ["1H 26", "2026-H1"],
    // A two-digit year after the months, last in the name (each was PERIOD_UNKNOWN).
    ["Budget jul–dec 25", "2025-H2"],
    ["Budget juli–december -25", "2025-H2"],
    ["Utfall jan-jun 24", "2024-H1"],
  ])("%j is %s", (text, id) => {
    const p = parsePeriod(text);
    expect(p?.kind === "half-year" ? p.halfYear.id : p).toBe(id);
  });

  test.each([
    "juli–november 2025",
    "2025-07-01 – 2025-12-15",
    "Budget 2025",
    "juli 2025 – juni 2026",
    "mars 2025",
    "1 juli–30 december 2025",
    "2 juli–31 december 2025",
    "1 juli–31 juni 2025",
    "01.07.2025-30.12.2025",
    "2025-07 – 2025-11",
    "1/7-30/12 2025",
    "Q3 2025",
    "Q2–Q3 2025",
    "2025 jul-nov",
    "Budget jul-okt 25",
    // "Vår" is also "our": a budget of ours for 2025 is the year.
    "Vår budget 2025",
  ])("%j is a period but not a half-year", (text) => {
    expect(parsePeriod(text)?.kind).toBe("other");
  });

  test.each([
    "Uppgifter",
    "Blad1",
    "Sheet1",
    "Anteckningar",
    // An H and two digits run together, or a number of three, are no year.
    "H225",
    "H2 250",
    // A day and a two-digit number, or months with more after the year, are no short year.
    "1 jul - 31 dec 25",
    "Utfall jan-jun 24 rev",
  ])("%j names no period", (text) => {
    expect(parsePeriod(text)).toBeNull();
  });
});
