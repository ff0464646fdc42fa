/**
 * Rosenbrock's banana: f(x, y) = (1 − x)² + 100(y − x²)². A curved, flat-bottomed valley
 * along y = x²; the global minimum f(1, 1) = 0 sits at its end, where the Hessian
 * [[802, −400], [−400, 200]] has condition number ≈ 2 508.
 */
import type { Surface, SurfaceDefinition } from './surface.ts';

/** The Rosenbrock surface (no parameters). */
export const rosenbrockSurface: Surface = {
  title: 'Rosenbrock',
  formula: '(1 − x)² + 100(y − x²)²',
  viewBox: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 },
  start: [-1.5, 2],
  criticalPoints: [{ x: 1, y: 1, value: 0, kind: 'global' }],
  value(x, y) {
    const a = 1 - x;
    const b = y - x * x;
    return a * a + 100 * b * b;
  },
  valueAndGradient(x, y, gradOut) {
    const a = 1 - x;
    const b = y - x * x;
    gradOut[0] = -2 * a - 400 * x * b;
    gradOut[1] = 200 * b;
    return a * a + 100 * b * b;
  },
  hessian(x, y, out) {
    out[0] = 2 - 400 * y + 1200 * x * x;
    out[1] = -400 * x;
    out[2] = 200;
  },
};

/** Registry entry for {@link rosenbrockSurface}. */
export const rosenbrock: SurfaceDefinition = {
  title: rosenbrockSurface.title,
  parameters: [],
  create: () => rosenbrockSurface,
};
