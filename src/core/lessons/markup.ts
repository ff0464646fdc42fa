/**
 * The little markup lesson texts use inside a paragraph: `code` between backticks and
 * $TeX$ between dollar signs. Everything else is plain text. Parsed, never evaluated: the UI
 * typesets the math (temml) and shows the code verbatim; handouts keep both as written.
 */

/** One run of a lesson text: plain words, program code, or a TeX formula. */
export interface MarkupRun {
  readonly kind: 'text' | 'code' | 'math';
  readonly value: string;
}

const TOKEN = /`([^`]+)`|\$([^$]+)\$/g;

/** Splits `text` into plain, code and math runs (an unmatched ` or $ stays plain text). */
export function parseMarkup(text: string): MarkupRun[] {
  const runs: MarkupRun[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (match.index > last) runs.push({ kind: 'text', value: text.slice(last, match.index) });
    runs.push(
      match[1] !== undefined
        ? { kind: 'code', value: match[1] }
        : { kind: 'math', value: match[2]! },
    );
    last = match.index + match[0].length;
  }
  if (last < text.length) runs.push({ kind: 'text', value: text.slice(last) });
  return runs;
}

/** The text with its markup removed: code as written, math as its TeX source. */
export function plainText(text: string): string {
  return parseMarkup(text)
    .map((run) => run.value)
    .join('');
}
