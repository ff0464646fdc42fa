/**
 * Feeds a workspace store's live series and run statuses to a lesson checkpoint. Only the
 * entries appended since the last look are read (the newest end of each series buffer), so
 * following a checkpoint costs a few comparisons per frame. A reset or a reload of the
 * experiment (a series that shrinks) starts the runs over; a reached checkpoint stays reached.
 */
import {
  CheckpointTracker,
  pointOutcome,
  predictionOutcome,
  predictionTracker,
  type Checkpoint,
  type ChoicePrediction,
  type PointPrediction,
} from '../../core/lessons/index.ts';
import type { LayerStats } from '../../core/run/records.ts';
import type { LabStore } from '../../store/labStore.ts';
import type { LayerHistory } from '../../store/cnnHistory.ts';

/**
 * Calls `onReached` once, when `checkpoint` is first reached by the runs of `store`.
 * Returns a function that stops watching.
 */
export function watchCheckpoint(
  store: LabStore,
  checkpoint: Checkpoint,
  onReached: () => void,
): () => void {
  const tracker = new CheckpointTracker(checkpoint);
  let done = false;
  const stop = followRuns(store, tracker, () => {
    if (done || !tracker.reached) return;
    done = true;
    onReached();
  });
  return () => {
    done = true;
    stop();
  };
}

/**
 * Calls `onOutcome` with the prediction's outcome — the ids of the options that hold once
 * every run has stopped, or null while any runs — whenever it changes (a Reset clears it).
 */
export function watchPrediction(
  store: LabStore,
  prediction: ChoicePrediction,
  onOutcome: (outcome: readonly string[] | null) => void,
): () => void {
  return watchOutcome(store, prediction, predictionOutcome, onOutcome);
}

/**
 * Calls `onOutcome` with a map prediction's outcome — the point of the run's path it asks
 * for once every run has stopped, or null while any runs — whenever it changes.
 */
export function watchPointPrediction(
  store: LabStore,
  prediction: PointPrediction,
  onOutcome: (outcome: readonly [number, number] | null) => void,
): () => void {
  return watchOutcome(store, prediction, pointOutcome, onOutcome);
}

function watchOutcome<P extends ChoicePrediction | PointPrediction, O>(
  store: LabStore,
  prediction: P,
  outcomeOf: (prediction: P, tracker: CheckpointTracker, labels: readonly string[]) => O,
  onOutcome: (outcome: O) => void,
): () => void {
  const tracker = predictionTracker(prediction);
  let last = '';
  return followRuns(store, tracker, () => {
    const labels = store.getState().experiment.runs.map((r) => r.label);
    const outcome = outcomeOf(prediction, tracker, labels);
    const key = JSON.stringify(outcome);
    if (key === last) return;
    last = key;
    onOutcome(outcome);
  });
}

/** Feeds the runs of `store` to `tracker`, calling `onFed` after each look. */
function followRuns(store: LabStore, tracker: CheckpointTracker, onFed: () => void): () => void {
  const seenStep = new Map<string, number>();
  const seenEvaluations = new Map<string, number>();
  const seenLayerStep = new Map<string, number>();
  let stopped = false;

  const feed = (): void => {
    if (stopped) return;
    const { experiment, runs } = store.getState();
    for (const run of experiment.runs) {
      const label = run.label;
      const series = store.live.series(label);
      const last = series.lastStep();
      let previous = seenStep.get(label) ?? -1;
      if (last < previous) {
        // History went back (Reset, rewind, a new experiment): follow the runs afresh.
        tracker.reset();
        seenStep.clear();
        seenEvaluations.clear();
        seenLayerStep.clear();
        previous = -1;
      }
      if (last > previous) {
        const steps = series.column('step');
        const loss = series.column('loss');
        const lr = series.column('lr');
        const params = series.column('params');
        const samples = series.column('samplesSeen');
        let i = series.count;
        while (i > 0 && steps[i - 1]! > previous) i--;
        for (; i < series.count; i++) {
          const x = params[2 * i]!;
          const y = params[2 * i + 1]!;
          const seen = samples[i]!;
          tracker.observe({
            run: label,
            step: steps[i]!,
            loss: loss[i]!,
            lr: lr[i]!,
            ...(Number.isNaN(x) ? {} : { params: [x, y] }),
            ...(Number.isNaN(seen) ? {} : { samplesSeen: seen }),
          });
        }
        seenStep.set(label, last);
      }
      const layers = tracker.wantsLayers ? store.cnn.layers(label) : null;
      if (layers) {
        // Kept once per frame (its last step), after the frame's steps: followed on their own.
        const { x: layerSteps, count } = layers.view(0, 'gradNorm');
        const seen = seenLayerStep.get(label) ?? -1;
        let k = count;
        while (k > 0 && layerSteps[k - 1]! > seen) k--;
        for (; k < count; k++) {
          const step = layerSteps[k]!;
          const lr = rateAt(series.column('step'), series.column('lr'), series.count, step);
          if (lr !== undefined) tracker.observeLayers(label, step, lr, layersAt(layers, k));
        }
        if (count > 0) seenLayerStep.set(label, layerSteps[count - 1]!);
      }
      const evaluations = series.evaluations();
      const evaluated = seenEvaluations.get(label) ?? 0;
      for (let k = evaluated; k < evaluations.values.length; k++)
        tracker.observeAccuracy(label, evaluations.values[k]!);
      seenEvaluations.set(label, evaluations.values.length);
    }
    for (const [label, view] of Object.entries(runs)) tracker.setStatus(label, view.status);
    onFed();
  };

  // Every change of the store, the live histories' paced counts included (liveSlice.ts).
  const stop = store.subscribe(feed);
  feed();
  return () => {
    stopped = true;
    stop();
  };
}

/** A CNN run's per-tensor statistics at entry `k` of its history. */
function layersAt(history: LayerHistory, k: number): LayerStats[] {
  return history.names.map((name, t) => ({
    name,
    gradNorm: history.view(t, 'gradNorm').y[k]!,
    stateNorm: history.view(t, 'stateNorm').y[k]!,
    weightNorm: history.view(t, 'weightNorm').y[k]!,
    updateRatio: history.view(t, 'updateRatio').y[k]!,
  }));
}

/** η at `step` in a run's series (ascending steps), or undefined if that step is not kept. */
function rateAt(
  steps: Float64Array,
  rates: Float64Array,
  count: number,
  step: number,
): number | undefined {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid]! < step) lo = mid + 1;
    else hi = mid;
  }
  return count > 0 && steps[lo] === step ? rates[lo] : undefined;
}
