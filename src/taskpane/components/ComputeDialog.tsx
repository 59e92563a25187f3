import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
} from "@fluentui/react-components";
import type { PaneText } from "../../i18n/text";
import type { WriteSummary } from "../viewmodel";

/** The confirm step before anything is written: what changes, and that typed cells stay. */
export function ComputeDialog({
  summary,
  t,
  onWrite,
  onCancel,
}: {
  readonly summary: WriteSummary | null;
  readonly t: PaneText;
  readonly onWrite: () => void;
  readonly onCancel: () => void;
}) {
  return (
    <Dialog
      open={summary !== null}
      onOpenChange={(_, d) => !d.open && onCancel()}
      modalType="alert"
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t.confirmTitle}</DialogTitle>
          <DialogContent>
            <Text>{t.confirmIntro}</Text>
            <ul>
              {summary?.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
            {summary?.notes.map((n) => (
              <p key={n}>
                <Text weight="semibold">{n}</Text>
              </p>
            ))}
            {summary?.keep && <Text>{t.confirmKeep}</Text>}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onWrite}>
              {t.confirmWrite}
            </Button>
            <Button onClick={onCancel}>{t.cancel}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
