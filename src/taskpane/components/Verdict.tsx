import { Link, MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { Counts } from "../../core";
import type { PaneText } from "../../i18n/text";

/**
 * The answer first: "2 fel, 1 varning — visa", at the top of the pane, the link taking the user
 * to the findings (below the key figures).
 */
export function Verdict({
  counts,
  t,
}: {
  readonly counts: Counts;
  readonly t: PaneText;
}) {
  const intent =
    counts.error > 0 ? "error" : counts.warning > 0 ? "warning" : "success";
  const any = counts.error + counts.warning + counts.info > 0;
  return (
    <MessageBar intent={intent} data-testid="verdict">
      <MessageBarBody>
        {t.verdict(counts.error, counts.warning)}
        {any && (
          <>
            {" — "}
            <Link
              as="button"
              aria-label={t.showFindingsLabel}
              onClick={() => {
                const heading = document.getElementById("findings-heading");
                heading?.scrollIntoView({ block: "start" });
                heading?.focus();
              }}
            >
              {t.showFindings}
            </Link>
          </>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
