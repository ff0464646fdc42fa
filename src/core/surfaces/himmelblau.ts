/**
 * Himmelblau's function: f(x, y) = (x² + y − 11)² + (x + y² − 7)². Four global minima with
 * f = 0 (one at (3, 2), three irrational), four saddle points between them and a local maximum
 * near (−0.27, −0.92): which minimum an optimizer reaches depends on where, and how, it starts.
 * The irrational critical points were located by Newton's method on the exact gradient to
 * machine precision.
 */
import type { Surface, SurfaceDefinition } from './surface.ts';

/** The Himmelblau surface (no parameters). */
export const himmelblauSurface: Surface = {
  title: 'Himmelblau',
  formula: '(x² + y − 11)² + (x + y² − 7)²',
  viewBox: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
  start: [0, 0],
  criticalPoints: [
    { x: 3, y: 2, value: 0, kind: 'global' },
    { x: -2.805118086952745, y: 3.131312518250573, value: 0, kind: 'global' },
    { x: -3.779310253377747, y: -3.28318599128617, value: 0, kind: 'global' },
    { x: 3.584428340330492, y: -1.848126526964403, value: 0, kind: 'global' },
    { x: 0.08667750455539634, y: 2.884254701174776, value: 67.71915008752613, kind: 'saddle' },
    { x: -3.07302575076439, y: -0.08135304428796751, value: 104.0151629175581, kind: 'saddle' },
    { x: 3.385154183607021, y: 0.07385187983774928, value: 13.31192627040559, kind: 'saddle' },
    { x: -0.12796134673068, y: -1.953714980244577, value: 178.3372392019274, kind: 'saddle' },
  ],
  value(x, y) {
    const a = x * x + y - 11;
    const b = x + y * y - 7;
    return a * a + b * b;
  },
  valueAndGradient(x, y, gradOut) {
    const a = x * x + y - 11;
    const b = x + y * y - 7;
    gradOut[0] = 4 * x * a + 2 * b;
    gradOut[1] = 2 * a + 4 * y * b;
    return a * a + b * b;
  },
  hessian(x, y, out) {
    out[0] = 12 * x * x + 4 * y - 42;
    out[1] = 4 * (x + y);
    out[2] = 4 * x + 12 * y * y - 26;
  },
};

/** Registry entry for {@link himmelblauSurface}. */
export const himmelblau: SurfaceDefinition = {
  title: himmelblauSurface.title,
  parameters: [],
  create: () => himmelblauSurface,
};
