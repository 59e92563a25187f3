import {
  Field,
  Input,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import {
  type CaseFile,
  type CaseRole,
  type Lang,
  type RoledFile,
  chooseRoles,
  isIsoDate,
} from "../../core";
import type { PaneText } from "../../i18n/text";
import { MemoActions } from "./MemoActions";

const useStyles = makeStyles({
  files: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  file: {
    display: "flex",
    flexWrap: "wrap",
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    alignItems: "center",
  },
  name: { overflowWrap: "anywhere", flex: "1 1 10em" },
  why: { flexBasis: "100%", color: tokens.colorNeutralForeground3 },
});

const ROLES: readonly CaseRole[] = ["report", "proposal", "grant", "left-out"];

export interface CaseMemoProps<F extends CaseFile> {
  /** The files of one case. */
  readonly files: readonly F[];
  /**
   * The files as the memo takes them once roles are chosen: the page holds the chosen report to
   * the chosen grant here. By default the files as they are.
   */
  readonly prepare?: (
    roled: readonly (F & RoledFile)[],
  ) => readonly RoledFile[];
  readonly lang: Lang;
  readonly t: PaneText;
  readonly label: string;
  /**
   * Roles the reviewer chose elsewhere, by file: in the pane, the granted budget chosen with
   * *Jämför med beviljad budget* is the grant, whatever the default would make of it.
   */
  readonly given?: ReadonlyMap<string, CaseRole>;
  /**
   * The board's meeting, when the page sets one date for all its cases' memos (a batch goes to one
   * meeting); without it the case has a date field of its own.
   */
  readonly meeting?: string;
}

/**
 * The case's files with their roles (the latest report judged, the budget proposed, the grant a
 * reference, templates and earlier files left out), each changeable; the meeting's date; the memo.
 */
export function CaseMemo<F extends CaseFile>({
  files,
  prepare,
  lang,
  t,
  label,
  given,
  meeting: shared,
}: CaseMemoProps<F>) {
  const styles = useStyles();
  const m = t.memo;
  const [chosen, setChosen] = useState<ReadonlyMap<string, CaseRole>>(
    new Map(),
  );
  const [own, setOwn] = useState("");
  const meeting = shared ?? own;
  const roled = useMemo(() => {
    const r = chooseRoles(
      files,
      given ? new Map([...given, ...chosen]) : chosen,
    );
    return prepare ? prepare(r) : r;
  }, [files, given, chosen, prepare]);
  return (
    <>
      <Text weight="semibold">{m.files}</Text>
      <ul className={styles.files} aria-label={m.files}>
        {roled.map((f) => (
          <li key={f.file} className={styles.file}>
            <Text className={styles.name}>{f.file}</Text>
            <Select
              size="small"
              aria-label={m.roleFor(f.file)}
              value={f.role}
              onChange={(_, d) =>
                setChosen((prev) =>
                  new Map(prev).set(f.file, d.value as CaseRole),
                )
              }
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {m.role[r]}
                </option>
              ))}
            </Select>
            {f.role === "left-out" && f.why && (
              <Text size={200} className={styles.why}>
                {m.leftOut[f.why]}
              </Text>
            )}
          </li>
        ))}
      </ul>
      {shared === undefined && (
        <MeetingField t={t} value={own} onChange={setOwn} />
      )}
      <MemoActions
        files={roled}
        meeting={isIsoDate(meeting) ? meeting : null}
        lang={lang}
        t={t}
        label={label}
      />
    </>
  );
}

/** Sammanträdets datum: the board's meeting the memo is drafted for (memo --date). */
export function MeetingField({
  t,
  value,
  onChange,
  hint = t.memo.meetingHint,
}: {
  readonly t: PaneText;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly hint?: string;
}) {
  return (
    <Field label={t.memo.meeting} hint={hint}>
      <Input type="date" value={value} onChange={(_, d) => onChange(d.value)} />
    </Field>
  );
}
