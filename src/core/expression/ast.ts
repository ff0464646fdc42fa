/**
 * The syntax tree of a formula f(x, y). Nodes are immutable plain objects; derivatives share
 * subtrees with the formula they come from (a DAG), which is why every walker here memoises by
 * node identity instead of copying.
 */

/** Functions of one argument. `log` is the natural logarithm; `sign` is −1, 0 or 1. */
export type UnaryFunctionName =
  'sin' | 'cos' | 'tan' | 'exp' | 'log' | 'sqrt' | 'abs' | 'tanh' | 'sinh' | 'cosh' | 'sign';

/** Functions of two arguments. */
export type BinaryFunctionName = 'min' | 'max';

/** Infix operators; `^` is exponentiation (right-associative). */
export type BinaryOperator = '+' | '-' | '*' | '/' | '^';

/** A numeric literal, e.g. 2.5 or 1e-3 (also the result of constant folding). */
export interface NumberNode {
  readonly kind: 'number';
  readonly value: number;
}

/** One of the two coordinates of the surface. */
export interface VariableNode {
  readonly kind: 'variable';
  readonly name: 'x' | 'y';
}

/** A named constant: π or Euler's number e. Kept by name so formulas print as written. */
export interface ConstantNode {
  readonly kind: 'constant';
  readonly name: 'pi' | 'e';
  readonly value: number;
}

/** Unary minus −a. (Unary plus is dropped by the parser.) */
export interface NegateNode {
  readonly kind: 'negate';
  readonly arg: Ast;
}

/** left op right. */
export interface BinaryNode {
  readonly kind: 'binary';
  readonly op: BinaryOperator;
  readonly left: Ast;
  readonly right: Ast;
}

/** fn(arg) for a function of one argument. */
export interface Call1Node {
  readonly kind: 'call1';
  readonly fn: UnaryFunctionName;
  readonly arg: Ast;
}

/** fn(left, right) for min and max. */
export interface Call2Node {
  readonly kind: 'call2';
  readonly fn: BinaryFunctionName;
  readonly left: Ast;
  readonly right: Ast;
}

/**
 * `left ≤ right ? ifLessOrEqual : otherwise`. Never written by users: it is how the derivative
 * of min/max picks the derivative of the active argument.
 */
export interface ChooseNode {
  readonly kind: 'choose';
  readonly left: Ast;
  readonly right: Ast;
  readonly ifLessOrEqual: Ast;
  readonly otherwise: Ast;
}

/** Any node of a formula's syntax tree. */
export type Ast =
  | NumberNode
  | VariableNode
  | ConstantNode
  | NegateNode
  | BinaryNode
  | Call1Node
  | Call2Node
  | ChooseNode;
