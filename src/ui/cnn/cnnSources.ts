/**
 * Adapters from the store's CNN data to the plots: which inspection each run shows (the shared
 * step cursor's, or live the newest step every running run has reached, so runs in parallel
 * workers are compared at the same step), filter banks on one colour scale across runs,
 * activation volumes, per-tensor statistics, and the loss and accuracy curves (raw, smoothed,
 * held-out). `getState()` reads the bounded buffers; listeners hear of inspections, frames, the
 * cursor and config edits.
 */
import type { CnnInspection, TensorView } from '../../core/cnn/trainer.ts';
import type { ChartEvent, LineSeriesView } from '../../plots/LineChart.tsx';
import { shallow } from 'zustand/vanilla/shallow';
import { axisColumn, type SeriesAxis } from '../liveViews.ts';
import { cnnTranslator, type CnnTranslate } from './cnnMessages.ts';

const english = cnnTranslator('en');
import { runStyle } from '../../plots/palette.ts';
import type { LiveSource } from '../../plots/source.ts';
import type { ActivationVolume, FilterBank } from '../../plots/tiles.ts';
import { maxAbsFinite } from '../../plots/tiles.ts';
import type { LayerStatName } from '../../store/cnnHistory.ts';
import type { LabState, LabStore } from '../../store/labStore.ts';
import type { SeriesBuffer } from '../../store/seriesBuffer.ts';
import type { ScheduleConfig } from '../../core/config/experiment.ts';
import { nearestIndex } from '../../plots/scales.ts';

/**
 * What views of inspections and evaluations redraw on: inspections or evaluations added or
 * dropped, the cursor, the config or a run's status — not frames that bring only steps. A
 * selector for the store's `subscribe(selector, listener, { equalityFn: shallow })` and for
 * `useInspectionValue`.
 */
export function inspectionsView(state: LabState): readonly unknown[] {
  return [state.inspections, state.cursor, state.experiment, state.runs];
}

/** What the curves redraw on: frames at the `chart` pace, the cursor, the config, statuses. */
export function curvesView(state: LabState): readonly unknown[] {
  return [state.pulse.chart, state.cursor, state.experiment, state.runs];
}

/** Subscribes listeners to the store, told when `select(state)` changes entry by entry. */
export function watch(
  store: LabStore,
  select: (state: LabState) => readonly unknown[],
): (listener: () => void) => () => void {
  return (listener) => store.subscribe(select, listener, { equalityFn: shallow });
}

/**
 * A source whose value is rebuilt by `make` only when `key` (compared entry by entry) changes,
 * and whose listeners hear only of such changes: a run's tiles are repainted when that run's
 * shown inspection (or the shared scale) changes, not whenever any run reports anything. When
 * the shown step moves, every run's tiles change at once; the draw queue spreads their repaints
 * over animation frames.
 */
export function keyedSource<T>(
  key: () => readonly unknown[],
  make: () => T,
  subscribe: (listener: () => void) => () => void,
): LiveSource<T> {
  let cachedKey: readonly unknown[] | null = null;
  let cached: T;
  const get = (): T => {
    const next = key();
    const previous = cachedKey;
    if (
      previous === null ||
      next.length !== previous.length ||
      next.some((v, i) => !Object.is(v, previous[i]))
    ) {
      cachedKey = next;
      cached = make();
    }
    return cached;
  };
  return {
    getState: get,
    subscribe(listener) {
      let last = get();
      return subscribe(() => {
        const value = get();
        if (value === last) return;
        last = value;
        listener();
      });
    },
  };
}

/**
 * The step every run's views show: the cursor when set; live, the smallest newest-inspection
 * step over the runs still training (so side-by-side views show one step); null when no run
 * trains (each then shows its newest).
 */
export function shownStep(store: LabStore): number | null {
  const { cursor, experiment, runs } = store.getState();
  if (cursor !== null) return cursor;
  let step = Infinity;
  for (const run of experiment.runs) {
    if (runs[run.label]?.status !== 'running') continue;
    const latest = store.cnn.history(run.label).latest();
    if (latest) step = Math.min(step, latest.step);
  }
  return step < Infinity ? step : null;
}

/** The inspection run `label` shows at `step` (see shownStep); null before its first. */
export function shownInspection(
  store: LabStore,
  label: string,
  step: number | null = shownStep(store),
): CnnInspection | null {
  const history = store.cnn.history(label);
  return step === null ? history.latest() : history.at(step);
}

/** The tensor called `name` in `list` (e.g. "conv1.weight"), or null. */
export function tensorNamed(list: readonly TensorView[], name: string): TensorView | null {
  return list.find((t) => t.name === name) ?? null;
}

/** A conv weight tensor [filters, channels, size, size] as a FilterBank. */
export function filterBank(tensor: TensorView): FilterBank {
  const [count = 0, channels = 1, height = 1, width = 1] = tensor.shape;
  return { data: tensor.data, count, channels, height, width };
}

/** A filter bank drawn on the symmetric scale [−maxAbs, +maxAbs]. */
export interface ScaledBank {
  readonly bank: FilterBank;
  readonly maxAbs: number;
}

/**
 * Input channel `channel` of every filter of `bank` as a one-channel bank (a multi-channel
 * layer shown one input channel at a time); the bank itself when `channel` is null.
 */
export function channelSlice(bank: FilterBank, channel: number | null): FilterBank {
  if (channel === null || bank.channels === 1) return bank;
  const plane = bank.height * bank.width;
  const data = new Float32Array(bank.count * plane);
  for (let f = 0; f < bank.count; f++)
    data.set(
      bank.data.subarray(
        (f * bank.channels + channel) * plane,
        (f * bank.channels + channel + 1) * plane,
      ),
      f * plane,
    );
  return { ...bank, data, channels: 1 };
}

/** a − b, element by element (the shorter length). */
function difference(a: TensorView, b: TensorView): TensorView {
  const n = Math.min(a.data.length, b.data.length);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = a.data[i]! - b.data[i]!;
  return { name: a.name, shape: a.shape, data };
}

/** What a filter view shows of a conv layer's weights. */
export interface FilterViewOptions {
  /** "weights" θ_t, or "change" θ_t − θ_s since the reference step s. */
  readonly show: 'weights' | 'change';
  /** The reference step s of "change" (the run's inspection at or before it, else its first). */
  readonly since: number;
  /** One input channel of every filter, or null for all channels side by side. */
  readonly channel: number | null;
  /** One symmetric scale for every run (equal colours mean equal values across runs). */
  readonly shared: boolean;
}

/** The tensor a filter view shows of run `label` at `step` (see FilterViewOptions). */
function shownTensor(
  store: LabStore,
  label: string,
  name: string,
  step: number | null,
  options: FilterViewOptions,
): { tensor: TensorView; reference: TensorView | null } | null {
  const inspection = shownInspection(store, label, step);
  const tensor = inspection && tensorNamed(inspection.filters, name);
  if (!tensor) return null;
  if (options.show === 'weights') return { tensor, reference: null };
  const base = store.cnn.history(label).at(options.since);
  const reference = base && tensorNamed(base.filters, name);
  return reference ? { tensor, reference } : null;
}

/**
 * The filters of conv layer `layer` ("conv1") of run `label`, or their change since a step,
 * on a symmetric scale of their own: shared by every run when `options.shared`, else the run's.
 */
export function filterSource(
  store: LabStore,
  label: string,
  layer: string,
  options: FilterViewOptions,
): LiveSource<ScaledBank | null> {
  const name = `${layer}.weight`;
  let shown: { tensor: TensorView; reference: TensorView | null } | null = null;
  const bankOf = (s: { tensor: TensorView; reference: TensorView | null }) =>
    channelSlice(
      filterBank(s.reference ? difference(s.tensor, s.reference) : s.tensor),
      options.channel,
    );
  return keyedSource(
    () => {
      const step = shownStep(store);
      shown = shownTensor(store, label, name, step, options);
      const key: unknown[] = [shown?.tensor, shown?.reference];
      if (shown && options.shared)
        for (const run of store.getState().experiment.runs) {
          const other = shownTensor(store, run.label, name, step, options);
          key.push(other?.tensor, other?.reference);
        }
      return key;
    },
    () => {
      if (!shown) return null;
      const bank = bankOf(shown);
      let maxAbs = maxAbsFinite(bank.data);
      if (options.shared) {
        const step = shownStep(store);
        for (const run of store.getState().experiment.runs) {
          if (run.label === label) continue;
          const other = shownTensor(store, run.label, name, step, options);
          if (other) maxAbs = Math.max(maxAbs, maxAbsFinite(bankOf(other).data));
        }
      }
      return { bank, maxAbs };
    },
    watch(store, inspectionsView),
  );
}

/** What the detail of a selected filter shows: its weights, gradient and optimizer state(s). */
export interface FilterDetail {
  readonly step: number;
  /** "weights", "gradient", then the optimizer's state names ("velocity", "m", "v", …). */
  readonly parts: readonly {
    readonly name: string;
    readonly bank: FilterBank;
    readonly norm: number;
  }[];
}

/** Slice of filter `filter` out of a [filters, channels, size, size] tensor, as a one-filter bank. */
export function oneFilter(tensor: TensorView, filter: number): FilterBank | null {
  const [count = 0, channels = 1, height = 1, width = 1] = tensor.shape;
  if (filter < 0 || filter >= count) return null;
  const size = channels * height * width;
  return {
    data: tensor.data.subarray(filter * size, (filter + 1) * size),
    count: 1,
    channels,
    height,
    width,
  };
}

function norm(data: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += (data[i] as number) ** 2;
  return Math.sqrt(sum);
}

/**
 * Weights, last gradient and every optimizer state of filter `filter` of conv layer `layer`
 * of run `label`, at the shown step.
 */
export function filterDetail(
  store: LabStore,
  label: string,
  layer: string,
  filter: number,
): FilterDetail | null {
  const inspection = shownInspection(store, label);
  if (!inspection) return null;
  const name = `${layer}.weight`;
  const parts: Array<{ name: string; bank: FilterBank; norm: number }> = [];
  const add = (title: string, tensor: TensorView | null) => {
    const bank = tensor && oneFilter(tensor, filter);
    if (bank) parts.push({ name: title, bank, norm: norm(bank.data) });
  };
  add('weights', tensorNamed(inspection.filters, name));
  add('gradient', tensorNamed(inspection.gradients, name));
  for (const state of inspection.states) add(state.name, tensorNamed(state.tensors, name));
  return { step: inspection.step, parts };
}

/** Activation of a layer as a volume; a 1 × 1 × C layer (dense) becomes one 1 × C strip. */
export function activationVolume(tensor: TensorView): ActivationVolume {
  const [channels = 1, height = 1, width = 1] = tensor.shape;
  if (height === 1 && width === 1)
    return { data: tensor.data, channels: 1, height: 1, width: channels };
  return { data: tensor.data, channels, height, width };
}

/** The probe's activations after layer `layer` of run `label`, at the shown step. */
export function activationSource(
  store: LabStore,
  label: string,
  layer: string,
): LiveSource<ActivationVolume | null> {
  let tensor: TensorView | null = null;
  return keyedSource(
    () => {
      const inspection = shownInspection(store, label);
      tensor = inspection && tensorNamed(inspection.activations, layer);
      return [tensor];
    },
    () => (tensor ? activationVolume(tensor) : null),
    watch(store, inspectionsView),
  );
}

/** The probe image run `label` was looked at with, at the shown step, as a one-channel volume. */
export function probeSource(store: LabStore, label: string): LiveSource<ActivationVolume | null> {
  let image: Float32Array | null = null;
  return keyedSource(
    () => {
      image = shownInspection(store, label)?.probe.image ?? null;
      return [image];
    },
    () => {
      if (!image) return null;
      const side = Math.round(Math.sqrt(image.length));
      return { data: image, channels: 1, height: side, width: side };
    },
    watch(store, inspectionsView),
  );
}

/** Channel `channel` of the volumes of `source` (one filter's feature map); null when absent. */
export function oneChannel(
  source: LiveSource<ActivationVolume | null>,
  channel: number,
): LiveSource<ActivationVolume | null> {
  let last: ActivationVolume | null = null;
  let sliced: ActivationVolume | null = null;
  return {
    getState() {
      const volume = source.getState();
      if (volume !== last) {
        last = volume;
        const plane = volume ? volume.height * volume.width : 0;
        sliced =
          volume && channel < volume.channels
            ? {
                data: volume.data.subarray(channel * plane, (channel + 1) * plane),
                channels: 1,
                height: volume.height,
                width: volume.width,
              }
            : null;
      }
      return sliced;
    },
    subscribe: (listener) => source.subscribe(listener),
  };
}

/**
 * Exponential moving average with bias correction (as TensorBoard smooths): s_i = Σ_{k≤i}
 * w^{i−k}·y_k·(1−w) / (1 − w^{i+1}), skipping non-finite values; w = 0 returns y itself.
 * Writes into `out` (length ≥ count) and returns it.
 */
export function smooth(
  y: ArrayLike<number>,
  count: number,
  weight: number,
  out: Float64Array,
): Float64Array {
  let sum = 0;
  let norm = 0;
  for (let i = 0; i < count; i++) {
    const v = y[i] as number;
    if (Number.isFinite(v)) {
      sum = weight * sum + (1 - weight) * v;
      norm = weight * norm + (1 - weight);
    }
    out[i] = norm > 0 ? sum / norm : NaN;
  }
  return out;
}

/** A lighter tint of a "#rrggbb" colour: `amount` of the way to white. */
export function tint(color: string, amount: number): string {
  const n = parseInt(color.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const [r, g, b] = [mix((n >> 16) & 255), mix((n >> 8) & 255), mix(n & 255)];
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

/** Reusable scratch columns, grown on demand. */
class Scratch {
  private buffers = new Map<string, Float64Array>();
  get(key: string, length: number): Float64Array {
    let buffer = this.buffers.get(key);
    if (!buffer || buffer.length < length) {
      buffer = new Float64Array(Math.max(64, length * 2));
      this.buffers.set(key, buffer);
    }
    return buffer;
  }
}

/** What the CNN curves are plotted against: steps, training images processed, or seconds. */
export type CurveAxis = SeriesAxis;

/** The x column of `axis` in a run's series. */
function xColumn(series: SeriesBuffer, axis: CurveAxis): Float64Array {
  return series.column(axisColumn(axis));
}

/**
 * Where step `step` of a run lies on `axis`: the step itself, or the images the run had
 * processed / the seconds it had computed by then (from its recorded history; NaN when the
 * history is empty).
 */
export function stepOnAxis(series: SeriesBuffer, axis: CurveAxis, step: number): number {
  if (axis === 'step') return step;
  const i = nearestIndex(series.column('step'), series.count, step);
  return i >= 0 ? xColumn(series, axis)[i]! : NaN;
}

/** Loss per run: the raw batch loss (a lighter tint) and its smoothed curve (the run's colour). */
export function lossSource(
  store: LabStore,
  smoothing: () => number,
  t: CnnTranslate = english,
  axis: CurveAxis = 'step',
): LiveSource<readonly LineSeriesView[]> {
  const scratch = new Scratch();
  return {
    getState() {
      const weight = smoothing();
      return store.getState().experiment.runs.flatMap((run, index) => {
        const style = runStyle(index);
        const series = store.live.series(run.label);
        const count = series.count;
        const x = xColumn(series, axis);
        const y = series.column('loss');
        const base = { dash: style.dash, marker: style.marker, x, count };
        return [
          {
            ...base,
            label: t('cnn.curves.raw', { run: run.label }),
            color: tint(style.color, 0.6),
            y,
          },
          {
            ...base,
            label: t('cnn.curves.smoothed', { run: run.label }),
            color: style.color,
            y: smooth(y, count, weight, scratch.get(run.label, count)),
          },
        ];
      });
    },
    subscribe: watch(store, curvesView),
  };
}

/** Accuracy per run: batch accuracy smoothed (a lighter tint) and held-out accuracy at evaluations. */
export function accuracySource(
  store: LabStore,
  smoothing: () => number,
  t: CnnTranslate = english,
  axis: CurveAxis = 'step',
): LiveSource<readonly LineSeriesView[]> {
  const scratch = new Scratch();
  return {
    getState() {
      const weight = smoothing();
      return store.getState().experiment.runs.flatMap((run, index) => {
        const style = runStyle(index);
        const series = store.live.series(run.label);
        const count = series.count;
        const evaluations = series.evaluations();
        const n = evaluations.steps.length;
        const ex = scratch.get(`${run.label}/x`, n);
        const ey = scratch.get(`${run.label}/y`, n);
        for (let i = 0; i < n; i++) {
          ex[i] = stepOnAxis(series, axis, evaluations.steps[i]!);
          ey[i] = evaluations.values[i]!;
        }
        const base = { dash: style.dash, marker: style.marker };
        return [
          {
            ...base,
            label: t('cnn.curves.batch', { run: run.label }),
            color: tint(style.color, 0.55),
            x: xColumn(series, axis),
            y: smooth(series.column('accuracy'), count, weight, scratch.get(run.label, count)),
            count,
          },
          {
            ...base,
            label: t('cnn.curves.heldOut', { run: run.label }),
            color: style.color,
            x: ex,
            y: ey,
            count: n,
          },
        ];
      });
    },
    subscribe: watch(store, curvesView),
  };
}

/** Which lines a per-layer chart draws: every weight tensor of one run, or one tensor of every run. */
export type LayerLines =
  { readonly by: 'tensor'; readonly run: string } | { readonly by: 'run'; readonly tensor: string };

/** One statistic of the per-tensor records as lines (see LayerLines). */
export function layerStatSource(
  store: LabStore,
  stat: LayerStatName,
  lines: LayerLines,
  tensors: readonly string[],
): LiveSource<readonly LineSeriesView[]> {
  return {
    getState() {
      const runs = store.getState().experiment.runs;
      if (lines.by === 'tensor') {
        const history = store.cnn.layers(lines.run);
        return tensors.map((name, k) => {
          const style = runStyle(k);
          const index = history ? history.names.indexOf(name) : -1;
          const view =
            history && index >= 0
              ? history.view(index, stat)
              : { x: new Float64Array(0), y: new Float64Array(0), count: 0 };
          return {
            label: name,
            color: style.color,
            dash: style.dash,
            marker: style.marker,
            ...view,
          };
        });
      }
      return runs.map((run, k) => {
        const style = runStyle(k);
        const history = store.cnn.layers(run.label);
        const index = history ? history.names.indexOf(lines.tensor) : -1;
        const view =
          history && index >= 0
            ? history.view(index, stat)
            : { x: new Float64Array(0), y: new Float64Array(0), count: 0 };
        return {
          label: run.label,
          color: style.color,
          dash: style.dash,
          marker: style.marker,
          ...view,
        };
      });
    },
    subscribe: watch(store, curvesView),
  };
}

/** A step at which a run's schedule changes η abruptly. */
export interface LearningRateJump {
  readonly step: number;
  /** "decay": a step decay multiplies η by `factor`; "warmupEnd": the linear warm-up is over. */
  readonly kind: 'decay' | 'warmupEnd';
  readonly factor: number;
}

/**
 * The steps in [1, steps) where `schedule` changes η by a jump rather than smoothly: every
 * `stepSize` steps of a step decay, and the end of a linear warm-up; at most `max` of them.
 */
export function learningRateJumps(
  schedule: ScheduleConfig,
  steps: number,
  max = 24,
): LearningRateJump[] {
  const jumps: LearningRateJump[] = [];
  if (schedule.warmupSteps > 0 && schedule.warmupSteps < steps)
    jumps.push({ step: schedule.warmupSteps, kind: 'warmupEnd', factor: 1 });
  if (schedule.kind === 'step' && schedule.stepSize >= 1 && schedule.gamma !== 1)
    for (let k = schedule.stepSize; k < steps && jumps.length < max; k += schedule.stepSize)
      jumps.push({ step: k, kind: 'decay', factor: schedule.gamma });
  return jumps.sort((a, b) => a.step - b.step);
}

/**
 * `events` (live changes) plus markers where each run's schedule makes η jump and at the shared
 * step cursor, placed on `axis`.
 */
export function withMarks(
  store: LabStore,
  events: LiveSource<readonly ChartEvent[]>,
  t: CnnTranslate = english,
  axis: CurveAxis = 'step',
): LiveSource<readonly ChartEvent[]> {
  let cachedFor: readonly ChartEvent[] | null = null;
  let cachedState: LabState | null = null;
  let cached: readonly ChartEvent[] = [];
  const marks = (state: LabState): ChartEvent[] => {
    const out: ChartEvent[] = [];
    for (const run of state.experiment.runs) {
      const series = store.live.series(run.label);
      for (const jump of learningRateJumps(run.schedule, state.experiment.steps)) {
        const x = stepOnAxis(series, axis, jump.step);
        if (!Number.isFinite(x) || (axis !== 'step' && jump.step > series.lastStep())) continue;
        out.push({
          x,
          label:
            jump.kind === 'decay'
              ? t('cnn.curves.decayMark', {
                  run: run.label,
                  factor: String(jump.factor),
                  step: jump.step,
                })
              : t('cnn.curves.warmupMark', { run: run.label, step: jump.step }),
        });
      }
    }
    const cursor = state.cursor;
    const first = state.experiment.runs[0];
    if (cursor !== null) {
      const x = first ? stepOnAxis(store.live.series(first.label), axis, cursor) : cursor;
      if (Number.isFinite(x)) out.push({ x, label: t('cnn.curves.cursor', { step: cursor }) });
    }
    return out;
  };
  return {
    getState() {
      const base = events.getState();
      const state = store.getState();
      // On the samples and seconds axes the marks move as the history grows: recomputed every time.
      if (base !== cachedFor || state !== cachedState || axis !== 'step') {
        cachedFor = base;
        cachedState = state;
        cached = [...base, ...marks(state)];
      }
      return cached;
    },
    subscribe(listener) {
      const off = events.subscribe(listener);
      // On the samples and seconds axes the marks move as the histories grow.
      const offStore = watch(store, (state) =>
        axis === 'step' ? [state.cursor, state.experiment] : curvesView(state),
      )(listener);
      return () => {
        off();
        offStore();
      };
    },
  };
}
