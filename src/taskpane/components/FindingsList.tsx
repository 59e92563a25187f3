import {
  Badge,
  Button,
  Link,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { PaneText } from "../../i18n/text";
import type { FindingsView } from "../viewmodel";
import { Unbroken } from "./Unbroken";

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "baseline",
  },
  message: { flexBasis: "100%", overflowWrap: "anywhere" },
  group: { marginTop: tokens.spacingVerticalM },
  heading: { fontSize: tokens.fontSizeBase300, margin: 0 },
  cell: { fontFamily: tokens.fontFamilyMonospace },
});

const COLOR = {
  error: "danger",
  warning: "warning",
  info: "informative",
} as const;

export interface FindingsListProps {
  readonly view: FindingsView;
  readonly t: PaneText;
  /** Selecting a cell; absent where there is no workbook to select in (a file). */
  readonly onSelect?: (sheet: string, cell: string) => void;
}

/**
 * A sheet shows this many of its findings, errors first, until all are asked for: 10 000 findings
 * (a long report with its actuals not yet filled in) took the pane 3.4 s to show, and a list that
 * long is not read.
 */
export const FINDINGS_SHOWN = 100;

/**
 * Findings grouped by sheet, errors first: the severity and the cell on one line, the message
 * under them at the pane's full width. A cell is a link that selects it in the workbook.
 */
export function FindingsList({ view, t, onSelect }: FindingsListProps) {
  const styles = useStyles();
  // The groups whose every finding was asked for, by title: kept when the findings are checked again.
  const [whole, setWhole] = useState<ReadonlySet<string>>(new Set());
  if (view.groups.length === 0) return <Text>{t.noFindings}</Text>;
  return (
    <div>
      <Text weight="semibold">{view.summary}</Text>
      {view.groups.map((group) => {
        const hidden = whole.has(group.title)
          ? 0
          : Math.max(0, group.findings.length - FINDINGS_SHOWN);
        return (
          <section
            key={group.title}
            className={styles.group}
            aria-label={group.title}
          >
            <h3 className={styles.heading}>{group.title}</h3>
            <ul className={styles.list}>
              {group.findings
                .slice(0, group.findings.length - hidden)
                .map((f, i) => (
                  <li
                    key={`${f.code}-${f.cell ?? ""}-${i}`}
                    className={styles.item}
                  >
                    <Badge appearance="tint" color={COLOR[f.severity]}>
                      {t.severity[f.severity]}
                    </Badge>
                    {f.cell && f.sheet && onSelect ? (
                      <Link
                        as="button"
                        className={styles.cell}
                        aria-label={t.goToCell(f.sheet, f.cell)}
                        onClick={() => onSelect(f.sheet!, f.cell!)}
                      >
                        {f.cell}
                      </Link>
                    ) : f.cell ? (
                      <Text className={styles.cell}>{f.cell}</Text>
                    ) : null}
                    <Text className={styles.message}>
                      <Unbroken text={f.message} />
                    </Text>
                  </li>
                ))}
            </ul>
            {hidden > 0 ? (
              <Button
                appearance="subtle"
                onClick={() => setWhole(new Set(whole).add(group.title))}
              >
                {t.showAllFindings(hidden)}
              </Button>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
