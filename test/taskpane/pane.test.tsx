/** @jest-environment jsdom */
// The task pane with Testing Library: findings with their cells, the confirm step before writing,
// Swedish and English, and errors that leave the pane usable.

import "@testing-library/jest-dom";
import {
  act,
  cleanup,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from "@testing-library/react";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { type Cell, analyze, planScenarioSave } from "../../src/core";
import { App } from "../../src/taskpane/components/App";
import {
  FINDINGS_SHOWN,
  FindingsList,
} from "../../src/taskpane/components/FindingsList";
import { HostError } from "../../src/excel/host";
import { textFor } from "../../src/i18n/text";
import { findingsView } from "../../src/taskpane/viewmodel";
import { readXlsx } from "../../src/xlsx/read";
import { fakeHost } from "../helpers/fake-host";
import {
  activitySheet,
  budgetWorkbook,
  detailsSheet,
  reportWithOldBudget,
  reportWorkbook,
} from "../helpers/seed";
import { type SheetSpec, buildXlsx, kr, pct } from "../helpers/workbook";
import { FOLLOW_SETTING, SCENARIOS_SETTING } from "../../src/taskpane/usePane";

async function grids(sheets: SheetSpec[]) {
  return readXlsx(await buildXlsx(sheets));
}

/** Opens or closes a folded section by its heading, as a click on its summary does. */
function openFold(title: string) {
  const details = screen
    .getByRole("heading", { name: title })
    .closest("details")!;
  act(() => {
    details.open = !details.open;
    details.dispatchEvent(new Event("toggle"));
  });
}

beforeEach(() => localStorage.clear());

describe("the findings list", () => {
  test("shows each finding with its cell, grouped by sheet, and a click selects the cell", async () => {
    const g = await grids([
      detailsSheet({ orgNumber: "802002-8639" }),
      ...budgetWorkbook().slice(1),
    ]);
    const t = textFor("sv");
    const onSelect = jest.fn();
    render(
      <FindingsList
        view={findingsView(analyze(g), "sv", t)}
        t={t}
        onSelect={onSelect}
      />,
    );
    const group = screen.getByRole("region", { name: "Uppgifter" });
    expect(
      within(group).getByText(/Organisationsnumret "802002-8639" är ogiltigt/),
    ).toBeInTheDocument();
    fireEvent.click(
      within(group).getByRole("button", { name: "Gå till Uppgifter B4" }),
    );
    expect(onSelect).toHaveBeenCalledWith("Uppgifter", "B4");
    expect(
      screen.getByText("1 fel, 0 varningar, 0 information"),
    ).toBeInTheDocument();
  });

  test("a sheet shows its first 100 findings, errors first, and the rest when asked", async () => {
    // A report of 2025-H2 whose 150 lines have no actual but the first (149 warnings), and whose
    // last budget is no number (an error, met last).
    const g = await grids([
      detailsSheet({ start: "2025-07-01", end: "2025-12-31" }),
      activitySheet("Budget 2025 H2", 150, {
        budget: (i) => (i === 149 ? "tusen" : kr(1000 + i)),
        actual: (i) => (i === 0 ? kr(900) : null),
      }),
    ]);
    const view = findingsView(analyze(g), "sv", textFor("sv"));
    const all = view.groups.find((x) => x.title === "Budget 2025 H2")!.findings;
    expect(all.length).toBeGreaterThan(FINDINGS_SHOWN);
    render(<FindingsList view={view} t={textFor("sv")} />);
    const group = screen.getByRole("region", { name: "Budget 2025 H2" });
    const items = () => within(group).getAllByRole("listitem");
    expect(items()).toHaveLength(FINDINGS_SHOWN);
    expect(items()[0]).toHaveTextContent("Fel");
    const more = within(group).getByRole("button", {
      name: `Visa alla (${all.length - FINDINGS_SHOWN} fynd till)`,
    });
    fireEvent.click(more);
    expect(items()).toHaveLength(all.length);
    expect(items()[all.length - 1]).toHaveTextContent(all.at(-1)!.message);
    expect(
      within(group).queryByRole("button", { name: /Visa alla/ }),
    ).toBeNull();
    // The summary counts every finding, shown or not.
    expect(screen.getByText(/^1 fel, \d+ varningar/)).toBeInTheDocument();
  });
});

describe("the pane", () => {
  test("a finding at a cell of a hidden column is selected with the shown cells around it; another cell as it is", async () => {
    const host = fakeHost(await grids(reportWithOldBudget(["B"])));
    render(<App host={host} lang="sv" dark={false} />);
    fireEvent.click(screen.getByRole("button", { name: "Kontrollera" }));
    const group = await screen.findByRole("region", { name: "Utfall 2024 H1" });
    fireEvent.click(
      within(group).getByRole("button", { name: "Gå till Utfall 2024 H1 B1" }),
    );
    fireEvent.click(
      within(group).getByRole("button", { name: "Gå till Utfall 2024 H1 D4" }),
    );
    await waitFor(() =>
      expect(host.selected).toEqual([
        "Utfall 2024 H1!A1:C1",
        "Utfall 2024 H1!D4",
      ]),
    );
  });

  test("Kontrollera shows the key figures and the findings", async () => {
    const host = fakeHost(await grids(reportWorkbook()));
    render(<App host={host} lang="sv" dark={false} />);
    fireEvent.click(screen.getByRole("button", { name: "Kontrollera" }));
    expect(
      await screen.findByRole("heading", { name: "Fynd" }),
    ).toBeInTheDocument();
    expect(screen.getByTestId("repayment")).toHaveTextContent(
      "380 222 kr (senast 2025-06-30)",
    );
    // The earlier year's surplus beside 2024's: together they are the repayment.
    const surplusOf = (term: string) =>
      screen.getByText(term).nextElementSibling;
    expect(surplusOf("Överskott från 2023")).toHaveTextContent(/^232 886 kr$/);
    expect(surplusOf("Överskott 2024")).toHaveTextContent(/^147 336 kr$/);
    expect(screen.getAllByText(/är överskriden med 36 68[78] kr/)).toHaveLength(
      2,
    );
    // The answer on top, the findings right after the key figures, the rest folded away.
    expect(screen.getByTestId("verdict")).toHaveTextContent(
      "2 varningar — visa",
    );
    const order = [
      screen.getByTestId("verdict"),
      screen.getByRole("heading", { name: "Nyckeltal" }),
      screen.getByRole("heading", { name: "Fynd" }),
      screen.getByRole("heading", { name: "Diagram" }),
    ];
    for (let i = 1; i < order.length; i++)
      expect(
        order[i - 1]!.compareDocumentPosition(order[i]!) &
          Node.DOCUMENT_POSITION_FOLLOWING,
      ).toBeTruthy();
    expect(
      screen.queryByRole("img", {
        name: "Budget och utfall per post, 2024-H1",
      }),
    ).toBeNull();
    openFold("Diagram");
    expect(
      await screen.findByRole("img", {
        name: "Budget och utfall per post, 2024-H1",
      }),
    ).toBeInTheDocument();
    // An open section stays open the next time the pane opens.
    cleanup();
    render(<App host={host} lang="sv" dark={false} />);
    fireEvent.click(screen.getByRole("button", { name: "Kontrollera" }));
    expect(
      await screen.findByRole("img", {
        name: "Budget och utfall per post, 2024-H1",
      }),
    ).toBeInTheDocument();
    openFold("Diagram");
    expect(
      screen.queryByRole("img", {
        name: "Budget och utfall per post, 2024-H1",
      }),
    ).toBeNull();
  });

  /** The pane on an exported ledger: a workbook from which no half-year is read. */
  const ledgerPane = async () => {
    const host = fakeHost(
      await grids([{ name: "Blad1", rows: [["Konto", "Belopp"]] }]),
    );
    render(<App host={host} lang="sv" dark={false} />);
    return host;
  };

  test("a workbook with no half-year sheet: its findings, and no key figures of 0 kr or what-if of nothing", async () => {
    await ledgerPane();
    fireEvent.click(screen.getByRole("button", { name: "Kontrollera" }));
    expect(
      await screen.findByText(/Arbetsboken har inget halvårsblad/),
    ).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Nyckeltal" })).toBeNull();
    expect(screen.queryByText("Inget att återbetala")).toBeNull();
    expect(screen.queryByText("Modellera")).toBeNull();
    expect(screen.queryByText("Beslutsunderlag")).toBeNull();
    // The template is a click away.
    expect(screen.getByText("Skapa mall")).toBeInTheDocument();
  });

  test("Beräkna och skriv on a workbook with no half-year says there is nothing to compute, and writes nothing", async () => {
    const host = await ledgerPane();
    fireEvent.click(screen.getByRole("button", { name: "Beräkna och skriv" }));
    expect(
      await screen.findByText(
        "Inget halvår kunde läsas ur arbetsboken, så det finns inget att beräkna och inget skrevs. Fynden nedan säger varför.",
      ),
    ).toBeInTheDocument();
    // The findings that say why are shown, and no write is offered.
    expect(
      screen.getByText(/Arbetsboken har inget halvårsblad/),
    ).toBeInTheDocument();
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(host.applied).toHaveLength(0);
  });

  test("Beräkna och skriv shows what will be written and asks before writing", async () => {
    const host = fakeHost(
      await grids(budgetWorkbook({ typedSalaries: false })),
    );
    render(<App host={host} lang="sv" dark={false} />);
    fireEvent.click(screen.getByRole("button", { name: "Beräkna och skriv" }));
    const dialog = await screen.findByRole("alertdialog", {
      name: "Skriva i arbetsboken?",
    });
    expect(
      within(dialog).getByText(/Budget 2025 H2: \d+ celler/),
    ).toBeInTheDocument();
    expect(within(dialog).getByText("Beslut: nytt blad")).toBeInTheDocument();
    expect(within(dialog).getByText(/lämnas orörda/)).toBeInTheDocument();
    expect(host.applied).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole("button", { name: "Skriv" }));
    await waitFor(() => expect(host.applied).toHaveLength(1));
    expect(
      await screen.findByText(/Klart: \d+ celler i 3 blad skrevs/),
    ).toBeInTheDocument();
    expect(host.applied[0]!.creates.map((c) => c.sheet)).toEqual(["Beslut"]);
  });

  test("cancelling the confirm step writes nothing", async () => {
    const host = fakeHost(await grids(budgetWorkbook()));
    render(<App host={host} lang="sv" dark={false} />);
    fireEvent.click(screen.getByRole("button", { name: "Beräkna och skriv" }));
    fireEvent.click(
      within(await screen.findByRole("alertdialog")).getByRole("button", {
        name: "Avbryt",
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument(),
    );
    expect(host.applied).toHaveLength(0);
  });

  test("speaks English when Office does", async () => {
    const host = fakeHost(await grids(reportWorkbook()));
    render(<App host={host} lang="en" dark={true} />);
    fireEvent.click(screen.getByRole("button", { name: "Check" }));
    expect(
      await screen.findByRole("heading", { name: "Findings" }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole("button", { name: "Compute and write" }),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/is overspent by SEK 36,68[78]/)).toHaveLength(
      2,
    );
  });

  test("an Office error becomes a readable message and the pane stays usable", async () => {
    const host = fakeHost(await grids(budgetWorkbook()));
    host.failWith = new HostError("InvalidOperationInCellEditMode");
    render(<App host={host} lang="sv" dark={false} />);
    fireEvent.click(screen.getByRole("button", { name: "Kontrollera" }));
    expect(
      await screen.findByText(/Excel är i redigeringsläge/),
    ).toBeInTheDocument();
    host.failWith = undefined;
    fireEvent.click(screen.getByRole("button", { name: "Kontrollera" }));
    expect(
      await screen.findByRole("heading", { name: "Fynd" }),
    ).toBeInTheDocument();
  });

  test("Skapa mall adds the template sheets, or says which existing sheets stop it", async () => {
    const empty = fakeHost({ sheets: [{ name: "Blad1", rows: [] }] });
    const { unmount } = render(<App host={empty} lang="sv" dark={false} />);
    openFold("Skapa mall");
    fireEvent.change(
      await screen.findByLabelText("Avtalsperiod från (månad)"),
      {
        target: { value: "2025-07" },
      },
    );
    fireEvent.change(screen.getByLabelText("Avtalsperiod till (månad)"), {
      target: { value: "2026-06" },
    });
    await act(async () =>
      fireEvent.click(screen.getByRole("button", { name: "Skapa mallblad" })),
    );
    await waitFor(() => expect(empty.inserted).toHaveLength(1));
    expect(empty.inserted[0]!.creates.map((c) => c.sheet)).toEqual([
      "Instruktioner",
      "Uppgifter",
      "Lönekalkyl",
      "Budget 2025 H2",
      "Budget 2026 H1",
      "Avgiftssatser",
      "Exempel",
    ]);
    unmount();

    const taken = fakeHost(await grids(budgetWorkbook()));
    render(<App host={taken} lang="sv" dark={false} />);
    fireEvent.change(screen.getByLabelText("Avtalsperiod från (månad)"), {
      target: { value: "2025-07" },
    });
    fireEvent.change(screen.getByLabelText("Avtalsperiod till (månad)"), {
      target: { value: "2026-06" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Skapa mallblad" }));
    expect(
      await screen.findByText(
        /har redan bladen Uppgifter, Budget 2025 H2, Budget 2026 H1/,
      ),
    ).toBeInTheDocument();
    expect(taken.inserted).toHaveLength(0);
  });
});

describe("following the workbook", () => {
  /** The seed budget with 2026-H1's health promoters at 300 % instead of 275 %. */
  async function edited() {
    const [details, h2, h1] = budgetWorkbook({ typedSalaries: false });
    return grids([
      details!,
      h2!,
      {
        ...h1!,
        rows: h1!.rows.map((r, i) =>
          i === 3 ? ["Lön", "Hälsofrämjare", pct(3), 6, kr(45000), null] : r,
        ),
      },
    ]);
  }

  test("an edit updates the figures after a pause and says what moved, without a click", async () => {
    const host = fakeHost(
      await grids(budgetWorkbook({ typedSalaries: false })),
    );
    render(<App host={host} lang="sv" dark={false} />);
    fireEvent.click(screen.getByRole("button", { name: "Kontrollera" }));
    await screen.findByRole("heading", { name: "Fynd" });
    await waitFor(() => expect(host.watchers.size).toBe(1));
    const next = await edited();
    act(() => host.edit(next));
    // Not at once: the pane waits for the person to stop typing.
    expect(screen.queryByText(/Totalt 2026-H1/)).not.toBeInTheDocument();
    expect(
      await screen.findByText(
        "Totalt 2026-H1: 1 109 649 → 1 183 899 kr (+74 250)",
        {},
        { timeout: 2000 },
      ),
    ).toBeInTheDocument();
    expect(host.applied).toHaveLength(0);
  });

  test("a write preview is dropped when the workbook changes under it", async () => {
    const host = fakeHost(
      await grids(budgetWorkbook({ typedSalaries: false })),
    );
    render(<App host={host} lang="sv" dark={false} />);
    fireEvent.click(screen.getByRole("button", { name: "Beräkna och skriv" }));
    await screen.findByRole("alertdialog", { name: "Skriva i arbetsboken?" });
    await waitFor(() => expect(host.watchers.size).toBe(1));
    const next = await edited();
    act(() => host.edit(next));
    expect(
      await screen.findByText(
        /förhandsvisningen togs bort/,
        {},
        { timeout: 2000 },
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument(),
    );
    expect(host.applied).toHaveLength(0);
  });

  test("a scenario sheet deleted since the scenarios were saved is said, with their names, until saved again or let go", async () => {
    const plain = await grids(budgetWorkbook({ typedSalaries: false }));
    // The scenario sheet as the add-in writes it (numbers and texts only).
    const create = planScenarioSave(
      plain,
      analyze(plain).workbook,
      "Första",
      "2026-12-03 09:00",
    ).creates[0]!;
    const rows: Cell[][] = [];
    for (const c of create.cells)
      (rows[c.row] ??= [])[c.col] =
        c.value.kind === "number"
          ? { t: "n", v: c.value.value }
          : { t: "s", v: c.value.kind === "text" ? c.value.value : "" };
    const withSheet = {
      sheets: [...plain.sheets, { name: create.sheet, rows }],
    };
    const host = fakeHost(withSheet);
    host.settings.set(SCENARIOS_SETTING, ["Första"]);
    render(<App host={host} lang="sv" dark={false} />);
    fireEvent.click(screen.getByRole("button", { name: "Kontrollera" }));
    await screen.findByRole("heading", { name: "Fynd" });
    openFold("Scenarier");
    expect(
      await screen.findByRole("list", { name: "Sparade scenarier" }),
    ).toHaveTextContent("Första");
    expect(screen.queryByText(/finns inte längre/)).not.toBeInTheDocument();
    // A person deletes the sheet: the pane follows, and says what is gone.
    await waitFor(() => expect(host.watchers.size).toBe(1));
    act(() => host.edit(plain));
    expect(
      await screen.findByText(
        /Bladet med de sparade scenarierna \(Första\) finns inte längre i arbetsboken/,
        {},
        { timeout: 2000 },
      ),
    ).toBeInTheDocument();
    // Saving now says that the new sheet does not have them.
    fireEvent.change(screen.getByRole("textbox", { name: "Scenariots namn" }), {
      target: { value: "Andra" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Spara scenario" }));
    expect(
      await screen.findByText(
        /sparades på ett nytt blad. De tidigare scenarierna \(Första\)/,
      ),
    ).toBeInTheDocument();
    expect(host.applied.at(-1)?.creates[0]?.sheet).toBe("IOP-scenarier");
    // Let go on purpose: the message goes, and the workbook remembers no lost names.
    host.settings.set(SCENARIOS_SETTING, ["Första"]);
    cleanup();
    render(<App host={host} lang="sv" dark={false} />);
    fireEvent.click(screen.getByRole("button", { name: "Kontrollera" }));
    await screen.findByRole("heading", { name: "Fynd" });
    fireEvent.click(
      await screen.findByRole("button", { name: "Det var meningen" }),
    );
    await waitFor(() =>
      expect(screen.queryByText(/finns inte längre/)).not.toBeInTheDocument(),
    );
    expect(host.settings.get(SCENARIOS_SETTING)).toEqual([]);
  });

  test("Följ ändringar off removes the handler and is remembered in the workbook; closing the pane removes it too", async () => {
    const host = fakeHost(await grids(budgetWorkbook()));
    const view = render(<App host={host} lang="sv" dark={false} />);
    await waitFor(() => expect(host.watchers.size).toBe(1));
    fireEvent.click(screen.getByRole("switch", { name: "Följ ändringar" }));
    await waitFor(() => expect(host.watchers.size).toBe(0));
    expect(host.settings.get(FOLLOW_SETTING)).toBe(false);
    view.unmount();
    // Opened again in this workbook: still off.
    render(<App host={host} lang="sv" dark={false} />);
    expect(
      screen.getByRole("switch", { name: "Följ ändringar" }),
    ).not.toBeChecked();
    expect(host.watchers.size).toBe(0);
    fireEvent.click(screen.getByRole("switch", { name: "Följ ändringar" }));
    await waitFor(() => expect(host.watchers.size).toBe(1));
    cleanup();
    await waitFor(() => expect(host.watchers.size).toBe(0));
  });
});

describe("the components", () => {
  test("hold no budget arithmetic: figures come formatted from the view model", () => {
    const dirs = [
      join(__dirname, "../../src/taskpane/components"),
      join(__dirname, "../../src/taskpane/standalone"),
    ];
    const files = dirs.flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith(".tsx"))
        .map((f) => join(dir, f)),
    );
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const src = readFileSync(file, "utf8");
      expect({
        file,
        engine:
          /\b(analyze|compute|planWrite|overheadOf|salaryBudget|allocate|formatKronor|formatAmount)\(/.test(
            src,
          ),
      }).toEqual({ file, engine: false });
      expect({ file, money: /(\/|\*)\s*100\b|\.reduce\(/.test(src) }).toEqual({
        file,
        money: false,
      });
    }
  });
});
