/**
 * Turns formula text into a Surface with exact derivatives: parse → differentiate
 * symbolically (∂f/∂x, ∂f/∂y, then the three second derivatives) → compile into programs.
 */
import type { Surface, ViewBox } from '../surfaces/surface.ts';
import type { Ast } from './ast.ts';
import { differentiate } from './differentiate.ts';
import { parseFormula } from './parser.ts';
import { compileProgram } from './program.ts';

/** The symbolic derivatives of a formula, as simplified syntax trees. */
export interface FormulaDerivatives {
  /** ∂f/∂x */
  readonly fx: Ast;
  /** ∂f/∂y */
  readonly fy: Ast;
  /** ∂²f/∂x² */
  readonly fxx: Ast;
  /** ∂²f/∂x∂y */
  readonly fxy: Ast;
  /** ∂²f/∂y² */
  readonly fyy: Ast;
}

/** A surface defined by a user's formula, with its syntax tree and symbolic derivatives. */
export interface FormulaSurface extends Surface {
  readonly ast: Ast;
  readonly derivatives: FormulaDerivatives;
}

/** View box of custom formulas: [−3, 3]². */
export const FORMULA_VIEW_BOX: ViewBox = { xMin: -3, xMax: 3, yMin: -3, yMax: 3 };

/**
 * Start points tried in order; the first where f and ∇f are finite is the default start,
 * so that e.g. log(-x) or sqrt(1 - x^2 - y^2) begin somewhere they are defined.
 */
export const FORMULA_START_CANDIDATES: readonly (readonly [number, number])[] = [
  [2, 1.5],
  [1.5, 1],
  [1, 0.5],
  [0.5, 0.5],
  [-2, 1.5],
  [-1, 0.5],
  [-0.5, -0.5],
  [1, -0.5],
  [0.1, 0.1],
];

/**
 * Compiles formula text into a {@link FormulaSurface}: title "Custom", `formula` = the text,
 * view box [−3, 3]², no known critical points, linear contour levels. Throws FormulaError
 * (with the offending position) when the text is not a valid formula.
 */
export function compileFormula(text: string): FormulaSurface {
  const ast = parseFormula(text);
  const fx = differentiate(ast, 'x');
  const fy = differentiate(ast, 'y');
  const fxx = differentiate(fx, 'x');
  const fxy = differentiate(fx, 'y');
  const fyy = differentiate(fy, 'y');
  const valueProgram = compileProgram([ast]);
  const gradientProgram = compileProgram([ast, fx, fy]);
  const hessianProgram = compileProgram([fxx, fxy, fyy]);

  const valueAndGradient = (x: number, y: number, gradOut: Float64Array): number => {
    gradientProgram.run(x, y);
    gradOut[0] = gradientProgram.output(1);
    gradOut[1] = gradientProgram.output(2);
    return gradientProgram.output(0);
  };

  const probe = new Float64Array(2);
  const start =
    FORMULA_START_CANDIDATES.find(([x, y]) => {
      const f = valueAndGradient(x, y, probe);
      return Number.isFinite(f) && Number.isFinite(probe[0]) && Number.isFinite(probe[1]);
    }) ?? FORMULA_START_CANDIDATES[0]!;

  return {
    title: 'Custom',
    formula: text,
    viewBox: FORMULA_VIEW_BOX,
    start,
    criticalPoints: [],
    ast,
    derivatives: { fx, fy, fxx, fxy, fyy },
    value(x, y) {
      valueProgram.run(x, y);
      return valueProgram.output(0);
    },
    valueAndGradient,
    hessian(x, y, out) {
      hessianProgram.run(x, y);
      out[0] = hessianProgram.output(0);
      out[1] = hessianProgram.output(1);
      out[2] = hessianProgram.output(2);
    },
  };
}
