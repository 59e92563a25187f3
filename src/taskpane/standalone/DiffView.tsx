// Two versions of one workbook side by side: each changed cell with its old and new value, and the
// effect on the totals (the page's view of `iop-budget diff`).

import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { type Lang, type WorkbookDiff, diffValueText, diffWorkbooks, fieldName, formatAmount } from "../../core";
import type { PaneText } from "../i18n";
import { type FileResult, readFileBytes } from "./batch";

const useStyles = makeStyles({
  pickers: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  cell: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: "2px 4px", textAlign: "left", verticalAlign: "top" },
  value: { whiteSpace: "nowrap" },
});

export function DiffView({ lang, t }: { readonly lang: Lang; readonly t: PaneText }) {
  const styles = useStyles();
  const s = t.standalone.diff;
  const [files, setFiles] = useState<{ old?: FileResult; new?: FileResult }>({});
  const pick = (which: "old" | "new") => async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    if (!file) return;
    const result = readFileBytes(file.name, new Uint8Array(await file.arrayBuffer()), lang);
    setFiles((prev) => ({ ...prev, [which]: result }));
  };
  const { old: a, new: b } = files;
  let diff: WorkbookDiff | null = null;
  if (a?.kind === "ok" && b?.kind === "ok") diff = diffWorkbooks(a.analysis, b.analysis);
  const amount = (v: number | null) => (v === null ? "–" : formatAmount(Math.round(v * 100), lang));
  return (
    <section aria-labelledby="diff-heading">
      <h2 id="diff-heading" style={{ fontSize: "16px" }}>
        {s.title}
      </h2>
      <div className={styles.pickers}>
        <label htmlFor="diff-old">{s.old}</label>
        <input id="diff-old" type="file" accept=".xlsx,.ods" onChange={(e) => void pick("old")(e)} />
        <label htmlFor="diff-new">{s.new}</label>
        <input id="diff-new" type="file" accept=".xlsx,.ods" onChange={(e) => void pick("new")(e)} />
      </div>
      {[a, b].map((r) =>
        r?.kind === "error" ? (
          <Text key={r.name} role="alert">
            {r.name}: {r.message} [{r.code}]
          </Text>
        ) : null,
      )}
      {diff && a && b && (
        <div aria-live="polite">
          <Text weight="semibold">{diff.changes.length === 0 ? s.none : s.count(diff.changes.length, a.name, b.name)}</Text>
          {diff.changes.length > 0 && (
            <table className={styles.table} aria-label={s.title}>
              <thead>
                <tr>
                  {s.headers.map((h) => (
                    <th key={h} className={styles.cell} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {diff.changes.map((c, i) => (
                  <tr key={i}>
                    <td className={styles.cell}>{c.sheet}</td>
                    <td className={styles.cell}>{c.cell ?? ""}</td>
                    <td className={styles.cell}>{c.line ?? ""}</td>
                    <td className={styles.cell}>{fieldName(c.field, lang)}</td>
                    <td className={`${styles.cell} ${styles.value}`}>{diffValueText(c.field, c.old, lang)}</td>
                    <td className={`${styles.cell} ${styles.value}`}>{diffValueText(c.field, c.new, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <ul>
            {diff.effects.halfYears
              .filter((h) => h.old !== h.new)
              .map((h) => (
                <li key={h.id}>{s.effect(h.id, amount(h.old), amount(h.new))}</li>
              ))}
            {diff.effects.repayment.old !== diff.effects.repayment.new && (
              <li>{s.effect(t.repayment, amount(diff.effects.repayment.old), amount(diff.effects.repayment.new))}</li>
            )}
          </ul>
        </div>
      )}
    </section>
  );
}
