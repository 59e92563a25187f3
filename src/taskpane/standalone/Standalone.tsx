// Standalone mode: the pane in an ordinary browser works on files. Nothing is uploaded: files are
// read, checked and computed here, and the computed copies are downloaded from memory.

import {
  Badge,
  Button,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useMemo, useState } from "react";
import { type Lang, caseGroups } from "../../core";
import { MemoActions } from "../components/MemoActions";
import { DiffView } from "./DiffView";
import { FindingsList } from "../components/FindingsList";
import { PaneShell } from "../components/PaneShell";
import { textFor } from "../i18n";
import { XLSX_TYPE, download } from "../download";
import { figuresView, findingsView } from "../viewmodel";
import {
  type FileResult,
  batchCsv,
  computedCopy,
  computedName,
  pairWithGranted,
  readFileBytes,
  statusOf,
} from "./batch";

const useStyles = makeStyles({
  drop: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    alignItems: "flex-start",
  },
  dropActive: {
    border: `2px dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  picker: { fontSize: tokens.fontSizeBase300 },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  head: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    flexWrap: "wrap",
  },
  facts: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    margin: 0,
  },
  actions: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
});

const BADGE = {
  error: "danger",
  warning: "warning",
  clean: "success",
  unreadable: "danger",
} as const;

export function Standalone({
  lang,
  dark,
}: {
  readonly lang: Lang;
  readonly dark: boolean;
}) {
  const styles = useStyles();
  const t = textFor(lang);
  const s = t.standalone;
  const [results, setResults] = useState<FileResult[]>([]);
  const [progress, setProgress] = useState<{ n: number; of: number } | null>(
    null,
  );
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [dragging, setDragging] = useState(false);

  const addFiles = useCallback(
    async (files: readonly File[]) => {
      for (let i = 0; i < files.length; i++) {
        setProgress({ n: i + 1, of: files.length });
        const file = files[i]!;
        const result = readFileBytes(
          file.name,
          new Uint8Array(await file.arrayBuffer()),
          lang,
        );
        setResults((prev) => [...prev, result]);
        // Let the page paint between files, so a large batch shows its progress.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      setProgress(null);
    },
    [lang],
  );

  // A report and the granted budget of its case, in one batch, are paired.
  const reviewed = useMemo(() => pairWithGranted(results), [results]);
  const rows = useMemo(
    () =>
      reviewed.map((r) => ({
        result: r,
        status: statusOf(r),
        figures: r.kind === "ok" ? figuresView(r.analysis, lang, t) : null,
        findings: r.kind === "ok" ? findingsView(r.analysis, lang, t) : null,
      })),
    [reviewed, lang, t],
  );
  // Files of one case (one Diarienummer) make one memo together.
  const cases = useMemo(
    () =>
      caseGroups(
        reviewed.flatMap((r) =>
          r.kind === "ok" ? [{ file: r.name, analysis: r.analysis }] : [],
        ),
      ),
    [reviewed],
  );
  const statusText = {
    error: s.statusError,
    warning: s.statusWarning,
    clean: s.statusClean,
    unreadable: s.statusUnreadable,
  };

  return (
    <PaneShell lang={lang} dark={dark} title={t.title} intro={s.intro} help={t.help}>
      <section
        className={
          dragging ? `${styles.drop} ${styles.dropActive}` : styles.drop
        }
        aria-label={s.drop}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void addFiles(Array.from(e.dataTransfer.files));
        }}
      >
        <label htmlFor="files">
          <Text weight="semibold">{s.pick}</Text>
        </label>
        <input
          id="files"
          className={styles.picker}
          type="file"
          accept=".xlsx,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"
          multiple
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = "";
            void addFiles(files);
          }}
        />
        <Text>{s.drop}</Text>
      </section>
      <div aria-live="polite">
        {progress && (
          <ProgressBar
            value={progress.n / progress.of}
            aria-label={s.progress(progress.n, progress.of)}
          />
        )}
        {progress && <Text>{s.progress(progress.n, progress.of)}</Text>}
      </div>
      {rows.length === 0 ? (
        <Text>{s.none}</Text>
      ) : (
        <>
          <Button
            appearance="primary"
            onClick={() =>
              download(
                batchCsv(reviewed, lang, t),
                "iop-budget-sammanstallning.csv",
                "text/csv;charset=utf-8",
              )
            }
          >
            {s.csv}
          </Button>
          {cases.length > 0 && (
            <section
              className={styles.card}
              aria-labelledby="memo-heading"
            >
              <h2 id="memo-heading" style={{ margin: 0, fontSize: "16px" }}>
                {t.memo.title}
              </h2>
              <Text>{t.memo.intro}</Text>
              {cases.map((files) => {
                const dnr =
                  files[0]!.analysis.computation.agreement.caseNumber ??
                  (files.length === 1 ? files[0]!.file : t.memo.noCaseNumber);
                return (
                  <div key={files.map((f) => f.file).join("\u0000")}>
                    <Text weight="semibold">
                      {t.memo.caseLine(
                        dnr,
                        files.map((f) => f.file).join(", "),
                      )}
                    </Text>
                    <MemoActions files={files} lang={lang} t={t} label={dnr} />
                  </div>
                );
              })}
            </section>
          )}
          <ul className={styles.list}>
            {rows.map(({ result, status, figures, findings }, i) => (
              <li key={`${result.name}-${i}`}>
                <article className={styles.card} aria-label={result.name}>
                  <div className={styles.head}>
                    <h2
                      style={{
                        margin: 0,
                        fontSize: "16px",
                        wordBreak: "break-all",
                      }}
                    >
                      {result.name}
                    </h2>
                    <Badge color={BADGE[status]} appearance="filled">
                      {statusText[status]}
                    </Badge>
                    {findings && <Text>{findings.summary}</Text>}
                  </div>
                  {result.kind === "ok" && result.grantedBy && (
                    <Text>
                      {s.pairedWith(
                        result.grantedBy,
                        result.analysis.granted?.periods.join(", ") ?? "",
                      )}
                    </Text>
                  )}
                  {result.kind === "error" && (
                    <Text role="alert">
                      {result.message} [{result.code}]
                    </Text>
                  )}
                  {figures && (
                    <dl className={styles.facts}>
                      {figures.halfYears.map((h) => (
                        <div key={h.id} style={{ display: "contents" }}>
                          <dt>{h.id}</dt>
                          <dd style={{ margin: 0 }}>{h.budget}</dd>
                        </div>
                      ))}
                      <dt>{t.grantsTotal}</dt>
                      <dd style={{ margin: 0 }}>{figures.grantsTotal}</dd>
                      <dt>{t.repayment}</dt>
                      <dd style={{ margin: 0 }}>{figures.repaymentText}</dd>
                    </dl>
                  )}
                  {result.kind === "ok" && (
                    <div className={styles.actions}>
                      <Button
                        aria-expanded={expanded.has(i)}
                        aria-controls={`findings-${i}`}
                        onClick={() =>
                          setExpanded((prev) => {
                            const next = new Set(prev);
                            if (next.has(i)) next.delete(i);
                            else next.add(i);
                            return next;
                          })
                        }
                      >
                        {expanded.has(i) ? s.hideFindings : s.showFindings}
                      </Button>
                      <Button
                        aria-label={s.downloadLabel(result.name)}
                        onClick={() =>
                          download(
                            computedCopy(result),
                            computedName(result.name),
                            XLSX_TYPE,
                          )
                        }
                      >
                        {s.download}
                      </Button>
                    </div>
                  )}
                  {findings && expanded.has(i) && (
                    <div id={`findings-${i}`}>
                      <FindingsList view={findings} t={t} />
                    </div>
                  )}
                </article>
              </li>
            ))}
          </ul>
        </>
      )}
      <DiffView lang={lang} t={t} />
    </PaneShell>
  );
}
