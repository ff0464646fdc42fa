/**
 * Node constructors that simplify as they build: constants are folded, and 0 and 1 vanish
 * where algebra says they may (a + 0 = a, 1·a = a, 0·a = 0, a^1 = a, a^0 = 1, −(−a) = a,
 * a − a = 0 for the very same subtree). Symbolic derivatives are built only from these, which
 * keeps them small and readable. Folding uses the same double arithmetic as evaluation, so a
 * folded constant equals the value the unfolded tree would have computed. (0·a = 0 drops the
 * NaN that 0·∞ would give at a singular point; that is the usual convention of symbolic
 * algebra and only matters where the formula itself is not differentiable.)
 */
import type { Ast, BinaryFunctionName, NumberNode, UnaryFunctionName } from './ast.ts';
import { applyBinary, applyOperator, applyUnary } from './functions.ts';

/** The literal `value`. */
export function num(value: number): NumberNode {
  return { kind: 'number', value };
}

const ZERO = num(0);
const ONE = num(1);

function isNumber(a: Ast): a is NumberNode {
  return a.kind === 'number';
}

// Deliberately not a type predicate: "not the number 0" must not narrow a to "not a number".
function is(a: Ast, value: number): boolean {
  return a.kind === 'number' && a.value === value;
}

/** −a. */
export function neg(a: Ast): Ast {
  if (a.kind === 'number') return num(-a.value);
  if (a.kind === 'negate') return a.arg;
  return { kind: 'negate', arg: a };
}

/** a + b. */
export function add(a: Ast, b: Ast): Ast {
  if (isNumber(a) && isNumber(b)) return num(a.value + b.value);
  if (is(a, 0)) return b;
  if (is(b, 0)) return a;
  // a + (−c) = a − c and (−c) + b = b − c exactly, in doubles too.
  if (b.kind === 'negate') return sub(a, b.arg);
  if (a.kind === 'negate') return sub(b, a.arg);
  return { kind: 'binary', op: '+', left: a, right: b };
}

/** a − b. */
export function sub(a: Ast, b: Ast): Ast {
  if (isNumber(a) && isNumber(b)) return num(a.value - b.value);
  if (is(b, 0)) return a;
  if (is(a, 0)) return neg(b);
  if (a === b) return ZERO;
  if (b.kind === 'negate') return add(a, b.arg);
  // (u − c₁) − c₂ = u − (c₁ + c₂), up to rounding: the power rule otherwise prints x^(y − 1 − 1).
  if (isNumber(b) && a.kind === 'binary' && a.op === '-' && isNumber(a.right)) {
    return sub(a.left, num(a.right.value + b.value));
  }
  return { kind: 'binary', op: '-', left: a, right: b };
}

/** a·b, with a constant factor moved to the front (2·x rather than x·2). */
export function mul(a: Ast, b: Ast): Ast {
  if (isNumber(a) && isNumber(b)) return num(a.value * b.value);
  if (is(a, 0) || is(b, 0)) return ZERO;
  if (is(a, 1)) return b;
  if (is(b, 1)) return a;
  if (is(a, -1)) return neg(b);
  if (is(b, -1)) return neg(a);
  if (a.kind === 'negate') return neg(mul(a.arg, b));
  if (b.kind === 'negate') return neg(mul(a, b.arg));
  if (isNumber(b)) return mul(b, a);
  // c₁·(c₂·z) = (c₁·c₂)·z: collects the coefficients that the chain rule scatters.
  if (isNumber(a) && b.kind === 'binary' && b.op === '*' && isNumber(b.left)) {
    return mul(num(a.value * b.left.value), b.right);
  }
  return { kind: 'binary', op: '*', left: a, right: b };
}

/** a / b. */
export function div(a: Ast, b: Ast): Ast {
  if (isNumber(a) && isNumber(b)) return num(a.value / b.value);
  if (is(a, 0)) return ZERO;
  if (is(b, 1)) return a;
  if (is(b, -1)) return neg(a);
  if (a.kind === 'negate') return neg(div(a.arg, b));
  if (b.kind === 'negate') return neg(div(a, b.arg));
  return { kind: 'binary', op: '/', left: a, right: b };
}

/** a ^ b. */
export function pow(a: Ast, b: Ast): Ast {
  if (isNumber(a) && isNumber(b)) return num(applyOperator('^', a.value, b.value));
  if (is(b, 0) || is(a, 1)) return ONE;
  if (is(b, 1)) return a;
  return { kind: 'binary', op: '^', left: a, right: b };
}

/** fn(a) for a function of one argument. */
export function call1(fn: UnaryFunctionName, a: Ast): Ast {
  if (isNumber(a)) return num(applyUnary(fn, a.value));
  return { kind: 'call1', fn, arg: a };
}

/** fn(a, b) for min or max. */
export function call2(fn: BinaryFunctionName, a: Ast, b: Ast): Ast {
  if (isNumber(a) && isNumber(b)) return num(applyBinary(fn, a.value, b.value));
  return { kind: 'call2', fn, left: a, right: b };
}

/** left ≤ right ? ifLessOrEqual : otherwise (collapses when both branches are the same). */
export function choose(left: Ast, right: Ast, ifLessOrEqual: Ast, otherwise: Ast): Ast {
  if (ifLessOrEqual === otherwise) return otherwise;
  if (isNumber(ifLessOrEqual) && isNumber(otherwise) && ifLessOrEqual.value === otherwise.value) {
    return otherwise;
  }
  if (isNumber(left) && isNumber(right))
    return left.value <= right.value ? ifLessOrEqual : otherwise;
  return { kind: 'choose', left, right, ifLessOrEqual, otherwise };
}
