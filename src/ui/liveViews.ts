/**
 * Adapters from the store's live series to the plots' LiveSources: trajectories with their
 * arrows for the contour map, and loss / distance / η series and live-change markers for the
 * line charts. Each `getState()` reads the bounded buffers as they are (no copies of the columns);
 * listeners hear of new frames and of experiment edits (a run added, restyled or removed).
 *
 * The series hold the completed steps' records θ_0 … θ_{t−1}; where a run is now, θ_t, and
 * what its next step will do come from the preview of that step (`RunHistory.next`), so a
 * paused run moves on the map with every Step and its arrows show the step about to come.
 */
import type { Experiment, OptimizerConfig, RunConfig } from '../core/config/experiment.ts';
import { primaryStateName } from '../core/optimizers/index.ts';
import type { StepRecord } from '../core/run/records.ts';
import type { Surface } from '../core/surfaces/surface.ts';
import type { TrajectoryView } from '../plots/ContourPlot.tsx';
import type { ChartEvent, LineSeriesView } from '../plots/LineChart.tsx';
import { runStyle, type RunStyle } from '../plots/palette.ts';
import { nearestIndex } from '../plots/scales.ts';
import { formatReadout } from '../core/numbers.ts';
import type { LiveSource } from '../plots/source.ts';
import { shallow } from 'zustand/vanilla/shallow';
import type { LabState, LabStore } from '../store/labStore.ts';
import type { LivePace } from '../store/liveSlice.ts';
import type { RunHistory } from '../store/runHistory.ts';
import type { LiveEvent } from '../worker/protocol.ts';
import { distancesToNearest, type Point } from './math/results.ts';

/** Which arrows to draw at each run's current point. */
export interface ArrowOptions {
  readonly gradient: boolean;
  readonly velocity: boolean;
  readonly step: boolean;
  /**
   * Whose gradient the −∇f arrow shows: the one the optimizer used ("used", default: noisy or
   * mini-batch when the problem is) or the exact full-data one ("full", the batch lab's).
   */
  readonly gradientOf?: 'used' | 'full';
}

/**
 * The pieces of `state` a live view of the runs redraws on: the pace's count of the histories
 * (see LIVE_PACE_MS), the config (a run added, restyled or removed), the runs' statuses, the
 * step scrubber's step and the branches.
 * Used with the store's `subscribe(selector, listener, { equalityFn: shallow })`.
 */
export function runsAt(pace: LivePace): (state: LabState) => readonly unknown[] {
  return (state) => [
    state.pulse[pace],
    state.experiment,
    state.runs,
    state.shownStep,
    state.branches,
  ];
}

/**
 * The preview of run `label`'s next step when it places the run at a drawable point (θ_t
 * finite and within DRAWABLE_LIMIT), else null. Its params are where the run is now.
 */
export function previewOf(live: RunHistory, label: string): StepRecord | null {
  const next = live.next(label);
  const p = next?.params;
  return next && p && p.length >= 2 && isDrawable(p[0]!) && isDrawable(p[1]!) ? next : null;
}

/**
 * The record that describes where run `label` is now: the preview of its next step when there
 * is one (see `previewOf`), else its newest record (a finished or diverged run, a CNN run, or
 * no preview yet); null before its first frame.
 */
export function currentRecord(live: RunHistory, label: string): StepRecord | null {
  return previewOf(live, label) ?? live.last(label);
}

/** Index of the last of the first `count` ascending `steps` that is ≤ `step`, or −1. */
function floorIndex(steps: ArrayLike<number>, count: number, step: number): number {
  let lo = 0;
  let hi = Math.min(count, steps.length) - 1;
  if (hi < 0 || (steps[0] as number) > step) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((steps[mid] as number) <= step) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The record of `run` at step `step` as the step scrubber shows it: θ_k, the gradient used at
 * θ_k, η_k, the optimizer's state after step k and the update Δθ_k, from the run's history (or
 * its current record when it has not gone past k); null when the run has no record by then (a
 * branch made later). In a decimated stretch of a long history it is the nearest kept step ≤ k.
 */
export function recordAt(live: RunHistory, run: RunConfig, step: number): StepRecord | null {
  const now = currentRecord(live, run.label);
  if (now && now.step <= step) return now;
  const series = live.series(run.label);
  const steps = series.column('step');
  const i = floorIndex(steps, series.count, step);
  if (i < 0) return null;
  const params = series.column('params');
  const grad = series.column('grad');
  const stateColumn = series.column('state');
  const theta = [params[2 * i]!, params[2 * i + 1]!];
  const k = steps[i]!;
  // θ_{k+1}: the next entry, or where the run is now when step k was its newest.
  const after =
    i + 1 < series.count && steps[i + 1] === k + 1
      ? [params[2 * i + 2]!, params[2 * i + 3]!]
      : now?.step === k + 1
        ? now.params
        : undefined;
  const name = primaryStateName(run.optimizer.kind);
  const stateValue = [stateColumn[2 * i]!, stateColumn[2 * i + 1]!];
  return {
    run: run.label,
    step: k,
    loss: series.column('loss')[i]!,
    lr: series.column('lr')[i]!,
    params: theta,
    grad: [grad[2 * i]!, grad[2 * i + 1]!],
    state: name && stateValue.every(Number.isFinite) ? { [name]: stateValue } : {},
    ...(after ? { update: [after[0]! - theta[0]!, after[1]! - theta[1]!] } : {}),
  };
}

/**
 * The record a view shows for `run`: at the step scrubber's step when one is chosen, else where
 * the run is now (see `currentRecord`).
 */
export function shownRecord(store: LabStore, run: RunConfig): StepRecord | null {
  const step = store.getState().shownStep;
  return step === null ? currentRecord(store.live, run.label) : recordAt(store.live, run, step);
}

/**
 * How the run at `index` is drawn: its own colour, dash and marker; a branch takes a darker
 * shade of its parent's colour (the same family) and keeps its own dash and marker.
 */
export function styleOfRun(
  state: Pick<LabState, 'experiment' | 'branches'>,
  index: number,
): RunStyle {
  const own = runStyle(index);
  const label = state.experiment.runs[index]?.label;
  const branch = label === undefined ? undefined : state.branches[label];
  const parent = branch ? state.experiment.runs.findIndex((r) => r.label === branch.label) : -1;
  if (parent < 0) return own;
  const family = runStyle(parent);
  return { ...own, color: darker(family.color), colorName: family.colorName };
}

/** `#rrggbb` with each channel at 65 %: the same hue, clearly darker on the light heat map. */
function darker(hex: string): string {
  const channel = (at: number) =>
    Math.round(parseInt(hex.slice(at, at + 2), 16) * 0.65)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(1)}${channel(3)}${channel(5)}`;
}

/** (x, y) when both are finite, else null (nothing sensible to draw). */
function finitePair(v: readonly number[] | undefined): readonly [number, number] | null {
  return v && v.length >= 2 && Number.isFinite(v[0]) && Number.isFinite(v[1])
    ? [v[0]!, v[1]!]
    : null;
}

/**
 * Momentum's velocity as a displacement of θ (what the map's "v" arrow shows): −v in the
 * classic form (v is in parameter units), −η·b in PyTorch's; null for other optimizers.
 */
export function velocityDisplacement(
  optimizer: OptimizerConfig,
  record: StepRecord,
): readonly [number, number] | null {
  if (optimizer.kind !== 'momentum') return null;
  const v = record.state.velocity;
  if (!Array.isArray(v)) return null;
  const scale = optimizer.form === 'classic' ? -1 : -record.lr;
  return finitePair([scale * v[0]!, scale * v[1]!]);
}

/**
 * The trajectories of every run, styled by their position in the experiment. The line runs
 * through the completed steps to the run's current point θ_t (the preview's params), which
 * carries the marker and the arrows of the step about to be taken; without a preview (finished,
 * diverged) the marker and arrows stay at the newest record, and a diverged run has no arrows.
 */
export function trajectorySource(
  store: LabStore,
  arrows: ArrowOptions,
  surface?: Surface,
): LiveSource<readonly TrajectoryView[]> {
  const fullGradient = new Float64Array(2);
  return {
    getState() {
      const state = store.getState();
      const { experiment, runs, shownStep } = state;
      return experiment.runs.map((run, index) => {
        const style = styleOfRun(state, index);
        const series = store.live.series(run.label);
        const diverged = runs[run.label]?.status === 'diverged';
        const base = {
          label: run.label,
          color: style.color,
          dash: style.dash,
          marker: style.marker,
          points: series.column('params'),
        };
        if (shownStep !== null) {
          // The step scrubber: the path up to θ_k, the marker and the arrows of step k.
          const at = recordAt(store.live, run, shownStep);
          const p = at?.params;
          if (!at) return { ...base, count: 0, diverged: false };
          const steps = series.column('step');
          const upTo = floorIndex(steps, series.count, at.step) + 1;
          // Blown up by step k: its path as far as it can be drawn, marked diverged (as live).
          if (!p || !p.every(isDrawable))
            return { ...base, count: drawableCount(base.points, upTo), diverged: true };
          const view: TrajectoryView = {
            ...base,
            count: drawableCount(base.points, upTo),
            current: [p[0]!, p[1]!] as const,
            diverged: false,
          };
          // The history keeps the gradient used; the exact one comes from the surface itself.
          let full = at.fullGrad;
          if (!full && surface && arrows.gradientOf === 'full') {
            surface.valueAndGradient(p[0]!, p[1]!, fullGradient);
            const g = at.grad ?? [];
            const same = [0, 1].every(
              (i) => Math.abs(fullGradient[i]! - g[i]!) <= 1e-9 * Math.max(1, Math.abs(g[i]!)),
            );
            if (!same) full = [fullGradient[0]!, fullGradient[1]!];
          }
          return {
            ...view,
            arrows: arrowsOf(arrows, run.optimizer, full ? { ...at, fullGrad: full } : at),
          };
        }
        const next = diverged ? null : previewOf(store.live, run.label);
        const at = next ?? store.live.last(run.label);
        const view: TrajectoryView = {
          ...base,
          count: drawableCount(base.points, series.count),
          ...(next ? { current: [next.params![0]!, next.params![1]!] as const } : {}),
          diverged,
        };
        if (!at || diverged) return view;
        return { ...view, arrows: arrowsOf(arrows, run.optimizer, at) };
      });
    },
    subscribe: (listener) => store.subscribe(runsAt('map'), listener, { equalityFn: shallow }),
  };
}

/** The arrows chosen in `arrows` for the step `at` describes. */
function arrowsOf(
  arrows: ArrowOptions,
  optimizer: OptimizerConfig,
  at: StepRecord,
): NonNullable<TrajectoryView['arrows']> {
  const g = arrows.gradientOf === 'full' ? (at.fullGrad ?? at.grad) : at.grad;
  const gradient = arrows.gradient ? finitePair(g) : null;
  // Beside the full-data gradient, the mini-batch one this run uses.
  const gB = arrows.gradientOf === 'full' && at.fullGrad ? at.grad : undefined;
  const batchGradient = arrows.gradient ? finitePair(gB) : null;
  const velocity = arrows.velocity ? velocityDisplacement(optimizer, at) : null;
  const step = arrows.step ? finitePair(at.update) : null;
  return {
    ...(gradient ? { gradient } : {}),
    ...(batchGradient ? { batchGradient } : {}),
    ...(velocity ? { velocity } : {}),
    ...(step ? { step } : {}),
  };
}

/** Coordinates beyond this (data units) are not drawn: SVG parsers overflow near 3.4e38 px. */
const DRAWABLE_LIMIT = 1e30;

/**
 * The number of leading points of a (x0, y0, x1, y1, …) column that can be drawn: a run that
 * blows up to 1e150 stops being drawn where it leaves any view anyway.
 */
export function drawableCount(points: ArrayLike<number>, count: number): number {
  for (let i = 0; i < count; i++) {
    if (
      Math.abs(points[2 * i] as number) > DRAWABLE_LIMIT ||
      Math.abs(points[2 * i + 1] as number) > DRAWABLE_LIMIT
    ) {
      return i;
    }
  }
  return count;
}

/** Finite and within DRAWABLE_LIMIT. */
function isDrawable(v: number): boolean {
  return Math.abs(v) <= DRAWABLE_LIMIT;
}

/** What a line chart plots against what. */
export type SeriesQuantity = 'loss' | 'lr' | 'distance';
/** Optimizer steps, training samples processed, or the run's compute time in seconds. */
export type SeriesAxis = 'step' | 'samples' | 'seconds';

/** The series column that holds `axis`. */
export function axisColumn(axis: SeriesAxis): 'step' | 'samplesSeen' | 'seconds' {
  return axis === 'samples' ? 'samplesSeen' : axis;
}

/**
 * One line per run of `quantity` against steps or samples processed. `minima` is needed for
 * "distance" (distance to the nearest of them); its buffers are reused frame to frame.
 */
export function lineSource(
  store: LabStore,
  quantity: SeriesQuantity,
  axis: SeriesAxis = 'step',
  minima: readonly Point[] = [],
): LiveSource<readonly LineSeriesView[]> {
  const scratch = new Map<string, Float64Array>();
  return {
    getState() {
      const state = store.getState();
      return state.experiment.runs.map((run, index) => {
        const style = styleOfRun(state, index);
        const series = store.live.series(run.label);
        const count = series.count;
        let y: Float64Array;
        if (quantity === 'distance') {
          let buffer = scratch.get(run.label);
          if (!buffer || buffer.length < count) {
            buffer = new Float64Array(Math.max(64, series.capacity));
            scratch.set(run.label, buffer);
          }
          y = distancesToNearest(series.column('params'), count, minima, buffer);
        } else {
          y = series.column(quantity);
        }
        return {
          label: run.label,
          color: style.color,
          dash: style.dash,
          marker: style.marker,
          x: series.column(axisColumn(axis)),
          y,
          count,
        };
      });
    },
    subscribe: (listener) => store.subscribe(runsAt('chart'), listener, { equalityFn: shallow }),
  };
}

/** "momentum: η 0.01 → 0.02" */
export function describeEvent(event: LiveEvent): string {
  const name =
    FIELD_NAMES[event.field] ??
    event.field.replace(/^optimizer\./, '').replace(/^schedule\./, 'schedule ');
  return `${event.label}: ${name} ${shortValue(event.from)} → ${shortValue(event.to)}`;
}

const FIELD_NAMES: Record<string, string> = {
  'optimizer.lr': 'η',
  'optimizer.momentum': 'γ',
  'optimizer.beta1': 'β₁',
  'optimizer.beta2': 'β₂',
  batchSize: 'batch size',
  'schedule.kind': 'schedule',
};

function shortValue(text: string): string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? formatReadout(n) : text;
}

/**
 * Markers of live changes for a chart. On the samples or seconds axis, an event at step t is
 * placed where that run's history has step t (when it still holds that step).
 */
export function eventSource(
  store: LabStore,
  axis: SeriesAxis = 'step',
): LiveSource<readonly ChartEvent[]> {
  let cachedFor: readonly LiveEvent[] | null = null;
  let cached: readonly ChartEvent[] = [];
  return {
    getState() {
      const events = store.getState().events;
      if (axis === 'step') {
        if (events !== cachedFor) {
          cachedFor = events;
          cached = events.map((e) => ({ x: e.step, label: describeEvent(e) }));
        }
        return cached;
      }
      return events.flatMap((e) => {
        const series = store.live.series(e.label);
        const steps = series.column('step');
        const i = nearestIndex(steps, series.count, e.step);
        const x = i >= 0 ? series.column(axisColumn(axis))[i]! : NaN;
        return Number.isFinite(x) ? [{ x, label: describeEvent(e) }] : [];
      });
    },
    // On the samples and seconds axes the markers move as the histories grow.
    subscribe: (listener) =>
      store.subscribe(
        (state) => [state.events, axis === 'step' ? 0 : state.pulse.chart],
        listener,
        { equalityFn: shallow },
      ),
  };
}

/** The label for a new run of `title`: the title itself, or "title 2", "title 3"… when taken. */
export function uniqueLabel(title: string, experiment: Experiment): string {
  const taken = new Set(experiment.runs.map((r: RunConfig) => r.label));
  if (!taken.has(title)) return title;
  for (let k = 2; ; k++) if (!taken.has(`${title} ${k}`)) return `${title} ${k}`;
}
