// @vitest-environment jsdom
/**
 * The training worker's failure paths as a learner meets them, over the real store, client and
 * host (a FakeWorker running the real TrainingHost): a trainer that throws mid-step, a worker
 * the browser will not create (a CSP refusal), a message the page cannot read, and the worker's
 * `error` event. Each shows one clear message (no blank page, no stack trace), keeps the
 * learner's settings, and offers Restart, which trains again. Fake time drives everything, so
 * "training stopped" is checked after seconds of time in which nothing may move.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import type { RunTrainer } from '../../src/core/run/trainer.ts';
import { LIVE_PACE_MS } from '../../src/store/liveSlice.ts';
import type { WorkerCommand } from '../../src/worker/protocol.ts';
import { FakeWorker } from '../support/fakeWorker.ts';
import { renderApp, runPanel, setUpUiTests, stepCounter } from './uiSupport.tsx';

setUpUiTests();
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const EXPERIMENTS = {
  explorer: {
    problem: { kind: 'surface', surface: 'quadratic', params: { conditionNumber: 10 } },
    steps: 100_000,
    runs: [{ label: 'SGD', optimizer: { kind: 'sgd', lr: 0.05 } }],
  },
};

/** Runs fake time forward 10 ms at a time until `predicate` holds, for at most `ms`. */
async function advanceUntil(predicate: () => boolean, ms: number): Promise<void> {
  for (let t = 0; t < ms && !predicate(); t += 10) await act(() => vi.advanceTimersByTimeAsync(10));
  expect(predicate()).toBe(true);
}

/** The learner's own setting, made before anything fails: η typed as 0.02. */
function setLearningRate(): void {
  const typed = within(runPanel('SGD')).getByRole('spinbutton', { name: 'Learning rate' });
  fireEvent.input(typed, { target: { value: '0.02' } });
  fireEvent.keyDown(typed, { key: 'Enter' });
}

function play(): void {
  fireEvent.change(screen.getByRole('combobox', { name: 'Speed' }), { target: { value: '60' } });
  fireEvent.click(screen.getByRole('button', { name: 'Play' }));
}

/** The one alert on the page. */
function theAlert(): HTMLElement {
  const alerts = screen.getAllByRole('alert');
  expect(alerts).toHaveLength(1);
  return alerts[0]!;
}

/** The η the worker was last given for SGD (at init or by a patch). */
function lrSentTo(worker: FakeWorker): number | undefined {
  let lr: number | undefined;
  for (const c of worker.commands as WorkerCommand[]) {
    if (c.type === 'init') lr = c.experiment.runs[0]?.optimizer.lr;
    if (c.type === 'patchRun') lr = c.run.optimizer.lr;
  }
  return lr;
}

/**
 * After the failure: the message is `expected` exactly (plain words, no stack frames),
 * training has stopped (nothing moves in 5 s of fake time), the setting is still on screen,
 * and Restart brings a new worker that trains from it.
 */
async function expectStoppedThenRestart(
  workers: FakeWorker[],
  expected: string,
  makeWorkersWork: () => void = () => {},
): Promise<void> {
  const alert = theAlert();
  expect(alert.textContent).toBe(
    `Training stopped. ${expected}. Your settings and curves are kept.Restart`,
  );
  expect(alert.textContent).not.toMatch(/\bat \S+ \(|\.ts:\d+/);
  expect(screen.getByRole('heading', { level: 1, name: 'Descent Lab' })).toBeTruthy();
  // Steps that arrived before the stop reach the counter at the store's pace, then nothing moves.
  await act(() => vi.advanceTimersByTimeAsync(LIVE_PACE_MS.text));
  const stoppedAt = stepCounter();
  await act(() => vi.advanceTimersByTimeAsync(5000));
  expect(stepCounter()).toBe(stoppedAt);
  expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy();
  const typed = within(runPanel('SGD')).getByRole('spinbutton', {
    name: 'Learning rate',
  }) as HTMLInputElement;
  expect(typed.value).toBe('0.02');

  makeWorkersWork();
  const before = workers.length;
  fireEvent.click(within(alert).getByRole('button', { name: 'Restart' }));
  expect(screen.queryByRole('alert')).toBeNull();
  expect(workers).toHaveLength(before + 1);
  const fresh = workers.at(-1)!;
  expect(lrSentTo(fresh)).toBe(0.02);
  play();
  const from = stepCounter();
  await advanceUntil(() => stepCounter() >= from + 3, 2000);
  expect(screen.queryByRole('alert')).toBeNull();
}

describe('a worker that fails', () => {
  it('a trainer throwing mid-step: one message, training stops, Restart trains again', async () => {
    let faulty = true;
    /** Trainers whose first run throws at step 3 while `faulty`, as a bug in a step would. */
    const throwingAtStep3 = (...args: Parameters<typeof createTrainers>): RunTrainer[] =>
      createTrainers(...args).map((trainer) => {
        const advance = trainer.advance.bind(trainer);
        return Object.assign(Object.create(trainer) as RunTrainer, {
          advance: () => {
            if (faulty && trainer.t === 3) {
              const error = new TypeError("Cannot read properties of undefined (reading 'x')");
              error.stack = `${error.message}\n    at step (sgd.ts:12:5)\n    at tick (trainingHost.ts:410:9)`;
              throw error;
            }
            return advance();
          },
        });
      });
    const { workers } = renderApp({
      experiments: EXPERIMENTS,
      newWorker: () =>
        new FakeWorker({
          createTrainers: (experiment, runs, mnist) => throwingAtStep3(experiment, runs, { mnist }),
        }),
    });
    setLearningRate();
    play();
    await advanceUntil(() => screen.queryAllByRole('alert').length > 0, 2000);
    expect(stepCounter()).toBeLessThanOrEqual(3);
    const errors = workers[0]!.posted.filter((m) => m.type === 'error');
    expect(errors).toEqual([
      {
        type: 'error',
        message: "the training worker stopped: Cannot read properties of undefined (reading 'x')",
        fatal: true,
      },
    ]);
    await expectStoppedThenRestart(
      workers,
      "the training worker stopped: Cannot read properties of undefined (reading 'x')",
      () => (faulty = false),
    );
  });

  it('a worker the browser refuses to create (CSP): the page still shows, and Restart retries', async () => {
    let refused = true;
    const { workers } = renderApp({
      experiments: EXPERIMENTS,
      newWorker: () => {
        if (refused)
          throw new DOMException(
            "Failed to construct 'Worker': Access to the script at 'blob:x' is denied by the document's Content Security Policy.",
            'SecurityError',
          );
        return new FakeWorker();
      },
    });
    expect(workers).toHaveLength(0);
    setLearningRate();
    await expectStoppedThenRestart(
      workers,
      "could not start a training worker: Failed to construct 'Worker': Access to the script at 'blob:x' is denied by the document's Content Security Policy",
      () => (refused = false),
    );
  });

  it('a message the page cannot read (messageerror): a stop with Restart, not a silent freeze', async () => {
    let made = 0;
    let frames = 0;
    const { workers } = renderApp({
      experiments: EXPERIMENTS,
      newWorker: () => {
        const first = ++made === 1;
        // The third frame of the first worker fails to deserialize.
        return new FakeWorker({
          unreadable: (message) => first && message.type === 'frame' && ++frames === 3,
        });
      },
    });
    setLearningRate();
    play();
    await advanceUntil(() => screen.queryAllByRole('alert').length > 0, 2000);
    await expectStoppedThenRestart(workers, 'a message from the training worker could not be read');
  });

  it('the worker’s error event: its message without the stack, settings kept, Restart', async () => {
    const { workers } = renderApp({ experiments: EXPERIMENTS });
    setLearningRate();
    play();
    await advanceUntil(() => stepCounter() >= 2, 2000);
    act(() => workers[0]!.die('Uncaught RangeError: out of memory\n    at grow (trainer.ts:10:3)'));
    await expectStoppedThenRestart(workers, 'the training worker stopped: out of memory');
  });
});
