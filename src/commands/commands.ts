// Ribbon commands: Kontrollera budget and Beräkna run without opening the pane and report in a
// small dialog (Excel has no toast API for add-ins).

import { analyze, planWrite, stampTime } from "../core";
import { applyPlan, readGrids } from "../excel/workbook";
import { languageOf, textFor } from "../taskpane/i18n";
import { toHostError } from "../taskpane/excel-host";
import { VERSION } from "../taskpane/usePane";
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
    const analysis = analyze(
      await Excel.run({ delayForCellEdit: true }, (context) =>
        readGrids(context),
      ),
    );
    const summary = checkSummary(analysis, lang);
    notify(summary.title, summary.lines, () => event.completed());
  } catch (e) {
    notify(t.errorPrefix, [t.errors[toHostError(e).key]], () =>
      event.completed(),
    );
  }
}

async function compute(event: Office.AddinCommands.Event): Promise<void> {
  const lang = languageOf(Office.context.displayLanguage);
  const t = textFor(lang);
  try {
    const validations = Office.context.requirements.isSetSupported(
      "ExcelApi",
      "1.8",
    );
    const { analysis, cells, sheets } = await Excel.run(
      { delayForCellEdit: true },
      async (context) => {
        const grids = await readGrids(context, undefined, {
          merges: Office.context.requirements.isSetSupported(
            "ExcelApi",
            "1.13",
          ),
        });
        const analysis = analyze(grids);
        const source =
          decodeURIComponent(
            (Office.context.document?.url ?? "").split(/[\\/]/).pop() ?? "",
          ) || "arbetsboken";
        const plan = planWrite(grids, analysis, {
          at: stampTime(new Date()),
          version: VERSION,
          source,
        });
        await applyPlan(context, plan, grids, undefined, { validations });
        return {
          analysis,
          cells:
            plan.edits.reduce((s, e) => s + e.cells.length, 0) +
            plan.creates.reduce((s, c) => s + c.cells.length, 0),
          sheets: plan.edits.length + plan.creates.length,
        };
      },
    );
    const summary = checkSummary(analysis, lang);
    notify(t.written(cells, sheets), [summary.title, ...summary.lines], () =>
      event.completed(),
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
