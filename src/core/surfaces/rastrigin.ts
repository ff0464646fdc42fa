/**
 * Rastrigin's function in 2D with A = 10:
 *
 *     f(x, y) = 2A + x² − A·cos 2πx + y² − A·cos 2πy.
 *
 * A bowl covered in a regular grid of local minima, near every integer point; the global
 * minimum is f(0, 0) = 0. The four nearest local minima sit at a distance 0.99496 from the
 * origin (not exactly 1: the bowl pulls them inwards), with f = 0.99496.
 */
import type { CriticalPoint, Surface, SurfaceDefinition } from './surface.ts';

const A = 10;
const TWO_PI = 2 * Math.PI;

/** Root of 2r + 2πA·sin 2πr = 0 near r = 1 (Newton's method, to machine precision). */
const R = 0.9949586376523348;
/** f at (R, 0): R² + A − A·cos 2πR. */
const F_R = 0.9949590570932916;

const nearestLocalMinima: CriticalPoint[] = [
  { x: R, y: 0, value: F_R, kind: 'local' },
  { x: -R, y: 0, value: F_R, kind: 'local' },
  { x: 0, y: R, value: F_R, kind: 'local' },
  { x: 0, y: -R, value: F_R, kind: 'local' },
];

/** The Rastrigin surface (no parameters). */
export const rastriginSurface: Surface = {
  title: 'Rastrigin',
  formula: '20 + x² − 10 cos 2πx + y² − 10 cos 2πy',
  viewBox: { xMin: -5.12, xMax: 5.12, yMin: -5.12, yMax: 5.12 },
  start: [-2.2, 3.3],
  criticalPoints: [{ x: 0, y: 0, value: 0, kind: 'global' }, ...nearestLocalMinima],
  value(x, y) {
    return 2 * A + x * x - A * Math.cos(TWO_PI * x) + y * y - A * Math.cos(TWO_PI * y);
  },
  valueAndGradient(x, y, gradOut) {
    const cx = Math.cos(TWO_PI * x);
    const cy = Math.cos(TWO_PI * y);
    gradOut[0] = 2 * x + TWO_PI * A * Math.sin(TWO_PI * x);
    gradOut[1] = 2 * y + TWO_PI * A * Math.sin(TWO_PI * y);
    return 2 * A + x * x - A * cx + y * y - A * cy;
  },
  hessian(x, y, out) {
    out[0] = 2 + TWO_PI * TWO_PI * A * Math.cos(TWO_PI * x);
    out[1] = 0;
    out[2] = 2 + TWO_PI * TWO_PI * A * Math.cos(TWO_PI * y);
  },
};

/** Registry entry for {@link rastriginSurface}. */
export const rastrigin: SurfaceDefinition = {
  title: rastriginSurface.title,
  parameters: [],
  create: () => rastriginSurface,
};
