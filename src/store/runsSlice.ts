/**
 * The runs slice: each run's status and divergence, the live-change events, worker failures,
 * and the frames the workers send (applied to the histories, then announced by the live slice).
 */
import type { StateCreator } from 'zustand/vanilla';
import type { RunConfig } from '../core/config/experiment.ts';
import type { LabServices, LabState, RunsSlice } from './labState.ts';
import type { SeriesBuffer } from './seriesBuffer.ts';

/** Most live-change events kept for marking plots. */
const MAX_EVENTS = 500;
/** A diverged run rewinds at least this many steps before its η is halved. */
export const REWIND_STEPS = 10;
/** Growth of the loss over its lowest value so far that counts as the start of a blow-up. */
export const BLOW_UP_FACTOR = 10;

/**
 * Where to rewind a diverged run: REWIND_STEPS before the end, or earlier, to the last step
 * before its loss first grew BLOW_UP_FACTOR-fold over its lowest value so far (or stopped
 * being finite) — by then the parameters are often so far out that half the learning rate
 * would blow up again.
 */
export function rewindTarget(series: SeriesBuffer, divergedAt: number): number {
  const steps = series.column('step');
  const loss = series.column('loss');
  let lowest = Infinity;
  let target = Math.max(0, divergedAt - REWIND_STEPS);
  for (let i = 0; i < steps.length; i++) {
    const value = loss[i]!;
    if (
      !Number.isFinite(value) ||
      (Number.isFinite(lowest) && value > BLOW_UP_FACTOR * Math.max(lowest, 1e-300))
    ) {
      target = Math.min(target, i > 0 ? steps[i - 1]! : 0);
      break;
    }
    lowest = Math.min(lowest, value);
  }
  return target;
}

export function createRunsSlice(
  services: LabServices,
  initialRuns: RunsSlice['runs'],
): StateCreator<LabState, [], [], RunsSlice> {
  const { live } = services;
  return (set, get) => ({
    runs: initialRuns,
    events: [],
    workerError: null,
    rewindAndHalve(label) {
      const run = get().experiment.runs.find((r) => r.label === label);
      if (!run) return;
      const target = rewindTarget(live.series(label), live.last(label)?.step ?? 0);
      const halved: RunConfig = {
        ...run,
        optimizer: { ...run.optimizer, lr: run.optimizer.lr / 2 },
      };
      const experiment = get().experiment;
      set({
        experiment: {
          ...experiment,
          runs: experiment.runs.map((r) => (r.label === label ? halved : r)),
        },
        runs: { ...get().runs, [label]: { status: 'running', divergence: null } },
      });
      const client = services.client();
      client.rewind(label, target, halved);
      // Carry on from there: the learner wants to see the calmer run continue.
      set({ playing: true });
      client.play();
    },
    shownStep: null,
    setShownStep(step) {
      // Looking back pauses: the runs would otherwise move on behind the shown step.
      if (step !== null && get().playing) get().pause();
      set({ shownStep: step });
    },
    branches: {},
    restartWorkers() {
      set({ workerError: null, playing: false });
      get().cnnRestarted();
      const client = services.client();
      client.restart();
      client.setSpeed(get().speed);
      get().cnnStarted();
    },
    dismissError: () => set({ workerError: null, editError: null }),
    applyFrame(frame) {
      const state = get();
      let runs = state.runs;
      for (const run of frame.runs) {
        if (!(run.label in runs)) continue; // a run removed while its frame was in flight
        live.applyFrame(run);
        const view = runs[run.label];
        const divergence = run.divergence ?? null;
        // Frames are copies: a divergence is the same one if it happened at the same step.
        if (!view || view.status !== run.status || view.divergence?.step !== divergence?.step) {
          runs = { ...runs, [run.label]: { status: run.status, divergence } };
        }
      }
      const patch: Partial<LabState> = {};
      if (runs !== state.runs) patch.runs = runs;
      if (frame.events.length > 0)
        patch.events = [...state.events, ...frame.events].slice(-MAX_EVENTS);
      // Every run has finished or diverged: nothing plays any more.
      if (state.playing && !Object.values(runs).some((r) => r.status === 'running'))
        patch.playing = false;
      if (Object.keys(patch).length > 0) set(patch);
      state.cnnFrame(frame);
      state.liveMoved();
    },
    workerFailed(message, fatal) {
      if (fatal) set({ workerError: message, playing: false });
      else set({ editError: { kind: 'text', text: message } });
    },
  });
}
