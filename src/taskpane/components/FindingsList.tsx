import {
  Badge,
  Link,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
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
 * Findings grouped by sheet, errors first: the severity and the cell on one line, the message
 * under them at the pane's full width. A cell is a link that selects it in the workbook.
 */
export function FindingsList({ view, t, onSelect }: FindingsListProps) {
  const styles = useStyles();
  if (view.groups.length === 0) return <Text>{t.noFindings}</Text>;
  return (
    <div>
      <Text weight="semibold">{view.summary}</Text>
      {view.groups.map((group) => (
        <section
          key={group.title}
          className={styles.group}
          aria-label={group.title}
        >
          <h3 className={styles.heading}>{group.title}</h3>
          <ul className={styles.list}>
            {group.findings.map((f, i) => (
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
        </section>
      ))}
    </div>
  );
}
