/**
 * The registry of analytic surfaces, and the one entry point that turns a surface problem
 * (a name and parameters, or a custom formula) into a {@link Surface}.
 */
import type { SurfaceName } from '../config/experiment.ts';
import { compileFormula, type FormulaSurface } from '../expression/index.ts';
import { ackley } from './ackley.ts';
import { beale } from './beale.ts';
import { himmelblau } from './himmelblau.ts';
import { parameterDefaults } from './parameters.ts';
import { quadratic } from './quadratic.ts';
import { rastrigin } from './rastrigin.ts';
import { ravine } from './ravine.ts';
import { rosenbrock } from './rosenbrock.ts';
import { saddle } from './saddle.ts';
import { sixHumpCamel } from './sixHumpCamel.ts';
import type { Surface, SurfaceDefinition } from './surface.ts';

export type {
  CriticalPoint,
  Surface,
  SurfaceDefinition,
  SurfaceParameter,
  ViewBox,
} from './surface.ts';

/** Every analytic surface by name, in the order a picker should list them. */
export const SURFACES: Readonly<Record<SurfaceName, SurfaceDefinition>> = {
  quadratic,
  rosenbrock,
  beale,
  himmelblau,
  saddle,
  rastrigin,
  ackley,
  sixHumpCamel,
  ravine,
};

/** What {@link createSurface} needs of a surface problem. */
export interface SurfaceSpec {
  readonly surface: SurfaceName | 'custom';
  /** The formula in x and y, when `surface` is "custom". */
  readonly expression?: string | undefined;
  /** Parameter values by name; missing ones take their defaults. */
  readonly params: Readonly<Record<string, number>>;
}

/**
 * The surface of a problem. For "custom" the expression is compiled and a FormulaError is
 * thrown if it is not a valid formula (a missing expression counts as empty); for a named
 * surface a RangeError is thrown for a parameter outside its range.
 */
export function createSurface(problem: SurfaceSpec): Surface {
  if (problem.surface === 'custom') return compileFormula(problem.expression ?? '');
  return SURFACES[problem.surface].create(problem.params);
}

/** Compiles a custom formula into a surface (throws FormulaError with the position). */
export function compileCustomSurface(expression: string): FormulaSurface {
  return compileFormula(expression);
}

/** Default parameter values of a surface by name ({} for custom formulas and fixed surfaces). */
export function surfaceParamDefaults(name: SurfaceName | 'custom'): Record<string, number> {
  return name === 'custom' ? {} : parameterDefaults(SURFACES[name].parameters);
}
