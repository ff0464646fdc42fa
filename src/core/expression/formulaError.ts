/**
 * Why a custom formula was rejected, and where. `position` is the 0-based index (in UTF-16
 * code units, as JavaScript strings count) of the first offending character and `length` the
 * number of characters to highlight (0 at the end of the text), so an editor can underline
 * exactly the span the message talks about.
 */
export class FormulaError extends Error {
  /** 0-based character index of the offending span. */
  readonly position: number;
  /** Length of the offending span in characters (0 = a point, e.g. the end of the text). */
  readonly length: number;

  constructor(message: string, position: number, length: number) {
    super(message);
    this.name = 'FormulaError';
    this.position = position;
    this.length = length;
  }
}

/** 1204 → "1,204": thousands separators without Intl, so messages are the same everywhere. */
export function groupDigits(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
