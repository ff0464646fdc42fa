/**
 * How the command line fails: one line on standard error, an exit code that says why.
 * Text from the input (file contents quoted by JSON errors, labels, formulas) may hold line
 * breaks and terminal escapes; they are written as escapes, so an error is always one line
 * and never drives the terminal.
 */

/** Exit codes: 0 done (a closed output pipe is a normal end), 1 output or internal failure, 2 bad input. */
export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

/** A failure to report as one line, with its exit code (default: bad input). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.badInput,
  ) {
    super(message);
  }
}

/** Longest error line, in characters, before it is cut with "…". */
const MAX_LINE = 400;

/**
 * `text` as one printable line: C0 and C1 control characters, DEL and the Unicode line and
 * paragraph separators become escapes (\n, \r, \t, \x1b, \u2028…), and a long text is cut.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    const code = c.charCodeAt(0);
    return (
      named[c] ??
      (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`)
    );
  });
  return escaped.length > MAX_LINE ? `${escaped.slice(0, MAX_LINE - 1)}…` : escaped;
}
