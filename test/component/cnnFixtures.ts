/**
 * Recorded frames for the CNN lab's component tests: a stub worker that answers nothing by
 * itself, so each test feeds the real client and store hand-made frames and inspections with
 * known values; a fake 2D canvas context that keeps what each canvas was painted with.
 */
import type { ArchitectureSpec } from '../../src/core/cnn/architecture.ts';
import type { CnnEvaluation, CnnInspection, TensorView } from '../../src/core/cnn/trainer.ts';
import type { Experiment } from '../../src/core/config/experiment.ts';
import { parseExperiment } from '../../src/core/config/validate.ts';
import type { Divergence, LayerStats, StepRecord } from '../../src/core/run/records.ts';
import type { RunStatus } from '../../src/core/run/trainer.ts';
import { createLabStore, type LabStore } from '../../src/store/labStore.ts';
import type { FetchBytes } from '../../src/store/datasetLoader.ts';
import type { LiveEvent, WorkerCommand, WorkerMessage } from '../../src/worker/protocol.ts';
import type { WorkerLike } from '../../src/worker/trainingClient.ts';
import { SeriesPacker } from '../../src/worker/seriesPacker.ts';
import { recordCanvases, type RecordedCanvases } from '../support/fakeCanvas.ts';

/** conv 3×3, 2 filters, pad 1 → ReLU → max-pool 2 → (dense 8 → softmax) on 28×28 shapes. */
export const TINY_NET: ArchitectureSpec = {
  input: [28, 28, 1],
  layers: [
    { type: 'conv', filters: 2, size: 3, stride: 1, pad: 1 },
    { type: 'relu' },
    { type: 'maxPool', size: 2, stride: 2 },
  ],
};

/** Two runs, SGD and momentum, on the shapes (8 classes, 20 held-out images). */
export function tinyExperiment(overrides: Record<string, unknown> = {}): Experiment {
  return parseExperiment({
    problem: {
      kind: 'cnn',
      dataset: 'shapes',
      trainSize: 100,
      testSize: 20,
      evalEvery: 5,
      architecture: TINY_NET,
    },
    steps: 100,
    seed: 1,
    runs: [
      { label: 'SGD', batchSize: 10, optimizer: { kind: 'sgd', lr: 0.1 } },
      { label: 'momentum', batchSize: 10, optimizer: { kind: 'momentum', lr: 0.1, momentum: 0.9 } },
    ],
    ...overrides,
  });
}

export class StubWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  readonly commands: WorkerCommand[] = [];
  terminated = false;

  postMessage(message: WorkerCommand): void {
    this.commands.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(message: WorkerMessage): void {
    this.onmessage?.({ data: message } as MessageEvent<WorkerMessage>);
  }
  /** The labels this worker was given at init. */
  labels(): readonly string[] {
    const init = this.commands.find((c) => c.type === 'init');
    return init?.type === 'init' ? (init.labels ?? []) : [];
  }
}

export interface CnnHarness {
  readonly store: LabStore;
  readonly workers: StubWorker[];
  /** The live worker hosting `label`. */
  worker(label: string): StubWorker;
  /** Sends one frame for `label` with these records (the last is the frame's `last`). */
  frame(
    label: string,
    records: readonly StepRecord[],
    extra?: {
      status?: RunStatus;
      divergence?: Divergence;
      truncatedAfter?: number;
      events?: LiveEvent[];
    },
  ): void;
  /** Answers the newest inspection request of `label` with `inspection`; throws if none was sent. */
  answer(label: string, inspection: CnnInspection): void;
  /** The inspect commands sent for `label`, oldest first. */
  inspects(label: string): Array<Extract<WorkerCommand, { type: 'inspect' }>>;
}

let seq = 0;

export function cnnHarness(
  experiment: Experiment = tinyExperiment(),
  extra: { fetchBytes?: FetchBytes; mnist?: () => ArrayBuffer | undefined } = {},
): CnnHarness {
  const workers: StubWorker[] = [];
  const store = createLabStore({
    initial: experiment,
    createWorker: () => {
      const worker = new StubWorker();
      workers.push(worker);
      return worker;
    },
    maxWorkers: 4,
    nextFrame: (callback) => callback(),
    heartbeatMs: 0, // stub workers do not answer pings
    ...extra,
  });
  const worker = (label: string) => {
    const found = workers.filter((w) => !w.terminated).find((w) => w.labels().includes(label));
    if (!found) throw new Error(`no worker hosts ${label}`);
    return found;
  };
  const inspects = (label: string) =>
    worker(label).commands.filter(
      (c): c is Extract<WorkerCommand, { type: 'inspect' }> =>
        c.type === 'inspect' && c.label === label,
    );
  return {
    store,
    workers,
    worker,
    inspects,
    frame(label, records, more = {}) {
      const packer = new SeriesPacker(null);
      // Every step costs the fake worker 50 ms of compute: step k comes after k + 1 of them.
      for (const record of records) packer.add(record, (record.step + 1) * FAKE_SECONDS_PER_STEP);
      worker(label).emit({
        type: 'frame',
        seq: ++seq,
        playing: false,
        events: more.events ?? [],
        runs: [
          {
            label,
            status: more.status ?? 'running',
            series: packer.take(),
            last: records[records.length - 1] ?? null,
            next: null,
            ...(more.divergence === undefined ? {} : { divergence: more.divergence }),
            ...(more.truncatedAfter === undefined ? {} : { truncatedAfter: more.truncatedAfter }),
          },
        ],
      });
    },
    answer(label, inspection) {
      const request = inspects(label).at(-1);
      if (!request) throw new Error(`no inspection was asked of ${label}`);
      worker(label).emit({
        type: 'inspection',
        requestId: request.requestId,
        label,
        step: inspection.step,
        inspection,
      });
    },
  };
}

/** Layer statistics of TINY_NET with every value given (same for every tensor unless set). */
export function tinyLayers(values: Partial<Omit<LayerStats, 'name'>> = {}): LayerStats[] {
  return ['conv1.weight', 'conv1.bias', 'dense.weight', 'dense.bias'].map((name) => ({
    name,
    gradNorm: values.gradNorm ?? 1,
    stateNorm: values.stateNorm ?? 0,
    weightNorm: values.weightNorm ?? 2,
    updateRatio: values.updateRatio ?? 0.001,
  }));
}

/** Compute time per step the fake CNN worker reports (`PackedSeries.seconds`). */
export const FAKE_SECONDS_PER_STEP = 0.05;

/** A CNN step record with the given loss and batch accuracy. */
export function record(
  label: string,
  step: number,
  loss: number,
  accuracy: number,
  more: Partial<StepRecord> = {},
): StepRecord {
  return {
    run: label,
    step,
    loss,
    lr: 0.1,
    samplesSeen: step * 10,
    state: { t: step },
    accuracy,
    layers: tinyLayers(),
    ...more,
  };
}

function tensor(name: string, shape: number[], fill: (i: number) => number): TensorView {
  const size = shape.reduce((a, b) => a * b, 1);
  return { name, shape, data: Float32Array.from({ length: size }, (_, i) => fill(i)) };
}

/**
 * An inspection of TINY_NET at `step`: conv1 weights `weights` (18 values: filter 0 then 1,
 * row by row), gradient and state tensors filled with `gradient` and `state` values, the
 * probe's probabilities, and optionally an evaluation.
 */
export function tinyInspection(options: {
  step: number;
  weights?: readonly number[];
  gradient?: number;
  stateName?: string | null;
  states?: Record<string, number>;
  probabilities?: readonly number[];
  label?: number | null;
  /** conv1 activation value of every pixel of channel c: (c + 1) · this. */
  activation?: number;
  evaluation?: CnnEvaluation | null;
}): CnnInspection {
  const weights = options.weights ?? Array.from({ length: 18 }, (_, i) => (i - 9) / 10);
  const probabilities = options.probabilities ?? [0.05, 0.05, 0.05, 0.6, 0.05, 0.1, 0.05, 0.05];
  const predicted = probabilities.indexOf(Math.max(...probabilities));
  const shapes: Record<string, number[]> = {
    'conv1.weight': [2, 1, 3, 3],
    'conv1.bias': [2],
    'dense.weight': [8, 392],
    'dense.bias': [8],
  };
  const a = options.activation ?? 0.5;
  const names = Object.keys(shapes);
  const stateEntries = Object.entries(options.states ?? {});
  const states = stateEntries.map(([name, value]) => ({
    name,
    tensors: names.map((n) => tensor(n, shapes[n]!, () => value)),
  }));
  const stateName = options.stateName ?? stateEntries[0]?.[0] ?? null;
  return {
    step: options.step,
    probe: {
      image: new Float32Array(784),
      label: options.label ?? null,
      probabilities: Float32Array.from(probabilities),
      predicted,
    },
    filters: [tensor('conv1.weight', [2, 1, 3, 3], (i) => weights[i]!)],
    activations: [
      tensor('conv1', [2, 28, 28], (i) => (Math.floor(i / 784) + 1) * a),
      tensor('relu1', [2, 28, 28], (i) => (Math.floor(i / 784) + 1) * a),
      tensor('maxPool1', [2, 14, 14], (i) => (Math.floor(i / 196) + 1) * a),
      tensor('dense', [8, 1, 1], (i) => i - 3),
    ],
    gradients: names.map((n) => tensor(n, shapes[n]!, () => options.gradient ?? 0.01)),
    stateName,
    state: states.find((s) => s.name === stateName)?.tensors ?? [],
    states,
    evaluation: options.evaluation ?? null,
  };
}

/** Canvases with a recording 2D context: the images put and the lines stroked on each. */
export function fakeCanvas(): RecordedCanvases {
  return recordCanvases();
}
