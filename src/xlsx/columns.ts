// The columns a sheet hides, as an .xlsx (<cols>) or an .ods (table:table-column) says them.

/** Excel's columns, A to XFD. */
export const MAX_COLUMNS = 16_384;

/**
 * The columns a sheet hides, given as runs (1-based, inclusive), listed ascending and each once.
 * Excel writes one element per run of columns: past as many runs as there are columns, a crafted
 * sheet's are not taken.
 */
export class HiddenColumns {
  private readonly runs: number[] = [];
  private made: readonly number[] | null = null;

  add(first: number, last: number): void {
    const to = Math.min(last, MAX_COLUMNS);
    if (
      this.runs.length >= 2 * MAX_COLUMNS ||
      !Number.isInteger(first) ||
      !Number.isInteger(to) ||
      first < 1 ||
      first > to
    )
      return;
    this.runs.push(first - 1, to);
    this.made = null;
  }

  list(): readonly number[] {
    if (this.made) return this.made;
    const out: number[] = [];
    if (this.runs.length > 0) {
      // Where each run starts and ends, summed across: runs that overlap name a column once.
      const starts = new Int32Array(MAX_COLUMNS + 1);
      for (let k = 0; k < this.runs.length; k += 2) {
        starts[this.runs[k]!]! += 1;
        starts[this.runs[k + 1]!]! -= 1;
      }
      for (let c = 0, open = 0; c < MAX_COLUMNS; c++)
        if ((open += starts[c]!) > 0) out.push(c);
    }
    this.made = out;
    return out;
  }
}
