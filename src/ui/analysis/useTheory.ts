/**
 * The theory of one run at its current point, refreshed at human speed: curvature, the GD
 * stability limit, and for quadratics the optimal settings. Shared by the theory panel and the
 * learning-rate slider's marks.
 */
import { useCallback, useMemo } from 'react';
import type { Surface } from '../../core/surfaces/surface.ts';
import { useLab } from '../../store/useLab.ts';
import { useLiveValue, useSurface } from '../hooks.ts';
import { currentRecord, recordAt } from '../liveViews.ts';
import { curvatureAt, isQuadratic, knownMinima, type Curvature } from '../math/curvature.ts';
import type { Point } from '../math/results.ts';
import type { OptimizerConfig } from '../../core/config/experiment.ts';
import {
  methodStabilityLimit,
  optimalSettings,
  type LimitMethod,
  type OptimalSettings,
} from '../math/theory.ts';

/** What the surface is like, independent of any run. */
export interface SurfaceFacts {
  readonly surface: Surface;
  readonly quadratic: boolean;
  readonly minima: readonly Point[];
}

/** Surface facts of the current problem, computed once per problem. */
export function useSurfaceFacts(): SurfaceFacts | null {
  const surface = useSurface();
  return useMemo(() => {
    if (!surface) return null;
    const quadratic = isQuadratic(surface);
    return { surface, quadratic, minima: knownMinima(surface, quadratic) };
  }, [surface]);
}

export interface RunTheory {
  /** The run's current point θ_t (the start before its first step). */
  readonly point: Point;
  /** t of θ_t. */
  readonly step: number;
  /** η_t, the learning rate of the step about to be taken from θ_t (the base rate before any frame). */
  readonly lr: number;
  readonly curvature: Curvature;
  /**
   * The stability limit of the run's own method (GD 2/λmax, heavy ball 2(1 + γ)/λmax,
   * Nesterov 2(1 + γ)/((1 + 2γ)λmax)); Infinity for adaptive methods, which have none.
   */
  readonly limit: number;
  /** Whose limit `limit` is; null for adaptive methods. */
  readonly limitMethod: LimitMethod | null;
  /** Optimal heavy-ball settings when the surface is a strictly convex quadratic. */
  readonly optimal: OptimalSettings | null;
}

/** Theory of run `label` at its current point, or null (no surface, unknown run). */
export function useRunTheory(label: string, facts: SurfaceFacts | null): RunTheory | null {
  const start = useLab((s) =>
    'start' in s.experiment.problem ? s.experiment.problem.start : null,
  );
  const optimizer: OptimizerConfig | undefined = useLab(
    (s) => s.experiment.runs.find((r) => r.label === label)?.optimizer,
  );
  const baseLr = optimizer?.lr ?? NaN;
  const shownStep = useLab((s) => s.shownStep);
  const run = useLab((s) => s.experiment.runs.find((r) => r.label === label));
  const read = useCallback(
    (live: import('../../store/runHistory.ts').RunHistory): string => {
      // Where the run is now (the preview of its next step, whose η is the one it will use),
      // or at the step scrubber's step.
      const now =
        shownStep === null || !run ? currentRecord(live, label) : recordAt(live, run, shownStep);
      const params = now?.params;
      const point = params && params.length >= 2 ? [params[0]!, params[1]!] : start;
      return JSON.stringify([point, now?.step ?? 0, now?.lr ?? baseLr]);
    },
    [label, start, baseLr, shownStep, run],
  );
  // A string key makes "nothing moved" cheap to detect.
  const key = useLiveValue(read);
  return useMemo(() => {
    if (!facts) return null;
    const [point, step, lr] = JSON.parse(key) as [Point | null, number, number];
    if (!point || !point.every(Number.isFinite)) return null;
    const curvature = curvatureAt(facts.surface, point[0], point[1]);
    if (!curvature.hessian.every(Number.isFinite)) return null;
    const own = optimizer ? methodStabilityLimit(optimizer, curvature.lambdaMax) : null;
    return {
      point,
      step,
      lr,
      curvature,
      limit: own?.limit ?? Infinity,
      limitMethod: own?.method ?? null,
      optimal: facts.quadratic ? optimalSettings(curvature.lambdaMin, curvature.lambdaMax) : null,
    };
  }, [facts, key, optimizer]);
}
