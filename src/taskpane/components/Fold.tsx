import { makeStyles, tokens } from "@fluentui/react-components";
import { type ReactNode, useState } from "react";

const useStyles = makeStyles({
  fold: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalXS,
  },
  summary: {
    cursor: "pointer",
    listStylePosition: "inside",
    borderRadius: tokens.borderRadiusMedium,
    ":focus-visible": {
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
    },
    "& h2": {
      display: "inline",
      fontSize: tokens.fontSizeBase400,
      fontWeight: tokens.fontWeightSemibold,
      margin: 0,
    },
  },
  body: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalS,
  },
});

const KEY = "iop-budget.open-sections";

/** Which sections were open, as this browser remembers it; nothing when storage is denied. */
function remembered(): Record<string, boolean> {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? "{}");
    return typeof v === "object" && v !== null
      ? (v as Record<string, boolean>)
      : {};
  } catch {
    return {};
  }
}

function remember(id: string, open: boolean): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...remembered(), [id]: open }));
  } catch {
    // Storage denied (a locked-down browser or Office's iframe): the section still opens.
  }
}

/**
 * A section the user opens and closes, closed until first opened and then as it was left (in this
 * browser). Its content is made only while open, so what it needs loads when it is wanted.
 */
export function Fold({
  id,
  title,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly children: ReactNode;
}) {
  const styles = useStyles();
  const [open, setOpen] = useState(() => remembered()[id] === true);
  return (
    <details
      className={styles.fold}
      open={open}
      data-section={id}
      onToggle={(e) => {
        const now = e.currentTarget.open;
        if (now === open) return;
        setOpen(now);
        remember(id, now);
      }}
    >
      <summary className={styles.summary}>
        <h2 id={`${id}-heading`}>{title}</h2>
      </summary>
      {open && <div className={styles.body}>{children}</div>}
    </details>
  );
}
