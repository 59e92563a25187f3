import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { CaseFile, IsoDate, Lang, RoledFile } from "../../core";
import { DOCX_TYPE, download } from "../download";
import type { PaneText } from "../../i18n/text";
import {
  copyRich,
  memoBytes,
  memoFileStem,
  memoFor,
  tablesForClipboard,
} from "../memo";

const useStyles = makeStyles({
  actions: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
  },
});

export interface MemoActionsProps {
  /** The workbooks of one case, in their roles where the reviewer chose them. */
  readonly files: readonly (CaseFile | RoledFile)[];
  /** The board's meeting: its year is granted now. */
  readonly meeting?: IsoDate | null;
  readonly lang: Lang;
  readonly t: PaneText;
  /** What the buttons are for, for a screen reader: the case number or the file's name. */
  readonly label: string;
}

/** Ladda ner beslutsunderlag (Word) and Kopiera tabell, for one case. */
export function MemoActions({
  files,
  meeting = null,
  lang,
  t,
  label,
}: MemoActionsProps) {
  const styles = useStyles();
  const memo = useMemo(
    () => memoFor(files, lang, meeting),
    [files, lang, meeting],
  );
  const [making, setMaking] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(
    null,
  );
  if (!memo)
    return (
      <MessageBar intent="warning">
        <MessageBarBody>{t.memo.differentCases}</MessageBarBody>
      </MessageBar>
    );
  const stem = memoFileStem(files.length === 1 ? files[0]!.file : label);

  const save = async () => {
    setMaking(true);
    setMessage(null);
    try {
      download(await memoBytes(memo), t.memo.fileName(stem), DOCX_TYPE);
    } catch (e) {
      setMessage({
        ok: false,
        text: `${t.errorPrefix} ${e instanceof Error ? e.message : String(e)}`,
      });
    } finally {
      setMaking(false);
    }
  };
  const copy = async () => {
    if (memo.tables.length === 0) {
      setMessage({ ok: false, text: t.memo.noTables });
      return;
    }
    const { html, text } = tablesForClipboard(memo);
    const ok = await copyRich(html, text);
    setMessage({ ok, text: ok ? t.memo.copied : t.memo.copyFailed });
  };

  return (
    <div>
      {memo.decisionNotes.length > 0 && (
        // The decision's notes: a deadline past before the board decides, a point Uppgifter leaves out.
        <MessageBar intent={memo.decisionNotesWarn ? "warning" : "info"}>
          <MessageBarBody>
            {memo.decisionNotes.map((n) => (
              <div key={n}>{n}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={making}
          aria-label={t.memo.downloadFor(label)}
          onClick={() => void save()}
        >
          {t.memo.download}
        </Button>
        <Button aria-label={t.memo.copyFor(label)} onClick={() => void copy()}>
          {t.memo.copy}
        </Button>
        {making && <Spinner size="tiny" label={t.memo.making} />}
      </div>
      <div aria-live="polite">
        {message && (
          <MessageBar intent={message.ok ? "success" : "warning"}>
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </div>
  );
}
