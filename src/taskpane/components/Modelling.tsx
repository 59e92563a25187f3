import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { InputField, Scenario } from "../../core";
import type { PaneText } from "../../i18n/text";
import type {
  ComparisonView,
  ModelField,
  ModelView,
  SalaryPersonView,
} from "../modelling";

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
  },
  input: { width: "7.5em", textAlign: "right" },
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
  readonly onInput: (f: InputField, text: string) => string | null;
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
        className={`${styles.input} ${field.was !== null ? styles.changed : ""}`}
        defaultValue={field.text}
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
    field: InputField,
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
  const columns =
    h.lines[0]?.fields.filter((f) => f.field !== "budget").map((f) => f.name) ??
    [];
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
      <table className={styles.table} aria-label={`${t.model.title} ${h.id}`}>
        <thead>
          <tr>
            <th scope="col">{t.model.line}</th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            <th scope="col">{t.budget}</th>
          </tr>
        </thead>
        <tbody>
          {h.lines.map((l) => {
            const budgetField = l.fields.find((f) => f.field === "budget");
            const inputs = l.fields.filter((f) => f.field !== "budget");
            return (
              <tr key={l.key}>
                <th scope="row">{l.label}</th>
                {columns.map((c) => {
                  const f = inputs.find((x) => x.name === c);
                  return (
                    <td key={c}>
                      {f ? (
                        <FieldCell
                          field={f}
                          label={l.label}
                          t={t}
                          onInput={(field, text) =>
                            onInput(h.sheet, l.key, field, text)
                          }
                        />
                      ) : (
                        "–"
                      )}
                    </td>
                  );
                })}
                <td>
                  {budgetField ? (
                    <FieldCell
                      field={budgetField}
                      label={l.label}
                      t={t}
                      onInput={(field, text) =>
                        onInput(h.sheet, l.key, field, text)
                      }
                    />
                  ) : (
                    <Figure value={l.budget} was={l.budgetWas} t={t} />
                  )}
                </td>
              </tr>
            );
          })}
          <tr>
            <th scope="row">{`${t.model.total} ${h.id}`}</th>
            {columns.map((c) => (
              <td key={c} />
            ))}
            <td>
              <Figure
                value={h.total}
                was={h.totalWas}
                t={t}
                testId="model-total"
              />
            </td>
          </tr>
        </tbody>
      </table>
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

export interface ScenarioSectionProps {
  readonly scenarios: readonly Scenario[];
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
                  {l.label}
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
              <th scope="row">{h.total.label}</th>
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
  const ids = persons[0]?.halfYears.map((h) => h.id) ?? [];
  return (
    <div className={styles.section}>
      <Text>{t.salaries.intro}</Text>
      <table className={styles.table} aria-label={t.salaries.title}>
        <thead>
          <tr>
            <th scope="col">{t.salaries.person}</th>
            {ids.map((id) => (
              <th key={id} scope="col">
                {id}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {persons.map((p) => (
            <tr key={p.key}>
              <th scope="row">
                {p.name || "–"}
                <Text block size={200}>
                  {t.salaries.post}: {p.post}
                </Text>
              </th>
              {p.halfYears.map((h) => (
                <td key={h.id}>
                  {h.cost}
                  {h.working && (
                    <Text block size={200} style={{ textAlign: "left" }}>
                      {h.working}
                    </Text>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
