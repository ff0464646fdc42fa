/**
 * Long CNN steps are worked on in slices: the trainer yields after every sample (batch and
 * held-out set), a step abandoned part-way leaves the run exactly as before, and the host
 * reads a command within one slice (≤ 12 ms of work) whatever the batch size.
 */
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { createCnnTrainers } from '../../src/core/cnn/trainer.ts';
import type { RunTrainer } from '../../src/core/run/trainer.ts';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import type { WorkerMessage } from '../../src/worker/protocol.ts';
import { PROTOCOL_VERSION } from '../../src/worker/protocol.ts';
import { TrainingHost } from '../../src/worker/trainingHost.ts';

const experiment = (batchSize: number, evalEvery = 1) =>
  parseExperiment({
    problem: { kind: 'cnn', dataset: 'shapes', trainSize: 200, testSize: 40, evalEvery },
    steps: 5,
    seed: 3,
    runs: [{ label: 'sgd', batchSize, optimizer: { kind: 'sgd', lr: 0.05 } }],
  });

describe('sliced CNN steps', () => {
  it('yield once per sample of the batch and of the held-out set', () => {
    const [trainer] = createCnnTrainers(experiment(30, 1), {});
    const work = trainer!.advanceInSlices();
    let slices = 0;
    while (!work.next().done) slices++;
    // 30 training samples + 40 held-out images (evaluation at step 0), one per pass.
    expect(slices).toBe(30 + 40);
  });

  it('abandoned part-way, leave the run as before: the next step equals an untouched twin’s', () => {
    const [sliced] = createCnnTrainers(experiment(30), {});
    const [twin] = createCnnTrainers(experiment(30), {});
    sliced!.advance();
    twin!.advance();
    const work = sliced!.advanceInSlices();
    for (let i = 0; i < 17; i++) work.next();
    work.return(undefined as never);
    expect(sliced!.t).toBe(1);
    expect(sliced!.advance()).toEqual(twin!.advance());
  });
});

describe('the host with a long step', () => {
  /** A host whose clock moves 2 ms per slice of `slicesPerStep`, with the posted messages. */
  function host(slicesPerStep: number) {
    let clock = 0;
    const tasks: Array<() => void> = [];
    const posted: WorkerMessage[] = [];
    let slicesWorked = 0;
    const slow = (trainer: RunTrainer): RunTrainer =>
      Object.assign(Object.create(trainer) as RunTrainer, {
        *advanceInSlices() {
          for (let i = 0; i < slicesPerStep; i++) {
            clock += 2;
            slicesWorked++;
            yield;
          }
          return trainer.advance();
        },
      });
    const h = new TrainingHost({
      post: (message) => posted.push(message),
      now: () => clock,
      schedule(task) {
        tasks.push(task);
        return () => tasks.splice(tasks.indexOf(task), 1);
      },
      createTrainers: (e, runs) => createTrainers(e, runs).map(slow),
    });
    return {
      h,
      posted,
      /** Runs the next scheduled task (one tick), acknowledges its frame as the UI does, and returns the slices it worked. */
      tick() {
        const before = slicesWorked;
        const seen = posted.length;
        tasks.shift()?.();
        const frame = posted.slice(seen).find((m) => m.type === 'frame');
        if (frame) h.handle({ type: 'ack', seq: frame.seq });
        return slicesWorked - before;
      },
      pendingTasks: () => tasks.length,
    };
  }

  it('reads Pause within one slice of a 10-second step, then Step finishes exactly that step', () => {
    const { h, posted, tick, pendingTasks } = host(5000); // 5,000 × 2 ms = 10 s of work
    h.handle({ type: 'init', protocol: PROTOCOL_VERSION, experiment: experiment(200) });
    h.handle({ type: 'play' });
    // Each tick works ≤ 12 ms (6 slices of 2 ms), then the command queue is read.
    for (let i = 0; i < 5; i++) expect(tick()).toBeLessThanOrEqual(7);
    h.handle({ type: 'pause' });
    while (pendingTasks() > 0) expect(tick()).toBe(0);
    expect(posted.filter((m) => m.type === 'frame').at(-1)).toMatchObject({ playing: false });
    h.handle({ type: 'step', count: 1 });
    let worked = 0;
    while (pendingTasks() > 0) worked += tick();
    expect(worked).toBe(5000 - 5 * 6);
    const steps = posted
      .filter((m) => m.type === 'frame')
      .flatMap((m) => m.runs.flatMap((r) => Array.from(r.series.step.subarray(0, r.series.count))));
    expect(steps).toEqual([0]);
  });
});
