// @vitest-environment jsdom
/**
 * The one live-data path keeps React out of the per-step loop: however many worker frames the
 * client hands the store within one animation frame, the store announces them once per pace
 * (liveSlice.ts), and a text view reading them through `useLiveValue` renders once.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseExperiment } from '../../src/core/config/validate.ts';
import type { StepRecord } from '../../src/core/run/records.ts';
import { createLabStore, type LabStore } from '../../src/store/labStore.ts';
import { LIVE_PACE_MS } from '../../src/store/liveSlice.ts';
import { LabStoreContext } from '../../src/store/useLab.ts';
import { useLiveValue } from '../../src/ui/hooks.ts';
import type { FrameMessage, WorkerCommand, WorkerMessage } from '../../src/worker/protocol.ts';
import type { WorkerLike } from '../../src/worker/trainingClient.ts';
import { SeriesPacker } from '../../src/worker/seriesPacker.ts';

const experiment = parseExperiment({
  problem: { kind: 'surface', surface: 'quadratic', start: [3, 2] },
  steps: 1000,
  runs: [{ label: 'A', optimizer: { kind: 'sgd', lr: 0.1 } }],
});

/** A worker the test speaks for: it only records commands and posts what it is told. */
class ScriptedWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(_message: WorkerCommand): void {}
  terminate(): void {}
  send(message: WorkerMessage): void {
    this.onmessage?.({ data: message } as MessageEvent<WorkerMessage>);
  }
}

const record = (step: number): StepRecord => ({
  run: 'A',
  step,
  loss: 1 / (step + 1),
  lr: 0.1,
  params: [step, 0],
  grad: [0, 0],
  state: {},
});

let seq = 0;
/** The frame a worker sends after step `step`: that record, run A still running. */
function frameAfter(step: number): FrameMessage {
  const packer = new SeriesPacker(null);
  packer.add(record(step), 0);
  return {
    type: 'frame',
    seq: ++seq,
    playing: true,
    runs: [
      { label: 'A', status: 'running', series: packer.take(), last: record(step), next: null },
    ],
    events: [],
  } as FrameMessage;
}

function setup() {
  const worker = new ScriptedWorker();
  // Animation frames run when the test says so.
  let pending: Array<() => void> = [];
  const store = createLabStore({
    initial: experiment,
    createWorker: () => worker,
    nextFrame: (callback) => pending.push(callback),
    heartbeatMs: 0,
  });
  const animationFrame = () => {
    const callbacks = pending;
    pending = [];
    for (const callback of callbacks) callback();
  };
  let renders = 0;
  function StepText() {
    renders++;
    const step = useLiveValue((live) => live.series('A').lastStep());
    return <output aria-label="newest step">{step}</output>;
  }
  render(
    <LabStoreContext.Provider value={store}>
      <StepText />
    </LabStoreContext.Provider>,
  );
  return { store, worker, animationFrame, renders: () => renders };
}

/** Counts the store's notifications in which pace `pace` moved. */
function countPulses(store: LabStore, pace: keyof typeof LIVE_PACE_MS): { count: number } {
  const counter = { count: 0 };
  store.subscribe(
    (s) => s.pulse[pace],
    () => counter.count++,
  );
  return counter;
}

describe('live pace', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('50 worker frames within one animation frame: one announcement per pace, one render', () => {
    const { store, worker, animationFrame, renders } = setup();
    const text = countPulses(store, 'text');
    const map = countPulses(store, 'map');
    const before = renders();
    for (let step = 0; step < 50; step++) worker.send(frameAfter(step));
    act(() => animationFrame());
    // Applied at once (the histories hold every step), announced later.
    expect(store.live.series('A').count).toBe(50);
    expect(renders()).toBe(before);
    act(() => vi.advanceTimersByTime(LIVE_PACE_MS.text));
    expect(text.count).toBe(1);
    expect(map.count).toBe(1);
    expect(renders()).toBe(before + 1);
    expect(screen.getByRole('status', { name: 'newest step' }).textContent).toBe('49');
  });

  it('a frame every animation frame for one text interval: at most two renders, the last one current', () => {
    const { store, worker, animationFrame, renders } = setup();
    const text = countPulses(store, 'text');
    const map = countPulses(store, 'map');
    const before = renders();
    // 15 frames 16 ms apart (240 ms < LIVE_PACE_MS.text): the first is announced at once
    // (leading), the rest together after the interval (trailing).
    for (let step = 0; step < 15; step++) {
      worker.send(frameAfter(step));
      act(() => animationFrame());
      act(() => vi.advanceTimersByTime(16));
    }
    act(() => vi.advanceTimersByTime(LIVE_PACE_MS.text));
    expect(text.count).toBe(2);
    // The map's pace: one leading count, then one per 40 ms of 240 ms + the trailing one.
    expect(map.count).toBeGreaterThanOrEqual(6);
    expect(map.count).toBeLessThanOrEqual(8);
    expect(renders()).toBe(before + 2);
    expect(screen.getByRole('status', { name: 'newest step' }).textContent).toBe('14');
  });
});
