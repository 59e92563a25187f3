// The pane's entry: inside Excel it works on the open workbook; in an ordinary browser (no Office)
// it works on files the user picks (standalone mode, loaded on demand).

import { createRoot } from "react-dom/client";
import { App } from "./components/App";
import { excelHost, supportsRequirements } from "../excel/excel-host";
import { languageOf, textFor } from "../i18n/text";
import { isDarkColor } from "./theme";

const root = createRoot(document.getElementById("root")!);

function prefersDark(): boolean {
  return (
    typeof matchMedia === "function" &&
    matchMedia("(prefers-color-scheme: dark)").matches
  );
}

async function standalone(): Promise<void> {
  const lang = languageOf(navigator.language);
  // The xlsx library and the file UI are only needed outside Excel: a separate chunk.
  const { Standalone } = await import(
    /* webpackChunkName: "standalone" */ "./standalone/Standalone"
  );
  root.render(<Standalone lang={lang} dark={prefersDark()} />);
}

function inExcel(): void {
  const lang = languageOf(Office.context.displayLanguage);
  if (!supportsRequirements()) {
    root.render(<p role="alert">{textFor(lang).errors.requirements}</p>);
    return;
  }
  const dark = isDarkColor(Office.context.officeTheme?.bodyBackgroundColor);
  root.render(<App host={excelHost()} lang={lang} dark={dark} />);
}

if (typeof Office === "undefined") {
  void standalone();
} else {
  void Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) inExcel();
    else void standalone();
  });
}
