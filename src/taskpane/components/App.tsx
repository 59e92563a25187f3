import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Suspense, lazy, useMemo, useRef } from "react";
import type { CaseRole, Lang } from "../../core";
import { defaultTemplatePeriod } from "../../core/plan/template-period";
import { WORKBOOK_ACCEPT } from "../../xlsx/file-names";
import type { WorkbookHost } from "../../excel/host";
import { usePane } from "../usePane";
import { PaneShell } from "./PaneShell";
import { FindingsList } from "./FindingsList";
import { KeyFigures } from "./KeyFigures";
import { Fold } from "./Fold";
import { Verdict } from "./Verdict";

// What-if and scenarios in a chunk of their own: the pane's first load stays small.
// The confirm step's dialog: needed only once there is a write to confirm.
const ComputeDialog = lazy(() =>
  import(
    /* webpackChunkName: "dialog", webpackPrefetch: true */ "./ComputeDialog"
  ).then((m) => ({
    default: m.ComputeDialog,
  })),
);
const ModelSection = lazy(() =>
  import(/* webpackChunkName: "modelling" */ "./Modelling").then((m) => ({
    default: m.ModelSection,
  })),
);
// What sits in a folded section loads when the section is first opened.
const BudgetChart = lazy(() =>
  import(/* webpackChunkName: "charts" */ "./BudgetChart").then((m) => ({
    default: m.BudgetChart,
  })),
);
const CaseMemo = lazy(() =>
  import(/* webpackChunkName: "memo-ui" */ "./CaseMemo").then((m) => ({
    default: m.CaseMemo,
  })),
);
const TemplateForm = lazy(() =>
  import(/* webpackChunkName: "template" */ "./TemplateForm").then((m) => ({
    default: m.TemplateForm,
  })),
);
const SalarySection = lazy(() =>
  import(/* webpackChunkName: "modelling" */ "./Modelling").then((m) => ({
    default: m.SalarySection,
  })),
);
const ScenarioSection = lazy(() =>
  import(/* webpackChunkName: "modelling" */ "./Modelling").then((m) => ({
    default: m.ScenarioSection,
  })),
);

const useStyles = makeStyles({
  actions: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  heading: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: 0,
  },
});

export interface AppProps {
  readonly host: WorkbookHost;
  readonly lang: Lang;
  readonly dark: boolean;
}

const ym = (p: { year: number; month: number }) =>
  `${p.year}-${String(p.month).padStart(2, "0")}`;

/** The task pane inside Excel: Kontrollera, Beräkna och skriv, Skapa mall. */
export function App({ host, lang, dark }: AppProps) {
  const styles = useStyles();
  const pane = usePane(host, lang);
  const { t } = pane;
  // The budgets the reviewer compared the workbook with are the memo's grants (its case said or not).
  const grantRole = useMemo(
    () =>
      new Map<string, CaseRole>(
        pane.granted.map((g) => [g.file, "grant"] as const),
      ),
    [pane.granted],
  );
  const period = defaultTemplatePeriod(new Date());
  const grantedInput = useRef<HTMLInputElement>(null);
  return (
    <PaneShell
      lang={lang}
      dark={dark}
      title={t.title}
      intro={t.subtitle}
      help={t.help}
    >
      <div className={styles.actions} role="toolbar" aria-label={t.title}>
        <Button
          appearance="primary"
          disabled={pane.busy !== null}
          onClick={() => void pane.check()}
        >
          {t.check}
        </Button>
        <Button
          disabled={pane.busy !== null}
          onClick={() => void pane.prepareCompute()}
        >
          {t.compute}
        </Button>
        <Button
          disabled={pane.busy !== null}
          onClick={() => grantedInput.current?.click()}
        >
          {t.granted.compare}
        </Button>
        <Switch
          checked={pane.follow}
          label={t.follow}
          onChange={(_, d) => void pane.setFollow(d.checked)}
        />
        <input
          ref={grantedInput}
          type="file"
          accept={WORKBOOK_ACCEPT}
          // Two for a report across an agreement and its extension.
          multiple
          aria-label={t.granted.pick}
          style={{ display: "none" }}
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? [], (file) => ({
              name: file.name,
              file,
            }));
            e.currentTarget.value = "";
            if (files.length > 0) void pane.compareWithGranted(files);
          }}
        />
      </div>
      {pane.moves.length > 0 && (
        <MessageBar intent="info" aria-live="polite">
          <MessageBarBody>
            {t.movedTitle}:
            <ul style={{ margin: 0 }}>
              {pane.moves.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {pane.granted.length > 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{t.granted.comparing(pane.granted)}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void pane.stopComparing()}>
              {t.granted.stop}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <div aria-live="polite">
        {pane.busy && (
          <ProgressBar
            aria-label={pane.busy === "reading" ? t.reading : t.writing}
          />
        )}
        {pane.busy && (
          <Text>{pane.busy === "reading" ? t.reading : t.writing}</Text>
        )}
        {pane.error && (
          <MessageBar intent="error">
            <MessageBarBody>{pane.error}</MessageBarBody>
          </MessageBar>
        )}
        {pane.notice && (
          <MessageBar intent="success">
            <MessageBarBody>{pane.notice}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {pane.findings && <Verdict counts={pane.findings.counts} t={t} />}
      {pane.figures && (
        <section className={styles.section} aria-labelledby="figures-heading">
          <h2 id="figures-heading" className={styles.heading}>
            {t.figures}
          </h2>
          <KeyFigures view={pane.figures} t={t} />
        </section>
      )}
      {pane.findings && (
        <section className={styles.section} aria-labelledby="findings-heading">
          <h2 id="findings-heading" className={styles.heading} tabIndex={-1}>
            {t.findingsTitle}
          </h2>
          <FindingsList
            view={pane.findings}
            t={t}
            onSelect={(sheet, cell) => void pane.select(sheet, cell)}
          />
        </section>
      )}
      {pane.figures && pane.figures.charts.length > 0 && (
        <Fold id="charts" title={t.charts}>
          <Suspense fallback={<ProgressBar aria-label={t.charts} />}>
            {pane.figures.charts.map((c) => (
              <BudgetChart key={c.id} chart={c} t={t} />
            ))}
          </Suspense>
        </Fold>
      )}
      {pane.model && (
        <Fold id="model" title={t.model.title}>
          <Suspense fallback={<ProgressBar aria-label={t.model.title} />}>
            <ModelSection
              view={pane.model}
              t={t}
              search={pane.modelSearch}
              onSearch={pane.setModelSearch}
              onInput={pane.setInput}
              onReset={pane.resetInputs}
              onWrite={() => void pane.prepareInputs()}
              disabled={pane.busy !== null}
            />
          </Suspense>
        </Fold>
      )}
      {pane.salaries.length > 0 && (
        <Fold id="salaries" title={t.salaries.title}>
          <Suspense fallback={<ProgressBar aria-label={t.salaries.title} />}>
            <SalarySection persons={pane.salaries} t={t} />
          </Suspense>
        </Fold>
      )}
      {pane.model && (
        <Fold id="scenarios" title={t.scenarios.title}>
          <Suspense fallback={<ProgressBar aria-label={t.scenarios.title} />}>
            <ScenarioSection
              scenarios={pane.scenarios}
              notes={pane.scenarioNotes}
              lost={pane.lostScenarios}
              onForgetLost={() => void pane.forgetLostScenarios()}
              comparison={pane.comparison}
              t={t}
              disabled={pane.busy !== null}
              onSave={(name) => void pane.saveScenario(name)}
              onCompare={pane.compareScenarios}
              onCloseComparison={pane.closeComparison}
              onApply={(name) => void pane.prepareScenario(name)}
            />
          </Suspense>
        </Fold>
      )}
      {/* A workbook that is no budget (no key figures) has no memo, as on the page. */}
      {pane.analysis && pane.figures && (
        <Fold id="memo" title={t.memo.title}>
          <Text>{t.memo.intro}</Text>
          <Suspense fallback={<ProgressBar aria-label={t.memo.title} />}>
            <CaseMemo
              files={pane.caseFiles}
              given={grantRole}
              lang={lang}
              t={t}
              label={host.sourceName()}
            />
          </Suspense>
        </Fold>
      )}
      <Fold id="template" title={t.template}>
        <Suspense fallback={<ProgressBar aria-label={t.template} />}>
          <TemplateForm
            t={t}
            initialFrom={ym(period.from)}
            initialTo={ym(period.to)}
            disabled={pane.busy !== null}
            onCreate={(f, to) => void pane.createTemplate(f, to)}
          />
        </Suspense>
      </Fold>
      {pane.pending && (
        <Suspense fallback={null}>
          <ComputeDialog
            summary={pane.pending}
            t={t}
            onWrite={() => void pane.confirmCompute()}
            onCancel={pane.cancelCompute}
          />
        </Suspense>
      )}
    </PaneShell>
  );
}
