// @vitest-environment jsdom
/**
 * The sweep panel over fake sweep workers that answer with the real core: progress while the
 * replays run, Pause and Cancel reach the workers, the chart's points are the replays' results
 * and clicking one loads its η into the run.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { runSweepJob, type SweepJob } from '../../src/core/analysis/sweep.ts';
import type { Experiment } from '../../src/core/config/experiment.ts';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { createLabStore, type LabStore } from '../../src/store/labStore.ts';
import { LabStoreContext } from '../../src/store/useLab.ts';
import { SweepPanel, SweepWorkerContext } from '../../src/ui/analysis/SweepPanel.tsx';
import type { SweepWorkerLike } from '../../src/worker/sweepClient.ts';
import type { SweepCommand, SweepMessage } from '../../src/worker/sweepProtocol.ts';
import { FakeWorker } from '../support/fakeWorker.ts';

/** A sweep worker that holds its jobs until the test answers them. */
class FakeSweepWorker implements SweepWorkerLike {
  onmessage: ((event: MessageEvent<SweepMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly received: SweepCommand[] = [];
  terminated = false;
  experiment: Experiment | null = null;
  pending: { index: number; job: SweepJob }[] = [];

  postMessage(message: SweepCommand): void {
    this.received.push(message);
    if (message.type === 'init') this.experiment = message.experiment;
    if (message.type === 'job') this.pending.push({ index: message.index, job: message.job });
  }
  terminate(): void {
    this.terminated = true;
  }
  send(message: SweepMessage): void {
    act(() => this.onmessage?.({ data: message } as MessageEvent<SweepMessage>));
  }
  /** Answers the oldest held job with its real point. */
  answer(): void {
    const { index, job } = this.pending.shift()!;
    this.send({ type: 'point', index, point: runSweepJob(this.experiment!, job) });
  }
}

const EXPERIMENT = {
  problem: { kind: 'surface', surface: 'quadratic', params: { conditionNumber: 10 } },
  steps: 100,
  runs: [
    { label: 'gd', optimizer: { kind: 'sgd', lr: 0.1 } },
    { label: 'hb', optimizer: { kind: 'momentum', lr: 0.05, momentum: 0.5 } },
  ],
};

let store: LabStore;
const workers: FakeSweepWorker[] = [];

function renderPanel() {
  store = createLabStore({
    initial: parseExperiment(EXPERIMENT),
    createWorker: () => new FakeWorker(),
    nextFrame: (callback) => setTimeout(callback, 0),
  });
  const factory = () => {
    const worker = new FakeSweepWorker();
    workers.push(worker);
    return worker;
  };
  render(
    <SweepWorkerContext.Provider value={factory}>
      <LabStoreContext.Provider value={store}>
        <SweepPanel />
      </LabStoreContext.Provider>
    </SweepWorkerContext.Provider>,
  );
}

function setRange(from: number, to: number, count: number) {
  for (const [name, value] of [
    ['η from', from],
    ['η to', to],
    ['Learning rates', count],
  ] as const) {
    const field = screen.getByRole('spinbutton', { name });
    fireEvent.change(field, { target: { value: String(value) } });
    fireEvent.keyDown(field, { key: 'Enter' });
  }
}

afterEach(() => {
  cleanup();
  workers.splice(0);
});

describe('sweep panel', () => {
  it('shows progress, draws the points, marks divergence and loads a clicked η', () => {
    renderPanel();
    setRange(0.1, 4, 12);
    fireEvent.click(screen.getByRole('button', { name: 'Sweep η' }));
    expect(workers.length).toBeGreaterThanOrEqual(1);
    const worker = workers[0]!;
    // Every worker got the experiment, then one job.
    expect(worker.received[0]!.type).toBe('init');
    expect(worker.pending).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Sweep η' })).toHaveProperty('disabled', true);

    // 24 replays (12 rates × 2 runs) of 100 steps: half of the first one is 50 of 2400 steps.
    worker.send({ type: 'progress', index: 0, step: 48 });
    const progress = screen.getByTestId('sweep-progress') as HTMLProgressElement;
    expect(progress.value).toBe(2);
    expect(screen.getByRole('status').textContent).toBe('0 of 24 replays done (2 %).');

    for (let i = 0; i < 24; i++) workers.forEach((w) => w.pending.length > 0 && w.answer());
    while (workers.some((w) => w.pending.length > 0))
      workers.forEach((w) => w.pending.length > 0 && w.answer());
    expect(screen.getByRole('status').textContent).toBe('Done: 24 replays.');
    expect(progress.value).toBe(100);
    expect(workers.every((w) => w.terminated)).toBe(true);

    const chart = screen.getByTestId('sweep-chart');
    const points = within(chart).getAllByRole('button');
    expect(points).toHaveLength(24);
    // GD on λmax = 1 diverges above η = 2; the heavy ball with γ = 0.5 above 2(1 + γ) = 3.
    for (const point of points) {
      const lr = Number(point.getAttribute('data-lr'));
      const limit = point.getAttribute('data-run') === 'gd' ? 2 : 3;
      expect(
        point.getAttribute('data-diverged') === 'true',
        `${point.getAttribute('data-run')} ${lr}`,
      ).toBe(lr > limit);
    }

    const target = points.find(
      (p) => p.getAttribute('data-run') === 'hb' && Number(p.getAttribute('data-lr')) < 1,
    )!;
    const lr = Number(target.getAttribute('data-lr'));
    fireEvent.click(target);
    expect(store.getState().experiment.runs[1]!.optimizer.lr).toBe(lr);
    expect(store.getState().experiment.runs[0]!.optimizer.lr).toBe(0.1);
    // The keyboard does the same.
    const other = points.find((p) => p.getAttribute('data-run') === 'gd')!;
    fireEvent.keyDown(other, { key: 'Enter' });
    expect(store.getState().experiment.runs[0]!.optimizer.lr).toBe(
      Number(other.getAttribute('data-lr')),
    );
  });

  it('pauses, resumes and cancels the workers', () => {
    renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Sweep η' }));
    const worker = workers[0]!;
    worker.answer();
    fireEvent.click(screen.getByRole('button', { name: 'Pause sweep' }));
    expect(worker.received.at(-1)).toEqual({ type: 'pause' });
    expect(screen.getByRole('status').textContent).toMatch(/^Paused: 1 of 26 replays done/);
    fireEvent.click(screen.getByRole('button', { name: 'Resume sweep' }));
    expect(worker.received.at(-1)).toEqual({ type: 'resume' });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel sweep' }));
    expect(worker.terminated).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Cancelled: 1 of 26 replays done.');
    expect(screen.getByRole('button', { name: 'Sweep η' })).toHaveProperty('disabled', false);
    // A late answer from a cancelled worker changes nothing.
    expect(worker.onmessage).toBeNull();
  });

  it('with "Same effective step", adds SGD at η/(1 − γ) beside the momentum run', () => {
    renderPanel();
    setRange(0.1, 1, 2);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Same effective step' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sweep η' }));
    const jobs: SweepJob[] = [];
    while (workers.some((w) => w.pending.length > 0))
      for (const w of workers)
        if (w.pending.length > 0) {
          jobs.push(w.pending[0]!.job);
          w.answer();
        }
    expect(jobs.map((j) => j.label).sort()).toEqual([
      'gd',
      'gd',
      'hb',
      'hb',
      'hb · SGD',
      'hb · SGD',
    ]);
    const twins = jobs.filter((j) => j.label === 'hb · SGD');
    for (const twin of twins)
      expect(twin.run.optimizer).toEqual({ kind: 'sgd', lr: twin.lr / (1 - 0.5), weightDecay: 0 });
    expect(within(screen.getByTestId('sweep-panel')).getByText('hb · SGD')).toBeTruthy();
    // The twin's points load their η into the momentum run they stand beside.
    const hbPoints = within(screen.getByTestId('sweep-chart'))
      .getAllByRole('button')
      .filter((p) => p.getAttribute('data-run') === 'hb');
    expect(hbPoints).toHaveLength(4);
  });
});
