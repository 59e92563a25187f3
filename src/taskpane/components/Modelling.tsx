import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { ChangeField, Scenario } from "../../core";
import type { PaneText } from "../../i18n/text";
import type {
  ComparisonView,
  ModelField,
  ModelPerson,
  ModelView,
  SalaryPersonView,
} from "../modelling";
import { Unbroken } from "./Unbroken";

// What-if and scenarios: loaded only when the pane has a workbook to model (a chunk of its own).

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  row: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    alignItems: "flex-end",
  },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    "& th, & td": {
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
      textAlign: "right",
      verticalAlign: "top",
    },
    "& th:first-child, & td:first-child": { textAlign: "left" },
    // Figures and half-years never wrap inside; a line's name may.
    "& td, & thead th": { whiteSpace: "nowrap" },
  },
  input: { width: "7.5em", textAlign: "right" },
  // A date's field shows what empty means ("hela perioden") in full.
  wide: { width: "9em" },
  // Each line a block of its own: its name and budget on one row, its inputs under them,
  // wrapping at the pane's width (320 px) rather than scrolling sideways.
  lines: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
  },
  line: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalS} 0`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  lineHead: {
    display: "flex",
    justifyContent: "space-between",
    alignItems: "baseline",
    gap: tokens.spacingHorizontalS,
    "& > :last-child": { textAlign: "right", whiteSpace: "nowrap" },
  },
  label: { overflowWrap: "anywhere" },
  fields: {
    display: "flex",
    flexWrap: "wrap",
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
  },
  field: { display: "flex", flexDirection: "column" },
  // A line's persons under it, indented: changed in Lönekalkyl, shown where the line is.
  persons: {
    listStyleType: "none",
    margin: 0,
    padding: `0 0 0 ${tokens.spacingHorizontalM}`,
    borderLeft: `2px solid ${tokens.colorNeutralStroke2}`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  person: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  costs: { margin: 0 },
  cost: { padding: `${tokens.spacingVerticalXXS} 0` },
  working: { margin: 0, color: tokens.colorNeutralForeground2 },
  fieldName: { color: tokens.colorNeutralForeground2 },
  changed: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    fontWeight: tokens.fontWeightSemibold,
  },
  was: {
    display: "block",
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase100,
  },
});

/** A value that differs from the workbook: marked, with the workbook's value beside it. */
function Figure({
  value,
  was,
  t,
  testId,
}: {
  readonly value: string;
  readonly was: string | null;
  readonly t: PaneText;
  readonly testId?: string;
}) {
  const styles = useStyles();
  return (
    <span data-testid={testId} data-changed={was !== null || undefined}>
      <span className={was !== null ? styles.changed : undefined}>{value}</span>
      {was !== null && (
        <span className={styles.was}>{t.model.wasInWorkbook(was)}</span>
      )}
    </span>
  );
}

function FieldCell({
  field,
  label,
  t,
  onInput,
}: {
  readonly field: ModelField;
  readonly label: string;
  readonly t: PaneText;
  readonly onInput: (f: ChangeField, text: string) => string | null;
}) {
  const styles = useStyles();
  const [error, setError] = useState<string | null>(null);
  if (!field.editable)
    return <Figure value={field.text || "–"} was={field.was} t={t} />;
  const commit = (text: string) => {
    if (text.trim() === field.text.trim()) return;
    setError(onInput(field.field, text));
  };
  return (
    <>
      <Input
        key={field.text}
        size="small"
        className={mergeClasses(
          styles.input,
          field.placeholder !== undefined && styles.wide,
          field.was !== null && styles.changed,
        )}
        defaultValue={field.text}
        placeholder={field.placeholder}
        aria-label={t.model.edit(label, field.name)}
        aria-invalid={error !== null}
        title={
          field.was !== null ? t.model.wasInWorkbook(field.was) : undefined
        }
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit(e.currentTarget.value);
        }}
      />
      {field.was !== null && (
        <span className={styles.was}>{t.model.wasInWorkbook(field.was)}</span>
      )}
      {error && (
        <Text role="alert" size={200} block>
          {error}
        </Text>
      )}
    </>
  );
}

export interface ModelSectionProps {
  readonly view: ModelView;
  readonly t: PaneText;
  readonly search: string;
  readonly onSearch: (text: string) => void;
  readonly onInput: (
    sheet: string,
    line: string,
    field: ChangeField,
    text: string,
  ) => string | null;
  readonly onReset: () => void;
  /** Writing into the workbook (Excel); absent in the page, where the download holds the changes. */
  readonly onWrite?: () => void;
  readonly disabled?: boolean;
}

/** The lines of a half-year with their inputs editable in place; figures recomputed at once. */
export function ModelSection({
  view,
  t,
  search,
  onSearch,
  onInput,
  onReset,
  onWrite,
  disabled,
}: ModelSectionProps) {
  const styles = useStyles();
  const [sheet, setSheet] = useState<string | null>(null);
  const h = view.halfYears.find((x) => x.sheet === sheet) ?? view.halfYears[0];
  if (!h) return null;
  return (
    <div className={styles.section}>
      <Text>{t.model.intro}</Text>
      <div className={styles.row}>
        <Field label={t.model.halfYear}>
          <Select value={h.sheet} onChange={(_, d) => setSheet(d.value)}>
            {view.halfYears.map((x) => (
              <option key={x.sheet} value={x.sheet}>
                {x.id} ({x.sheet})
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.model.search}>
          <Input
            type="search"
            value={search}
            onChange={(_, d) => onSearch(d.value)}
          />
        </Field>
      </div>
      <ul className={styles.lines} aria-label={`${t.model.title} ${h.id}`}>
        {h.lines.map((l) => {
          const budgetField = l.fields.find((f) => f.field === "budget");
          const inputs = l.fields.filter((f) => f.field !== "budget");
          const edit = (field: ChangeField, text: string) =>
            onInput(h.sheet, l.key, field, text);
          return (
            <li key={l.key} className={styles.line} aria-label={l.label}>
              <div className={styles.lineHead}>
                <Text weight="semibold" className={styles.label}>
                  {l.label}
                </Text>
                {!budgetField && (
                  <Figure value={l.budget} was={l.budgetWas} t={t} />
                )}
              </div>
              {(inputs.length > 0 || budgetField) && (
                <div className={styles.fields}>
                  {[...inputs, ...(budgetField ? [budgetField] : [])].map(
                    (f) => (
                      <div key={f.field} className={styles.field}>
                        <Text size={200} className={styles.fieldName}>
                          {f.field === "budget" ? t.budget : f.name}
                        </Text>
                        <FieldCell
                          field={f}
                          label={l.label}
                          t={t}
                          onInput={edit}
                        />
                      </div>
                    ),
                  )}
                </div>
              )}
              {l.persons.length > 0 && (
                <PersonFields
                  persons={l.persons}
                  t={t}
                  line={l.label}
                  onInput={onInput}
                />
              )}
            </li>
          );
        })}
      </ul>
      <div className={styles.lineHead}>
        <Text weight="semibold">{`${t.model.total} ${h.id}`}</Text>
        <Figure value={h.total} was={h.totalWas} t={t} testId="model-total" />
      </div>
      {h.hidden > 0 && (
        <Text size={200}>{t.model.hiddenLines(h.lines.length, h.matched)}</Text>
      )}
      <Text>
        {t.repayment}:{" "}
        <Figure
          value={view.repayment}
          was={view.repaymentWas}
          t={t}
          testId="model-repayment"
        />
      </Text>
      {view.changed > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>{t.model.changed(view.changed)}</MessageBarBody>
        </MessageBar>
      )}
      {view.changed > 0 && (
        <div className={styles.row}>
          {onWrite && (
            <Button
              appearance="primary"
              disabled={!!disabled}
              onClick={onWrite}
            >
              {t.model.write}
            </Button>
          )}
          <Button disabled={!!disabled} onClick={onReset}>
            {t.model.reset}
          </Button>
        </div>
      )}
    </div>
  );
}

/** The persons of a line costed in Lönekalkyl, each with their inputs editable in place. */
function PersonFields({
  persons,
  t,
  line,
  onInput,
}: {
  readonly persons: readonly ModelPerson[];
  readonly t: PaneText;
  readonly line: string;
  readonly onInput: ModelSectionProps["onInput"];
}) {
  const styles = useStyles();
  return (
    <ul className={styles.persons} aria-label={`${t.model.persons}: ${line}`}>
      {persons.map((p) => (
        <li key={p.key} className={styles.person} aria-label={p.label}>
          <div className={styles.lineHead}>
            <Text className={styles.label}>{p.label}</Text>
            <Figure value={p.cost} was={p.costWas} t={t} />
          </div>
          <div className={styles.fields}>
            {p.fields.map((f) => (
              <div key={f.field} className={styles.field}>
                <Text size={200} className={styles.fieldName}>
                  {f.name}
                </Text>
                <FieldCell
                  field={f}
                  label={p.label}
                  t={t}
                  onInput={(field, text) =>
                    onInput(p.sheet, p.key, field, text)
                  }
                />
              </div>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}

export interface ScenarioSectionProps {
  readonly scenarios: readonly Scenario[];
  /** What is said of the scenario sheet (renamed, beside a person's own). */
  readonly notes: readonly string[];
  /** Scenarios whose sheet is gone since they were saved. */
  readonly lost: readonly string[];
  readonly onForgetLost: () => void;
  readonly comparison: ComparisonView | null;
  readonly t: PaneText;
  readonly disabled: boolean;
  readonly onSave: (name: string) => void;
  readonly onCompare: (a: string | null, b: string | null) => void;
  readonly onCloseComparison: () => void;
  readonly onApply: (name: string) => void;
}

const CURRENT = "\u0000current";

/** Save the inputs under a name, compare two states side by side, apply a scenario. */
export function ScenarioSection({
  scenarios,
  notes,
  lost,
  onForgetLost,
  comparison,
  t,
  disabled,
  onSave,
  onCompare,
  onCloseComparison,
  onApply,
}: ScenarioSectionProps) {
  const styles = useStyles();
  const s = t.scenarios;
  const [name, setName] = useState("");
  const [a, setA] = useState(CURRENT);
  const [b, setB] = useState<string | null>(null);
  const bValue = b ?? scenarios[0]?.name ?? CURRENT;
  const options = [
    <option key={CURRENT} value={CURRENT}>
      {s.current}
    </option>,
    ...scenarios.map((x) => (
      <option key={x.name} value={x.name}>
        {x.name}
      </option>
    )),
  ];
  return (
    <div className={styles.section}>
      <Text>{s.intro}</Text>
      {lost.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>{s.lost(lost.join(", "))}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={onForgetLost}>
              {s.forget}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {notes.map((n) => (
        <MessageBar key={n} intent="info">
          <MessageBarBody>{n}</MessageBarBody>
        </MessageBar>
      ))}
      <div className={styles.row}>
        <Field label={s.name}>
          <Input value={name} onChange={(_, d) => setName(d.value)} />
        </Field>
        <Button
          disabled={disabled}
          onClick={() => {
            onSave(name);
            setName("");
          }}
        >
          {s.save}
        </Button>
      </div>
      {scenarios.length === 0 ? (
        <Text>{s.none}</Text>
      ) : (
        <>
          <ul aria-label={s.list} style={{ margin: 0, paddingLeft: "1.2em" }}>
            {scenarios.map((x) => (
              <li key={x.name}>
                <Text weight="semibold">{x.name}</Text>{" "}
                <Text size={200}>({s.savedAt(x.saved)})</Text>{" "}
                <Button
                  size="small"
                  disabled={disabled}
                  aria-label={s.applyLabel(x.name)}
                  onClick={() => onApply(x.name)}
                >
                  {s.apply}
                </Button>
              </li>
            ))}
          </ul>
          <div className={styles.row}>
            <Field label="A">
              <Select
                value={a}
                onChange={(_, d) => setA(d.value)}
                aria-label={`${s.compare} A`}
              >
                {options}
              </Select>
            </Field>
            <Field label={`${s.compareWith} B`}>
              <Select
                value={bValue}
                onChange={(_, d) => setB(d.value)}
                aria-label={`${s.compare} B`}
              >
                {options}
              </Select>
            </Field>
            <Button
              onClick={() =>
                onCompare(
                  a === CURRENT ? null : a,
                  bValue === CURRENT ? null : bValue,
                )
              }
            >
              {s.compare}
            </Button>
          </div>
        </>
      )}
      {comparison && (
        <ComparisonTable view={comparison} t={t} onClose={onCloseComparison} />
      )}
    </div>
  );
}

function ComparisonTable({
  view,
  t,
  onClose,
}: {
  readonly view: ComparisonView;
  readonly t: PaneText;
  readonly onClose: () => void;
}) {
  const styles = useStyles();
  const s = t.scenarios;
  return (
    <section aria-label={view.title} className={styles.section}>
      <Text weight="semibold">{view.title}</Text>
      {view.none && <Text>{s.noDifference}</Text>}
      {view.halfYears.map((h) => (
        <table
          key={h.id}
          className={styles.table}
          aria-label={`${view.title}, ${h.id}`}
        >
          <thead>
            <tr>
              <th scope="col">{h.id}</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
              <th scope="col">{s.difference}</th>
            </tr>
          </thead>
          <tbody>
            {h.lines.map((l) => (
              <tr key={l.label}>
                <th scope="row">
                  <Unbroken text={l.label} />
                  {l.inputs && (
                    <Text block size={200}>
                      {l.inputs}
                    </Text>
                  )}
                </th>
                <td>{l.a}</td>
                <td>{l.b}</td>
                <td>{l.difference}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">
                <Unbroken text={h.total.label} />
              </th>
              <td>{h.total.a}</td>
              <td>{h.total.b}</td>
              <td>{h.total.difference}</td>
            </tr>
          </tbody>
          {h.same && (
            <caption style={{ captionSide: "bottom", textAlign: "left" }}>
              <Text size={200}>{h.same}</Text>
            </caption>
          )}
        </table>
      ))}
      <table
        className={styles.table}
        aria-label={`${view.title}: ${t.repayment}`}
      >
        <tbody>
          {[view.grantTotal, view.repayment].map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>{r.a}</td>
              <td>{r.b}</td>
              <td>{r.difference}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <Button size="small" onClick={onClose}>
          {s.close}
        </Button>
      </div>
    </section>
  );
}

/** The persons of Lönekalkyl: each half-year's cost and its working (SPEC §4.19). */
export function SalarySection({
  persons,
  t,
}: {
  readonly persons: readonly SalaryPersonView[];
  readonly t: PaneText;
}) {
  const styles = useStyles();
  return (
    <div className={styles.section}>
      <Text>{t.salaries.intro}</Text>
      <ul className={styles.lines} aria-label={t.salaries.title}>
        {persons.map((p) => (
          <li key={p.key} className={styles.line} aria-label={p.name || p.post}>
            <Text weight="semibold" className={styles.label}>
              {p.name || "–"}
            </Text>
            <Text size={200}>
              {t.salaries.post}: {p.post}
            </Text>
            <div className={styles.costs}>
              {p.halfYears.map((h) => (
                <div key={h.id} className={styles.cost}>
                  <div className={styles.lineHead}>
                    <span>{h.id}</span>
                    <span>{h.cost}</span>
                  </div>
                  {h.working && (
                    <Text block size={200} className={styles.working}>
                      {h.working}
                    </Text>
                  )}
                </div>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
