/** @jest-environment jsdom */
// The ribbon commands and their dialog: Beräkna asks before it writes, Avbryt writes nothing, a
// person's Beslut survives, a dialog that cannot open in an iframe is tried as a window, and the
// dialog page answers only once Office is ready.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readXlsx } from "../../src/xlsx/read";
import { reportWorkbook } from "../helpers/seed";
import { FakeExcel, snapshot } from "../helpers/strict-excel";
import { buildXlsx } from "../helpers/workbook";

type Handler = (arg: { message?: string }) => void;

interface FakeDialog {
  url: string;
  inIframe: boolean;
  handlers: Map<string, Handler>;
  closed: boolean;
}

/** Office for a ribbon command: the given Excel, dialogs recorded and answered by `answer`. */
function officeFor(
  x: FakeExcel,
  answer: (d: FakeDialog) => string | null,
  refuseIframe = false,
) {
  const dialogs: FakeDialog[] = [];
  const actions = new Map<string, (event: { completed(): void }) => void>();
  (globalThis as unknown as { Office: unknown }).Office = {
    onReady: (cb?: () => void) => {
      cb?.();
      return Promise.resolve({});
    },
    actions: {
      associate: (name: string, fn: (event: { completed(): void }) => void) =>
        actions.set(name, fn),
    },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: {
      DialogMessageReceived: "message",
      DialogEventReceived: "event",
    },
    context: {
      displayLanguage: "sv-SE",
      requirements: { isSetSupported: (_: string, v: string) => x.supports(v) },
      document: { url: "https://x/Budget%202024.xlsx" },
      ui: {
        displayDialogAsync(
          url: string,
          options: { displayInIframe: boolean },
          cb: (r: unknown) => void,
        ) {
          if (refuseIframe && options.displayInIframe)
            return cb({ status: "failed", error: { code: 12009 } });
          const d: FakeDialog = {
            url,
            inIframe: options.displayInIframe,
            handlers: new Map(),
            closed: false,
          };
          dialogs.push(d);
          cb({
            status: "succeeded",
            value: {
              addEventHandler: (type: string, h: Handler) =>
                d.handlers.set(type, h),
              close: () => void (d.closed = true),
            },
          });
          // The person answers once the dialog is shown.
          setTimeout(() => {
            const message = answer(d);
            if (message) d.handlers.get("message")?.({ message });
            else d.handlers.get("event")?.({});
          });
        },
      },
    },
  };
  x.install();
  return { dialogs, actions };
}

async function runCommand(
  actions: Map<string, (event: { completed(): void }) => void>,
  name: string,
): Promise<void> {
  await new Promise<void>((resolve) =>
    actions.get(name)!({ completed: resolve }),
  );
}

const textOf = (d: FakeDialog) => new URL(d.url).searchParams.get("text") ?? "";
const titleOf = (d: FakeDialog) =>
  new URL(d.url).searchParams.get("title") ?? "";

async function loadCommands() {
  jest.resetModules();
  await import("../../src/commands/commands");
}

describe("the ribbon's Beräkna", () => {
  test("asks first, naming what changes; Avbryt writes nothing", async () => {
    const x = FakeExcel.from(
      readXlsx(await buildXlsx(reportWorkbook())).sheets,
    );
    const before = snapshot(x);
    const { dialogs, actions } = officeFor(x, () => "close");
    await loadCommands();
    await runCommand(actions, "computeBudget");
    expect(dialogs).toHaveLength(1);
    expect(new URL(dialogs[0]!.url).searchParams.get("ask")).toBe("1");
    expect(titleOf(dialogs[0]!)).toBe("Skriva i arbetsboken?");
    expect(textOf(dialogs[0]!)).toMatch(/Beslut: nytt blad/);
    expect(snapshot(x)).toBe(before);
  });

  test("Skriv writes, leaves a person's Beslut alone and reports what was written", async () => {
    const x = FakeExcel.from(
      readXlsx(
        await buildXlsx([
          ...reportWorkbook(),
          { name: "Beslut", rows: [["Mitt"]] },
        ]),
      ).sheets,
    );
    const { dialogs, actions } = officeFor(x, (d) =>
      new URL(d.url).searchParams.get("ask") ? "ok" : "close",
    );
    await loadCommands();
    await runCommand(actions, "computeBudget");
    expect(textOf(dialogs[0]!)).toMatch(
      /Bladet Beslut är inte tilläggets och lämnas orört; beslutsunderlaget skrivs i Beslut \(IOP\)/,
    );
    expect(x.cell("Beslut", "A1")?.value).toBe("Mitt");
    expect(x.cell("Beslut (IOP)", "A1")?.value).toBe(
      "Beslutsunderlag: Jämlik hälsa Lindängen",
    );
    expect(titleOf(dialogs[1]!)).toMatch(/^Klart: \d+ celler/);
    expect(dialogs[0]!.closed).toBe(true);
  });

  test("a sheet protected with a password is reported by name with the steps to take, and nothing is written", async () => {
    const x = FakeExcel.from(
      readXlsx(await buildXlsx(reportWorkbook())).sheets,
    );
    Object.assign(x.sheet("Utfall 2024 H2"), {
      protected: true,
      protection: { options: {}, password: "hemligt" },
    });
    const before = snapshot(x);
    const { dialogs, actions } = officeFor(x, (d) =>
      new URL(d.url).searchParams.get("ask") ? "ok" : "close",
    );
    await loadCommands();
    await runCommand(actions, "computeBudget");
    expect(textOf(dialogs[1]!)).toMatch(
      /Bladet Utfall 2024 H2 är skyddat med lösenord.*Inget skrevs.*Ta bort skyddet med lösenordet/,
    );
    expect(snapshot(x)).toBe(before);
  });

  test("a workbook with no half-year: says there is nothing to compute and why, asks nothing and writes nothing", async () => {
    const x = FakeExcel.from(
      readXlsx(await buildXlsx([{ name: "Blad1", rows: [["Konto"]] }])).sheets,
    );
    const before = snapshot(x);
    const { dialogs, actions } = officeFor(x, () => "ok");
    await loadCommands();
    await runCommand(actions, "computeBudget");
    expect(dialogs).toHaveLength(1);
    expect(new URL(dialogs[0]!.url).searchParams.get("ask")).toBeNull();
    expect(titleOf(dialogs[0]!)).toMatch(/^\d+ fel/);
    expect(textOf(dialogs[0]!)).toMatch(
      /^Inget halvår kunde läsas ur arbetsboken, så det finns inget att beräkna och inget skrevs\.[\s\S]*\nArbetsboken har inget halvårsblad/,
    );
    expect(snapshot(x)).toBe(before);
  });

  test("a dialog refused in an iframe (pop-ups on the web) is opened as a window", async () => {
    const x = FakeExcel.from(
      readXlsx(await buildXlsx(reportWorkbook())).sheets,
    );
    const { dialogs, actions } = officeFor(x, () => "close", true);
    await loadCommands();
    await runCommand(actions, "checkBudget");
    expect(dialogs.map((d) => d.inIframe)).toEqual([false]);
    expect(titleOf(dialogs[0]!)).toMatch(/0 fel, 2 varningar/);
  });
});

describe("the dialog page", () => {
  test("answers with messageParent only after Office.onReady, and says Skriv/Avbryt when it asks", async () => {
    const html = readFileSync(
      join(__dirname, "../../src/commands/notice.html"),
      "utf8",
    );
    document.body.innerHTML = html.slice(
      html.indexOf("<body>") + 6,
      html.indexOf("</body>"),
    );
    window.history.replaceState(
      null,
      "",
      "/notice.html?title=T&text=X&lang=sv&ask=1",
    );
    let ready!: () => void;
    const sent: string[] = [];
    (globalThis as unknown as { Office: unknown }).Office = {
      onReady: () => new Promise<void>((r) => (ready = r)),
      context: { ui: { messageParent: (m: string) => sent.push(m) } },
    };
    jest.resetModules();
    await import("../../src/commands/notice");
    const ok = document.getElementById("ok") as HTMLButtonElement;
    expect([
      ok.textContent,
      ok.hidden,
      document.getElementById("close")!.textContent,
    ]).toEqual(["Skriv", false, "Avbryt"]);
    ok.click();
    await Promise.resolve();
    expect(sent).toEqual([]);
    ready();
    await new Promise((r) => setTimeout(r));
    expect(sent).toEqual(["ok"]);
  });
});
