/**
 * The functions a formula may call, looked up in Maps (never on plain objects, so names like
 * "constructor" or "__proto__" can never reach a JavaScript property).
 */
import type { BinaryFunctionName, UnaryFunctionName } from './ast.ts';

/** f(a) for each function of one argument. */
export const UNARY_FUNCTIONS: ReadonlyMap<string, (a: number) => number> = new Map<
  UnaryFunctionName,
  (a: number) => number
>([
  ['sin', Math.sin],
  ['cos', Math.cos],
  ['tan', Math.tan],
  ['exp', Math.exp],
  ['log', Math.log],
  ['sqrt', Math.sqrt],
  ['abs', Math.abs],
  ['tanh', Math.tanh],
  ['sinh', Math.sinh],
  ['cosh', Math.cosh],
  ['sign', Math.sign],
]);

/** f(a, b) for each function of two arguments. */
export const BINARY_FUNCTIONS: ReadonlyMap<string, (a: number, b: number) => number> = new Map<
  BinaryFunctionName,
  (a: number, b: number) => number
>([
  ['min', (a, b) => Math.min(a, b)],
  ['max', (a, b) => Math.max(a, b)],
]);

/** The named constants, π and e. */
export const CONSTANTS: ReadonlyMap<string, number> = new Map<'pi' | 'e', number>([
  ['pi', Math.PI],
  ['e', Math.E],
]);

/** Whether `name` is a function of one argument (narrowing it to its type). */
export function isUnaryFunction(name: string): name is UnaryFunctionName {
  return UNARY_FUNCTIONS.has(name);
}

/** Whether `name` is a function of two arguments (narrowing it to its type). */
export function isBinaryFunction(name: string): name is BinaryFunctionName {
  return BINARY_FUNCTIONS.has(name);
}

/** Applies a function of one argument (same Math routine the compiled evaluator uses). */
export function applyUnary(fn: UnaryFunctionName, a: number): number {
  return UNARY_FUNCTIONS.get(fn)!(a);
}

/** Applies a function of two arguments. */
export function applyBinary(fn: BinaryFunctionName, a: number, b: number): number {
  return BINARY_FUNCTIONS.get(fn)!(a, b);
}

/**
 * Applies an infix operator with IEEE-754 double semantics. `^` is `Math.pow`, except that
 * a^2 is a·a: correctly rounded, faster, and what the compiled program does too.
 */
export function applyOperator(op: '+' | '-' | '*' | '/' | '^', a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '^':
      return b === 2 ? a * a : Math.pow(a, b);
  }
}
