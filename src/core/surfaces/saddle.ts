/**
 * The saddle f(x, y) = x² − y². No minimum: the origin is a saddle point (a
 * minimum along x, a maximum along y), and f is unbounded below. Started just off the x-axis,
 * gradient descent slides towards the saddle, stalls there, and only slowly escapes along y;
 * momentum and adaptive methods escape sooner.
 */
import type { Surface, SurfaceDefinition } from './surface.ts';

/** The saddle surface (no parameters). */
export const saddleSurface: Surface = {
  title: 'Saddle',
  formula: 'x² − y²',
  viewBox: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
  // A hair off the ridge y = 0: exactly on it, descent would converge to the saddle.
  start: [-1.5, 0.01],
  criticalPoints: [{ x: 0, y: 0, value: 0, kind: 'saddle' }],
  value(x, y) {
    return x * x - y * y;
  },
  valueAndGradient(x, y, gradOut) {
    gradOut[0] = 2 * x;
    gradOut[1] = -2 * y;
    return x * x - y * y;
  },
  hessian(_x, _y, out) {
    out[0] = 2;
    out[1] = 0;
    out[2] = -2;
  },
};

/** Registry entry for {@link saddleSurface}. */
export const saddle: SurfaceDefinition = {
  title: saddleSurface.title,
  parameters: [],
  create: () => saddleSurface,
};
