// Two versions of one workbook side by side: each changed cell with its old and new value, and the
// effect on the totals (the page's view of `iop-budget diff`).

import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { type Lang, diffWorkbooks } from "../../core";
import { type DiffViewModel, diffView } from "../viewmodel";
import type { PaneText } from "../../i18n/text";
import { type FileResult, readFileBytes, tooLargeFile } from "./batch";

const useStyles = makeStyles({
  pickers: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    fontSize: tokens.fontSizeBase200,
  },
  cell: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "2px 4px",
    textAlign: "left",
    verticalAlign: "top",
  },
  value: { whiteSpace: "nowrap" },
});

export function DiffView({
  lang,
  t,
}: {
  readonly lang: Lang;
  readonly t: PaneText;
}) {
  const styles = useStyles();
  const s = t.standalone.diff;
  const [files, setFiles] = useState<{ old?: FileResult; new?: FileResult }>(
    {},
  );
  const pick =
    (which: "old" | "new") =>
    async (e: React.ChangeEvent<HTMLInputElement>) => {
      const file = e.currentTarget.files?.[0];
      if (!file) return;
      const result =
        tooLargeFile(file.name, file.size, lang) ??
        readFileBytes(
          file.name,
          new Uint8Array(await file.arrayBuffer()),
          lang,
        );
      setFiles((prev) => ({ ...prev, [which]: result }));
    };
  const { old: a, new: b } = files;
  let diff: DiffViewModel | null = null;
  if (a?.kind === "ok" && b?.kind === "ok")
    diff = diffView(diffWorkbooks(a.analysis, b.analysis), lang, t);
  return (
    <section aria-labelledby="diff-heading">
      <h2 id="diff-heading" style={{ fontSize: "16px" }}>
        {s.title}
      </h2>
      <div className={styles.pickers}>
        <label htmlFor="diff-old">{s.old}</label>
        <input
          id="diff-old"
          type="file"
          accept=".xlsx,.ods"
          onChange={(e) => void pick("old")(e)}
        />
        <label htmlFor="diff-new">{s.new}</label>
        <input
          id="diff-new"
          type="file"
          accept=".xlsx,.ods"
          onChange={(e) => void pick("new")(e)}
        />
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
          <Text weight="semibold">
            {diff.count === 0 ? s.none : s.count(diff.count, a.name, b.name)}
          </Text>
          {diff.count > 0 && (
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
                {diff.rows.map((cells, i) => (
                  <tr key={i}>
                    {cells.map((text, j) => (
                      <td
                        key={j}
                        className={
                          j >= 4
                            ? `${styles.cell} ${styles.value}`
                            : styles.cell
                        }
                      >
                        {text}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <ul>
            {diff.effects.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
