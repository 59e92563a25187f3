// Ribbon commands: Kontrollera budget and Beräkna run without opening the pane. Beräkna asks first,
// in the same small dialog that then reports (Excel has no toast API for add-ins), and writes
// through the same checked write as the pane.

import { analyseWorkbook, hasFigures, planCompute, stampTime } from "../core";
import { languageOf, textFor } from "../i18n/text";
import { errorText } from "../excel/host";
import { excelHost } from "../excel/excel-host";
import { writeSummary } from "../taskpane/viewmodel";
import { VERSION } from "../core/version";
import { checkSummary } from "./summary";

type Answer = "ok" | "close" | "unavailable";

function openDialog(
  url: string,
  inIframe: boolean,
): Promise<Office.Dialog | null> {
  return new Promise((resolve) =>
    Office.context.ui.displayDialogAsync(
      url,
      { height: 40, width: 40, displayInIframe: inIframe },
      (result) =>
        resolve(
          result.status === Office.AsyncResultStatus.Succeeded
            ? result.value
            : null,
        ),
    ),
  );
}

/** Shows title and lines; with `ask`, Skriv/Avbryt. Resolves with the answer once it closes. */
export async function showDialog(
  title: string,
  lines: readonly string[],
  lang: "sv" | "en",
  ask = false,
): Promise<Answer> {
  const url = new URL("notice.html", location.href);
  url.searchParams.set("title", title);
  url.searchParams.set("text", lines.join("\n").slice(0, 1500));
  url.searchParams.set("lang", lang);
  if (ask) url.searchParams.set("ask", "1");
  // In an iframe first (no pop-up blocker on the web); as a window if that is refused.
  const dialog =
    (await openDialog(url.toString(), true)) ??
    (await openDialog(url.toString(), false));
  if (!dialog) {
    console.error("IOP-budget: the dialog could not be opened", title, lines);
    return "unavailable";
  }
  return new Promise((resolve) => {
    dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
      dialog.close();
      resolve("message" in arg && arg.message === "ok" ? "ok" : "close");
    });
    dialog.addEventHandler(Office.EventType.DialogEventReceived, () =>
      resolve("close"),
    );
  });
}

async function check(): Promise<void> {
  const lang = languageOf(Office.context.displayLanguage);
  const t = textFor(lang);
  try {
    const { analysis } = analyseWorkbook(await excelHost().read());
    const summary = checkSummary(analysis, lang);
    await showDialog(summary.title, summary.lines, lang);
  } catch (e) {
    await showDialog(t.errorPrefix, [errorText(t, e)], lang);
  }
}

/** The pane's compute with the same confirm step: what will change, then Skriv or Avbryt. */
async function compute(): Promise<void> {
  const lang = languageOf(Office.context.displayLanguage);
  const t = textFor(lang);
  try {
    const host = excelHost();
    const grids = await host.read();
    const { analysis } = analyseWorkbook(grids);
    // No half-year read: nothing to write but a Beslut sheet of errors; the errors say why.
    if (!hasFigures(analysis)) {
      const summary = checkSummary(analysis, lang);
      await showDialog(
        summary.title,
        [t.nothingToCompute, ...summary.lines],
        lang,
      );
      return;
    }
    const plan = planCompute(
      grids,
      {
        at: stampTime(new Date()),
        version: VERSION,
        source: host.sourceName(),
      },
      "excel",
      [],
      analysis,
    );
    const written = writeSummary(
      plan,
      grids.sheets.map((s) => s.name),
      t,
      host.undo(plan, grids),
    );
    const answer = await showDialog(
      t.confirmTitle,
      [...written.lines, ...written.notes, t.confirmKeep],
      lang,
      true,
    );
    if (answer !== "ok") return;
    // The write re-reads first and refuses if the workbook changed while the dialog was open.
    await host.apply(plan, grids);
    const summary = checkSummary(analysis, lang);
    await showDialog(
      t.written(written.cells, written.sheets),
      [summary.title, ...summary.lines],
      lang,
    );
  } catch (e) {
    await showDialog(t.errorPrefix, [errorText(t, e)], lang);
  }
}

/** Runs a command and tells Office it is done, whatever happened. */
function command(
  work: () => Promise<void>,
): (event: Office.AddinCommands.Event) => void {
  return (event) => void work().finally(() => event.completed());
}

void Office.onReady(() => {
  Office.actions.associate("checkBudget", command(check));
  Office.actions.associate("computeBudget", command(compute));
});
