/**
 * Recursive-descent parser for formulas in x and y. The text is only ever read as data: names
 * are looked up in fixed tables and nothing is handed to the JavaScript engine to run.
 *
 * Grammar (lowest precedence first):
 *
 *     sum     = product { ("+" | "-") product }          left-associative
 *     product = unary { ("*" | "/") unary }              left-associative
 *     unary   = ("-" | "+") unary | power                so -x^2 = -(x^2)
 *     power   = primary [ "^" unary ]                    right-associative: 2^3^2 = 2^9
 *     primary = number | name | name "(" sum { "," sum } ")" | "(" sum ")"
 *
 * Names: x, y, pi, e; functions sin cos tan exp log (natural) sqrt abs tanh sinh cosh sign
 * (one argument) and min max (two).
 */
import type { Ast, BinaryFunctionName } from './ast.ts';
import { CONSTANTS, isBinaryFunction, isUnaryFunction } from './functions.ts';
import { FormulaError, groupDigits } from './formulaError.ts';
import { tokenize, type Token } from './tokenizer.ts';

/** Longest accepted formula, in characters. */
export const MAX_FORMULA_LENGTH = 1000;

/**
 * Deepest accepted nesting (parentheses, function calls, signs and powers each count one
 * level). Far beyond any hand-written formula; it keeps hostile input from exhausting the
 * stack of the parser and of every tree walk after it.
 */
export const MAX_FORMULA_DEPTH = 100;

const FUNCTION_LIST = 'sin, cos, tan, exp, log, sqrt, abs, tanh, sinh, cosh, sign, min or max';

/** Parses formula text into a syntax tree. Throws FormulaError (with position) if invalid. */
export function parseFormula(text: string): Ast {
  if (text.length > MAX_FORMULA_LENGTH) {
    throw new FormulaError(
      `The formula is longer than ${groupDigits(MAX_FORMULA_LENGTH)} characters (${groupDigits(text.length)})`,
      MAX_FORMULA_LENGTH,
      text.length - MAX_FORMULA_LENGTH,
      'tooLong',
      { max: MAX_FORMULA_LENGTH, length: text.length },
    );
  }
  if (text.trim() === '') throw new FormulaError('The formula is empty', 0, text.length, 'empty');
  return new Parser(tokenize(text)).parse();
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): Ast {
    const ast = this.sum();
    const t = this.peek();
    if (t.kind !== 'end') this.failAfterExpression(t);
    return ast;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    return this.tokens[this.index++]!;
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_FORMULA_DEPTH) {
      throw new FormulaError(
        `The formula nests too deeply (more than ${MAX_FORMULA_DEPTH} levels) at position ${t.position}`,
        t.position,
        t.length,
        'tooDeep',
        { max: MAX_FORMULA_DEPTH, position: t.position },
      );
    }
  }

  private leave(): void {
    this.depth--;
  }

  private sum(): Ast {
    let left = this.product();
    for (;;) {
      const t = this.peek();
      if (t.kind !== '+' && t.kind !== '-') return left;
      this.index++;
      left = { kind: 'binary', op: t.kind, left, right: this.product() };
    }
  }

  private product(): Ast {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== '*' && t.kind !== '/') return left;
      this.index++;
      left = { kind: 'binary', op: t.kind, left, right: this.unary() };
    }
  }

  private unary(): Ast {
    const t = this.peek();
    if (t.kind !== '-' && t.kind !== '+') return this.power();
    this.index++;
    this.enter(t);
    const arg = this.unary();
    this.leave();
    return t.kind === '-' ? { kind: 'negate', arg } : arg;
  }

  private power(): Ast {
    const base = this.primary();
    const t = this.peek();
    if (t.kind !== '^') return base;
    this.index++;
    this.enter(t);
    const exponent = this.unary();
    this.leave();
    return { kind: 'binary', op: '^', left: base, right: exponent };
  }

  private primary(): Ast {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { kind: 'number', value: t.value };
      case 'name':
        return this.name(t);
      case '(': {
        this.enter(t);
        const inner = this.sum();
        this.expectClose(t);
        this.leave();
        return inner;
      }
      case 'end':
        throw new FormulaError(
          `The formula ends too early: expected a number, a name or '(' at position ${t.position}`,
          t.position,
          0,
          'endsEarly',
          { position: t.position },
        );
      default:
        throw new FormulaError(
          `Expected a number, a name or '(' at position ${t.position}, not '${t.text}'`,
          t.position,
          t.length,
          'expectedOperand',
          { position: t.position, text: t.text },
        );
    }
  }

  private name(t: Token): Ast {
    const name = t.text;
    if (this.peek().kind === '(') return this.call(t);
    if (name === 'x' || name === 'y') return { kind: 'variable', name };
    const constant = CONSTANTS.get(name);
    if (constant !== undefined)
      return { kind: 'constant', name: name as 'pi' | 'e', value: constant };
    if (isUnaryFunction(name) || isBinaryFunction(name)) {
      throw new FormulaError(
        `'${name}' is a function at position ${t.position}: write ${name}(…)`,
        t.position,
        t.length,
        'functionNeedsCall',
        { name, position: t.position },
      );
    }
    const lower = name.toLowerCase();
    const miscased = lower !== name && (lower === 'x' || lower === 'y' || CONSTANTS.has(lower));
    throw new FormulaError(
      `Unknown name '${name}' at position ${t.position}: ${miscased ? `names are lower-case: write ${lower}` : 'use x, y, pi, e or a function like sin(…)'}`,
      t.position,
      t.length,
      miscased ? 'lowerCaseName' : 'unknownName',
      { name, lower, position: t.position },
    );
  }

  private call(t: Token): Ast {
    const name = t.text;
    const unary = isUnaryFunction(name);
    if (!unary && !isBinaryFunction(name)) {
      if (name === 'x' || name === 'y' || CONSTANTS.has(name)) {
        throw new FormulaError(
          `'${name}' is not a function at position ${t.position}: write ${name}*(…) to multiply`,
          t.position,
          t.length,
          'notAFunction',
          { name, position: t.position },
        );
      }
      throw new FormulaError(
        `Unknown function '${name}' at position ${t.position}: use ${FUNCTION_LIST}` +
          (name === 'ln' ? ' (log is the natural logarithm)' : ''),
        t.position,
        t.length,
        'unknownFunction',
        { name, position: t.position, functions: FUNCTION_LIST },
      );
    }
    const open = this.next();
    this.enter(open);
    const args: Ast[] = [];
    if (this.peek().kind !== ')') {
      args.push(this.sum());
      while (this.peek().kind === ',') {
        this.index++;
        args.push(this.sum());
      }
    }
    const close = this.expectClose(open);
    this.leave();
    const expected = unary ? 1 : 2;
    if (args.length !== expected) {
      const end = close.position + close.length;
      throw new FormulaError(
        `'${name}' takes ${expected} argument${expected === 1 ? '' : 's'}, not ${args.length}, at position ${t.position}`,
        t.position,
        end - t.position,
        'argumentCount',
        { name, expected, count: args.length, position: t.position },
      );
    }
    if (unary) return { kind: 'call1', fn: name, arg: args[0]! };
    return { kind: 'call2', fn: name as BinaryFunctionName, left: args[0]!, right: args[1]! };
  }

  private expectClose(open: Token): Token {
    const t = this.next();
    if (t.kind === ')') return t;
    const where = t.kind === 'end' ? ' (the end of the formula)' : `, not '${t.text}'`;
    throw new FormulaError(
      `Expected ')' at position ${t.position}${where} to close the '(' at position ${open.position}`,
      t.position,
      t.length,
      'expectedClose',
      { position: t.position, open: open.position },
    );
  }

  private failAfterExpression(t: Token): never {
    switch (t.kind) {
      case ')':
        throw new FormulaError(
          `Unexpected ')' at position ${t.position}: there is no '(' to close`,
          t.position,
          t.length,
          'unexpectedClose',
          { position: t.position },
        );
      case ',':
        throw new FormulaError(
          `Unexpected ',' at position ${t.position}: commas only separate the arguments of min and max`,
          t.position,
          t.length,
          'unexpectedComma',
          { position: t.position },
        );
      case 'number':
      case 'name':
      case '(':
        throw new FormulaError(
          `Missing operator at position ${t.position} before '${t.text}': write * to multiply`,
          t.position,
          t.length,
          'missingOperator',
          { position: t.position, text: t.text },
        );
      default:
        throw new FormulaError(
          `Unexpected '${t.text}' at position ${t.position}`,
          t.position,
          t.length,
          'unexpectedToken',
          { position: t.position, text: t.text },
        );
    }
  }
}
