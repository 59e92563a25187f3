// Two versions of one workbook side by side: each changed cell with its old and new value, and the
// effect on the totals (the page's view of `iop-budget diff`).

import {
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { type Lang, diffWorkbooks } from "../../core";
import { type DiffViewModel, diffView } from "../viewmodel";
import type { PaneText } from "../../i18n/text";
import { type FileResult, readFileBytes, tooLargeFile } from "./batch";
import { WORKBOOK_ACCEPT } from "../../xlsx/file-names";

const useStyles = makeStyles({
  pickers: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXL,
  },
  side: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    maxWidth: "100%",
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
  queue = [],
}: {
  readonly lang: Lang;
  readonly t: PaneText;
  /** The files already in the queue: either version can be one of them. */
  readonly queue?: readonly FileResult[];
}) {
  const styles = useStyles();
  const s = t.standalone.diff;
  const [files, setFiles] = useState<{ old?: FileResult; new?: FileResult }>(
    {},
  );
  const readable = queue.filter((r) => r.kind === "ok");
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
    // The workbooks as they are: a report in the queue may be held to its grant there.
    diff = diffView(
      diffWorkbooks(a.ownAnalysis ?? a.analysis, b.ownAnalysis ?? b.analysis),
      lang,
    );
  const side = (which: "old" | "new", label: string) => (
    <div className={styles.side}>
      <Text weight="semibold" id={`diff-${which}-label`}>
        {label}
      </Text>
      {readable.length > 0 && (
        <Select
          aria-label={`${label}: ${s.fromQueue}`}
          value={
            readable.some((r) => r === files[which]) ? files[which]!.name : ""
          }
          onChange={(_, d) => {
            const chosen = readable.find((r) => r.name === d.value);
            setFiles((prev) => ({ ...prev, [which]: chosen }));
          }}
        >
          <option value="">{`${s.fromQueue}: ${s.pickOne}`}</option>
          {readable.map((r) => (
            <option key={r.name} value={r.name}>
              {r.name}
            </option>
          ))}
        </Select>
      )}
      <label htmlFor={`diff-${which}`}>
        {readable.length > 0 ? s.orFile : label}
      </label>
      <input
        id={`diff-${which}`}
        type="file"
        accept={WORKBOOK_ACCEPT}
        aria-label={readable.length > 0 ? `${label}: ${s.orFile}` : label}
        onChange={(e) => void pick(which)(e)}
      />
    </div>
  );
  return (
    <section aria-labelledby="diff-heading">
      <h2 id="diff-heading" style={{ fontSize: "16px" }}>
        {s.title}
      </h2>
      <div className={styles.pickers}>
        {side("old", s.old)}
        {side("new", s.new)}
      </div>
      {[a, b].map((r) =>
        r?.kind === "error" ? (
          <Text key={r.name} block>
            {r.name}: {r.message}
          </Text>
        ) : null,
      )}
      {diff?.otherCases && (
        <MessageBar intent="warning">
          <MessageBarBody>{diff.otherCases}</MessageBarBody>
        </MessageBar>
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
