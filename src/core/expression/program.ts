/**
 * Compiles syntax trees into a straight-line program ("tape") over a Float64Array of slots,
 * and runs it with a plain interpreter loop: no JavaScript is generated, so it works under a
 * Content-Security-Policy without 'unsafe-eval'. Several trees compile into one program
 * (e.g. f, ∂f/∂x and ∂f/∂y), and structurally identical subtrees — common between a formula
 * and its derivatives — get one slot and are computed once per run. Running allocates nothing.
 *
 * Slot layout: 0 = x, 1 = y, then constants (written once at compile time), then one slot per
 * instruction in evaluation order.
 */
import type { Ast } from './ast.ts';
import { applyBinary, applyOperator, applyUnary } from './functions.ts';

const NEG = 0;
const ADD = 1;
const SUB = 2;
const MUL = 3;
const DIV = 4;
const POW = 5;
const SIN = 6;
const COS = 7;
const TAN = 8;
const EXP = 9;
const LOG = 10;
const SQRT = 11;
const ABS = 12;
const TANH = 13;
const SINH = 14;
const COSH = 15;
const SIGN = 16;
const MIN = 17;
const MAX = 18;
const CHOOSE = 19;
const SQUARE = 20;

const BINARY_OPS = { '+': ADD, '-': SUB, '*': MUL, '/': DIV, '^': POW } as const;
const UNARY_OPS = {
  sin: SIN,
  cos: COS,
  tan: TAN,
  exp: EXP,
  log: LOG,
  sqrt: SQRT,
  abs: ABS,
  tanh: TANH,
  sinh: SINH,
  cosh: COSH,
  sign: SIGN,
} as const;

/** A compiled straight-line program computing one or more trees at a point (x, y). */
export class Program {
  private readonly slots: Float64Array;
  private readonly ops: Uint8Array;
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly c: Int32Array;
  private readonly d: Int32Array;
  private readonly first: number;
  private readonly outputSlots: Int32Array;

  /** @internal use {@link compileProgram}. */
  constructor(
    constants: readonly number[],
    instructions: readonly (readonly [number, number, number, number, number])[],
    outputSlots: readonly number[],
  ) {
    this.first = 2 + constants.length;
    this.slots = new Float64Array(this.first + instructions.length);
    this.slots.set(constants, 2);
    const n = instructions.length;
    this.ops = new Uint8Array(n);
    this.a = new Int32Array(n);
    this.b = new Int32Array(n);
    this.c = new Int32Array(n);
    this.d = new Int32Array(n);
    instructions.forEach(([op, a, b, c, d], i) => {
      this.ops[i] = op;
      this.a[i] = a;
      this.b[i] = b;
      this.c[i] = c;
      this.d[i] = d;
    });
    this.outputSlots = Int32Array.from(outputSlots);
  }

  /** Number of instructions executed per run (a measure of cost). */
  get size(): number {
    return this.ops.length;
  }

  /** Evaluates every tree at (x, y); read the results with {@link output}. */
  run(x: number, y: number): void {
    const s = this.slots;
    const ops = this.ops;
    const A = this.a;
    const B = this.b;
    s[0] = x;
    s[1] = y;
    for (let i = 0, k = this.first; i < ops.length; i++, k++) {
      switch (ops[i]) {
        case NEG:
          s[k] = -s[A[i]!]!;
          break;
        case ADD:
          s[k] = s[A[i]!]! + s[B[i]!]!;
          break;
        case SUB:
          s[k] = s[A[i]!]! - s[B[i]!]!;
          break;
        case MUL:
          s[k] = s[A[i]!]! * s[B[i]!]!;
          break;
        case DIV:
          s[k] = s[A[i]!]! / s[B[i]!]!;
          break;
        case POW:
          s[k] = Math.pow(s[A[i]!]!, s[B[i]!]!);
          break;
        case SQUARE:
          s[k] = s[A[i]!]! * s[A[i]!]!;
          break;
        case SIN:
          s[k] = Math.sin(s[A[i]!]!);
          break;
        case COS:
          s[k] = Math.cos(s[A[i]!]!);
          break;
        case TAN:
          s[k] = Math.tan(s[A[i]!]!);
          break;
        case EXP:
          s[k] = Math.exp(s[A[i]!]!);
          break;
        case LOG:
          s[k] = Math.log(s[A[i]!]!);
          break;
        case SQRT:
          s[k] = Math.sqrt(s[A[i]!]!);
          break;
        case ABS:
          s[k] = Math.abs(s[A[i]!]!);
          break;
        case TANH:
          s[k] = Math.tanh(s[A[i]!]!);
          break;
        case SINH:
          s[k] = Math.sinh(s[A[i]!]!);
          break;
        case COSH:
          s[k] = Math.cosh(s[A[i]!]!);
          break;
        case SIGN:
          s[k] = Math.sign(s[A[i]!]!);
          break;
        case MIN:
          s[k] = Math.min(s[A[i]!]!, s[B[i]!]!);
          break;
        case MAX:
          s[k] = Math.max(s[A[i]!]!, s[B[i]!]!);
          break;
        case CHOOSE:
          s[k] = s[A[i]!]! <= s[B[i]!]! ? s[this.c[i]!]! : s[this.d[i]!]!;
          break;
      }
    }
  }

  /** The value of the `index`-th compiled tree after the last {@link run}. */
  output(index: number): number {
    return this.slots[this.outputSlots[index]!]!;
  }
}

/**
 * Compiles `roots` into one program; after `run(x, y)`, `output(i)` is the value of
 * `roots[i]` at (x, y), bit for bit what {@link evaluateAst} returns.
 */
export function compileProgram(roots: readonly Ast[]): Program {
  // Operand ids during compilation: leaves (x, y, constants) are −1, −2, …; instruction k is k.
  const X = -1;
  const Y = -2;
  const constants: number[] = [];
  const constantIds = new Map<string, number>();
  const instructions: [number, number, number, number, number][] = [];
  const instructionIds = new Map<string, number>();
  const nodeIds = new Map<Ast, number>();

  const isConstant = (id: number): boolean => id < Y;
  const constantValue = (id: number): number => constants[-id - 3]!;

  const constant = (value: number): number => {
    const key = Object.is(value, -0) ? '-0' : String(value);
    let id = constantIds.get(key);
    if (id === undefined) {
      constants.push(value);
      id = -2 - constants.length;
      constantIds.set(key, id);
    }
    return id;
  };

  const instruction = (op: number, a: number, b = 0, c = 0, d = 0): number => {
    const key = `${op}:${a}:${b}:${c}:${d}`;
    let id = instructionIds.get(key);
    if (id === undefined) {
      id = instructions.length;
      instructions.push([op, a, b, c, d]);
      instructionIds.set(key, id);
    }
    return id;
  };

  const visit = (node: Ast): number => {
    const known = nodeIds.get(node);
    if (known !== undefined) return known;
    let id: number;
    switch (node.kind) {
      case 'number':
      case 'constant':
        id = constant(node.value);
        break;
      case 'variable':
        id = node.name === 'x' ? X : Y;
        break;
      case 'negate': {
        const a = visit(node.arg);
        id = isConstant(a) ? constant(-constantValue(a)) : instruction(NEG, a);
        break;
      }
      case 'binary': {
        const a = visit(node.left);
        const b = visit(node.right);
        id =
          isConstant(a) && isConstant(b)
            ? constant(applyOperator(node.op, constantValue(a), constantValue(b)))
            : node.op === '^' && isConstant(b) && constantValue(b) === 2
              ? instruction(SQUARE, a) // as applyOperator does
              : instruction(BINARY_OPS[node.op], a, b);
        break;
      }
      case 'call1': {
        const a = visit(node.arg);
        id = isConstant(a)
          ? constant(applyUnary(node.fn, constantValue(a)))
          : instruction(UNARY_OPS[node.fn], a);
        break;
      }
      case 'call2': {
        const a = visit(node.left);
        const b = visit(node.right);
        id =
          isConstant(a) && isConstant(b)
            ? constant(applyBinary(node.fn, constantValue(a), constantValue(b)))
            : instruction(node.fn === 'min' ? MIN : MAX, a, b);
        break;
      }
      case 'choose': {
        const a = visit(node.left);
        const b = visit(node.right);
        const c = visit(node.ifLessOrEqual);
        const d = visit(node.otherwise);
        if (isConstant(a) && isConstant(b)) id = constantValue(a) <= constantValue(b) ? c : d;
        else id = instruction(CHOOSE, a, b, c, d);
        break;
      }
    }
    nodeIds.set(node, id);
    return id;
  };

  const rootIds = roots.map(visit);
  // Final slots: x → 0, y → 1, constant j → 2 + j, instruction k → 2 + constants + k.
  const first = 2 + constants.length;
  const slot = (id: number): number => (id >= 0 ? first + id : -id - 1);
  return new Program(
    constants,
    instructions.map(([op, a, b, c, d]) => [op, slot(a), slot(b), slot(c), slot(d)] as const),
    rootIds.map(slot),
  );
}
