import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  FormulaError,
  MAX_FORMULA_DEPTH,
  MAX_FORMULA_LENGTH,
  compileFormula,
  evaluateAst,
  parseFormula,
} from '../../src/core/expression/index.ts';

/** The value of `text` at (x, y), by the tree walker and by the compiled program (which must agree). */
function value(text: string, x = 0, y = 0): number {
  const direct = evaluateAst(parseFormula(text), x, y);
  expect(compileFormula(text).value(x, y)).toBe(direct);
  return direct;
}

/** The FormulaError that parsing `text` throws. */
function errorOf(text: string): FormulaError {
  try {
    parseFormula(text);
  } catch (error) {
    expect(error).toBeInstanceOf(FormulaError);
    return error as FormulaError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('precedence and associativity', () => {
  it.each([
    ['2^3^2', 512], // right-associative: 2^(3^2) = 2^9
    ['(2^3)^2', 64],
    ['-2^2', -4], // ^ binds tighter than unary minus
    ['(-2)^2', 4],
    ['1-2-3', -4], // left-associative: (1 − 2) − 3
    ['1-(2-3)', 2],
    ['8/2/2', 2], // (8/2)/2
    ['8/(2/2)', 8],
    ['2+3*4', 14],
    ['(2+3)*4', 20],
    ['2*3^2', 18],
    ['2^-1', 0.5],
    ['2^-1^2', 0.5], // 2^(−(1^2))
    ['--3', 3],
    ['+3', 3],
    ['-+-3', 3],
    ['2*-3', -6],
    ['6/-2', -3],
    ['-2*3+4', -2],
    ['10 - 2*3 - 4/2', 2],
  ])('%s = %d', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('builds left-leaning trees for - and / and right-leaning ones for ^', () => {
    expect(parseFormula('1-2-3')).toEqual({
      kind: 'binary',
      op: '-',
      left: {
        kind: 'binary',
        op: '-',
        left: { kind: 'number', value: 1 },
        right: { kind: 'number', value: 2 },
      },
      right: { kind: 'number', value: 3 },
    });
    expect(parseFormula('x^y^2')).toEqual({
      kind: 'binary',
      op: '^',
      left: { kind: 'variable', name: 'x' },
      right: {
        kind: 'binary',
        op: '^',
        left: { kind: 'variable', name: 'y' },
        right: { kind: 'number', value: 2 },
      },
    });
    expect(parseFormula('-x^2')).toEqual({
      kind: 'negate',
      arg: {
        kind: 'binary',
        op: '^',
        left: { kind: 'variable', name: 'x' },
        right: { kind: 'number', value: 2 },
      },
    });
  });
});

describe('numbers, names and functions', () => {
  it.each([
    ['1.5e2', 150],
    ['1e-3', 0.001],
    ['2E3', 2000],
    ['2.5e+1', 25],
    ['.5', 0.5],
    ['3.', 3],
    ['007', 7],
  ])('reads the number %s', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('knows pi and e', () => {
    expect(value('pi')).toBe(Math.PI);
    expect(value('e')).toBe(Math.E);
    expect(value('2*pi')).toBe(2 * Math.PI);
    // "2e" is not an exponent without digits: it is 2 followed by the name e.
    expect(errorOf('2e').message).toBe(
      "Missing operator at position 1 before 'e': write * to multiply",
    );
  });

  it('reads x and y', () => {
    expect(value('x*y - x', 2, 3)).toBe(4); // 6 − 2
    expect(value('x^2 + 10*y^2', 1, 2)).toBe(41); // 1 + 40
  });

  it.each([
    ['sin(pi/2)', 1],
    ['cos(0)', 1],
    ['tan(0)', 0],
    ['exp(0)', 1],
    ['log(e)', 1],
    ['log(1)', 0],
    ['sqrt(16)', 4],
    ['abs(-3)', 3],
    ['tanh(0)', 0],
    ['sinh(0)', 0],
    ['cosh(0)', 1],
    ['sign(-2)', -1],
    ['min(2, 3)', 2],
    ['max(2, 3)', 3],
    ['min(max(1, 5), 4)', 4],
    ['sqrt(abs(-9)) + exp(log(2))', 5],
  ])('%s = %d', (text, expected) => {
    expect(value(text)).toBeCloseTo(expected, 15);
  });

  it('evaluates functions as Math does', () => {
    expect(value('sinh(1)')).toBe(Math.sinh(1));
    expect(value('tan(x) * cosh(y)', 0.3, 0.7)).toBe(Math.tan(0.3) * Math.cosh(0.7));
  });

  it('ignores whitespace of every kind', () => {
    expect(value(' \t x \n +\r\n y  ', 1, 2)).toBe(3);
    expect(value('sin ( x ) * max ( 1 ,2 )', 0.5)).toBe(Math.sin(0.5) * 2);
  });

  it('reads the typographic minus, times, middle dot and divide, and ** for powers', () => {
    expect(value('5 − 3')).toBe(2);
    expect(value('2 × 3 · 4')).toBe(24);
    expect(value('6 ÷ 4')).toBe(1.5);
    expect(value('x**2', 3)).toBe(9);
    expect(value('2**3**2')).toBe(512);
  });
});

describe('errors say what and where', () => {
  it.each([
    ['', 'The formula is empty', 0, 0],
    ['   ', 'The formula is empty', 0, 3],
    ['x + z', "Unknown name 'z' at position 4: use x, y, pi, e or a function like sin(…)", 4, 1],
    [
      'x + foo*2',
      "Unknown name 'foo' at position 4: use x, y, pi, e or a function like sin(…)",
      4,
      3,
    ],
    ['X + 1', "Unknown name 'X' at position 0: names are lower-case: write x", 0, 1],
    [
      '(x + 1',
      "Expected ')' at position 6 (the end of the formula) to close the '(' at position 0",
      6,
      0,
    ],
    ['sin(x y)', "Expected ')' at position 6, not 'y' to close the '(' at position 3", 6, 1],
    ['x +', "The formula ends too early: expected a number, a name or '(' at position 3", 3, 0],
    ['x ^', "The formula ends too early: expected a number, a name or '(' at position 3", 3, 0],
    ['* x', "Expected a number, a name or '(' at position 0, not '*'", 0, 1],
    ['x + * y', "Expected a number, a name or '(' at position 4, not '*'", 4, 1],
    ['()', "Expected a number, a name or '(' at position 1, not ')'", 1, 1],
    ['x)', "Unexpected ')' at position 1: there is no '(' to close", 1, 1],
    ['2x', "Missing operator at position 1 before 'x': write * to multiply", 1, 1],
    ['2 (y)', "Missing operator at position 2 before '(': write * to multiply", 2, 1],
    [
      'x, y',
      "Unexpected ',' at position 1: commas only separate the arguments of min and max",
      1,
      1,
    ],
    ['x $ y', "Unexpected character '$' at position 2", 2, 1],
    ['x = 1', "Unexpected character '=' at position 2", 2, 1],
    ['x + 😀', "Unexpected character '😀' at position 4", 4, 2],
    ['1.2.3 + x', "Malformed number '1.2.3' at position 0", 0, 5],
    ['1e999', "The number '1e999' at position 0 is too large", 0, 5],
    ['sin(x, y)', "'sin' takes 1 argument, not 2, at position 0", 0, 9],
    ['sin()', "'sin' takes 1 argument, not 0, at position 0", 0, 5],
    ['1 + max(x)', "'max' takes 2 arguments, not 1, at position 4", 4, 6],
    ['min(x, y, 1)', "'min' takes 2 arguments, not 3, at position 0", 0, 12],
    ['cos + 1', "'cos' is a function at position 0: write cos(…)", 0, 3],
    ['y(2)', "'y' is not a function at position 0: write y*(…) to multiply", 0, 1],
    ['pi(2)', "'pi' is not a function at position 0: write pi*(…) to multiply", 0, 2],
  ])('%j', (text, message, position, length) => {
    const error = errorOf(text);
    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
    expect(error.length).toBe(length);
    expect(error.name).toBe('FormulaError');
  });

  it('suggests log for ln', () => {
    expect(errorOf('ln(x)').message).toMatch(
      /^Unknown function 'ln' at position 0: .*log is the natural logarithm/,
    );
  });

  it('accepts 1,000 characters and rejects 1,001', () => {
    expect(MAX_FORMULA_LENGTH).toBe(1000);
    const longest = 'x' + ' +x'.repeat(333); // 1 + 999 characters
    expect(longest).toHaveLength(1000);
    expect(value(longest, 2)).toBe(668); // 334 terms of 2
    const error = errorOf(longest + ' ');
    expect(error.message).toBe('The formula is longer than 1,000 characters (1,001)');
    expect([error.position, error.length]).toEqual([1000, 1]);
    expect(errorOf('x'.repeat(1204)).message).toBe(
      'The formula is longer than 1,000 characters (1,204)',
    );
  });
});

describe('hostile nesting is rejected without a crash', () => {
  it('accepts nesting up to the limit', () => {
    const n = MAX_FORMULA_DEPTH;
    expect(value('('.repeat(n) + 'x' + ')'.repeat(n), 7)).toBe(7);
    expect(value('-'.repeat(n) + 'x', 7)).toBe(7); // an even number of signs
  });

  it('rejects one level more, pointing at the level that is too deep', () => {
    const n = MAX_FORMULA_DEPTH + 1;
    const error = errorOf('('.repeat(n) + 'x' + ')'.repeat(n));
    expect(error.message).toBe(
      `The formula nests too deeply (more than ${MAX_FORMULA_DEPTH} levels) at position ${n - 1}`,
    );
    expect([error.position, error.length]).toEqual([n - 1, 1]);
  });

  it.each([
    ['499 parentheses', '('.repeat(499) + 'x' + ')'.repeat(499)],
    ['unclosed parentheses', '('.repeat(1000)],
    ['10,000 parentheses', '('.repeat(10_000) + 'x' + ')'.repeat(10_000)],
    ['a million parentheses', '('.repeat(1_000_000)],
    ['999 minus signs', '-'.repeat(999) + 'x'],
    ['a tower of powers', 'x^'.repeat(300) + 'x'],
    ['nested calls', 'sin('.repeat(199) + 'x' + ')'.repeat(199)],
    ['nested min', 'min(x, '.repeat(140) + 'y' + ')'.repeat(140)],
  ])('%s', (_label, text) => {
    expect(() => parseFormula(text)).toThrow(FormulaError);
    expect(() => compileFormula(text)).toThrow(FormulaError);
  });
});

describe('formulas are parsed, never run as JavaScript', () => {
  it.each([
    'constructor',
    'x.constructor',
    'x.constructor.constructor("return 1")()',
    '__proto__',
    'x + __proto__',
    'toString',
    'valueOf(x)',
    'hasOwnProperty(x)',
    'constructor(x)',
    'alert(1)',
    'eval("1")',
    'Function("return 1")()',
    'globalThis',
    'this',
    'window.location',
    'process.exit(1)',
    'import("fs")',
    'require("fs")',
    'new Date',
    'x => x',
    'x; y',
    '`x`',
    "'x'",
    'x[0]',
    '{}',
    'x || y',
    'x ? 1 : 2',
    'Math.sin(x)',
  ])('%s is rejected', (text) => {
    expect(() => parseFormula(text)).toThrow(FormulaError);
  });

  it('works with eval and the Function constructor disabled', () => {
    const g = globalThis as { eval: unknown; Function: unknown };
    const savedEval = g.eval;
    const savedFunction = g.Function;
    const forbidden = () => {
      throw new Error('code generation is forbidden');
    };
    g.eval = forbidden;
    g.Function = forbidden;
    try {
      const s = compileFormula('sin(x)*exp(y) + min(x, y)^2');
      const grad = new Float64Array(2);
      expect(s.valueAndGradient(0.5, -1, grad)).toBe(Math.sin(0.5) * Math.exp(-1) + 1);
    } finally {
      g.eval = savedEval;
      g.Function = savedFunction;
    }
  });

  it('the expression sources contain no eval, Function constructor or dynamic import', () => {
    const folder = fileURLToPath(new URL('../../src/core/expression/', import.meta.url));
    const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      const source = readFileSync(join(folder, name), 'utf8');
      expect(source, name).not.toMatch(/\beval\s*\(|\bFunction\s*\(|\bimport\s*\(|\.constructor\b/);
    }
  });
});
