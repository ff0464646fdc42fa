/**
 * Ackley's function (a = 20, b = 0.2, c = 2π):
 *
 *     f(x, y) = −20·exp(−0.2·√(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20.
 *
 * A nearly flat, egg-crate outer region full of local minima around a single deep funnel;
 * the global minimum is f(0, 0) = 0. The funnel's tip is a cone point: f is not
 * differentiable at the origin. There the gradient returned is 0 (a valid subgradient, so a
 * run that lands exactly on the minimum stays there) and the Hessian, which does not exist,
 * is NaN.
 */
import type { Surface, SurfaceDefinition } from './surface.ts';

const TWO_PI = 2 * Math.PI;

/** The Ackley surface (no parameters). */
export const ackleySurface: Surface = {
  title: 'Ackley',
  formula: '−20 exp(−0.2 √(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20',
  viewBox: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
  start: [3.3, -2.8],
  criticalPoints: [{ x: 0, y: 0, value: 0, kind: 'global' }],
  value(x, y) {
    const r = Math.sqrt(0.5 * (x * x + y * y));
    const e = Math.exp(0.5 * (Math.cos(TWO_PI * x) + Math.cos(TWO_PI * y)));
    return -20 * Math.exp(-0.2 * r) - e + Math.E + 20;
  },
  valueAndGradient(x, y, gradOut) {
    const r = Math.sqrt(0.5 * (x * x + y * y));
    const q = Math.exp(-0.2 * r);
    const e = Math.exp(0.5 * (Math.cos(TWO_PI * x) + Math.cos(TWO_PI * y)));
    // d(−20q)/dx = 4q·∂r/∂x = 4q·x/(2r) = 2q·x/r; d(−e)/dx = π·e·sin 2πx.
    const cone = r === 0 ? 0 : (2 * q) / r;
    gradOut[0] = cone * x + Math.PI * e * Math.sin(TWO_PI * x);
    gradOut[1] = cone * y + Math.PI * e * Math.sin(TWO_PI * y);
    return -20 * q - e + Math.E + 20;
  },
  hessian(x, y, out) {
    const r = Math.sqrt(0.5 * (x * x + y * y));
    if (r === 0) {
      out[0] = NaN;
      out[1] = NaN;
      out[2] = NaN;
      return;
    }
    const q = Math.exp(-0.2 * r);
    const e = Math.exp(0.5 * (Math.cos(TWO_PI * x) + Math.cos(TWO_PI * y)));
    const sx = Math.sin(TWO_PI * x);
    const sy = Math.sin(TWO_PI * y);
    const r2 = r * r;
    const r3 = r2 * r;
    const pi2 = Math.PI * Math.PI;
    // Cone term g = 2q·x/r: ∂g/∂x = 2q(1/r − 0.1x²/r² − 0.5x²/r³), ∂g/∂y = −q·xy(0.2/r² + 1/r³).
    // Ripple term h = π·e·sin 2πx: ∂h/∂x = π²e(2cos 2πx − sin² 2πx), ∂h/∂y = −π²e·sin 2πx·sin 2πy.
    out[0] =
      2 * q * (1 / r - (0.1 * x * x) / r2 - (0.5 * x * x) / r3) +
      pi2 * e * (2 * Math.cos(TWO_PI * x) - sx * sx);
    out[1] = -q * x * y * (0.2 / r2 + 1 / r3) - pi2 * e * sx * sy;
    out[2] =
      2 * q * (1 / r - (0.1 * y * y) / r2 - (0.5 * y * y) / r3) +
      pi2 * e * (2 * Math.cos(TWO_PI * y) - sy * sy);
  },
};

/** Registry entry for {@link ackleySurface}. */
export const ackley: SurfaceDefinition = {
  title: ackleySurface.title,
  parameters: [],
  create: () => ackleySurface,
};
