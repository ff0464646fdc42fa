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
  /** What went wrong, for a UI that words the message in its own language. */
  readonly code: FormulaErrorCode;
  /** The values the message names (the offending text, a count…), by name. */
  readonly params: Readonly<Record<string, string | number>>;

  constructor(
    message: string,
    position: number,
    length: number,
    code: FormulaErrorCode,
    params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'FormulaError';
    this.position = position;
    this.length = length;
    this.code = code;
    this.params = params;
  }
}

/** Every kind of formula error; the English message of each is built where it is thrown. */
export type FormulaErrorCode =
  | 'tooLong'
  | 'empty'
  | 'tooDeep'
  | 'endsEarly'
  | 'expectedOperand'
  | 'functionNeedsCall'
  | 'unknownName'
  | 'lowerCaseName'
  | 'notAFunction'
  | 'unknownFunction'
  | 'argumentCount'
  | 'expectedClose'
  | 'unexpectedClose'
  | 'unexpectedComma'
  | 'missingOperator'
  | 'unexpectedToken'
  | 'unexpectedCharacter'
  | 'malformedNumber'
  | 'numberTooLarge';

/** 1204 → "1,204": thousands separators without Intl, so messages are the same everywhere. */
export function groupDigits(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
