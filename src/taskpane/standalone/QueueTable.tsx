// The review queue: one row per submitted workbook, on one line, sortable by any column and
// filterable by text and status; a row opens to its figures, findings and the reviewer's note,
// with the previous and next file a click away. Granskad and the note stay in this browser.

import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  Fragment,
  type ReactNode,
  Suspense,
  lazy,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { flushSync } from "react-dom";
import {
  type InputChange,
  type Lang,
  grantsAsShown,
  hasFigures,
} from "../../core";
import { FindingsList } from "../components/FindingsList";
import { KeyFigures } from "../components/KeyFigures";
import { download } from "../download";
import type { PaneText } from "../../i18n/text";
import { figuresView, findingsView } from "../viewmodel";
import {
  type QueueKey,
  type QueueRow,
  type Reviews,
  type Status,
  computedCopy,
  computedFile,
  copyFailure,
  filterRows,
  reviewKeyOf,
  sortRows,
} from "./batch";
import { NO_REVIEW, type Review } from "./reviews";

const useStyles = makeStyles({
  tools: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    alignItems: "end",
  },
  scroll: { overflowX: "auto", maxWidth: "100%" },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    fontSize: tokens.fontSizeBase200,
  },
  cell: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "2px 6px",
    textAlign: "left",
    verticalAlign: "middle",
    whiteSpace: "nowrap",
  },
  number: { textAlign: "right" },
  // Below 1 000 px the case, organisation and counts give way (the filter still finds them,
  // and the open row shows them).
  wide: { "@media (max-width: 999px)": { display: "none" } },
  // The actions stay at the table's right edge when it is wider than the window (long amounts,
  // English, 1 000–1 100 px): "Ladda ner" was cut off, and reaching it scrolled the open row's
  // findings out of sight.
  pinned: {
    position: "sticky",
    right: 0,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  // An open row's findings as wide as the window shows, whatever the table's width.
  shown: {
    position: "sticky",
    left: 0,
    maxWidth: "calc(100vw - 4rem)",
  },
  narrow: { "@media (min-width: 1000px)": { display: "none" } },
  sort: {
    background: "none",
    border: "none",
    padding: 0,
    font: "inherit",
    fontWeight: "bold",
    color: "inherit",
    cursor: "pointer",
    textAlign: "inherit",
  },
  name: {
    maxWidth: "12em",
    overflow: "hidden",
    textOverflow: "ellipsis",
    fontWeight: "normal",
  },
  details: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    whiteSpace: "normal",
  },
  facts: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    margin: 0,
    "& dd": { margin: 0 },
  },
  // The pane's table spans its 320 px; on a page it would spread its figures across the screen.
  figures: { maxWidth: "36rem" },
  actions: { display: "flex", gap: "4px" },
});

// What-if on an open file, in a chunk of its own.
const FileModel = lazy(() =>
  import(/* webpackChunkName: "modelling" */ "./FileModel").then((m) => ({
    default: m.FileModel,
  })),
);

const BADGE = {
  error: "danger",
  warning: "warning",
  clean: "success",
  unreadable: "danger",
} as const;
const COLUMNS: readonly QueueKey[] = [
  "file",
  "caseNumber",
  "organisation",
  "status",
  "errors",
  "warnings",
  "grant",
  "repayment",
];
const NO_CHANGES: readonly InputChange[] = [];
const NUMERIC = new Set<QueueKey>(["errors", "warnings", "grant", "repayment"]);
const WIDE = new Set<QueueKey>([
  "caseNumber",
  "organisation",
  "errors",
  "warnings",
]);

export interface QueueTableProps {
  readonly rows: readonly QueueRow[];
  readonly lang: Lang;
  readonly t: PaneText;
  readonly reviews: Reviews;
  readonly onReview: (key: string, review: Review) => void;
  /** More tools for the toolbar: the summary's downloads. */
  readonly tools?: ReactNode;
}

export function QueueTable({
  rows,
  lang,
  t,
  reviews,
  onReview,
  tools,
}: QueueTableProps) {
  const styles = useStyles();
  const s = t.standalone;
  const [sort, setSort] = useState<{
    key: QueueKey;
    ascending: boolean;
  } | null>(null);
  const [text, setText] = useState("");
  const [status, setStatus] = useState<Status | "all">("all");
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  // What-if changes per row (by the file's pick number): the download holds them.
  const [whatIf, setWhatIf] = useState<
    ReadonlyMap<number, readonly InputChange[]>
  >(new Map());
  // Why the last computed copy asked for was not downloaded.
  const [copyError, setCopyError] = useState<string | null>(null);
  const statusText: Record<Status, string> = {
    error: s.statusError,
    warning: s.statusWarning,
    clean: s.statusClean,
    unreadable: s.statusUnreadable,
  };
  const shown = useMemo(() => {
    const filtered = filterRows(rows, text, status);
    return sort ? sortRows(filtered, sort.key, sort.ascending) : filtered;
  }, [rows, text, status, sort]);
  const toggle = (id: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  /** Opens the row `step` away from this one (in the order shown) in its place. */
  const move = (id: number, step: 1 | -1) => {
    const at = shown.findIndex((r) => r.id === id);
    const to = shown[at + step];
    if (!to) return;
    setOpen(new Set([to.id]));
    requestAnimationFrame(() =>
      document.getElementById(`details-${to.id}`)?.focus(),
    );
  };
  // Printing from the browser's menu too: every row's findings open first.
  useEffect(() => {
    const all = () => flushSync(() => setOpen(new Set(rows.map((r) => r.id))));
    window.addEventListener("beforeprint", all);
    return () => window.removeEventListener("beforeprint", all);
  }, [rows]);
  /** The computed copy of a row's file, holding its what-if changes. */
  const downloadCopy = (
    id: number,
    r: Extract<QueueRow["result"], { kind: "ok" }>,
  ) => {
    setCopyError(null);
    let bytes: Uint8Array;
    try {
      bytes = computedCopy(r, whatIf.get(id) ?? NO_CHANGES);
    } catch (e) {
      setCopyError(copyFailure(r.name, e, lang, t));
      return;
    }
    const file = computedFile(r.name, bytes);
    download(bytes, file.name, file.type);
  };
  const reviewed = rows.filter(
    (r) => reviews.get(reviewKeyOf(r.result))?.reviewed,
  ).length;

  return (
    <section aria-labelledby="queue-heading">
      <h2 id="queue-heading" style={{ fontSize: "16px", margin: 0 }}>
        {s.queue}
      </h2>
      <p className="iop-print-only">
        {s.printedAt(new Date().toLocaleDateString("sv-SE"))}
      </p>
      <div
        className={`${styles.tools} iop-no-print`}
        role="toolbar"
        aria-label={s.queue}
      >
        <Input
          aria-label={s.filter}
          placeholder={s.filter}
          value={text}
          onChange={(_, d) => setText(d.value)}
        />
        <Select
          aria-label={s.statusFilter}
          value={status}
          onChange={(_, d) => setStatus(d.value as Status | "all")}
        >
          <option value="all">{s.allStatuses}</option>
          {(["error", "warning", "clean", "unreadable"] as const).map((k) => (
            <option key={k} value={k}>
              {statusText[k]}
            </option>
          ))}
        </Select>
        <Button onClick={() => window.print()}>{s.print}</Button>
        {tools}
      </div>
      <Text aria-live="polite">
        {s.shown(shown.length, rows.length)} ·{" "}
        {s.reviewedCount(reviewed, rows.length)}
      </Text>
      <div aria-live="polite" className="iop-no-print">
        {copyError && (
          <MessageBar intent="error">
            <MessageBarBody>{copyError}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <div className={styles.scroll}>
        <table className={styles.table} aria-label={s.queue}>
          <thead>
            <tr>
              <th scope="col" className={styles.cell}>
                {s.reviewed}
              </th>
              {COLUMNS.map((key) => (
                <th
                  key={key}
                  scope="col"
                  className={`${styles.cell} ${NUMERIC.has(key) ? styles.number : ""} ${WIDE.has(key) ? styles.wide : ""}`}
                  aria-sort={
                    sort?.key === key
                      ? sort.ascending
                        ? "ascending"
                        : "descending"
                      : "none"
                  }
                >
                  <button
                    type="button"
                    className={styles.sort}
                    aria-label={s.sortBy(s.columns[key])}
                    onClick={() =>
                      setSort((prev) => ({
                        key,
                        ascending:
                          prev?.key === key
                            ? !prev.ascending
                            : !NUMERIC.has(key),
                      }))
                    }
                  >
                    {s.columns[key]}
                    {sort?.key === key ? (sort.ascending ? " ▲" : " ▼") : ""}
                  </button>
                </th>
              ))}
              <th
                scope="col"
                className={`${styles.cell} ${styles.pinned} iop-no-print`}
              >
                {s.actions}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row, index) => {
              const r = row.result;
              // A workbook read, with figures: it has a computed copy and a what-if (one with
              // no half-year has neither, nor does one that could not be read).
              const budget =
                r.kind === "ok" && hasFigures(r.analysis) ? r : null;
              const key = reviewKeyOf(r);
              const review = reviews.get(key) ?? NO_REVIEW;
              const isOpen = open.has(row.id);
              const mark = (change: Partial<Review>) =>
                onReview(key, {
                  ...review,
                  ...change,
                  at: new Date().toISOString(),
                });
              return (
                <Fragment key={row.id}>
                  <tr data-file={r.name}>
                    <td className={styles.cell}>
                      <Checkbox
                        checked={review.reviewed}
                        aria-label={s.reviewedFor(r.name)}
                        onChange={(_, d) =>
                          mark({ reviewed: d.checked === true })
                        }
                      />
                    </td>
                    <th
                      scope="row"
                      className={`${styles.cell} ${styles.name}`}
                      title={r.name}
                    >
                      {r.name}
                    </th>
                    <td className={`${styles.cell} ${styles.wide}`}>
                      {row.caseNumber}
                    </td>
                    <td className={`${styles.cell} ${styles.wide}`}>
                      {row.organisation}
                    </td>
                    <td className={styles.cell}>
                      <Badge color={BADGE[row.status]} appearance="filled">
                        {statusText[row.status]}
                      </Badge>
                    </td>
                    <td
                      className={`${styles.cell} ${styles.number} ${styles.wide}`}
                    >
                      {r.kind === "ok" ? row.errors : ""}
                    </td>
                    <td
                      className={`${styles.cell} ${styles.number} ${styles.wide}`}
                    >
                      {r.kind === "ok" ? row.warnings : ""}
                    </td>
                    <td className={`${styles.cell} ${styles.number}`}>
                      {row.grantText}
                    </td>
                    <td className={`${styles.cell} ${styles.number}`}>
                      {row.repaymentText}
                    </td>
                    <td
                      className={`${styles.cell} ${styles.pinned} iop-no-print`}
                    >
                      <div className={styles.actions}>
                        <Button
                          size="small"
                          aria-expanded={isOpen}
                          aria-controls={`details-${row.id}`}
                          aria-label={
                            isOpen
                              ? s.hideFindingsFor(r.name)
                              : s.showFindingsFor(r.name)
                          }
                          onClick={() => toggle(row.id)}
                        >
                          {isOpen ? s.hideFindings : s.showFindings}
                        </Button>
                        {budget && (
                          <Button
                            size="small"
                            className={styles.wide}
                            aria-label={s.downloadLabel(r.name)}
                            onClick={() => downloadCopy(row.id, budget)}
                          >
                            {s.download}
                          </Button>
                        )}
                      </div>
                    </td>
                  </tr>
                  {isOpen && (
                    <tr>
                      <td colSpan={COLUMNS.length + 2} className={styles.cell}>
                        <div
                          id={`details-${row.id}`}
                          role="region"
                          tabIndex={-1}
                          aria-label={s.details(r.name)}
                          className={`${styles.details} ${styles.shown}`}
                        >
                          <RowDetails row={row} lang={lang} t={t} />
                          <NoteField
                            label={s.note}
                            ariaLabel={s.noteFor(r.name)}
                            note={review.note}
                            onNote={(note) => mark({ note })}
                          />
                          {review.note && (
                            <Text className="iop-print-only">
                              {s.note}: {review.note}
                            </Text>
                          )}
                          <div className={`${styles.actions} iop-no-print`}>
                            {budget && (
                              // In a narrow window the download is here, not in the row.
                              <Button
                                size="small"
                                className={styles.narrow}
                                onClick={() => downloadCopy(row.id, budget)}
                              >
                                {s.download}
                              </Button>
                            )}
                            <Button
                              size="small"
                              disabled={index === 0}
                              onClick={() => move(row.id, -1)}
                            >
                              {s.previous}
                            </Button>
                            <Button
                              size="small"
                              disabled={index === shown.length - 1}
                              onClick={() => move(row.id, 1)}
                            >
                              {s.next}
                            </Button>
                          </div>
                          {budget && (
                            <RowModel
                              result={budget}
                              lang={lang}
                              t={t}
                              whatIf={whatIf.get(row.id) ?? NO_CHANGES}
                              onWhatIf={(c) =>
                                setWhatIf((prev) =>
                                  new Map(prev).set(row.id, c),
                                )
                              }
                            />
                          )}
                        </div>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * The reviewer's note: kept as it is typed (a moment after the last key), so that neither a
 * reload nor a click elsewhere loses it.
 */
function NoteField({
  label,
  ariaLabel,
  note,
  onNote,
}: {
  readonly label: string;
  readonly ariaLabel: string;
  readonly note: string;
  readonly onNote: (note: string) => void;
}) {
  const [text, setText] = useState(note);
  const save = useRef(onNote);
  save.current = onNote;
  useEffect(() => {
    if (text === note) return;
    const timer = setTimeout(() => save.current(text), 400);
    return () => clearTimeout(timer);
  }, [text, note]);
  return (
    <Field label={label}>
      <Textarea
        aria-label={ariaLabel}
        value={text}
        resize="vertical"
        onChange={(_, d) => setText(d.value)}
        onBlur={() => {
          if (text !== note) save.current(text);
        }}
      />
    </Field>
  );
}

/** What an open row shows: the figures and findings, or for a broken file what is wrong. */
function RowDetails({
  row,
  lang,
  t,
}: {
  readonly row: QueueRow;
  readonly lang: Lang;
  readonly t: PaneText;
}) {
  const styles = useStyles();
  const s = t.standalone;
  const r = row.result;
  if (r.kind === "error")
    return (
      <>
        <Text>{r.message}</Text>
        <details>
          <summary>{s.technical}</summary>
          <code>{r.code}</code>
        </details>
      </>
    );
  // A workbook from which no half-year was read has no figures to show; its findings say why.
  const figures = hasFigures(r.analysis)
    ? figuresView(r.analysis, lang, t)
    : null;
  return (
    <>
      <dl className={styles.facts}>
        {row.caseNumber && (
          <>
            <dt>{s.columns.caseNumber}</dt>
            <dd>{row.caseNumber}</dd>
          </>
        )}
        {row.organisation && (
          <>
            <dt>{s.columns.organisation}</dt>
            <dd>{row.organisation}</dd>
          </>
        )}
      </dl>
      {figures && (
        <div className={styles.figures}>
          <KeyFigures view={figures} t={t} />
        </div>
      )}
      {/* One line for each grant: a report across an agreement and its extension has two. */}
      {grantsAsShown(r.grantedBy ?? [], r.analysis.granted ?? null).map(
        (g, i) => (
          <Text key={`${i}:${g.file}`} size={200} block>
            {s.pairedWith(g.file, g.periods.join(", "))}
          </Text>
        ),
      )}
      <FindingsList view={findingsView(r.analysis, lang, t)} t={t} />
    </>
  );
}

/** What-if on an open file, under the reviewer's note (its chunk loads a moment later). */
function RowModel({
  result: r,
  lang,
  t,
  whatIf,
  onWhatIf,
}: {
  readonly result: Extract<QueueRow["result"], { kind: "ok" }>;
  readonly lang: Lang;
  readonly t: PaneText;
  readonly whatIf: readonly InputChange[];
  readonly onWhatIf: (changes: readonly InputChange[]) => void;
}) {
  const s = t.standalone;
  return (
    <section
      aria-label={`${t.model.title}: ${r.name}`}
      className="iop-no-print"
    >
      <h3>{t.model.title}</h3>
      <Suspense fallback={null}>
        <FileModel
          result={r}
          changes={whatIf}
          onChanges={onWhatIf}
          lang={lang}
          t={t}
        />
      </Suspense>
      {whatIf.length > 0 && <Text size={200}>{s.downloadHoldsChanges}</Text>}
    </section>
  );
}
