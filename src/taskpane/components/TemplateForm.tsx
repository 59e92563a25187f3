import {
  Button,
  Field,
  Input,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { PaneText } from "../../i18n/text";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    alignItems: "flex-end",
  },
});

/** The agreement period of a new template; the sheets are added without touching existing ones. */
export function TemplateForm({
  t,
  initialFrom,
  initialTo,
  disabled,
  onCreate,
}: {
  readonly t: PaneText;
  readonly initialFrom: string;
  readonly initialTo: string;
  readonly disabled: boolean;
  readonly onCreate: (from: string, to: string) => void;
}) {
  const styles = useStyles();
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        onCreate(from, to);
      }}
    >
      <Field label={t.templateFrom}>
        <Input
          type="month"
          value={from}
          onChange={(_, d) => setFrom(d.value)}
        />
      </Field>
      <Field label={t.templateTo}>
        <Input type="month" value={to} onChange={(_, d) => setTo(d.value)} />
      </Field>
      <Button type="submit" disabled={disabled}>
        {t.templateCreate}
      </Button>
    </form>
  );
}
