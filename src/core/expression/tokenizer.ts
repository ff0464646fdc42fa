/**
 * Splits formula text into tokens. Only digits, ASCII letters, underscores, the operators
 * + − * / ^ (and `**`), parentheses, commas and whitespace are accepted; anything else is a
 * FormulaError at its position. A few look-alike characters that formulas copied from a
 * textbook or from this app's own titles contain are read as their ASCII meaning: − (minus
 * sign), × and · (times), ÷ (divide).
 */
import { FormulaError } from './formulaError.ts';

/** A token's kind; operators and punctuation are their own kind. */
export type TokenKind = 'number' | 'name' | '+' | '-' | '*' | '/' | '^' | '(' | ')' | ',' | 'end';

/** One token with its span in the source text. */
export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token ('' for the end). */
  readonly text: string;
  /** Numeric value of a number token (NaN otherwise). */
  readonly value: number;
  /** 0-based index of the first character. */
  readonly position: number;
  readonly length: number;
}

const SINGLE_CHARACTER: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  ['+', '+'],
  ['-', '-'],
  ['\u2212', '-'],
  ['*', '*'],
  ['\u00d7', '*'],
  ['\u00b7', '*'],
  ['/', '/'],
  ['\u00f7', '/'],
  ['^', '^'],
  ['(', '('],
  [')', ')'],
  [',', ','],
]);

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isNameStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
}

function isNamePart(c: string | undefined): boolean {
  return isNameStart(c) || isDigit(c);
}

function isSpace(c: string): boolean {
  return /\s/.test(c);
}

/** Tokenizes `text`; the last token is always `end`. Throws FormulaError on a bad character. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
      tokens.push(readNumber(text, i));
      i += tokens[tokens.length - 1]!.length;
      continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (isNamePart(text[j])) j++;
      tokens.push({ kind: 'name', text: text.slice(i, j), value: NaN, position: i, length: j - i });
      i = j;
      continue;
    }
    if (c === '*' && text[i + 1] === '*') {
      tokens.push({ kind: '^', text: '**', value: NaN, position: i, length: 2 });
      i += 2;
      continue;
    }
    const kind = SINGLE_CHARACTER.get(c);
    if (kind !== undefined) {
      tokens.push({ kind, text: c, value: NaN, position: i, length: 1 });
      i++;
      continue;
    }
    // Report a whole surrogate pair (e.g. an emoji) as one character.
    const code = text.codePointAt(i)!;
    const shown = String.fromCodePoint(code);
    throw new FormulaError(
      `Unexpected character '${shown}' at position ${i}`,
      i,
      shown.length,
      'unexpectedCharacter',
      { position: i, text: shown },
    );
  }
  tokens.push({ kind: 'end', text: '', value: NaN, position: text.length, length: 0 });
  return tokens;
}

/** Reads digits [. digits] [e[±]digits] starting at `start` (which holds a digit or '.'). */
function readNumber(text: string, start: number): Token {
  let j = start;
  while (isDigit(text[j])) j++;
  if (text[j] === '.') {
    j++;
    while (isDigit(text[j])) j++;
  }
  // An exponent only when digits follow, so "2e" stays the number 2 then the name e.
  if (text[j] === 'e' || text[j] === 'E') {
    let k = j + 1;
    if (text[k] === '+' || text[k] === '-') k++;
    if (isDigit(text[k])) {
      while (isDigit(text[k])) k++;
      j = k;
    }
  }
  if (text[j] === '.') {
    let k = j;
    while (text[k] === '.' || isDigit(text[k])) k++;
    throw new FormulaError(
      `Malformed number '${text.slice(start, k)}' at position ${start}`,
      start,
      k - start,
      'malformedNumber',
      { position: start, text: text.slice(start, k) },
    );
  }
  const source = text.slice(start, j);
  const value = Number(source);
  if (!Number.isFinite(value)) {
    throw new FormulaError(
      `The number '${source}' at position ${start} is too large`,
      start,
      j - start,
      'numberTooLarge',
      { position: start, text: source },
    );
  }
  return { kind: 'number', text: source, value, position: start, length: j - start };
}
