import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { PaneText } from "../../i18n/text";
import type { FiguresView } from "../viewmodel";
import { Unbroken } from "./Unbroken";

const useStyles = makeStyles({
  table: {
    borderCollapse: "collapse",
    width: "100%",
    "& th, & td": {
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
      textAlign: "right",
    },
    "& td": { whiteSpace: "nowrap" },
    "& th:first-child, & td:first-child": { textAlign: "left" },
  },
  srOnly: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
  facts: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    marginTop: tokens.spacingVerticalS,
  },
});

/** Per half-year totals, grants, year figures and the repayment, as the engine computed them. */
export function KeyFigures({
  view,
  t,
}: {
  readonly view: FiguresView;
  readonly t: PaneText;
}) {
  const styles = useStyles();
  const reported = view.halfYears.some((h) => h.actual !== null);
  return (
    <div>
      <table className={styles.table}>
        <caption className={styles.srOnly}>{t.figures}</caption>
        <thead>
          <tr>
            <th scope="col">{t.halfYear}</th>
            <th scope="col">{t.budget}</th>
            {reported && <th scope="col">{t.actual}</th>}
          </tr>
        </thead>
        <tbody>
          {view.halfYears.map((h) => (
            <tr key={h.id}>
              <th scope="row">{h.id}</th>
              <td
                data-changed={h.budgetWas !== null || undefined}
                title={
                  h.budgetWas !== null
                    ? t.model.wasInWorkbook(h.budgetWas)
                    : undefined
                }
              >
                {h.budget}
                {h.budgetWas !== null && (
                  <Text block size={200}>
                    {t.model.wasInWorkbook(h.budgetWas)}
                  </Text>
                )}
              </td>
              {reported && <td>{h.actual ?? "–"}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <dl className={styles.facts}>
        {view.grantYears.length !== 1 && (
          // One year's grant is the total: said once.
          <>
            <dt>{t.grantsTotal}</dt>
            <dd data-testid="grants-total">{view.grantsTotal}</dd>
          </>
        )}
        {view.grantYears.map((g) => (
          <FragmentPair
            key={g.year}
            term={`${t.grants} ${g.year}`}
            value={g.amount}
          />
        ))}
        {view.earlier.map((e) => (
          // The memo's "Överskott från 2023": what makes the repayment more than the year's surplus.
          <FragmentPair
            key={`e${e.year}`}
            term={t.surplusFrom(e.year)}
            value={e.amount}
          />
        ))}
        {view.years.map((y) => (
          <FragmentPair
            key={`y${y.year}`}
            term={`${t.surplus} ${y.year}`}
            value={y.surplus}
          />
        ))}
        <dt>{t.repayment}</dt>
        <dd data-testid="repayment">
          <Unbroken text={view.repaymentText} />
          {view.repaymentWas !== null && (
            <Text block size={200}>
              {t.model.wasInWorkbook(view.repaymentWas)}
            </Text>
          )}
        </dd>
      </dl>
    </div>
  );
}

function FragmentPair({
  term,
  value,
}: {
  readonly term: string;
  readonly value: string;
}) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}
