/**
 * The ill-conditioned quadratic, the textbook picture of why gradient descent zig-zags:
 *
 *     f(x, y) = ½(λmin·u² + λmax·v²),   u =  x·cos θ + y·sin θ,
 *                                       v = −x·sin θ + y·cos θ,
 *
 * with λmax = 1 and λmin = 1/κ. The Hessian is constant, with eigenvalues λmax = 1 (across the
 * valley) and 1/κ (along it); the valley's long axis is the x-axis turned by θ
 * counter-clockwise. Gradient descent is stable for η < 2/λmax = 2, the best constant step is
 * η = 2/(λmax + λmin), and the best heavy-ball momentum is ((√κ − 1)/(√κ + 1))².
 */
import type { Surface, SurfaceDefinition, SurfaceParameter } from './surface.ts';
import { readParameter } from './parameters.ts';
import { formatReadout } from '../numbers.ts';

/** The larger Hessian eigenvalue λmax of the quadratic (the smaller is λmax/κ). */
export const QUADRATIC_LARGEST_EIGENVALUE = 1;

/** κ = λmax/λmin ∈ [1, 10 000], default 10. */
export const CONDITION_NUMBER: SurfaceParameter = {
  name: 'conditionNumber',
  label: 'Condition number κ',
  default: 10,
  min: 1,
  max: 10_000,
};

/** θ in degrees ∈ [−90, 90], default 0 (valley along the x-axis). */
export const ROTATION: SurfaceParameter = {
  name: 'rotation',
  label: 'Rotation θ (degrees)',
  default: 0,
  min: -90,
  max: 90,
};

/** The quadratic with condition number κ = `conditionNumber` turned by `rotation` degrees. */
export function createQuadratic(conditionNumber: number, rotation: number): Surface {
  const lambdaMax = QUADRATIC_LARGEST_EIGENVALUE;
  const lambdaMin = lambdaMax / conditionNumber;
  const theta = (rotation * Math.PI) / 180;
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  // H = R·diag(λmin, λmax)·Rᵀ, so f = ½(hxx·x² + 2·hxy·x·y + hyy·y²) and ∇f = H·(x, y).
  const hxx = lambdaMin * c * c + lambdaMax * s * s;
  const hxy = (lambdaMin - lambdaMax) * c * s;
  const hyy = lambdaMin * s * s + lambdaMax * c * c;
  const inverse = conditionNumber === 1 ? '' : `/${formatReadout(conditionNumber)}`;
  const formula =
    rotation === 0
      ? `½(x²${inverse} + y²)`
      : `½(u²${inverse} + v²), u = x cos θ + y sin θ, v = y cos θ − x sin θ, θ = ${formatReadout(rotation).replace('-', '−')}°`;
  return {
    title: 'Ill-conditioned quadratic',
    formula,
    viewBox: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
    start: [-4, 2],
    criticalPoints: [{ x: 0, y: 0, value: 0, kind: 'global' }],
    value(x, y) {
      // f = ½·(x, y)·H·(x, y), in the same operations as valueAndGradient.
      return 0.5 * ((hxx * x + hxy * y) * x + (hxy * x + hyy * y) * y);
    },
    valueAndGradient(x, y, gradOut) {
      const gx = hxx * x + hxy * y;
      const gy = hxy * x + hyy * y;
      gradOut[0] = gx;
      gradOut[1] = gy;
      return 0.5 * (gx * x + gy * y);
    },
    hessian(_x, _y, out) {
      out[0] = hxx;
      out[1] = hxy;
      out[2] = hyy;
    },
  };
}

/** The quadratic family; parameters `conditionNumber` and `rotation`. */
export const quadratic: SurfaceDefinition = {
  title: 'Ill-conditioned quadratic',
  parameters: [CONDITION_NUMBER, ROTATION],
  create: (params) =>
    createQuadratic(readParameter(params, CONDITION_NUMBER), readParameter(params, ROTATION)),
};
