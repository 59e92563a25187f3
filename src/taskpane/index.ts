// Placeholder task pane: the React + Fluent UI pane (issue #4) replaces this. It shows that the
// engine bundles for the browser: the same core the CLI uses checks a workbook opened here.

import { analyze, hasErrors, toCheckJson } from "../core";
import { readXlsx, WorkbookFileError } from "../xlsx/read";

const TEXT = {
  sv: { title: "IOP-budget", pick: "Välj en arbetsbok (.xlsx)", ok: "Inga fel", errors: "Fel hittades", total: "Bidrag totalt" },
  en: { title: "IOP budget", pick: "Choose a workbook (.xlsx)", ok: "No errors", errors: "Errors found", total: "Total grants" },
};

function language(): "sv" | "en" {
  return navigator.language.toLowerCase().startsWith("en") ? "en" : "sv";
}

function render(root: HTMLElement): void {
  const t = TEXT[language()];
  const heading = document.createElement("h1");
  heading.textContent = t.title;
  const label = document.createElement("label");
  label.textContent = t.pick;
  const input = document.createElement("input");
  input.type = "file";
  input.accept = ".xlsx";
  label.append(input);
  const output = document.createElement("p");
  output.setAttribute("role", "status");
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      const result = toCheckJson(file.name, analyze(readXlsx(new Uint8Array(await file.arrayBuffer()))), language());
      const total = result.grants.reduce((s, g) => s + g.amount, 0);
      // textContent only: workbook text is never inserted as HTML.
      output.textContent = `${hasErrors(result.findings) ? t.errors : t.ok} · ${t.total}: ${total.toLocaleString("sv-SE")} kr`;
    } catch (e) {
      output.textContent = e instanceof WorkbookFileError ? e.message : String(e);
    }
  });
  root.append(heading, label, output);
}

render(document.getElementById("root") ?? document.body);
