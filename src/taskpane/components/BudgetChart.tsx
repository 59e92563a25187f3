import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { PaneText } from "../../i18n/text";
import type { FiguresView } from "../viewmodel";

const useStyles = makeStyles({
  chart: { width: "100%", height: "auto", overflow: "visible" },
  label: { fill: tokens.colorNeutralForeground1, fontSize: "11px" },
  budget: { fill: tokens.colorNeutralStroke1 },
  actual: { fill: tokens.colorBrandBackground },
  over: { fill: tokens.colorPaletteRedBackground3 },
});

const ROW = 30;
const LABEL = 130;
const WIDTH = 300;

/** Budget (grey) against actual (blue, red when overspent) per line, one chart per half-year. */
export function BudgetChart({
  chart,
  t,
}: {
  readonly chart: FiguresView["charts"][number];
  readonly t: PaneText;
}) {
  const styles = useStyles();
  const scale = (kr: number) => (kr / chart.max) * (WIDTH - LABEL - 4);
  return (
    <figure style={{ margin: 0 }}>
      <figcaption>
        <Text weight="semibold">{t.chartTitle(chart.id)}</Text>
      </figcaption>
      <svg
        className={styles.chart}
        viewBox={`0 0 ${WIDTH} ${chart.lines.length * ROW + 4}`}
        role="img"
        aria-label={t.chartTitle(chart.id)}
      >
        {chart.lines.map((l, i) => (
          <g key={`${l.label}-${i}`} transform={`translate(0 ${i * ROW})`}>
            <title>{`${l.label}: ${t.budget} ${l.budgetText}${l.actualText ? `, ${t.actual} ${l.actualText}` : ""}`}</title>
            <text className={styles.label} x={0} y={12}>
              {l.label.length > 22 ? `${l.label.slice(0, 21)}…` : l.label}
            </text>
            <rect
              className={styles.budget}
              x={LABEL}
              y={2}
              width={scale(l.budget)}
              height={11}
            />
            {l.actual !== null && (
              <rect
                className={l.overspent ? styles.over : styles.actual}
                x={LABEL}
                y={15}
                width={scale(l.actual)}
                height={11}
              />
            )}
          </g>
        ))}
      </svg>
      <Text size={200}>
        {t.chartLegend}
        {chart.hidden > 0 &&
          ` ${t.chartHidden(chart.lines.length, chart.lines.length + chart.hidden)}`}
      </Text>
    </figure>
  );
}
