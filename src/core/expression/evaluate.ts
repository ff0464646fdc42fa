/**
 * A direct tree-walking evaluator: f(x, y) for any syntax tree. Simple and obviously right,
 * it is the reference the compiled program (program.ts) is tested against; use
 * `compileFormula` where speed matters. Shared subtrees are evaluated once per call.
 */
import type { Ast } from './ast.ts';
import { applyBinary, applyOperator, applyUnary } from './functions.ts';

/** The value of `ast` at (x, y). */
export function evaluateAst(ast: Ast, x: number, y: number): number {
  const memo = new Map<Ast, number>();
  const value = (a: Ast): number => {
    switch (a.kind) {
      case 'number':
      case 'constant':
        return a.value;
      case 'variable':
        return a.name === 'x' ? x : y;
      default:
        break;
    }
    const known = memo.get(a);
    if (known !== undefined) return known;
    let result: number;
    switch (a.kind) {
      case 'negate':
        result = -value(a.arg);
        break;
      case 'binary':
        result = applyOperator(a.op, value(a.left), value(a.right));
        break;
      case 'call1':
        result = applyUnary(a.fn, value(a.arg));
        break;
      case 'call2':
        result = applyBinary(a.fn, value(a.left), value(a.right));
        break;
      case 'choose':
        result = value(a.left) <= value(a.right) ? value(a.ifLessOrEqual) : value(a.otherwise);
        break;
    }
    memo.set(a, result);
    return result;
  };
  return value(ast);
}
