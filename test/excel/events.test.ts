// Following the workbook in Excel (issue 11): the adapter registers its change handlers on the
// worksheet collection, as far as the Excel has the events, and removes them through the context
// that added them (Office.js removes a handler only so). Tested with office-addin-mock.

import { OfficeMockObject } from "office-addin-mock";
import { excelHost, isPersonsChange } from "../../src/excel/excel-host";
import { unwatchWorkbook, watchWorkbook } from "../../src/excel/workbook";

function excelWithEvents() {
  const added: string[] = [];
  const removed: string[] = [];
  const handlers = new Map<string, () => Promise<void>>();
  const event = (name: string) => ({
    add: (handler: () => Promise<void>) => {
      added.push(name);
      handlers.set(name, handler);
      return {
        remove: () => removed.push(name),
        context: "the adding context",
      };
    },
  });
  const mock = new OfficeMockObject({
    workbook: {
      worksheets: {
        onChanged: event("onChanged"),
        onAdded: event("onAdded"),
        onDeleted: event("onDeleted"),
        onNameChanged: event("onNameChanged"),
        onRowHiddenChanged: event("onRowHiddenChanged"),
      },
    },
  });
  return {
    context: mock as unknown as Excel.RequestContext,
    added,
    removed,
    handlers,
  };
}

describe("watching the open workbook", () => {
  test("one handler per event on the worksheet collection, each calling back; all removed again", async () => {
    const x = excelWithEvents();
    const onChange = jest.fn();
    const results = await watchWorkbook(x.context, onChange, {
      changed: true,
      rowHidden: true,
      renamed: true,
    });
    expect(x.added).toEqual([
      "onAdded",
      "onDeleted",
      "onChanged",
      "onRowHiddenChanged",
      "onNameChanged",
    ]);
    for (const h of x.handlers.values()) await h();
    expect(onChange).toHaveBeenCalledTimes(5);
    expect(
      results.every((r) => (r.context as unknown) === "the adding context"),
    ).toBe(true);
    await unwatchWorkbook(x.context, results);
    expect(x.removed).toEqual([
      "onAdded",
      "onDeleted",
      "onChanged",
      "onRowHiddenChanged",
      "onNameChanged",
    ]);
  });

  test("an Excel without cell-change, row-hidden or rename events (before ExcelApi 1.9, 1.11, 1.17) gets only what it has", async () => {
    const x = excelWithEvents();
    await watchWorkbook(x.context, jest.fn(), {
      changed: false,
      renamed: false,
    });
    expect(x.added).toEqual(["onAdded", "onDeleted"]);
  });
});

describe("whose change it is, by the event's own word", () => {
  test("each event hands its triggerSource and source to the callback", async () => {
    const x = excelWithEvents();
    const seen: unknown[] = [];
    await watchWorkbook(x.context, (e) => seen.push(e), {
      changed: true,
      renamed: false,
    });
    const handler = x.handlers.get("onChanged") as unknown as (
      args: object,
    ) => Promise<void>;
    await handler({
      triggerSource: "ThisLocalAddin",
      source: "Local",
      address: "A1",
    });
    await handler({ source: "Remote" });
    await handler({});
    expect(seen).toEqual([
      { triggerSource: "ThisLocalAddin", source: "Local" },
      { source: "Remote" },
      {},
    ]);
  });

  const writing = { writing: 1, quietUntil: 0, now: 10 };
  const echo = { writing: 0, quietUntil: 1000, now: 500 };
  const quiet = { writing: 0, quietUntil: 1000, now: 2000 };
  test.each([
    [
      "the add-in's own write (ExcelApi 1.14): ignored",
      { triggerSource: "ThisLocalAddin", source: "Local" },
      quiet,
      false,
    ],
    [
      "a person's edit while the add-in writes (ExcelApi 1.14): followed",
      { triggerSource: "Unknown", source: "Local" },
      writing,
      true,
    ],
    [
      "a person's edit in the second after a write (ExcelApi 1.14): followed",
      { triggerSource: "Unknown", source: "Local" },
      echo,
      true,
    ],
    [
      "a co-author's edit while the add-in writes: followed",
      { source: "Remote" },
      writing,
      true,
    ],
    [
      "an event that says nothing, while the add-in writes (an older Excel): ignored",
      { source: "Local" },
      writing,
      false,
    ],
    ["an event that says nothing, as a write's echo: ignored", {}, echo, false],
    [
      "an event that says nothing, long after a write: followed",
      {},
      quiet,
      true,
    ],
  ])("%s", (_, event, own, followed) => {
    expect(isPersonsChange(event, own)).toBe(followed);
  });
});

describe("excelHost().watch", () => {
  test("removes its handlers through the context that added them (Office.js removes them only so)", async () => {
    const x = excelWithEvents();
    const adding = x.context;
    // Excel.run(options, fn) gives a new context; Excel.run(context, fn) that context.
    const runs: string[] = [];
    const fresh = excelWithEvents().context;
    const g = globalThis as unknown as Record<string, unknown>;
    g.Office = {
      context: {
        requirements: { isSetSupported: () => true },
        document: { url: "" },
      },
    };
    g.Excel = {
      run: async (
        first: unknown,
        fn: (c: Excel.RequestContext) => Promise<unknown>,
      ) => {
        const given = first === adding || first === "the adding context";
        runs.push(given ? "the adding context" : "a new context");
        return fn(given || runs.length === 1 ? adding : fresh);
      },
    };
    try {
      const stop = await excelHost().watch(() => undefined);
      expect(x.added).toHaveLength(5);
      await stop();
      expect(runs).toEqual(["a new context", "the adding context"]);
      expect(x.removed).toHaveLength(5);
    } finally {
      delete g.Excel;
      delete g.Office;
    }
  });
});
