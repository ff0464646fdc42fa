import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/random.ts';
import {
  compileFormula,
  compileProgram,
  differentiate,
  evaluateAst,
  formatAst,
  parseFormula,
  type Ast,
} from '../../src/core/expression/index.ts';

interface Case {
  readonly text: string;
  /** The same function written independently in JavaScript. */
  readonly f: (x: number, y: number) => number;
  /** Sampling box [xMin, xMax, yMin, yMax] where the formula is smooth. */
  readonly box?: readonly [number, number, number, number];
  /** Points to skip: too close to a kink for a central difference. */
  readonly nearKink?: (x: number, y: number) => boolean;
}

const CASES: Case[] = [
  { text: 'x^2 + 10*y^2', f: (x, y) => x ** 2 + 10 * y ** 2 },
  { text: '(1 - x)^2 + 100*(y - x^2)^2', f: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2 },
  { text: 'sin(x)*cos(y)', f: (x, y) => Math.sin(x) * Math.cos(y) },
  { text: 'exp(-(x^2 + y^2)/2)', f: (x, y) => Math.exp(-(x * x + y * y) / 2) },
  { text: 'x^y', f: (x, y) => x ** y, box: [0.2, 3, -2, 2] },
  { text: 'log(1 + x^2 + y^2)', f: (x, y) => Math.log(1 + x * x + y * y) },
  { text: 'sqrt(x^2 + y^2 + 1)', f: (x, y) => Math.sqrt(x * x + y * y + 1) },
  { text: 'tan(x/3) + y', f: (x, y) => Math.tan(x / 3) + y },
  {
    text: 'tanh(x*y) - sinh(x)/cosh(y)',
    f: (x, y) => Math.tanh(x * y) - Math.sinh(x) / Math.cosh(y),
  },
  { text: 'x/(1 + y^2)', f: (x, y) => x / (1 + y * y) },
  { text: '2^x + e^y - pi*x*y', f: (x, y) => 2 ** x + Math.E ** y - Math.PI * x * y },
  { text: 'x^3*y^2 - 3*x*y + 1e-3', f: (x, y) => x ** 3 * y ** 2 - 3 * x * y + 1e-3 },
  { text: '1/(x^2 + y^2 + 0.5)', f: (x, y) => 1 / (x * x + y * y + 0.5) },
  { text: 'sin(exp(cos(x*y)))', f: (x, y) => Math.sin(Math.exp(Math.cos(x * y))) },
  { text: '-x^2 + -(y^3) - -x', f: (x, y) => -(x ** 2) + -(y ** 3) + x },
  {
    text: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
    f: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
  },
  {
    text: 'abs(x - 0.3)*y + y^2',
    f: (x, y) => Math.abs(x - 0.3) * y + y * y,
    nearKink: (x) => Math.abs(x - 0.3) < 1e-3,
  },
  {
    text: 'min(x, y)^2 + max(x, 2*y)',
    f: (x, y) => Math.min(x, y) ** 2 + Math.max(x, 2 * y),
    nearKink: (x, y) => Math.abs(x - y) < 1e-3 || Math.abs(x - 2 * y) < 1e-3,
  },
  { text: 'x^0.5 * y', f: (x, y) => Math.sqrt(x) * y, box: [0.1, 3, -2, 2] },
  {
    text: 'log(x) * sign(y) + y',
    f: (x, y) => Math.log(x) * Math.sign(y) + y,
    box: [0.1, 3, 0.1, 2],
  },
];

function samples(box: readonly [number, number, number, number], seed: number, n: number) {
  const random = new Random(seed);
  const points: [number, number][] = [];
  for (let i = 0; i < n; i++)
    points.push([random.uniform(box[0], box[1]), random.uniform(box[2], box[3])]);
  return points;
}

function expectClose(actual: number, expected: number, rel: number, what: string): void {
  const tolerance = rel * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance,
  );
}

describe('custom formulas: exact derivatives', () => {
  for (const c of CASES) {
    it(`${c.text}: value, gradient and Hessian`, () => {
      const s = compileFormula(c.text);
      const g = new Float64Array(2);
      const gp = new Float64Array(2);
      const gm = new Float64Array(2);
      const hess = new Float64Array(3);
      let checked = 0;
      for (const [x, y] of samples(c.box ?? [-2, 2, -2, 2], 7, 25)) {
        if (c.nearKink?.(x, y)) continue;
        checked++;
        const f = s.valueAndGradient(x, y, g);
        expectClose(f, c.f(x, y), 1e-14, 'f');
        expect(s.value(x, y)).toBe(f);
        // Gradient against central differences of the independent JavaScript function.
        const h = 1e-5;
        expectClose(g[0]!, (c.f(x + h, y) - c.f(x - h, y)) / (2 * h), 1e-5, `fx at (${x}, ${y})`);
        expectClose(g[1]!, (c.f(x, y + h) - c.f(x, y - h)) / (2 * h), 1e-5, `fy at (${x}, ${y})`);
        // Hessian against central differences of the exact gradient.
        s.hessian(x, y, hess);
        s.valueAndGradient(x + h, y, gp);
        s.valueAndGradient(x - h, y, gm);
        expectClose(hess[0]!, (gp[0]! - gm[0]!) / (2 * h), 1e-5, `fxx at (${x}, ${y})`);
        expectClose(hess[1]!, (gp[1]! - gm[1]!) / (2 * h), 1e-5, `fxy at (${x}, ${y})`);
        s.valueAndGradient(x, y + h, gp);
        s.valueAndGradient(x, y - h, gm);
        expectClose(hess[1]!, (gp[0]! - gm[0]!) / (2 * h), 1e-5, `fyx at (${x}, ${y})`);
        expectClose(hess[2]!, (gp[1]! - gm[1]!) / (2 * h), 1e-5, `fyy at (${x}, ${y})`);
      }
      expect(checked).toBeGreaterThan(15);
    });
  }
});

describe('symbolic derivatives', () => {
  const d = (text: string, v: 'x' | 'y') => formatAst(differentiate(parseFormula(text), v));

  it.each([
    ['x^2 + 10*y^2', 'x', '2*x'],
    ['x^2 + 10*y^2', 'y', '20*y'],
    ['x*y', 'x', 'y'],
    ['3*x - 5', 'x', '3'],
    ['pi*x', 'x', 'pi'],
    ['sin(x)', 'x', 'cos(x)'],
    ['cos(y)', 'y', '-sin(y)'],
    ['exp(2*x)', 'x', '2*exp(2*x)'],
    ['e^x', 'x', 'e^x'],
    ['log(x)', 'x', '1/x'],
    ['sqrt(x)', 'x', '1/(2*sqrt(x))'],
    ['abs(x)', 'x', 'sign(x)'],
    ['x^3', 'x', '3*x^2'],
    ['x^y', 'x', 'y*x^(y - 1)'],
    ['x^y', 'y', 'x^y*log(x)'],
    ['y^2 + 7', 'x', '0'],
    ['42', 'y', '0'],
    ['-x', 'x', '-1'],
    ['x/2', 'x', '0.5'],
  ])('d(%s)/d%s = %s', (text, v, expected) => {
    expect(d(text, v as 'x' | 'y')).toBe(expected);
  });

  it('second derivatives of x^y: ∂²/∂x² = y(y−1)x^(y−2)', () => {
    const fxx = differentiate(differentiate(parseFormula('x^y'), 'x'), 'x');
    expect(formatAst(fxx)).toBe('y*((y - 1)*x^(y - 2))');
  });

  it('min and max differentiate the active argument; ties take the first', () => {
    const s = compileFormula('min(x, 2*y) + 10*max(x, y)');
    const g = new Float64Array(2);
    s.valueAndGradient(1, 3, g); // min = x, max = y
    expect(Array.from(g)).toEqual([1, 10]);
    s.valueAndGradient(5, 1, g); // min = 2y, max = x
    expect(Array.from(g)).toEqual([10, 2]);
    s.valueAndGradient(2, 1, g); // ties: min(2, 2) → x, max(2, 1) → x
    expect(Array.from(g)).toEqual([11, 0]);
  });

  it('abs has derivative sign, 0 at the kink, and second derivative 0', () => {
    const s = compileFormula('abs(x) + abs(y)');
    const g = new Float64Array(2);
    const h = new Float64Array(3);
    s.valueAndGradient(-2, 0, g);
    expect(Array.from(g)).toEqual([-1, 0]);
    s.hessian(-2, 3, h);
    expect(Array.from(h)).toEqual([0, 0, 0]);
  });

  it('gives exact constant Hessians of quadratics', () => {
    const s = compileFormula('3*x^2 - 2*x*y + 5*y^2 + x - 7');
    const h = new Float64Array(3);
    s.hessian(0.123, -4.56, h);
    expect(Array.from(h)).toEqual([6, -2, 10]);
    expect(formatAst(s.derivatives.fx)).toBe('6*x - 2*y + 1');
    expect(formatAst(s.derivatives.fy)).toBe('10*y - 2*x');
  });
});

describe('compiled programs', () => {
  it('agree bit for bit with the tree walker on formulas and all their derivatives', () => {
    for (const c of CASES) {
      const ast = parseFormula(c.text);
      const fx = differentiate(ast, 'x');
      const fy = differentiate(ast, 'y');
      const trees = [
        ast,
        fx,
        fy,
        differentiate(fx, 'x'),
        differentiate(fx, 'y'),
        differentiate(fy, 'y'),
      ];
      const program = compileProgram(trees);
      for (const [x, y] of samples(c.box ?? [-2, 2, -2, 2], 3, 10)) {
        program.run(x, y);
        trees.forEach((tree, i) =>
          expect(Object.is(program.output(i), evaluateAst(tree, x, y)), c.text).toBe(true),
        );
      }
    }
  });

  it('compute a subexpression shared by a formula and its derivatives once', () => {
    // f = exp(x*y): f, fx = exp(x*y)*y and fy = exp(x*y)*x need x*y, exp, two products.
    const ast = parseFormula('exp(x*y)');
    const program = compileProgram([ast, differentiate(ast, 'x'), differentiate(ast, 'y')]);
    expect(program.size).toBe(4);
  });
});

describe('formatting', () => {
  it.each([
    '-x^2',
    '(-x)^2',
    '2^3^2',
    '(2^3)^2',
    'x - (y - 1)',
    'x - y - 1',
    'x/(y/2)',
    'x/y/2',
    '-(x*y)',
    '-x*y',
    '--x',
    'x^-y',
    '1e-7*x',
    'x - -y',
    '2*(x + y)^2',
    'min(x, y) + max(-x, sin(y))',
  ])('%s prints back to the same tree', (text) => {
    const ast = parseFormula(text);
    expect(parseFormula(formatAst(ast))).toEqual(ast);
  });

  it('prints derivatives that parse back to the same function', () => {
    for (const c of CASES) {
      if (c.text.includes('min')) continue; // min/max derivatives contain choose nodes
      const fx = differentiate(parseFormula(c.text), 'x');
      const reparsed = parseFormula(formatAst(fx));
      for (const [x, y] of samples(c.box ?? [-2, 2, -2, 2], 5, 5)) {
        expectClose(evaluateAst(reparsed, x, y), evaluateAst(fx, x, y), 1e-12, c.text);
      }
    }
  });

  it('caps very long output', () => {
    const tower = parseFormula('x^'.repeat(99) + 'x');
    const fxx: Ast = differentiate(differentiate(tower, 'x'), 'x');
    const text = formatAst(fxx, 500);
    expect(text).toHaveLength(501);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('compileFormula', () => {
  it('describes a custom surface', () => {
    const s = compileFormula('x^2 + y^2');
    expect(s.title).toBe('Custom');
    expect(s.formula).toBe('x^2 + y^2');
    expect(s.viewBox).toEqual({ xMin: -3, xMax: 3, yMin: -3, yMax: 3 });
    expect(s.start).toEqual([2, 1.5]);
    expect(s.criticalPoints).toEqual([]);
  });

  it('starts where the formula and its gradient are finite', () => {
    // log(−x) needs x < 0: the first such candidate is (−2, 1.5).
    expect(compileFormula('log(-x) + y^2').start).toEqual([-2, 1.5]);
    // sqrt(1 − x² − y²) needs x² + y² < 1: (2, 1.5), (1.5, 1) and (1, 0.5) fail, (0.5, 0.5) works.
    expect(compileFormula('sqrt(1 - x^2 - y^2)').start).toEqual([0.5, 0.5]);
    // Defined nowhere: keep the usual start; the run reports divergence.
    expect(compileFormula('log(-1 - x^2)').start).toEqual([2, 1.5]);
  });

  it('compiles the largest, deepest legal formulas into work linear in their length', () => {
    const hostile = [
      'x*'.repeat(499) + 'y', // 999 characters, a 500-factor product
      'x^'.repeat(99) + 'x', // a tower of 100 powers
      'sin('.repeat(100) + 'x' + ')'.repeat(100),
      'exp(x*y)*'.repeat(99) + 'x', // 100 products of a repeated subexpression
      'min(x, '.repeat(100) + 'y' + ')'.repeat(100),
    ];
    const g = new Float64Array(2);
    const h = new Float64Array(3);
    /** Distinct nodes of the trees (derivatives share subtrees: a DAG, walked by identity). */
    const distinctNodes = (roots: readonly Ast[]): number => {
      const seen = new Set<Ast>();
      const visit = (node: Ast): void => {
        if (seen.has(node)) return;
        seen.add(node);
        for (const child of Object.values(node))
          if (typeof child === 'object' && child !== null) visit(child as Ast);
      };
      roots.forEach(visit);
      return seen.size;
    };
    // Counted work, not time: measured, the worst is x^x^…^x with 12 nodes and 7.5
    // instructions per character of text (f, ∇f and the Hessian). A derivative copied instead
    // of shared grows exponentially with depth here, past these bounds by orders of magnitude.
    for (const text of hostile) {
      expect(text.length).toBeLessThanOrEqual(1000);
      const s = compileFormula(text);
      const { fx, fy, fxx, fxy, fyy } = s.derivatives;
      const roots = [s.ast, fx, fy, fxx, fxy, fyy];
      expect(distinctNodes(roots), text.slice(0, 20)).toBeLessThanOrEqual(16 * text.length);
      expect(compileProgram(roots).size, text.slice(0, 20)).toBeLessThanOrEqual(10 * text.length);
      s.valueAndGradient(0.9, 0.3, g);
      s.hessian(0.9, 0.3, h);
      expect([...g, ...h].every(Number.isFinite), text.slice(0, 20)).toBe(true);
    }
    // A central-difference check of the deepest composition, sin(sin(…sin(x)…)).
    const s = compileFormula(hostile[2]!);
    const step = 1e-5;
    s.valueAndGradient(0.9, 0, g);
    expectClose(
      g[0]!,
      (s.value(0.9 + step, 0) - s.value(0.9 - step, 0)) / (2 * step),
      1e-5,
      'nested sin',
    );
  });
});
