/**
 * A long, narrow, winding ravine:
 *
 *     f(x, y) = x²/10 + k·(y − a·sin x)².
 *
 * The floor is the curve y = a·sin x, along which f = x²/10 falls gently to the only
 * critical point, the global minimum f(0, 0) = 0 (∂f/∂y = 0 forces y = a·sin x, and then
 * ∂f/∂x = x/5 = 0). Across the floor the walls rise with curvature 2k, along it with
 * curvature ≈ 0.2/(1 + a²cos²x), so plain gradient descent must keep its step below ≈ 1/k and
 * then crawls along the floor, while momentum picks up speed along it. With bend a = 0 it
 * is a straight, axis-aligned valley (a quadratic with condition number 10k).
 */
import type { Surface, SurfaceDefinition, SurfaceParameter } from './surface.ts';
import { readParameter } from './parameters.ts';
import { formatReadout } from '../numbers.ts';

/** Wall steepness k ∈ [1, 100], default 10. */
export const STEEPNESS: SurfaceParameter = {
  name: 'steepness',
  label: 'Wall steepness k',
  default: 10,
  min: 1,
  max: 100,
};

/** Bend a of the floor y = a·sin x, ∈ [0, 2], default 1 (0 = straight). */
export const BEND: SurfaceParameter = {
  name: 'bend',
  label: 'Valley bend a',
  default: 1,
  min: 0,
  max: 2,
};

/** The ravine with wall steepness k and bend a. */
export function createRavine(k: number, a: number): Surface {
  const wall = k === 1 ? '' : formatReadout(k);
  const floor = a === 0 ? 'y' : a === 1 ? '(y − sin x)' : `(y − ${formatReadout(a)} sin x)`;
  return {
    title: 'Ravine',
    formula: `x²/10 + ${wall}${floor}²`,
    viewBox: { xMin: -6, xMax: 6, yMin: -3, yMax: 3 },
    start: [-5, -1],
    criticalPoints: [{ x: 0, y: 0, value: 0, kind: 'global' }],
    value(x, y) {
      const w = y - a * Math.sin(x);
      return 0.1 * x * x + k * w * w;
    },
    valueAndGradient(x, y, gradOut) {
      const w = y - a * Math.sin(x);
      gradOut[0] = 0.2 * x - 2 * k * a * Math.cos(x) * w;
      gradOut[1] = 2 * k * w;
      return 0.1 * x * x + k * w * w;
    },
    hessian(x, y, out) {
      const s = Math.sin(x);
      const c = Math.cos(x);
      const w = y - a * s;
      out[0] = 0.2 + 2 * k * a * (s * w + a * c * c);
      out[1] = -2 * k * a * c;
      out[2] = 2 * k;
    },
  };
}

/** The ravine family; parameters `steepness` and `bend`. */
export const ravine: SurfaceDefinition = {
  title: 'Ravine',
  parameters: [STEEPNESS, BEND],
  create: (params) => createRavine(readParameter(params, STEEPNESS), readParameter(params, BEND)),
};
