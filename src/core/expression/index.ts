/**
 * Custom formulas f(x, y): a tokenizer and recursive-descent parser to a syntax tree (never
 * evaluated as JavaScript), exact symbolic derivatives, and a compiled evaluator.
 */
export type * from './ast.ts';
export { FormulaError } from './formulaError.ts';
export { parseFormula, MAX_FORMULA_LENGTH, MAX_FORMULA_DEPTH } from './parser.ts';
export { differentiate } from './differentiate.ts';
export { formatAst, DEFAULT_FORMAT_LENGTH } from './format.ts';
export { evaluateAst } from './evaluate.ts';
export { compileProgram, Program } from './program.ts';
export {
  compileFormula,
  FORMULA_VIEW_BOX,
  FORMULA_START_CANDIDATES,
  type FormulaSurface,
  type FormulaDerivatives,
} from './compileFormula.ts';
