/**
 * Live-change markers on the curves in the UI language: "momentum: η 0.01 → 0.02",
 * "SGD：批量大小 由 8 改为 1". The store's event source words its markers in English
 * (`describeEvent`); this rewords each marker from the event it describes.
 */
import type { OptimizerKind, ScheduleKind } from '../../core/config/experiment.ts';
import { OPTIMIZER_KINDS } from '../../core/optimizers/index.ts';
import { SCHEDULE_KINDS } from '../../core/schedules/index.ts';
import {
  optimizerTitle,
  scheduleTitle,
  type PlainMessageKey,
  type Translate,
} from '../../i18n/index.ts';
import type { ChartEvent } from '../../plots/LineChart.tsx';
import { formatReadout } from '../../core/numbers.ts';
import type { LiveSource } from '../../plots/source.ts';
import type { LabStore } from '../../store/labStore.ts';
import type { LiveEvent } from '../../worker/protocol.ts';
import { axisColumn, describeEvent, eventSource, type SeriesAxis } from '../liveViews.ts';
import { nearestIndex } from '../../plots/scales.ts';

/** Fields written as their symbol, as on the sliders. */
const SYMBOLS: Readonly<Record<string, string>> = {
  'optimizer.lr': 'η',
  'optimizer.momentum': 'γ',
  'optimizer.beta1': 'β₁',
  'optimizer.beta2': 'β₂',
};

/** Other fields by the label of their control. */
const FIELD_LABELS: Readonly<Record<string, PlainMessageKey>> = {
  'optimizer.dampening': 'field.dampening',
  'optimizer.nesterov': 'field.nesterov',
  'optimizer.form': 'field.form',
  'optimizer.weightDecay': 'field.weightDecay',
  'optimizer.eps': 'field.eps',
  'optimizer.initialAccumulator': 'field.initialAccumulator',
  'optimizer.lrDecay': 'field.lrDecay',
  'optimizer.alpha': 'field.alpha',
  'optimizer.centered': 'field.centered',
  'optimizer.amsgrad': 'field.amsgrad',
  'optimizer.rho': 'field.rho',
  'optimizer.kind': 'run.optimizer',
  'schedule.kind': 'schedule.label',
  'schedule.stepSize': 'field.stepSize',
  'schedule.gamma': 'field.gamma',
  'schedule.tMax': 'field.tMax',
  'schedule.etaMin': 'field.etaMin',
  'schedule.decayRate': 'field.decayRate',
  'schedule.warmupSteps': 'field.warmupSteps',
  'schedule.warmupStartFactor': 'field.warmupStartFactor',
  batchSize: 'run.batchSize',
};

/** Words a config can hold as a value: switches, the momentum form, the full batch. */
const VALUE_WORDS: Readonly<Record<string, PlainMessageKey>> = {
  true: 'event.on',
  false: 'event.off',
  classic: 'event.formClassic',
  pytorch: 'event.formPytorch',
  all: 'batch.all',
};

const OPTIMIZER_KIND_SET: ReadonlySet<string> = new Set(OPTIMIZER_KINDS);
const SCHEDULE_KIND_SET: ReadonlySet<string> = new Set(SCHEDULE_KINDS);

function valueText(field: string, value: string, t: Translate): string {
  const n = Number(value);
  if (value.trim() !== '' && Number.isFinite(n)) return formatReadout(n);
  if (field === 'optimizer.kind' && OPTIMIZER_KIND_SET.has(value))
    return optimizerTitle(value as OptimizerKind, t);
  if (field === 'schedule.kind' && SCHEDULE_KIND_SET.has(value))
    return scheduleTitle(value as ScheduleKind, t);
  const word = VALUE_WORDS[value];
  return word ? t(word) : value;
}

/** One live change as its chart marker reads: run, field, old and new value. */
export function liveEventText(event: LiveEvent, t: Translate): string {
  const label = FIELD_LABELS[event.field];
  return t('event.change', {
    label: event.label,
    name: SYMBOLS[event.field] ?? (label ? t(label) : event.field),
    from: valueText(event.field, event.from, t),
    to: valueText(event.field, event.to, t),
  });
}

/** The store's live-change markers (see `eventSource`), worded in the UI language. */
export function localizedEventSource(
  store: LabStore,
  t: Translate,
  axis: SeriesAxis = 'step',
): LiveSource<readonly ChartEvent[]> {
  const source = eventSource(store, axis);
  let cachedFor: readonly ChartEvent[] | null = null;
  let cached: readonly ChartEvent[] = [];
  return {
    getState() {
      const english = source.getState();
      if (english !== cachedFor) {
        cachedFor = english;
        const words = new Map(
          store.getState().events.map((e) => [describeEvent(e), liveEventText(e, t)]),
        );
        cached = english.map((e) => ({ x: e.x, label: words.get(e.label) ?? e.label }));
      }
      return cached;
    },
    subscribe: (listener) => source.subscribe(listener),
  };
}

/**
 * `events` plus a marker at the step scrubber's step (none when live), placed on `axis` through
 * the first run's history on the samples axis.
 */
export function withShownStep(
  store: LabStore,
  events: LiveSource<readonly ChartEvent[]>,
  t: Translate,
  axis: SeriesAxis = 'step',
): LiveSource<readonly ChartEvent[]> {
  return {
    getState() {
      const base = events.getState();
      const { shownStep, experiment } = store.getState();
      if (shownStep === null) return base;
      let x = shownStep;
      const first = experiment.runs[0];
      if (axis !== 'step' && first) {
        const series = store.live.series(first.label);
        const i = nearestIndex(series.column('step'), series.count, shownStep);
        x = i >= 0 ? series.column(axisColumn(axis))[i]! : NaN;
      }
      return Number.isFinite(x)
        ? [...base, { x, label: t('scrub.mark', { step: shownStep }) }]
        : base;
    },
    subscribe(listener) {
      const off = events.subscribe(listener);
      const offStore = store.subscribe((state) => state.shownStep, listener);
      return () => {
        off();
        offStore();
      };
    },
  };
}
