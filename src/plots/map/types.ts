/** What the loss-surface map draws on top of its field: runs, their arrows, highlighted points. */
import type { MarkerShape } from '../palette.ts';

/** Vectors drawn at a run's current point, in data units. */
export interface TrajectoryArrows {
  /**
   * ∇f at the current point; drawn as −∇f (the descent direction), labelled "−∇f", its length
   * proportional to |∇f| (see the map's gradient scale).
   */
  readonly gradient?: readonly [number, number];
  /**
   * The mini-batch gradient g_B the optimizer used, drawn as −g_B on the same scale as −∇f
   * so their lengths and directions compare (the batch lab's noise); labelled "−g_B".
   */
  readonly batchGradient?: readonly [number, number];
  /** The velocity's displacement of θ (e.g. −v for classic momentum), labelled "v". */
  readonly velocity?: readonly [number, number];
  /** The actual step θ_{t+1} − θ_t, labelled "Δθ". */
  readonly step?: readonly [number, number];
}

/** One run's path on the map. */
export interface TrajectoryView {
  readonly label: string;
  /** CSS colour (see RUN_STYLES). */
  readonly color: string;
  /** SVG stroke-dasharray; '' for solid. */
  readonly dash: string;
  /** Marker at the current point; default 'circle'. */
  readonly marker?: MarkerShape;
  /** θ_0, θ_1, … flattened as (x0, y0, x1, y1, …); only the first `count` points are read. */
  readonly points: Float64Array;
  /** Number of points in use. */
  readonly count: number;
  /**
   * Where the run is now, θ_t, when it is not the last of `points` (which then hold the
   * completed steps θ_0 … θ_{t−1}): the line continues to it and the marker and arrows sit at it.
   */
  readonly current?: readonly [number, number];
  readonly arrows?: TrajectoryArrows;
  /** The run stopped on a non-finite value: its last finite point is marked with ✕. */
  readonly diverged?: boolean;
}

/** An extra point to ring on the map (e.g. the nearest minimum), with a name. */
export interface HighlightPoint {
  readonly x: number;
  readonly y: number;
  readonly label: string;
  /** Also write the label beside the ring (default: only as its tooltip). */
  readonly visibleLabel?: boolean;
  /** 'dashed' (default) or 'solid' ring, to tell two highlights apart without colour. */
  readonly ring?: 'dashed' | 'solid';
}

/**
 * Where a run is now: its `current` point when finite, else the last finite one of `points` (a
 * diverged run's last good position); NaNs when it has none.
 */
export function currentPoint(view: TrajectoryView): readonly [number, number] {
  const c = view.current;
  if (c && Number.isFinite(c[0]) && Number.isFinite(c[1])) return c;
  for (let i = Math.min(view.count, view.points.length >> 1) - 1; i >= 0; i--) {
    const x = view.points[2 * i] as number;
    const y = view.points[2 * i + 1] as number;
    if (Number.isFinite(x) && Number.isFinite(y)) return [x, y];
  }
  return [NaN, NaN];
}
