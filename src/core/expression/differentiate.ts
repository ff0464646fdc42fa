/**
 * Exact symbolic differentiation of a formula's syntax tree. The result is a new tree built
 * with the simplifying constructors of build.ts; it shares unchanged subtrees with the input
 * (e.g. d/dx exp(u) reuses the node exp(u)), and each input node is differentiated once, so
 * the work is linear in the number of distinct nodes even when the input is itself a
 * derivative.
 *
 * Non-smooth functions get the derivative of the active piece: d|u| = sign(u)·du (0 at u = 0),
 * d min(u, v) = du where u ≤ v and dv elsewhere, d max(u, v) = du where u ≥ v and dv
 * elsewhere, d sign(u) = 0.
 */
import type { Ast } from './ast.ts';
import { add, call1, choose, div, mul, neg, num, pow, sub } from './build.ts';

const ZERO = num(0);
const ONE = num(1);
const TWO = num(2);

/** ∂ast/∂variable as a simplified syntax tree. */
export function differentiate(ast: Ast, variable: 'x' | 'y'): Ast {
  const memo = new Map<Ast, Ast>();
  const dependsMemo = new Map<Ast, boolean>();

  // Whether a subtree mentions `variable`; a subtree that does not is a constant here.
  const depends = (a: Ast): boolean => {
    const known = dependsMemo.get(a);
    if (known !== undefined) return known;
    let result: boolean;
    switch (a.kind) {
      case 'number':
      case 'constant':
        result = false;
        break;
      case 'variable':
        result = a.name === variable;
        break;
      case 'negate':
      case 'call1':
        result = depends(a.arg);
        break;
      case 'binary':
      case 'call2':
        result = depends(a.left) || depends(a.right);
        break;
      case 'choose':
        result = depends(a.ifLessOrEqual) || depends(a.otherwise);
        break;
    }
    dependsMemo.set(a, result);
    return result;
  };

  const d = (a: Ast): Ast => {
    if (!depends(a)) return ZERO;
    const known = memo.get(a);
    if (known !== undefined) return known;
    const result = rule(a);
    memo.set(a, result);
    return result;
  };

  const rule = (a: Ast): Ast => {
    switch (a.kind) {
      case 'number':
      case 'constant':
        return ZERO;
      case 'variable':
        return a.name === variable ? ONE : ZERO;
      case 'negate':
        return neg(d(a.arg));
      case 'binary': {
        const u = a.left;
        const v = a.right;
        switch (a.op) {
          case '+':
            return add(d(u), d(v));
          case '-':
            return sub(d(u), d(v));
          case '*':
            return add(mul(d(u), v), mul(u, d(v)));
          case '/':
            // (u/v)' = u'/v − u·v'/v²; the second term vanishes when v is constant.
            return sub(div(d(u), v), div(mul(u, d(v)), pow(v, TWO)));
          case '^':
            if (!depends(v)) {
              // (u^c)' = c·u^(c−1)·u'
              return mul(mul(v, pow(u, sub(v, ONE))), d(u));
            }
            if (!depends(u)) {
              // (c^v)' = c^v·ln c·v', with ln e = 1 spelled out so e^v stays readable.
              const lnBase = u.kind === 'constant' && u.name === 'e' ? ONE : call1('log', u);
              return mul(mul(a, lnBase), d(v));
            }
            // (u^v)' = u^v·(v'·ln u + v·u'/u)
            return mul(a, add(mul(d(v), call1('log', u)), div(mul(v, d(u)), u)));
        }
        break;
      }
      case 'call1': {
        const u = a.arg;
        const du = d(u);
        switch (a.fn) {
          case 'sin':
            return mul(call1('cos', u), du);
          case 'cos':
            return neg(mul(call1('sin', u), du));
          case 'tan':
            return div(du, pow(call1('cos', u), TWO));
          case 'exp':
            return mul(a, du);
          case 'log':
            return div(du, u);
          case 'sqrt':
            return div(du, mul(TWO, a));
          case 'abs':
            return mul(call1('sign', u), du);
          case 'tanh':
            return mul(sub(ONE, pow(a, TWO)), du);
          case 'sinh':
            return mul(call1('cosh', u), du);
          case 'cosh':
            return mul(call1('sinh', u), du);
          case 'sign':
            return ZERO;
        }
        break;
      }
      case 'call2':
        // The active argument's derivative; on a tie, the first argument's.
        return a.fn === 'min'
          ? choose(a.left, a.right, d(a.left), d(a.right))
          : choose(a.right, a.left, d(a.left), d(a.right));
      case 'choose':
        return choose(a.left, a.right, d(a.ifLessOrEqual), d(a.otherwise));
    }
  };

  return d(ast);
}
