/** A point of interest on a surface: a minimum (or a saddle, for display). */
export interface CriticalPoint {
  readonly x: number;
  readonly y: number;
  readonly value: number;
  readonly kind: 'global' | 'local' | 'saddle';
}

/** The rectangle of the plane a surface is best looked at in. */
export interface ViewBox {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/** A tunable parameter of a surface family, e.g. the quadratic's condition number. */
export interface SurfaceParameter {
  readonly name: string;
  readonly label: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

/**
 * A 2D loss surface f(x, y) with its exact derivatives. Hot-path methods write into buffers
 * the caller owns and allocate nothing.
 */
export interface Surface {
  /** Human name, e.g. "Rosenbrock". */
  readonly title: string;
  /** The formula as a learner would write it, e.g. "(1 − x)² + 100(y − x²)²". */
  readonly formula: string;
  readonly viewBox: ViewBox;
  /** Default start point. */
  readonly start: readonly [number, number];
  /** Known minima (and saddles); empty when unknown (custom formulas). */
  readonly criticalPoints: readonly CriticalPoint[];
  value(x: number, y: number): number;
  /** Returns f(x, y) and writes ∂f/∂x, ∂f/∂y into `gradOut[0]`, `gradOut[1]`. */
  valueAndGradient(x: number, y: number, gradOut: Float64Array): number;
  /** Writes the Hessian [fxx, fxy, fyy] into `out[0..2]`. */
  hessian(x: number, y: number, out: Float64Array): void;
}

/**
 * A named family of surfaces: its title, its tunable parameters, and a factory. `create`
 * fills missing parameters with their defaults and throws a RangeError for a value outside
 * [min, max] (validated configs never contain one).
 */
export interface SurfaceDefinition {
  readonly title: string;
  readonly parameters: readonly SurfaceParameter[];
  create(params: Readonly<Record<string, number>>): Surface;
}
