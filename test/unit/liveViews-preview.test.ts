/**
 * The map's trajectories through the real store, client and host (fake Worker): the line runs
 * through the completed steps, and the current point — marker and arrows — is the preview of
 * the next step, so every Step moves it.
 */
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/core/config/experiment.ts';
import { parseExperiment } from '../../src/core/config/validate.ts';
import type { TrajectoryView } from '../../src/plots/ContourPlot.tsx';
import { createLabStore, type LabStore } from '../../src/store/labStore.ts';
import { scatterSource } from '../../src/ui/batch/DataScatter.tsx';
import { trajectorySource, type ArrowOptions } from '../../src/ui/liveViews.ts';
import { FakeWorker, waitFor } from '../support/fakeWorker.ts';

/**
 * f = x² + 4y² from (2, 1), ∇f = (2x, 8y), η = 1/16 (every number exact in binary):
 *   θ0 = (2, 1), ∇f = (4, 8)
 *   SGD: θ1 = (1.75, 0.5), ∇f(θ1) = (3.5, 4); θ2 = θ1 − (3.5, 4)/16 = (1.53125, 0.25),
 *        ∇f(θ2) = (3.0625, 2); θ3 = θ2 − (3.0625, 2)/16 = (1.33984375, 0.125), ∇f(θ3) = (2.6796875, 1)
 *   Classic momentum γ = 0.5: v1 = η·(4, 8) = (0.25, 0.5), θ1 = (1.75, 0.5);
 *        v2 = 0.5·v1 + η·(3.5, 4) = (0.34375, 0.5), θ2 = θ1 − v2 = (1.40625, 0)
 */
const bowl: Experiment = parseExperiment({
  problem: { kind: 'surface', surface: 'custom', expression: 'x^2 + 4*y^2', start: [2, 1] },
  steps: 3,
  seed: 1,
  runs: [
    { label: 'gd', optimizer: { kind: 'sgd', lr: 0.0625 } },
    { label: 'hb', optimizer: { kind: 'momentum', lr: 0.0625, momentum: 0.5 } },
  ],
});

const ALL_ARROWS: ArrowOptions = { gradient: true, velocity: true, step: true };

function setup(experiment: Experiment): LabStore {
  return createLabStore({
    initial: experiment,
    createWorker: () => new FakeWorker(),
    nextFrame: (callback) => setTimeout(callback, 0),
  });
}

function view(store: LabStore, label: string, arrows = ALL_ARROWS): TrajectoryView {
  const found = trajectorySource(store, arrows)
    .getState()
    .find((v) => v.label === label);
  if (!found) throw new Error(`no trajectory for ${label}`);
  return found;
}

function points(v: TrajectoryView): number[] {
  return Array.from(v.points.subarray(0, 2 * v.count));
}

/** Presses Step and waits until every run's preview has reached step `t`. */
async function stepTo(store: LabStore, t: number): Promise<void> {
  store.getState().step(1);
  await waitFor(() =>
    store.getState().experiment.runs.every((r) => store.live.next(r.label)?.step === t),
  );
}

describe('the map’s current point is the preview of the next step', () => {
  it('0, 1, 2 Step presses: the marker is at θ0, θ1, θ2 with the arrows of the step to come', async () => {
    const store = setup(bowl);
    // Loaded, nothing taken: no line yet, the marker at the start, arrows of the first step.
    await waitFor(() => store.live.next('hb')?.step === 0 && store.live.next('gd')?.step === 0);
    let gd = view(store, 'gd');
    expect(gd.count).toBe(0);
    expect(gd.current).toEqual([2, 1]);
    expect(gd.arrows).toEqual({ gradient: [4, 8], step: [-0.25, -0.5] });
    let hb = view(store, 'hb');
    expect(hb.current).toEqual([2, 1]);
    expect(hb.arrows).toEqual({ gradient: [4, 8], velocity: [-0.25, -0.5], step: [-0.25, -0.5] });

    // One press: the line holds θ0 and continues to the marker at θ1.
    await stepTo(store, 1);
    gd = view(store, 'gd');
    expect(points(gd)).toEqual([2, 1]);
    expect(gd.current).toEqual([1.75, 0.5]);
    // Δθ = −η·∇f(θ1) = −(3.5, 4)/16 = (−0.21875, −0.25).
    expect(gd.arrows).toEqual({ gradient: [3.5, 4], step: [-0.21875, -0.25] });
    hb = view(store, 'hb');
    expect(hb.current).toEqual([1.75, 0.5]);
    // Classic momentum: the step about to be taken is −v2, and so is the velocity arrow.
    expect(hb.arrows).toEqual({
      gradient: [3.5, 4],
      velocity: [-0.34375, -0.5],
      step: [-0.34375, -0.5],
    });

    // Two presses.
    await stepTo(store, 2);
    gd = view(store, 'gd');
    expect(points(gd)).toEqual([2, 1, 1.75, 0.5]);
    expect(gd.current).toEqual([1.53125, 0.25]);
    expect(gd.arrows!.gradient).toEqual([3.0625, 2]);
    expect(view(store, 'hb').current).toEqual([1.40625, 0]);
  });

  it('a live change of η while paused turns the arrows without a step', async () => {
    const store = setup(bowl);
    await stepTo(store, 1);
    store.getState().updateRun('hb', (r) => ({ ...r, optimizer: { ...r.optimizer, lr: 0.125 } }));
    await waitFor(() => store.live.next('hb')?.lr === 0.125);
    const hb = view(store, 'hb');
    // v2 = 0.5·(0.25, 0.5) + 0.125·(3.5, 4) = (0.5625, 0.75); still at θ1.
    expect(hb.current).toEqual([1.75, 0.5]);
    expect(hb.arrows!.step).toEqual([-0.5625, -0.75]);
  });

  it('without a preview (finished run) the marker and arrows stay at the newest record', async () => {
    const store = setup(bowl);
    store.getState().step(10);
    await waitFor(() => store.getState().runs.gd?.status === 'finished');
    await waitFor(() => store.live.series('gd').count === 4);
    expect(store.live.next('gd')).toBeNull();
    const gd = view(store, 'gd');
    expect(gd.current).toBeUndefined();
    expect(points(gd).slice(-2)).toEqual([1.33984375, 0.125]);
    expect(gd.arrows!.gradient).toEqual([2.6796875, 1]);
  });

  it('a diverged run has no current point and no arrows (its ✕ stays at the last finite point)', async () => {
    // f = 1e100·x² + 4y², η = 1e6: f(θ1) overflows, so step 1 is the diverged record.
    const store = setup(
      parseExperiment({
        ...bowl,
        problem: { ...bowl.problem, expression: '1e100*x^2 + 4*y^2' },
        runs: [{ label: 'wild', optimizer: { kind: 'sgd', lr: 1e6 } }],
      }),
    );
    store.getState().step(5);
    await waitFor(() => store.getState().runs.wild?.status === 'diverged');
    const wild = view(store, 'wild');
    expect(wild.diverged).toBe(true);
    expect(wild.current).toBeUndefined();
    expect(wild.arrows).toBeUndefined();
  });

  it('batch lab: −∇f and −g_B, the fit and the ringed mini-batch are those of the next step', async () => {
    const regression = parseExperiment({
      problem: { kind: 'regression', samples: 40, noise: 0.3 },
      steps: 100,
      seed: 3,
      runs: [{ label: 'mb', batchSize: 8, optimizer: { kind: 'sgd', lr: 0.05 } }],
    });
    const store = setup(regression);
    await stepTo(store, 1);
    const next = store.live.next('mb')!;
    const last = store.live.last('mb')!;
    // The batch of step 1 (samples 8…15 of epoch 0's order) is not the one of step 0.
    expect(next.batch).toHaveLength(8);
    expect(next.batch).not.toEqual(last.batch);
    const mb = view(store, 'mb', {
      gradient: true,
      velocity: false,
      step: false,
      gradientOf: 'full',
    });
    expect(mb.current).toEqual(next.params);
    expect(mb.arrows).toEqual({ gradient: next.fullGrad, batchGradient: next.grad });
    const scatter = scatterSource(store, 'mb').getState();
    expect(scatter.lines).toEqual([
      expect.objectContaining({ label: 'mb', w: next.params![0], b: next.params![1] }),
    ]);
    expect(scatter.batch).toEqual(next.batch);
  });
});
