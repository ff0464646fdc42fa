/** The store with the real client and host (through a fake Worker): edits become commands. */
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { DEFAULT_SPEED, createLabStore, rewindTarget } from '../../src/store/labStore.ts';
import { SeriesBuffer } from '../../src/store/seriesBuffer.ts';
import { FakeWorker, waitFor } from '../support/fakeWorker.ts';
import { drawableCount, trajectorySource } from '../../src/ui/liveViews.ts';

const experiment = parseExperiment({
  problem: {
    kind: 'surface',
    surface: 'quadratic',
    params: { conditionNumber: 10 },
    start: [3, 2],
  },
  steps: 200,
  seed: 1,
  runs: [
    { label: 'gd', optimizer: { kind: 'sgd', lr: 0.5 } },
    { label: 'heavy ball', optimizer: { kind: 'momentum', lr: 0.5, momentum: 0.5 } },
  ],
});

function setup(options: { readonly initialSpeed?: number } = {}) {
  const workers: FakeWorker[] = [];
  const store = createLabStore({
    ...options,
    initial: experiment,
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    nextFrame: (callback) => setTimeout(callback, 0),
  });
  return { store, workers, worker: () => workers.at(-1)! };
}

describe('lab store', () => {
  it('loads the experiment into one worker for surface runs', () => {
    const { workers } = setup();
    expect(workers).toHaveLength(1);
    expect(workers[0]!.commands[0]).toMatchObject({ type: 'init', experiment });
  });

  it('a live edit is validated and sent as a patch of that run', () => {
    const { store, worker } = setup();
    expect(
      store.getState().updateRun('gd', (r) => ({ ...r, optimizer: { ...r.optimizer, lr: 0.25 } })),
    ).toBe(true);
    expect(worker().commands.at(-1)).toEqual({
      type: 'patchRun',
      label: 'gd',
      run: { ...experiment.runs[0], optimizer: { kind: 'sgd', lr: 0.25, weightDecay: 0 } },
    });
    expect(store.getState().experiment.runs[0]!.optimizer.lr).toBe(0.25);
  });

  it('an invalid edit is refused with the field path, and nothing is sent', () => {
    const { store, worker } = setup();
    const sent = worker().commands.length;
    expect(
      store.getState().updateRun('gd', (r) => ({ ...r, optimizer: { ...r.optimizer, lr: -1 } })),
    ).toBe(false);
    // Kept as the issue itself (worded by the UI in its language), not as English text.
    expect(store.getState().editError).toEqual({
      kind: 'issues',
      issues: [
        {
          path: 'runs[0].optimizer.lr',
          code: 'outOfRange',
          params: { min: 0, lower: '≥', max: 1e6, upper: '≤', got: { kind: 'number', value: -1 } },
        },
      ],
    });
    expect(worker().commands).toHaveLength(sent);
    expect(store.getState().experiment.runs[0]!.optimizer.lr).toBe(0.5);
  });

  it('moving the start reloads the runs from the new point', async () => {
    const { store, workers } = setup();
    store.getState().setStart([-1, 1]);
    expect(workers).toHaveLength(2);
    expect(workers[0]!.terminated).toBe(true);
    store.getState().step(1);
    await waitFor(() => store.live.series('gd').count >= 1);
    expect(Array.from(store.live.series('gd').column('params').subarray(0, 2))).toEqual([-1, 1]);
  });

  it('plays at an animated 30 steps/s until asked for more, and tells each new worker', () => {
    const { store, worker } = setup({ initialSpeed: DEFAULT_SPEED });
    expect(store.getState().speed).toBe(30);
    expect(
      worker()
        .commands.filter((c) => c.type === 'setSpeed')
        .at(-1),
    ).toMatchObject({
      stepsPerSecond: 30,
    });
    store.getState().setSpeed(null);
    store.getState().setStart([-1, 1]); // a reload keeps the choice
    expect(
      worker()
        .commands.filter((c) => c.type === 'setSpeed')
        .at(-1),
    ).toMatchObject({
      stepsPerSecond: null,
    });
  });

  it('trains: play fills the bounded series and finishes', async () => {
    const { store } = setup();
    store.getState().setSpeed(null); // as fast as it goes
    let notified = 0;
    store.subscribe(
      (s) => s.pulse.map,
      () => notified++,
    );
    store.getState().play();
    await waitFor(() => store.getState().playing === false);
    expect(store.getState().runs).toEqual({
      gd: { status: 'finished', divergence: null },
      'heavy ball': { status: 'finished', divergence: null },
    });
    const steps = store.live.series('gd').column('step');
    expect(steps.length).toBe(201);
    expect(notified).toBeGreaterThan(0);
    // GD at η = 0.5 on κ = 10 contracts the slow direction by 1 − 0.5/10 = 0.95 per step.
    const loss = store.live.series('gd').column('loss');
    expect(loss[200]! / loss[100]!).toBeCloseTo(0.95 ** 200, 6);
  });

  it('a diverged run can rewind and halve η; the others are untouched', async () => {
    const { store, worker } = setup();
    // λmax = 1: at η = 50 the error grows 49× per step and overflows within 200 steps.
    store.getState().updateRun('gd', (r) => ({ ...r, optimizer: { ...r.optimizer, lr: 50 } }));
    store.getState().play();
    await waitFor(() => store.getState().runs.gd?.status === 'diverged');
    expect(store.getState().runs.gd?.divergence).toMatchObject({
      quantity: 'loss',
      value: 'Infinity',
      lr: 50,
    });
    const divergedAt = store.live.last('gd')!.step;
    store.getState().rewindAndHalve('gd');
    // The loss grew 49² = 2401-fold in the very first step: rewind to the start.
    const target = 0;
    expect(divergedAt).toBeGreaterThan(10);
    expect(worker().commands.slice(-2)).toMatchObject([
      { type: 'rewind', label: 'gd', step: target },
      { type: 'play' },
    ]);
    expect(store.getState().experiment.runs[0]!.optimizer.lr).toBe(25);
    expect(store.getState().experiment.runs[1]!.optimizer.lr).toBe(0.5);
    // History after the rewind point is replaced by the branch, which uses η = 25.
    const series = store.live.series('gd');
    const lrAt = (step: number): number | undefined =>
      series.column('lr')[Array.from(series.column('step')).indexOf(step)];
    await waitFor(() => lrAt(target) === 25);
    const steps = Array.from(series.column('step'));
    const at = steps.indexOf(target);
    expect(steps.slice(0, at + 1)).toEqual(Array.from({ length: target + 1 }, (_, i) => i));
    expect(series.column('lr')[at]).toBe(25);
  });

  it('scrubbed past its blow-up, a diverged run keeps its drawable path, marked diverged', async () => {
    const { store } = setup();
    // λmax = 1: at η = 50 the error grows 49× per step, past the drawable range within steps.
    store.getState().updateRun('gd', (r) => ({ ...r, optimizer: { ...r.optimizer, lr: 50 } }));
    store.getState().play();
    await waitFor(() => store.getState().runs.gd?.status === 'diverged');
    store.getState().pause();
    const divergedAt = store.live.last('gd')!.step;
    const series = store.live.series('gd');
    const drawable = drawableCount(series.column('params'), series.count);
    // 3·49^k leaves the drawable range long before the loss overflows.
    expect(drawable).toBeGreaterThan(1);
    expect(drawable).toBeLessThan(series.count);
    const map = trajectorySource(store, { gradient: true, velocity: false, step: false });
    store.getState().setShownStep(divergedAt);
    const shown = map.getState()[0]!;
    expect(shown.count).toBe(drawable);
    expect(shown.diverged).toBe(true);
    expect(shown.current).toBeUndefined();
    // Before it left the drawable range, the run is shown at that step as usual.
    store.getState().setShownStep(1);
    expect(map.getState()[0]!).toMatchObject({ count: 2, diverged: false });
  });

  it('the step scrubber shows step k; a branch goes on from θ_k and the velocity at k with its own η', async () => {
    const { store, worker } = setup();
    store.getState().step(30);
    await waitFor(() => store.live.currentStep('heavy ball') === 30);
    const parent = store.live.series('heavy ball');
    const theta = (k: number) => [
      parent.column('params')[2 * k]!,
      parent.column('params')[2 * k + 1]!,
    ];
    const grad = (k: number) => [parent.column('grad')[2 * k]!, parent.column('grad')[2 * k + 1]!];
    const velocity = (k: number) => [
      parent.column('state')[2 * k]!,
      parent.column('state')[2 * k + 1]!,
    ];
    const theta12 = theta(12);
    const map = trajectorySource(store, { gradient: true, velocity: true, step: true });
    // Live: the marker is where the run is now, θ_30.
    expect(map.getState()[1]!.current).toEqual([
      store.live.next('heavy ball')!.params![0],
      store.live.next('heavy ball')!.params![1],
    ]);
    // Scrubbed back to 12: the path ends at θ_12, which carries the marker and step 12's arrows.
    store.getState().setShownStep(12);
    const shown = map.getState()[1]!;
    expect(shown.current).toEqual(theta12);
    expect(shown.count).toBe(13);
    expect(shown.arrows?.gradient).toEqual(grad(12));
    expect(shown.arrows?.step).toEqual([theta(13)[0]! - theta12[0]!, theta(13)[1]! - theta12[1]!]);

    const label = store.getState().branchRun('heavy ball', 12);
    expect(label).toBe('heavy ball ↳ 12');
    expect(worker().commands.at(-1)).toMatchObject({
      type: 'addRun',
      run: { label, optimizer: { kind: 'momentum', lr: 0.5, momentum: 0.5 } },
      from: { label: 'heavy ball', step: 12 },
    });
    expect(store.getState().branches).toEqual({ [label!]: { label: 'heavy ball', step: 12 } });
    expect(store.getState().shownStep).toBeNull();
    // The user lowers the branch's η, then takes one step.
    store.getState().updateRun(label!, (r) => ({ ...r, optimizer: { ...r.optimizer, lr: 0.1 } }));
    store.getState().step(1);
    const branch = store.live.series(label!);
    await waitFor(() => branch.count === 1);
    expect(Array.from(branch.column('step'))).toEqual([12]);
    expect(Array.from(branch.column('params'))).toEqual(theta12);
    // Heavy ball (PyTorch form unless classic): b12 = 0.5·b11 + g12, θ13 = θ12 − 0.1·b12;
    // classic: v12 = 0.5·v11 + 0.1·g12, θ13 = θ12 − v12 — from the parent's records at 11 and 12.
    const optimizer = store.getState().experiment.runs[1]!.optimizer;
    const classic = optimizer.kind === 'momentum' && optimizer.form === 'classic';
    // θ13 is where the branch stands now: its next step's preview.
    await waitFor(() => store.live.next(label!)?.step === 13);
    const theta13 = store.live.next(label!)!.params!;
    for (const i of [0, 1]) {
      const b = 0.5 * velocity(11)[i]! + (classic ? 0.1 : 1) * grad(12)[i]!;
      expect(branch.column('state')[i]).toBeCloseTo(b, 14);
      expect(theta13[i]).toBeCloseTo(theta12[i]! - (classic ? 1 : 0.1) * b, 14);
    }
    // The carried velocity matters (y has settled exactly by step 11 on this quadratic).
    expect(Math.abs(0.5 * velocity(11)[0]!)).toBeGreaterThan(1e-3);
  });

  it('a dead worker is reported; restart brings the runs back with the config kept', async () => {
    const { store, workers, worker } = setup();
    store.getState().updateRun('gd', (r) => ({ ...r, optimizer: { ...r.optimizer, lr: 0.3 } }));
    worker().die('out of memory');
    expect(store.getState().workerError).toMatch(/the training worker stopped: out of memory/);
    store.getState().restartWorkers();
    expect(workers).toHaveLength(2);
    expect(store.getState().workerError).toBeNull();
    expect(worker().commands[0]).toMatchObject({ type: 'init' });
    const init = worker().commands[0] as { experiment: typeof experiment };
    expect(init.experiment.runs[0]!.optimizer.lr).toBe(0.3);
  });

  it('rewinds to before the loss first grew tenfold, or 10 steps back', () => {
    const buffer = new SeriesBuffer(64);
    const loss = [5, 4, 3, 2, 2.5, 19, 25, 300, 1e6, Infinity];
    const n = loss.length;
    const column = (values: number[]) => Float64Array.from(values);
    buffer.append({
      count: n,
      step: column(loss.map((_, i) => i)),
      loss: column(loss),
      lr: new Float64Array(n),
      params: new Float64Array(2 * n),
      grad: new Float64Array(2 * n),
      state: new Float64Array(2 * n),
      samplesSeen: new Float64Array(n),
      seconds: new Float64Array(n),
      accuracy: new Float64Array(n),
      testAccuracy: new Float64Array(n).fill(NaN),
    });
    // Lowest loss before step 6 is 2; 25 > 10·2 at step 6, so the blow-up starts after step 5.
    expect(rewindTarget(buffer, 9)).toBe(0); // 9 − 10 < 0 wins
    // With a later divergence, the blow-up point (step 5) is earlier than divergedAt − 10.
    expect(rewindTarget(buffer, 40)).toBe(5);
  });
});
