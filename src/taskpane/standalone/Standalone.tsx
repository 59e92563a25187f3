// Standalone mode: the pane in an ordinary browser works on files. Nothing is uploaded: files are
// read, checked and computed here, and the computed copies are downloaded from memory.

import {
  Button,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import { type Lang, caseGroups, noHalfYears } from "../../core";
import { CaseMemo, MeetingField } from "../components/CaseMemo";
import { DiffView } from "./DiffView";
import { PaneShell } from "../components/PaneShell";
import { textFor } from "../../i18n/text";
import { XLSX_TYPE, download } from "../download";
import {
  type FileResult,
  batchCsv,
  batchXlsx,
  fileErrorResult,
  holdToGrant,
  pairWithGranted,
  queueRow,
  type Reviews,
} from "./batch";
import { type Review, loadReviews, saveReview } from "./reviews";
import { QueueTable } from "./QueueTable";
import { readFiles } from "./read-files";
import { type Dropped, dropItems, droppedFiles, withArchives } from "./dropped";
import { WORKBOOK_ACCEPT } from "../../xlsx/file-names";

const useStyles = makeStyles({
  // Compact: the queue, not the drop zone, is what the reviewer works in.
  drop: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    alignItems: "center",
  },
  dropActive: {
    border: `2px dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  picker: { fontSize: tokens.fontSizeBase300 },
  case: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
  },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
});

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
  // A list of files named in a sentence: the first three, and how many more.
  const fewNames = (names: readonly string[]) =>
    names.length > 3
      ? `${names.slice(0, 3).join(", ")} ${s.moreFiles(names.length - 3)}`
      : names.join(", ");
  // Each file with the number it was picked as: results arrive as the workers finish.
  const [picked, setPicked] = useState<{ id: number; result: FileResult }[]>(
    [],
  );
  const [nextId, setNextId] = useState(0);
  const ordered = useMemo(
    () => [...picked].sort((a, b) => a.id - b.id),
    [picked],
  );
  const results = useMemo(() => ordered.map((p) => p.result), [ordered]);
  const [progress, setProgress] = useState<{ n: number; of: number } | null>(
    null,
  );
  const [dragging, setDragging] = useState(false);
  // One board meeting for the batch's memos: the date is typed once.
  const [meeting, setMeeting] = useState("");

  const addFiles = useCallback(
    async (given: readonly File[], dropped: Dropped["refused"] = []) => {
      // A zip archive is its workbooks, as the command line takes one.
      const archives = await withArchives(given);
      const files = archives.files;
      const refused = [...dropped, ...archives.refused];
      if (files.length + refused.length === 0) return;
      const first = nextId;
      setNextId(first + files.length + refused.length);
      // What is no file to read is a row of its own, after the files.
      setPicked((prev) => [
        ...prev,
        ...refused.map((r, i) => ({
          id: first + files.length + i,
          result: fileErrorResult(r.name, r.code, lang),
        })),
      ]);
      if (files.length === 0) return;
      let done = 0;
      setProgress({ n: 0, of: files.length });
      await readFiles(files, lang, (i, result) => {
        done++;
        setProgress({ n: done, of: files.length });
        setPicked((prev) => [...prev, { id: first + i, result }]);
      });
      setProgress(null);
    },
    [lang, nextId],
  );

  // A report and the granted budget of its case, in one batch, are paired.
  const reviewed = useMemo(() => pairWithGranted(results), [results]);
  const rows = useMemo(
    // A row keeps the number its file was picked as: an open row stays open as others arrive.
    () => reviewed.map((r, i) => queueRow(ordered[i]!.id, r, lang)),
    [reviewed, ordered, lang],
  );
  // Files of one case (one Diarienummer) make one memo together. A case none of whose files has a
  // half-year (an exported ledger among the submissions) has nothing to decide: no memo, said once.
  const [cases, withoutMemo] = useMemo(() => {
    const groups = caseGroups(
      reviewed.flatMap((r) =>
        r.kind === "ok"
          ? [{ file: r.name, analysis: r.analysis, result: r }]
          : [],
      ),
    );
    return [
      groups.filter((g) => !g.every(noHalfYears)),
      groups
        .filter((g) => g.every(noHalfYears))
        .flatMap((g) => g.map((f) => f.file)),
    ] as const;
  }, [reviewed]);
  const unreadable = useMemo(
    () => reviewed.flatMap((r) => (r.kind === "error" ? [r.name] : [])),
    [reviewed],
  );
  // Granskad and the notes: read once from this browser, kept as they change.
  const [reviews, setReviews] = useState<Reviews>(new Map());
  const [kept, setKept] = useState(true);
  useEffect(() => {
    void loadReviews().then((loaded) =>
      setReviews((now) => new Map([...loaded, ...now])),
    );
  }, []);
  const review = useCallback((key: string, r: Review) => {
    setReviews((prev) => new Map(prev).set(key, r));
    void saveReview(key, r).then((ok) => {
      if (!ok) setKept(false);
    });
  }, []);

  return (
    <PaneShell
      lang={lang}
      dark={dark}
      title={t.title}
      intro={s.intro}
      help={t.help}
    >
      <section
        className={`${dragging ? `${styles.drop} ${styles.dropActive}` : styles.drop} iop-no-print`}
        aria-label={s.drop}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          // Taken now: the browser forgets a drop's items when its handler returns.
          const items = dropItems(e.dataTransfer);
          void droppedFiles(items).then((d) => addFiles(d.files, d.refused));
        }}
      >
        <label htmlFor="files">
          <Text weight="semibold">{s.pick}</Text>
        </label>
        <input
          id="files"
          className={styles.picker}
          type="file"
          accept={`${WORKBOOK_ACCEPT},.zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet,application/zip`}
          multiple
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = "";
            void addFiles(files);
          }}
        />
        <Text>{s.drop}</Text>
      </section>
      <div aria-live="polite" className="iop-no-print">
        {progress && (
          <ProgressBar
            value={progress.n / progress.of}
            aria-label={s.progress(progress.n, progress.of)}
          />
        )}
        {progress && <Text>{s.progress(progress.n, progress.of)}</Text>}
        {unreadable.length > 0 && (
          <Text block data-testid="unreadable">
            {s.unreadable(unreadable.length, fewNames(unreadable))}
          </Text>
        )}
        {!kept && <Text block>{s.notKept}</Text>}
      </div>
      {rows.length === 0 ? (
        <Text>{s.none}</Text>
      ) : (
        <QueueTable
          rows={rows}
          lang={lang}
          t={t}
          reviews={reviews}
          onReview={review}
          tools={
            <>
              <Button
                onClick={() =>
                  download(
                    batchCsv(reviewed, lang, t, reviews),
                    "iop-budget-sammanstallning.csv",
                    "text/csv;charset=utf-8",
                  )
                }
              >
                {s.csv}
              </Button>
              <Button
                onClick={() =>
                  download(
                    batchXlsx(reviewed, lang, t, reviews),
                    "iop-budget-sammanstallning.xlsx",
                    XLSX_TYPE,
                  )
                }
              >
                {s.xlsx}
              </Button>
            </>
          }
        />
      )}
      {cases.length > 0 && (
        <section
          className={`${styles.card} iop-no-print`}
          aria-labelledby="memo-heading"
        >
          <h2 id="memo-heading" style={{ margin: 0, fontSize: "16px" }}>
            {t.memo.title}
          </h2>
          <Text>{t.memo.intro}</Text>
          <MeetingField
            t={t}
            value={meeting}
            onChange={setMeeting}
            hint={t.memo.meetingAllHint}
          />
          {withoutMemo.length > 0 && (
            <Text block data-testid="without-memo">
              {s.withoutMemo(withoutMemo.length, fewNames(withoutMemo))}
            </Text>
          )}
          {cases.map((files) => {
            // The case as its memo names it: the first Dnr of its files, else the first name.
            const agreements = files.map(
              (f) => f.analysis.computation.agreement,
            );
            const dnr =
              agreements.find((a) => a.caseNumber)?.caseNumber ??
              agreements.find((a) => a.name)?.name ??
              (files.length === 1 ? files[0]!.file : t.memo.noCaseNumber);
            return (
              <section
                key={files.map((f) => f.file).join("\u0000")}
                aria-label={dnr}
                className={styles.case}
              >
                <h3 style={{ margin: 0, fontSize: "14px" }}>{dnr}</h3>
                <CaseMemo
                  files={files}
                  prepare={holdToGrant}
                  lang={lang}
                  t={t}
                  label={dnr}
                  meeting={meeting}
                />
              </section>
            );
          })}
        </section>
      )}
      <div className="iop-no-print">
        <DiffView lang={lang} t={t} queue={reviewed} />
      </div>
    </PaneShell>
  );
}
