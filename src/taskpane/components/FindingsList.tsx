import {
  Badge,
  Button,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PaneText } from "../../i18n/text";
import type { FindingsView } from "../viewmodel";

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
    gap: tokens.spacingHorizontalS,
    alignItems: "flex-start",
  },
  message: { flex: 1 },
  group: { marginTop: tokens.spacingVerticalM },
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

/** Findings grouped by sheet, errors first; a finding with a cell is a button that selects it. */
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
          <h3>{group.title}</h3>
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
                  <Button
                    size="small"
                    appearance="subtle"
                    aria-label={t.goToCell(f.sheet, f.cell)}
                    onClick={() => onSelect(f.sheet!, f.cell!)}
                  >
                    {f.cell}
                  </Button>
                ) : f.cell ? (
                  <Text font="monospace">{f.cell}</Text>
                ) : null}
                <Text className={styles.message}>{f.message}</Text>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
