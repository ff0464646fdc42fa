/**
 * Prints a syntax tree as formula text with as few parentheses as the grammar allows, so that
 * parsing the output gives back the same tree (except for `choose` nodes, which only
 * derivatives contain and which print as "(a ≤ b ? p : q)").
 */
import type { Ast } from './ast.ts';

/** Default cap on the printed length; derivatives of derivatives can be long. */
export const DEFAULT_FORMAT_LENGTH = 10_000;

const SUM = 1;
const PRODUCT = 2;
const UNARY = 3;
const POWER = 4;
const ATOM = 5;

const PRECEDENCE = { '+': SUM, '-': SUM, '*': PRODUCT, '/': PRODUCT, '^': POWER } as const;

function isNegative(a: Ast): boolean {
  return a.kind === 'negate' || (a.kind === 'number' && (a.value < 0 || Object.is(a.value, -0)));
}

function precedence(a: Ast): number {
  if (a.kind === 'binary') return PRECEDENCE[a.op];
  return isNegative(a) ? UNARY : ATOM;
}

class Truncated extends Error {}

/**
 * The formula text of `ast`, e.g. "2*x + cos(y)". Output longer than `maxLength` characters
 * (default 10,000) is cut and ends in "…"; shared subtrees are printed in full each time they
 * occur, and the cap keeps that bounded.
 */
export function formatAst(ast: Ast, maxLength: number = DEFAULT_FORMAT_LENGTH): string {
  const parts: string[] = [];
  let length = 0;
  const write = (s: string): void => {
    parts.push(s);
    length += s.length;
    if (length > maxLength) throw new Truncated();
  };
  const wrapped = (a: Ast, parens: boolean): void => {
    if (parens) write('(');
    node(a);
    if (parens) write(')');
  };
  const node = (a: Ast): void => {
    switch (a.kind) {
      case 'number':
        write(Object.is(a.value, -0) ? '-0' : String(a.value));
        return;
      case 'variable':
      case 'constant':
        write(a.name);
        return;
      case 'negate':
        write('-');
        wrapped(a.arg, precedence(a.arg) <= UNARY);
        return;
      case 'binary': {
        const p = PRECEDENCE[a.op];
        const pl = precedence(a.left);
        const pr = precedence(a.right);
        // ^ is right-associative: its left operand needs parentheses at equal precedence,
        // and a negative base always does ((-2)^2 is not -2^2).
        wrapped(a.left, a.op === '^' ? pl <= p : pl < p);
        write(a.op === '+' || a.op === '-' ? ` ${a.op} ` : a.op);
        // The others are left-associative; a negative right operand is bracketed for
        // readability (x - (-y) rather than x - -y).
        wrapped(a.right, a.op === '^' ? pr < p : pr <= p || isNegative(a.right));
        return;
      }
      case 'call1':
        write(`${a.fn}(`);
        node(a.arg);
        write(')');
        return;
      case 'call2':
        write(`${a.fn}(`);
        node(a.left);
        write(', ');
        node(a.right);
        write(')');
        return;
      case 'choose':
        write('(');
        node(a.left);
        write(' ≤ ');
        node(a.right);
        write(' ? ');
        node(a.ifLessOrEqual);
        write(' : ');
        node(a.otherwise);
        write(')');
        return;
    }
  };
  try {
    node(ast);
    return parts.join('');
  } catch (error) {
    if (!(error instanceof Truncated)) throw error;
    return parts.join('').slice(0, maxLength) + '…';
  }
}
