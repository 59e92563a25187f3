// The pane's controller: runs the engine on what the host reads and hands the components view
// models. Components render; this decides; the core computes.

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type {
  Analysis,
  CaseFile,
  BudgetWorkbook,
  InputChange,
  ChangeField,
  Lang,
  Scenario,
  WorkbookGrids,
  WritePlan,
} from "../core";
import { type WorkbookHost, errorText } from "../excel/host";
import { type PaneText, textFor } from "../i18n/text";
import { VERSION } from "../core/version";
import type { FiguresView, FindingsView, WriteSummary } from "./viewmodel";
import type {
  ComparisonView,
  Granted,
  ModelView,
  SalaryPersonView,
} from "./modelling";
import type * as EngineModule from "./engine";

/**
 * The engine (the core and the view models) in a chunk of its own: the first screen (the buttons)
 * needs none of it. It starts loading when the pane opens and is there before a workbook is read.
 */
let engineModule: typeof EngineModule | null = null;
const engineLoading = import(/* webpackChunkName: "engine" */ "./engine").then(
  (m) => (engineModule = m),
);
/** The engine, once `engineLoading` has resolved (every read and every action awaits it first). */
function E(): typeof EngineModule {
  if (!engineModule) throw new Error("the engine is used before it is loaded");
  return engineModule;
}

/** The document setting that remembers the *Följ ändringar* switch, per workbook. */
export const FOLLOW_SETTING = "iop-budget.followChanges";
/** The names of the scenarios last saved: a sheet deleted since is said, not silently remade. */
export const SCENARIOS_SETTING = "iop-budget.scenarios";
/** How long after the last change the pane re-reads: a person typing is not re-read per key. */
export const FOLLOW_DELAY_MS = 400;

export type Busy = null | "reading" | "writing";

/** A stored scenario (or the workbook as read, for null) analysed on the grids. */
function scenarioAnalysis(
  grids: WorkbookGrids,
  base: Analysis,
  scenario: Scenario | null,
): Analysis {
  if (!scenario) return base;
  const laid = E().analyseWorkbook(grids, { scenario });
  return laid.scenarioChanges === 0 ? base : laid.analysis;
}

export interface PaneState {
  readonly t: PaneText;
  readonly busy: Busy;
  readonly error: string | null;
  readonly notice: string | null;
  readonly findings: FindingsView | null;
  readonly figures: FiguresView | null;
  readonly pending: WriteSummary | null;
  /** The last analysis of the open workbook, for the memo. */
  readonly analysis: Analysis | null;
  /** The pane re-reads after each change in the workbook (remembered in the workbook). */
  readonly follow: boolean;
  readonly setFollow: (on: boolean) => Promise<void>;
  /** What moved at the last re-read after a change: "Totalt 2026-H1: 1 109 649 → 1 183 899 kr, +74 250". */
  readonly moves: readonly string[];
  /**
   * The granted budgets the open workbook is held to (SPEC §4.15), by their files' names, each with
   * the half-years held to it; empty when none.
   */
  readonly granted: readonly {
    readonly file: string;
    readonly periods: readonly string[];
  }[];
  /** The files of the open workbook's case: itself (held to its grant) and the granted budget. */
  readonly caseFiles: readonly CaseFile[];
  /** What-if (SPEC §4.17): the lines and their inputs, as shown and as in the workbook. */
  readonly model: ModelView | null;
  readonly modelSearch: string;
  readonly setModelSearch: (text: string) => void;
  /** Changes a line's input; returns a message when the text is not a value. */
  readonly setInput: (
    sheet: string,
    line: string,
    field: ChangeField,
    text: string,
  ) => string | null;
  readonly resetInputs: () => void;
  readonly prepareInputs: () => Promise<void>;
  /** The persons of Lönekalkyl with their costs and the working (SPEC §4.19). */
  readonly salaries: readonly SalaryPersonView[];
  /** Scenarios stored in the workbook (SPEC §4.18). */
  readonly scenarios: readonly Scenario[];
  /** What the pane says of the scenario sheet: renamed, gone, or beside a person's own. */
  readonly scenarioNotes: readonly string[];
  /** The scenarios the workbook has lost (its sheet is gone), until saved again or let go. */
  readonly lostScenarios: readonly string[];
  readonly forgetLostScenarios: () => Promise<void>;
  readonly saveScenario: (name: string) => Promise<void>;
  /** Compares two states: a scenario's name, or null for the workbook as it is. */
  readonly compareScenarios: (a: string | null, b: string | null) => void;
  readonly comparison: ComparisonView | null;
  readonly closeComparison: () => void;
  readonly prepareScenario: (name: string) => Promise<void>;
  /** Holds the open report to the granted budgets of these files (one, or two: an agreement and its extension). */
  readonly compareWithGranted: (
    files: readonly { readonly name: string; readonly file: Blob }[],
  ) => Promise<void>;
  readonly stopComparing: () => Promise<void>;
  readonly check: () => Promise<void>;
  readonly prepareCompute: () => Promise<void>;
  readonly confirmCompute: () => Promise<void>;
  readonly cancelCompute: () => void;
  readonly createTemplate: (from: string, to: string) => Promise<void>;
  readonly select: (sheet: string, cell: string) => Promise<void>;
}

export function usePane(host: WorkbookHost, lang: Lang): PaneState {
  const t = useMemo(() => textFor(lang), [lang]);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [follow, setFollowState] = useState(
    () => host.getSetting(FOLLOW_SETTING) !== false,
  );
  const [moves, setMoves] = useState<readonly string[]>([]);
  const [granted, setGranted] = useState<Granted>([]);
  const [pending, setPending] = useState<{
    plan: WritePlan;
    grids: WorkbookGrids;
    summary: WriteSummary;
    /** A write of the person's own values (what-if, a scenario): they are then the workbook's. */
    inputs: boolean;
  } | null>(null);
  // The last read: the grids and the workbook's own analysis, under the what-if changes.
  const [read, setRead] = useState<{
    grids: WorkbookGrids;
    base: Analysis;
  } | null>(null);
  const [changes, setChanges] = useState<readonly InputChange[]>([]);
  const [modelSearch, setModelSearch] = useState("");
  const [comparison, setComparison] = useState<ComparisonView | null>(null);
  const [remembered, setRemembered] = useState<unknown>(() =>
    host.getSetting(SCENARIOS_SETTING),
  );
  const lost = useMemo(
    () => (read ? E().lostScenarios(read.grids, remembered) : []),
    [read, remembered],
  );

  const guard = useCallback(
    async (kind: Exclude<Busy, null>, work: () => Promise<void>) => {
      setBusy(kind);
      setError(null);
      setNotice(null);
      try {
        // Every action may compute: the engine is there first (a click can come before a read).
        await engineLoading;
        await work();
      } catch (e) {
        setError(`${t.errorPrefix} ${errorText(t, e)}`);
      } finally {
        setBusy(null);
      }
    },
    [t],
  );

  /**
   * Reads and analyses the workbook and shows it, held to the granted budget when there is one;
   * returns the grids and what is shown. (A write is planned from the workbook's own budget.)
   */
  const load = useCallback(
    async (
      against: Granted = granted,
      keep: readonly InputChange[] = changes,
    ) => {
      const [grids] = await Promise.all([host.read(), engineLoading]);
      const grants = against.map((g) => g.analysis);
      const base = E().analyseWorkbook(grids, { granted: grants }).analysis;
      const { shown, changes: live } = E().withWhatIf(
        grids,
        base,
        keep,
        grants,
      );
      setRead({ grids, base });
      setChanges(live);
      setAnalysis(shown);
      return { grids, shown, base };
    },
    [host, granted, changes],
  );

  // Following the workbook: a change re-reads and re-analyses after FOLLOW_DELAY_MS of quiet,
  // shows what moved, and drops a write preview made from the cells as they were.
  const latest = useRef({ analysis, pending, busy, granted, changes });
  latest.current = { analysis, pending, busy, granted, changes };
  const refresh = useRef<() => Promise<void>>(async () => {});
  refresh.current = async () => {
    const now = latest.current;
    if (!now.analysis || now.busy === "writing") return;
    if (now.pending) {
      setPending(null);
      setNotice(t.previewDropped);
    }
    try {
      const { shown } = await load(now.granted, now.changes);
      setMoves(E().movesBetween(now.analysis, shown, lang));
    } catch (e) {
      setError(`${t.errorPrefix} ${errorText(t, e)}`);
    }
  };
  useEffect(() => {
    if (!follow) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: (() => Promise<void>) | null = null;
    let closed = false;
    host
      .watch(() => {
        clearTimeout(timer);
        timer = setTimeout(() => void refresh.current(), FOLLOW_DELAY_MS);
      })
      .then(
        (remove) => {
          if (closed) void remove();
          else stop = remove;
        },
        () => undefined, // an Excel without events: the pane works as before, on a click
      );
    return () => {
      closed = true;
      clearTimeout(timer);
      if (stop) void stop();
    };
  }, [host, follow]);

  /** The workbook's own model: held to a grant, the analysis's budgets are the grant's. */
  const ownModel = (grids: WorkbookGrids, base: Analysis) =>
    granted.length > 0 ? E().readWorkbook(grids).workbook : base.workbook;

  /** The confirmation of a write of a person's values (what-if, a scenario), planned from `grids`. */
  const previewInputs = (
    grids: WorkbookGrids,
    model: BudgetWorkbook,
    wanted: readonly InputChange[],
    missing: readonly string[],
  ) => {
    const { plan, writes } = E().planInputs(grids, model, wanted);
    if (writes.length === 0) setNotice(t.model.nothingToWrite);
    else
      setPending({
        plan,
        grids,
        summary: E().inputsSummary(
          writes,
          missing,
          lang,
          t,
          host.undo(plan, grids),
        ),
        inputs: true,
      });
  };

  return {
    t,
    busy,
    follow,
    moves,
    setFollow: async (on: boolean) => {
      setFollowState(on);
      await host.setSetting(FOLLOW_SETTING, on);
    },
    error,
    notice,
    findings: useMemo(
      () => (analysis ? E().findingsView(analysis, lang, t) : null),
      [analysis, lang, t],
    ),
    figures: useMemo(
      () =>
        analysis && E().hasFigures(analysis)
          ? E().figuresView(
              analysis,
              lang,
              t,
              changes.length > 0 ? (read?.base ?? null) : null,
            )
          : null,
      [analysis, lang, t, changes, read],
    ),
    pending: pending?.summary ?? null,
    analysis,
    granted: useMemo(
      () =>
        granted.length === 0
          ? []
          : E().grantsAsShown(
              granted.map((g) => g.name),
              analysis?.granted ?? null,
            ),
      [granted, analysis],
    ),
    caseFiles: useMemo(
      () =>
        analysis
          ? [
              { file: host.sourceName(), analysis },
              ...granted.map((g) => ({ file: g.name, analysis: g.analysis })),
            ]
          : [],
      [analysis, granted, host],
    ),
    model: useMemo(
      () =>
        analysis && read && E().hasFigures(analysis)
          ? E().modelView(analysis, read.base, changes, modelSearch, lang)
          : null,
      [analysis, read, changes, modelSearch, lang],
    ),
    modelSearch,
    setModelSearch,
    setInput: (
      sheet: string,
      line: string,
      field: ChangeField,
      text: string,
    ) => {
      if (!read) return null;
      const next = E().addChange(changes, sheet, line, field, text);
      if (!next) return E().invalidInput(field, lang, t);
      const { shown, changes: live } = E().withWhatIf(
        read.grids,
        read.base,
        next,
        granted.map((g) => g.analysis),
      );
      setChanges(live);
      setAnalysis(shown);
      setPending(null);
      return null;
    },
    resetInputs: () => {
      setChanges([]);
      if (read) setAnalysis(read.base);
    },
    prepareInputs: () =>
      guard("reading", async () => {
        // The plan is made from the cells as they are now, not as they were read before.
        const { grids, base } = await load();
        previewInputs(grids, ownModel(grids, base), latest.current.changes, []);
      }),
    salaries: useMemo(
      () => (analysis ? E().salaryView(analysis, lang) : []),
      [analysis, lang],
    ),
    scenarios: useMemo(
      () => (read ? E().readScenarios(read.grids) : []),
      [read],
    ),
    scenarioNotes: useMemo(() => {
      if (!read) return [];
      const place = E().scenarioSheet(read.grids);
      return [
        ...(place.renamed && place.sheet
          ? [t.scenarios.renamed(place.sheet)]
          : []),
        ...(place.kept ? [t.scenarios.kept(place.kept, place.target)] : []),
      ];
    }, [read, t]),
    lostScenarios: lost,
    forgetLostScenarios: async () => {
      setRemembered([]);
      await host.setSetting(SCENARIOS_SETTING, []);
    },
    saveScenario: (name: string) =>
      guard("writing", async () => {
        if (!name.trim()) {
          setError(t.scenarios.noName);
          return;
        }
        const { grids, base } = await load();
        // The workbook's own inputs with the what-if changes laid over them.
        const model = ownModel(grids, base);
        const own = E().readWorkbook(
          E().withInputs(grids, model, latest.current.changes),
        ).workbook;
        const plan = E().planScenarioSave(
          grids,
          own,
          name,
          E().stampTime(new Date()),
        );
        const gone = E().lostScenarios(grids, remembered);
        await host.apply(plan, grids);
        const after = await load();
        const names = E()
          .readScenarios(after.grids)
          .map((x) => x.name);
        setRemembered(names);
        await host.setSetting(SCENARIOS_SETTING, names);
        setNotice(
          gone.length > 0
            ? t.scenarios.savedAnew(name.trim(), gone.join(", "))
            : t.scenarios.saved(name.trim()),
        );
      }),
    compareScenarios: (a: string | null, b: string | null) => {
      if (!read) return;
      const all = E().readScenarios(read.grids);
      // Both sides on the workbook's own budget, as scenarios are stored.
      const own =
        granted.length > 0
          ? E().analyseWorkbook(read.grids).analysis
          : read.base;
      const side = (n: string | null) =>
        scenarioAnalysis(
          read.grids,
          own,
          n === null ? null : E().findScenario(all, n),
        );
      setComparison(
        E().comparisonView(
          E().compareAnalyses(side(a), side(b)),
          { a: a ?? t.scenarios.current, b: b ?? t.scenarios.current },
          lang,
          t,
        ),
      );
    },
    comparison,
    closeComparison: () => setComparison(null),
    prepareScenario: (name: string) =>
      guard("reading", async () => {
        const { grids } = await load();
        const scenario = E().findScenario(E().readScenarios(grids), name);
        if (!scenario) return;
        const { workbook, changes, missing } = E().applyScenario(
          grids,
          scenario,
        );
        previewInputs(grids, workbook, changes, missing);
      }),
    compareWithGranted: (picked) =>
      guard("reading", async () => {
        // The xlsx reader is loaded only here: the pane in Excel does not need it otherwise.
        const { readXlsx, DEFAULT_LIMITS, WorkbookFileError } = await import(
          /* webpackChunkName: "xlsx" */ "../xlsx/read"
        );
        const { fileErrorText } = await import(
          /* webpackChunkName: "xlsx" */ "../xlsx/file-errors"
        );
        const read: { name: string; analysis: Analysis }[] = [];
        for (const { name: path, file } of picked) {
          const name = E().shownFileName(path);
          // A file past the limit is refused by its size, never read into memory; a file that is
          // not a readable workbook is said as the page says it. Then none is held to.
          if (file.size > DEFAULT_LIMITS.maxFileBytes) {
            setError(`${name}: ${fileErrorText("FILE_TOO_LARGE", lang)}`);
            return;
          }
          try {
            read.push({
              name,
              analysis: E().analyseWorkbook(
                readXlsx(new Uint8Array(await file.arrayBuffer())),
              ).analysis,
            });
          } catch (e) {
            if (!(e instanceof WorkbookFileError)) throw e;
            setError(`${name}: ${fileErrorText(e.code, lang, e)}`);
            return;
          }
        }
        // Added to the grants already compared with (the extension after the agreement, as
        // HALF_YEAR_NOT_GRANTED asks); a file picked again replaces itself. Each half-year held to
        // the later saved of the grants that budget it, as the page holds it.
        const kept = granted.filter(
          (x) => !read.some((r) => r.name === x.name),
        );
        const g = E().grantsInOrder(
          [...kept, ...read].map((r) => ({ ...r, file: r.name })),
        );
        setGranted(g);
        await load(g);
      }),
    stopComparing: () =>
      guard("reading", async () => {
        setGranted([]);
        await load([]);
      }),
    check: () =>
      guard("reading", async () => {
        setMoves([]);
        await load();
      }),
    prepareCompute: () =>
      guard("reading", async () => {
        const { grids, base } = await load();
        // No half-year read: a plan would only add a Beslut sheet of errors to the person's workbook.
        if (!E().hasFigures(base)) {
          setError(t.nothingToCompute);
          return;
        }
        // The write plan (Beslut, the half-years, Lönekalkyl) is loaded when it is first needed.
        const { planCompute } = await import(
          /* webpackChunkName: "plan" */ "../core/plan/compute"
        );
        const plan = planCompute(
          grids,
          {
            at: E().stampTime(new Date()),
            version: VERSION,
            source: host.sourceName(),
          },
          "excel",
          [],
          granted.length > 0 ? null : base,
        );
        setPending({
          plan,
          grids,
          summary: E().writeSummary(
            plan,
            grids.sheets.map((s) => s.name),
            t,
            host.undo(plan, grids),
          ),
          inputs: false,
        });
      }),
    confirmCompute: () =>
      guard("writing", async () => {
        if (!pending) return;
        setPending(null);
        await host.apply(pending.plan, pending.grids);
        if (pending.inputs) {
          // The values are the workbook's now: what-if starts again from them.
          await load(granted, []);
          setNotice(t.model.written(pending.summary.cells));
        } else
          setNotice(t.written(pending.summary.cells, pending.summary.sheets));
      }),
    cancelCompute: () => setPending(null),
    createTemplate: (from: string, to: string) =>
      guard("writing", async () => {
        const { planTemplate, templatePeriod } = await import(
          /* webpackChunkName: "plan" */ "../core/plan/template"
        );
        const period = templatePeriod(from, to);
        if (!period) {
          setError(t.templateBadPeriod);
          return;
        }
        const plan = planTemplate(period);
        const grids = await host.read();
        const existing = new Set(grids.sheets.map((s) => s.name.toLowerCase()));
        const conflicts = plan.creates
          .map((c) => c.sheet)
          .filter((n) => existing.has(n.toLowerCase()));
        if (conflicts.length > 0) {
          setError(t.templateConflict(conflicts.join(", ")));
          return;
        }
        await host.insert(plan);
        setNotice(t.templateDone(plan.creates.map((c) => c.sheet).join(", ")));
      }),
    // A cell in a hidden column or row is selected with the shown cells around it: Excel shows that.
    select: (sheet: string, cell: string) =>
      guard("reading", () =>
        host.select(
          sheet,
          read ? E().selectionFor(read.grids, sheet, cell) : cell,
        ),
      ),
  };
}
