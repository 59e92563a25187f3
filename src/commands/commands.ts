// Ribbon commands: Kontrollera budget and Beräkna run without opening the pane and report in a
// small dialog (Excel has no toast API for add-ins).

import { analyze, planWrite, stampTime } from "../core";
import { languageOf, textFor } from "../taskpane/i18n";
import { excelHost, toHostError } from "../excel/excel-host";
import { writeSummary } from "../taskpane/viewmodel";
import { VERSION } from "../taskpane/version";
import { checkSummary } from "./summary";

function notify(
  title: string,
  lines: readonly string[],
  done: () => void,
): void {
  const url = new URL("notice.html", location.href);
  url.searchParams.set("title", title);
  url.searchParams.set("text", lines.join("\n").slice(0, 1500));
  Office.context.ui.displayDialogAsync(
    url.toString(),
    { height: 35, width: 40, displayInIframe: true },
    (result) => {
      if (result.status !== Office.AsyncResultStatus.Succeeded) return done();
      const dialog = result.value;
      const close = () => {
        dialog.close();
        done();
      };
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, close);
      dialog.addEventHandler(Office.EventType.DialogEventReceived, done);
    },
  );
}

async function check(event: Office.AddinCommands.Event): Promise<void> {
  const lang = languageOf(Office.context.displayLanguage);
  const t = textFor(lang);
  try {
    const summary = checkSummary(analyze(await excelHost().read()), lang);
    notify(summary.title, summary.lines, () => event.completed());
  } catch (e) {
    notify(t.errorPrefix, [t.errors[toHostError(e).key]], () =>
      event.completed(),
    );
  }
}

/** The pane's compute without its confirm step: the ribbon button is the user's go-ahead. */
async function compute(event: Office.AddinCommands.Event): Promise<void> {
  const lang = languageOf(Office.context.displayLanguage);
  const t = textFor(lang);
  try {
    const host = excelHost();
    const grids = await host.read();
    const analysis = analyze(grids);
    const plan = planWrite(grids, analysis, {
      at: stampTime(new Date()),
      version: VERSION,
      source: host.sourceName(),
    });
    await host.apply(plan, grids);
    const written = writeSummary(
      plan,
      grids.sheets.map((s) => s.name),
      t,
    );
    const summary = checkSummary(analysis, lang);
    notify(
      t.written(written.cells, written.sheets),
      [summary.title, ...summary.lines],
      () => event.completed(),
    );
  } catch (e) {
    notify(t.errorPrefix, [t.errors[toHostError(e).key]], () =>
      event.completed(),
    );
  }
}

Office.onReady(() => {
  Office.actions.associate(
    "checkBudget",
    (event: Office.AddinCommands.Event) => void check(event),
  );
  Office.actions.associate(
    "computeBudget",
    (event: Office.AddinCommands.Event) => void compute(event),
  );
});
