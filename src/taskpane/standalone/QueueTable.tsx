// The review queue: one row per submitted workbook, sortable by any column and filterable by text
// and status; a row opens to its figures and findings.

import {
  Badge,
  Button,
  Input,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Fragment, Suspense, lazy, useMemo, useState } from "react";
import type { InputChange, Lang } from "../../core";
import { FindingsList } from "../components/FindingsList";
import { XLSX_TYPE, download } from "../download";
import type { PaneText } from "../../i18n/text";
import { figuresView, findingsView } from "../viewmodel";
import {
  type QueueKey,
  type QueueRow,
  type Status,
  computedCopy,
  computedName,
  filterRows,
  sortRows,
} from "./batch";

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
    padding: "4px 6px",
    textAlign: "left",
    verticalAlign: "top",
  },
  number: { textAlign: "right", whiteSpace: "nowrap" },
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
  name: { minWidth: "12em", overflowWrap: "anywhere", fontWeight: "normal" },
  details: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
  },
  facts: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    margin: 0,
  },
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
const NUMERIC = new Set<QueueKey>(["errors", "warnings", "grant", "repayment"]);

export function QueueTable({
  rows,
  lang,
  t,
}: {
  readonly rows: readonly QueueRow[];
  readonly lang: Lang;
  readonly t: PaneText;
}) {
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
  const printAll = () => {
    // Every row's findings open, then the browser's print dialog (the print stylesheet hides the controls).
    setOpen(new Set(rows.map((r) => r.id)));
    setTimeout(() => window.print(), 100);
  };

  return (
    <section aria-labelledby="queue-heading">
      <h2 id="queue-heading" style={{ fontSize: "16px" }}>
        {s.queue}
      </h2>
      <div className={`${styles.tools} iop-no-print`}>
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
        <Button onClick={printAll}>{s.print}</Button>
      </div>
      <Text aria-live="polite">{s.shown(shown.length, rows.length)}</Text>
      <div className={styles.scroll}>
        <table className={styles.table} aria-label={s.queue}>
          <thead>
            <tr>
              {COLUMNS.map((key) => (
                <th
                  key={key}
                  scope="col"
                  className={`${styles.cell} ${NUMERIC.has(key) ? styles.number : ""}`}
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
              <th scope="col" className={`${styles.cell} iop-no-print`}>
                {s.actions}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const r = row.result;
              const isOpen = open.has(row.id);
              const findings =
                r.kind === "ok" ? findingsView(r.analysis, lang, t) : null;
              const figures =
                r.kind === "ok" && isOpen
                  ? figuresView(r.analysis, lang, t)
                  : null;
              return (
                <Fragment key={row.id}>
                  <tr data-file={r.name}>
                    <th scope="row" className={`${styles.cell} ${styles.name}`}>
                      {r.name}
                      {r.kind === "ok" && r.grantedBy && (
                        <Text block size={200}>
                          {s.pairedWith(
                            r.grantedBy,
                            r.analysis.granted?.periods.join(", ") ?? "",
                          )}
                        </Text>
                      )}
                      {r.kind === "error" && (
                        <Text block role="alert" size={200}>
                          {r.message} [{r.code}]
                        </Text>
                      )}
                    </th>
                    <td className={styles.cell}>{row.caseNumber}</td>
                    <td className={styles.cell}>{row.organisation}</td>
                    <td className={styles.cell}>
                      <Badge color={BADGE[row.status]} appearance="filled">
                        {statusText[row.status]}
                      </Badge>
                    </td>
                    <td className={`${styles.cell} ${styles.number}`}>
                      {r.kind === "ok" ? row.errors : ""}
                    </td>
                    <td className={`${styles.cell} ${styles.number}`}>
                      {r.kind === "ok" ? row.warnings : ""}
                    </td>
                    <td className={`${styles.cell} ${styles.number}`}>
                      {row.grantText}
                    </td>
                    <td className={`${styles.cell} ${styles.number}`}>
                      {row.repaymentText}
                    </td>
                    <td className={`${styles.cell} iop-no-print`}>
                      {r.kind === "ok" && (
                        <div
                          style={{
                            display: "flex",
                            gap: "4px",
                            flexWrap: "wrap",
                          }}
                        >
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
                          <Button
                            size="small"
                            aria-label={s.downloadLabel(r.name)}
                            onClick={() =>
                              download(
                                computedCopy(r, whatIf.get(row.id) ?? []),
                                computedName(r.name),
                                XLSX_TYPE,
                              )
                            }
                          >
                            {s.download}
                          </Button>
                        </div>
                      )}
                    </td>
                  </tr>
                  {isOpen && findings && (
                    <tr id={`details-${row.id}`}>
                      <td colSpan={COLUMNS.length + 1} className={styles.cell}>
                        <div
                          role="region"
                          aria-label={s.details(r.name)}
                          className={styles.details}
                        >
                          {figures && (
                            <dl className={styles.facts}>
                              {figures.halfYears.map((h) => (
                                <div key={h.id} style={{ display: "contents" }}>
                                  <dt>{h.id}</dt>
                                  <dd style={{ margin: 0 }}>{h.budget}</dd>
                                </div>
                              ))}
                              <dt>{t.repayment}</dt>
                              <dd style={{ margin: 0 }}>
                                {figures.repaymentText}
                              </dd>
                            </dl>
                          )}
                          <FindingsList view={findings} t={t} />
                          {r.kind === "ok" && (
                            <section
                              aria-label={`${t.model.title}: ${r.name}`}
                              className="iop-no-print"
                            >
                              <h3>{t.model.title}</h3>
                              <Suspense fallback={null}>
                                <FileModel
                                  result={r}
                                  changes={whatIf.get(row.id) ?? []}
                                  onChanges={(c) =>
                                    setWhatIf((prev) =>
                                      new Map(prev).set(row.id, c),
                                    )
                                  }
                                  lang={lang}
                                  t={t}
                                />
                              </Suspense>
                              {(whatIf.get(row.id)?.length ?? 0) > 0 && (
                                <Text size={200}>{s.downloadHoldsChanges}</Text>
                              )}
                            </section>
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
