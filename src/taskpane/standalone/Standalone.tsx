import { FluentProvider, Text, Title2, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { Lang } from "../../core";
import { textFor } from "../i18n";

/** Placeholder for the standalone file mode (issue #5). */
export function Standalone({ lang, dark }: { readonly lang: Lang; readonly dark: boolean }) {
  const t = textFor(lang);
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <main>
        <Title2 as="h1">{t.title}</Title2>
        <Text>{t.subtitle}</Text>
      </main>
    </FluentProvider>
  );
}
