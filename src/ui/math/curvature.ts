/**
 * Curvature facts about a surface that the theory panel and the plots need: the Hessian's
 * eigenvalues at a point, whether the surface is a quadratic (constant Hessian), and its
 * known minima.
 */
import type { Surface } from '../../core/surfaces/surface.ts';
import { symmetricEigen2, type Eigen2 } from './theory.ts';
import type { Point } from './results.ts';

/** The Hessian [fxx, fxy, fyy] at a point with its eigen-decomposition. */
export interface Curvature extends Eigen2 {
  readonly hessian: readonly [number, number, number];
}

/** The curvature of `surface` at (x, y). */
export function curvatureAt(surface: Surface, x: number, y: number): Curvature {
  const h = new Float64Array(3);
  surface.hessian(x, y, h);
  const hessian: [number, number, number] = [h[0]!, h[1]!, h[2]!];
  return { hessian, ...symmetricEigen2(hessian[0], hessian[1], hessian[2]) };
}

/**
 * Whether the surface is a quadratic: its Hessian is the same (to 1e-9 relative) at the view
 * box's centre and four points around it. A surface that is quadratic only locally is not.
 */
export function isQuadratic(surface: Surface): boolean {
  const { xMin, xMax, yMin, yMax } = surface.viewBox;
  const probes: Array<[number, number]> = [
    [(xMin + xMax) / 2, (yMin + yMax) / 2],
    [xMin + 0.2 * (xMax - xMin), yMin + 0.3 * (yMax - yMin)],
    [xMin + 0.8 * (xMax - xMin), yMin + 0.1 * (yMax - yMin)],
    [xMin + 0.35 * (xMax - xMin), yMin + 0.9 * (yMax - yMin)],
    [xMin + 0.95 * (xMax - xMin), yMin + 0.7 * (yMax - yMin)],
  ];
  const first = curvatureAt(surface, probes[0]![0], probes[0]![1]).hessian;
  const scale = Math.max(1e-300, ...first.map(Math.abs));
  if (!first.every(Number.isFinite)) return false;
  return probes.every(([x, y]) => {
    const h = curvatureAt(surface, x, y).hessian;
    return h.every((v, i) => Math.abs(v - first[i]!) <= 1e-9 * scale);
  });
}

/**
 * The minimum of a strictly convex quadratic, one Newton step from anywhere:
 * θ* = θ − H⁻¹∇f(θ). Null when the Hessian is not positive definite.
 */
export function newtonMinimum(surface: Surface, x: number, y: number): Point | null {
  const { hessian, lambdaMin } = curvatureAt(surface, x, y);
  if (!(lambdaMin > 0)) return null;
  const g = new Float64Array(2);
  surface.valueAndGradient(x, y, g);
  const [a, b, c] = hessian;
  const det = a * c - b * b;
  // H⁻¹ = (1/det)·[[c, −b], [−b, a]].
  const dx = (c * g[0]! - b * g[1]!) / det;
  const dy = (-b * g[0]! + a * g[1]!) / det;
  const point: Point = [x - dx, y - dy];
  return point.every(Number.isFinite) ? point : null;
}

/**
 * The minima (global and local) the surface declares; for a strictly convex quadratic that
 * declares none (e.g. a custom formula), its Newton minimum.
 */
export function knownMinima(surface: Surface, quadratic: boolean = isQuadratic(surface)): Point[] {
  const declared = surface.criticalPoints
    .filter((p) => p.kind !== 'saddle')
    .map((p): Point => [p.x, p.y]);
  if (declared.length > 0 || !quadratic) return declared;
  const { xMin, xMax, yMin, yMax } = surface.viewBox;
  const found = newtonMinimum(surface, (xMin + xMax) / 2, (yMin + yMax) / 2);
  return found ? [found] : [];
}
