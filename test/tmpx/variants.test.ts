import { readdirSync, readFileSync } from "node:fs";
import { analyze } from "../../src/core";
import { readXlsx } from "../../src/xlsx/read";
import { computeBytes } from "../helpers/compute";
import {
  disagreements,
  recalculateAllWithLibreOffice,
} from "../helpers/libreoffice";

test("variants: compute agrees with LibreOffice and checks again the same", () => {
  const files = readdirSync("/tmp/v").filter(
    (f) => f.endsWith(".xlsx") && !f.includes("-c."),
  );
  const outs = files.map((f) =>
    computeBytes(new Uint8Array(readFileSync(`/tmp/v/${f}`))),
  );
  const calc = recalculateAllWithLibreOffice(outs);
  const problems: string[] = [];
  files.forEach((f, i) => {
    const mine = readXlsx(outs[i]!);
    const d = disagreements(mine, readXlsx(calc[i]!));
    if (d.length) problems.push(`${f}: ${JSON.stringify(d.slice(0, 3))}`);
    const before = analyze(
      readXlsx(new Uint8Array(readFileSync(`/tmp/v/${f}`))),
    );
    const after = analyze(mine);
    const codes = (a: typeof before) =>
      a.findings
        .map((x) => x.code)
        .filter((c) => c !== "OH_FORMULA_STALE")
        .sort()
        .join(",");
    if (codes(before) !== codes(after))
      problems.push(`${f}: findings ${codes(before)} -> ${codes(after)}`);
  });
  expect(problems).toEqual([]);
}, 600_000);
