import {
  FluentProvider,
  Link,
  Text,
  Title2,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { Lang } from "../../core";

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    padding: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    boxSizing: "border-box",
  },
});

/** The frame both modes share: theme (Office's or the browser's), language, title and intro. */
export function PaneShell({
  lang,
  dark,
  title,
  intro,
  help,
  children,
}: {
  readonly lang: Lang;
  readonly dark: boolean;
  readonly title: string;
  readonly intro: string;
  readonly help: string;
  readonly children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <FluentProvider
      theme={dark ? webDarkTheme : webLightTheme}
      lang={lang === "sv" ? "sv-SE" : "en-US"}
    >
      <main className={styles.root}>
        <header>
          <Title2 as="h1">{title}</Title2>
          <Text block>{intro}</Text>
          {/* The build's help page: every finding code, the workbook rules, privacy. */}
          <Link
            href={`help.html${lang === "en" ? "#en" : ""}`}
            target="_blank"
            rel="noopener"
          >
            {help}
          </Link>
        </header>
        {children}
      </main>
    </FluentProvider>
  );
}
