/**
 * Beale's function: f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)².
 * Global minimum f(3, 0.5) = 0 in a narrow curved valley; steep walls (f reaches ~10⁵ at the
 * corners of the view) and a flat plateau near x = 0, where f(0, y) = 14.203125 for every y
 * and (0, 1) is a saddle point.
 */
import type { Surface, SurfaceDefinition } from './surface.ts';

/** The Beale surface (no parameters). */
export const bealeSurface: Surface = {
  title: 'Beale',
  formula: '(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²',
  viewBox: { xMin: -4.5, xMax: 4.5, yMin: -4.5, yMax: 4.5 },
  start: [1, 1.5],
  criticalPoints: [
    { x: 3, y: 0.5, value: 0, kind: 'global' },
    // 1.5² + 2.25² + 2.625² = 2.25 + 5.0625 + 6.890625
    { x: 0, y: 1, value: 14.203125, kind: 'saddle' },
  ],
  value(x, y) {
    // Same operations as valueAndGradient, so both return the same double.
    const y2 = y * y;
    const t1 = 1.5 - x + x * y;
    const t2 = 2.25 - x + x * y2;
    const t3 = 2.625 - x + x * (y2 * y);
    return t1 * t1 + t2 * t2 + t3 * t3;
  },
  valueAndGradient(x, y, gradOut) {
    const y2 = y * y;
    const y3 = y2 * y;
    const t1 = 1.5 - x + x * y;
    const t2 = 2.25 - x + x * y2;
    const t3 = 2.625 - x + x * y3;
    gradOut[0] = 2 * (t1 * (y - 1) + t2 * (y2 - 1) + t3 * (y3 - 1));
    gradOut[1] = 2 * x * (t1 + 2 * y * t2 + 3 * y2 * t3);
    return t1 * t1 + t2 * t2 + t3 * t3;
  },
  hessian(x, y, out) {
    const y2 = y * y;
    const y3 = y2 * y;
    const t2 = 2.25 - x + x * y2;
    const t3 = 2.625 - x + x * y3;
    const t1 = 1.5 - x + x * y;
    const a1 = y - 1;
    const a2 = y2 - 1;
    const a3 = y3 - 1;
    // ∂tᵢ/∂x = yⁱ − 1 and ∂tᵢ/∂y = i·x·yⁱ⁻¹; f = Σ tᵢ², so each second derivative is
    // 2·Σ(∂tᵢ·∂tᵢ + tᵢ·∂²tᵢ) with ∂²tᵢ/∂x² = 0.
    const b1 = x;
    const b2 = 2 * x * y;
    const b3 = 3 * x * y2;
    out[0] = 2 * (a1 * a1 + a2 * a2 + a3 * a3);
    out[1] = 2 * (a1 * b1 + t1 + a2 * b2 + t2 * 2 * y + a3 * b3 + t3 * 3 * y2);
    out[2] = 2 * (b1 * b1 + b2 * b2 + t2 * 2 * x + b3 * b3 + t3 * 6 * x * y);
  },
};

/** Registry entry for {@link bealeSurface}. */
export const beale: SurfaceDefinition = {
  title: bealeSurface.title,
  parameters: [],
  create: () => bealeSurface,
};
