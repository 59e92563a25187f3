// Following the workbook in Excel (issue 11): the adapter registers its change handlers on the
// worksheet collection, as far as the Excel has the events, and removes them through the context
// that added them (Office.js removes a handler only so). Tested with office-addin-mock.

import { OfficeMockObject } from "office-addin-mock";
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
      renamed: true,
    });
    expect(x.added).toEqual([
      "onAdded",
      "onDeleted",
      "onChanged",
      "onNameChanged",
    ]);
    for (const h of x.handlers.values()) await h();
    expect(onChange).toHaveBeenCalledTimes(4);
    expect(
      results.every((r) => (r.context as unknown) === "the adding context"),
    ).toBe(true);
    await unwatchWorkbook(x.context, results);
    expect(x.removed).toEqual([
      "onAdded",
      "onDeleted",
      "onChanged",
      "onNameChanged",
    ]);
  });

  test("an Excel without cell-change or rename events (before ExcelApi 1.9, 1.17) gets only what it has", async () => {
    const x = excelWithEvents();
    await watchWorkbook(x.context, jest.fn(), {
      changed: false,
      renamed: false,
    });
    expect(x.added).toEqual(["onAdded", "onDeleted"]);
  });
});
