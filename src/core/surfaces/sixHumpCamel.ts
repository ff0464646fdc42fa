/**
 * The six-hump camel function: f(x, y) = (4 − 2.1x² + x⁴/3)x² + xy + (4y² − 4)y².
 * Six minima: two global, f = −1.0316 at ±(0.0898, −0.7126); two local at
 * ±(−1.7036, 0.7961) with f = −0.2155; two local at ±(1.6071, 0.5687) with f = 2.1043.
 * The origin is a saddle between the two global minima. Coordinates were refined by Newton's
 * method on the exact gradient to machine precision.
 */
import type { Surface, SurfaceDefinition } from './surface.ts';

/** The six-hump camel surface (no parameters). */
export const sixHumpCamelSurface: Surface = {
  title: 'Six-hump camel',
  formula: '(4 − 2.1x² + x⁴/3)x² + xy + (4y² − 4)y²',
  viewBox: { xMin: -2, xMax: 2, yMin: -1, yMax: 1 },
  start: [-1.2, 0.9],
  criticalPoints: [
    { x: 0.08984201310031807, y: -0.7126564030207396, value: -1.031628453489877, kind: 'global' },
    { x: -0.08984201310031807, y: 0.7126564030207396, value: -1.031628453489877, kind: 'global' },
    { x: -1.703606714969981, y: 0.7960835686726251, value: -0.2154638243837188, kind: 'local' },
    { x: 1.703606714969981, y: -0.7960835686726251, value: -0.2154638243837188, kind: 'local' },
    { x: 1.607104752920198, y: 0.5686514548841313, value: 2.104250310311258, kind: 'local' },
    { x: -1.607104752920198, y: -0.5686514548841313, value: 2.104250310311258, kind: 'local' },
    { x: 0, y: 0, value: 0, kind: 'saddle' },
  ],
  value(x, y) {
    const x2 = x * x;
    const y2 = y * y;
    return (4 - 2.1 * x2 + (x2 * x2) / 3) * x2 + x * y + (4 * y2 - 4) * y2;
  },
  valueAndGradient(x, y, gradOut) {
    const x2 = x * x;
    const y2 = y * y;
    gradOut[0] = 8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y;
    gradOut[1] = x - 8 * y + 16 * y2 * y;
    return (4 - 2.1 * x2 + (x2 * x2) / 3) * x2 + x * y + (4 * y2 - 4) * y2;
  },
  hessian(x, y, out) {
    const x2 = x * x;
    out[0] = 8 - 25.2 * x2 + 10 * x2 * x2;
    out[1] = 1;
    out[2] = 48 * y * y - 8;
  },
};

/** Registry entry for {@link sixHumpCamelSurface}. */
export const sixHumpCamel: SurfaceDefinition = {
  title: sixHumpCamelSurface.title,
  parameters: [],
  create: () => sixHumpCamelSurface,
};
