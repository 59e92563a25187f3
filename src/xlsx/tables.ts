// A table part (xl/tables/tableN.xml): where an Excel table is and what its columns are called,
// for its structured references to be read as the cells they name.

import { type TableArea, parseA1 } from "../core";
import { parseXml, unescapeOoxml } from "./xml";

/** The table a part describes, on `sheet`; null where the part does not say it whole. */
export function tableOfXml(xml: string, sheet: string): TableArea | null {
  let name: string | undefined;
  let ref = "";
  let headerRow = true;
  let totalsRow = false;
  const columns: string[] = [];
  let depth = 0;
  parseXml(xml, {
    open(element, a) {
      depth++;
      if (depth === 1 && element === "table") {
        // Formulas name a table by its displayName (name is the same in what Excel writes).
        name = a.displayName ?? a.name;
        ref = a.ref ?? "";
        headerRow = (a.headerRowCount ?? "1") !== "0";
        totalsRow = (a.totalsRowCount ?? "0") !== "0";
      } else if (depth === 3 && element === "tableColumn")
        columns.push(unescapeOoxml(a.name ?? ""));
    },
    close() {
      depth--;
    },
  });
  const [from, to, more] = ref.split(":");
  const first = parseA1(from ?? "");
  const last = parseA1(to ?? "");
  if (name === undefined || !first || !last || more !== undefined) return null;
  return {
    name,
    sheet,
    top: first.row,
    left: first.col,
    bottom: last.row,
    right: last.col,
    headerRow,
    totalsRow,
    columns,
  };
}
