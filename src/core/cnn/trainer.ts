/**
 * Trains one run of a CNN experiment, one mini-batch per `advance`. Every run of an experiment
 * starts from the same weights and sees the same batches (both derive from the experiment's
 * seed alone), so on screen the optimizer is the only difference.
 */
import type { CnnProblem, Experiment, OptimizerConfig, RunConfig } from '../config/experiment.ts';
import { createOptimizer, primaryStateName } from '../optimizers/index.ts';
import type { Optimizer, OptimizerSnapshot } from '../optimizers/optimizer.ts';
import { BatchOrder, type BatchCursor } from '../problems/batchOrder.ts';
import { Random } from '../random.ts';
import type { Divergence, LayerStats, StepRecord } from '../run/records.ts';
import {
  applyLiveSettings,
  divergence,
  type RunStatus,
  type RunTrainer,
  type TrainerSnapshot,
} from '../run/trainer.ts';
import { learningRate } from '../schedules/index.ts';
import { splitDataset, writeImage, type DatasetSplit, type ImageDataset } from './data/dataset.ts';
import { parseMnistFile } from './data/mnistFormat.ts';
import { generateShapes } from './data/shapes.ts';
import type { CnnEngine } from './engine.ts';
import { Conv2d } from './layers/conv2d.ts';
import { buildModel, type Model } from './model.ts';
import { norm, type Precision, type Tensor } from './tensor.ts';

/** The images of a CNN experiment and which of them train and which are held out. */
export interface CnnData {
  readonly dataset: ImageDataset;
  readonly split: DatasetSplit;
}

/**
 * Loads or generates the data of `problem`: MNIST from the file's bytes (or an already parsed
 * set), split by the fixed MNIST split; or `testSize + trainSize` shapes drawn from `seed`,
 * the first `testSize` held out.
 */
export function prepareCnnData(
  problem: CnnProblem,
  seed: number,
  mnist?: ArrayBuffer | Uint8Array | ImageDataset,
): CnnData {
  if (problem.dataset === 'shapes') {
    const dataset = generateShapes(problem.testSize + problem.trainSize, seed);
    const all = Uint32Array.from({ length: dataset.count }, (_, i) => i);
    return {
      dataset,
      split: { test: all.slice(0, problem.testSize), train: all.slice(problem.testSize) },
    };
  }
  if (mnist === undefined) throw new Error('the MNIST data file is not loaded (data/mnist.bin)');
  const dataset =
    mnist instanceof ArrayBuffer || mnist instanceof Uint8Array ? parseMnistFile(mnist) : mnist;
  return onlyWhatIsUsed({
    dataset,
    split: splitDataset(dataset, problem.trainSize, problem.testSize),
  });
}

/**
 * The data with only the images the split uses, held out first then training, in the split's
 * order: a run on 1,000 of MNIST's 10,000 images keeps 1,000 (+ the held-out ones), not all.
 * Every index a trainer reads goes through the split, so training is unchanged.
 */
export function onlyWhatIsUsed({ dataset, split }: CnnData): CnnData {
  const used = [...split.test, ...split.train];
  if (used.length === dataset.count) return { dataset, split };
  const size = dataset.height * dataset.width;
  const pixels = new Uint8Array(used.length * size);
  const labels = new Uint8Array(used.length);
  used.forEach((from, to) => {
    pixels.set(dataset.pixels.subarray(from * size, (from + 1) * size), to * size);
    labels[to] = dataset.labels[from]!;
  });
  const test = split.test.length;
  return {
    dataset: { ...dataset, count: used.length, pixels, labels },
    split: {
      test: Uint32Array.from({ length: test }, (_, i) => i),
      train: Uint32Array.from({ length: split.train.length }, (_, i) => test + i),
    },
  };
}

/**
 * The data of one worker: prepared once for its experiment's problem and shared by all its runs,
 * including runs added or rebuilt later (a new optimizer restarts a run, not its data).
 */
export class WorkerData {
  private key = '';
  private data: CnnData | null = null;

  /** The prepared data of `experiment` (a CNN problem), from `mnist` when it is MNIST. */
  of(experiment: Experiment, mnist: ArrayBuffer | Uint8Array | ImageDataset | undefined): CnnData {
    const problem = experiment.problem;
    if (problem.kind !== 'cnn') throw new Error(`not a CNN problem: ${problem.kind}`);
    // The shapes are drawn from the seed; MNIST's split is fixed.
    const key = JSON.stringify([
      problem.dataset,
      problem.trainSize,
      problem.testSize,
      experiment.seed,
    ]);
    if (!this.data || key !== this.key) {
      this.data = prepareCnnData(problem, experiment.seed, mnist);
      this.key = key;
    }
    return this.data;
  }

  /** Bytes of typed arrays the prepared data holds (0 before any). */
  get bytes(): number {
    return this.data ? dataBytes(this.data) : 0;
  }
}

/** Bytes of typed arrays a run's data holds: pixels, labels and the split's indices. */
export function dataBytes({ dataset, split }: CnnData): number {
  return (
    dataset.pixels.byteLength +
    dataset.labels.byteLength +
    split.train.byteLength +
    split.test.byteLength
  );
}

/** One tensor for display: values and their shape (e.g. [filters, channels, size, size]). */
export interface TensorView {
  readonly name: string;
  readonly shape: readonly number[];
  /** A fresh copy, safe to transfer to another thread. */
  readonly data: Float32Array;
}

/** What the UI shows of a network on request: weights, one image's activations, gradients, state. */
export interface CnnInspection {
  /** The step t of the weights θ_t inspected. */
  readonly step: number;
  readonly probe: {
    /** The image, height × width values in [0, 1]. */
    readonly image: Float32Array;
    /** Its label when it came from the held-out set, else null. */
    readonly label: number | null;
    readonly probabilities: Float32Array;
    readonly predicted: number;
  };
  /** Conv weights, [filters, channels, size, size] each. */
  readonly filters: readonly TensorView[];
  /** The probe's activation after every layer, [channels, height, width] each. */
  readonly activations: readonly TensorView[];
  /** ∂L/∂θ of the last step's batch, one per parameter tensor, shaped like the tensor. */
  readonly gradients: readonly TensorView[];
  /** Name of the optimizer's primary state ("velocity", "m", …), null when it has none. */
  readonly stateName: string | null;
  /** That state per parameter tensor (empty when `stateName` is null). */
  readonly state: readonly TensorView[];
  /** Every per-tensor state of the optimizer by name (velocity; Adam's m and v; …). */
  readonly states: readonly { readonly name: string; readonly tensors: readonly TensorView[] }[];
  /** The newest held-out evaluation at or before this step, null before the first. */
  readonly evaluation: CnnEvaluation | null;
}

/** A held-out image the network got wrong. */
export interface Misclassification {
  /** Position in the held-out set (usable as a probe index). */
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
  /** p(predicted | image): the probability the network gave its wrong answer. */
  readonly confidence: number;
}

/** Most confident mistakes an evaluation keeps for display. */
export const MAX_MISCLASSIFIED = 24;

/** Accuracy, confusion matrix and the most confident mistakes on the held-out set at θ_t. */
export interface EvaluationResult {
  readonly accuracy: number;
  /** Rows = true class, columns = predicted. */
  readonly confusion: number[][];
  /** Up to MAX_MISCLASSIFIED mistakes, most confident first. */
  readonly misclassified: readonly Misclassification[];
}

/** An evaluation as inspections carry it: its step and the pixels of its mistakes. */
export interface CnnEvaluation extends EvaluationResult {
  readonly step: number;
  /** The misclassified images, height × width values in [0, 1] each, in the same order. */
  readonly images: Float32Array;
}

/** Options for tests and tools. */
export interface CnnTrainerOptions {
  /** Float type of the network. Default "float32". */
  readonly precision?: Precision;
  /** Samples per forward/backward pass (larger batches run in chunks). Default 1. */
  readonly capacity?: number;
  /** What runs the network. Default the plain-JS engine. */
  readonly engine?: CnnEngine;
}

interface CnnTrainerState {
  readonly params: readonly Tensor[];
  readonly optimizer: OptimizerSnapshot;
  readonly cursor: BatchCursor;
  readonly samplesSeen: number;
  readonly lastLr: number | null;
  readonly status: RunStatus;
  readonly run: RunConfig;
}

/** Seed of the initial weights, derived from the experiment's seed. */
function initSeed(seed: number): number {
  return (Math.trunc(seed) ^ 0x6a09e667) >>> 0;
}

/**
 * One run of a CNN experiment: its network (initialised from the experiment's seed), its
 * optimizer and its place in the shared batch order. `advance` records θ_t and steps to θ_{t+1}.
 */
export class CnnTrainer implements RunTrainer {
  readonly model: Model;
  private readonly optimizer: Optimizer<OptimizerConfig>;
  private readonly order: BatchOrder;
  private readonly problem: CnnProblem;
  private readonly labels: Uint8Array;
  /** θ_t of each tensor, kept to measure the update ‖θ_{t+1} − θ_t‖. */
  private readonly previous: Tensor[];
  private cursor: BatchCursor = { epoch: 0, offset: 0 };
  private samplesSeen = 0;
  private lastLr: number | null = null;
  private lastEvaluation: (EvaluationResult & { readonly step: number }) | null = null;
  private currentStatus: RunStatus = 'running';
  private currentT = 0;
  private currentRun: RunConfig;
  private steps: number;

  constructor(
    experiment: Experiment,
    run: RunConfig,
    private readonly data: CnnData,
    options: CnnTrainerOptions = {},
  ) {
    if (experiment.problem.kind !== 'cnn')
      throw new Error(`not a CNN problem: ${experiment.problem.kind}`);
    this.problem = experiment.problem;
    const { dataset } = data;
    const [height, width, channels] = this.problem.architecture.input;
    if (dataset.height !== height || dataset.width !== width || channels !== 1) {
      throw new Error(
        `the network expects ${height}×${width}×${channels} images, ${dataset.name} has ${dataset.height}×${dataset.width}×1`,
      );
    }
    this.currentRun = run;
    this.steps = experiment.steps;
    // One sample per pass: the gradient of a batch is the sum of per-sample gradients, and a
    // sample's activations then stay in cache from its forward pass to its backward pass.
    this.model = buildModel(
      this.problem.architecture,
      dataset.classes,
      new Random(initSeed(experiment.seed)),
      {
        precision: options.precision ?? 'float32',
        capacity: options.capacity ?? 1,
        ...(options.engine ? { engine: options.engine } : {}),
      },
    );
    this.optimizer = createOptimizer(run.optimizer, this.model.params);
    this.order = new BatchOrder(data.split.train.length, experiment.seed);
    this.labels = new Uint8Array(this.model.capacity);
    this.previous = this.model.params.map((tensor) => tensor.params.slice());
  }

  get label(): string {
    return this.currentRun.label;
  }
  get t(): number {
    return this.currentT;
  }
  get status(): RunStatus {
    return this.currentStatus;
  }
  get run(): RunConfig {
    return this.currentRun;
  }

  /** Samples in the current run's batch: the whole training set for "all". */
  get batchSize(): number {
    const size = this.currentRun.batchSize;
    const train = this.data.split.train.length;
    return size === 'all' ? train : Math.min(size, train);
  }

  advance(): StepRecord {
    return finish(this.advanceInSlices());
  }

  /**
   * The step of `advance`, yielding after each sample of the batch and of the held-out set, so
   * a host can read commands at least every few milliseconds whatever the batch size.
   * Abandoned part-way (`return()`), it leaves the run as it was before the step.
   */
  *advanceInSlices(): Generator<void, StepRecord, void> {
    const cursorBefore = { ...this.cursor };
    let completed = false;
    try {
      const record = yield* this.stepInSlices(cursorBefore);
      completed = true;
      return record;
    } finally {
      if (!completed) this.cursor = cursorBefore;
    }
  }

  private *stepInSlices(cursorBefore: BatchCursor): Generator<void, StepRecord, void> {
    const t = this.currentT;
    const run = this.currentRun;
    const lr = learningRate(run.schedule, run.optimizer.lr, t);
    const batch = this.order.next(this.cursor, this.batchSize);
    const { loss, accuracy } = yield* this.gradientInSlices(batch.order, batch.from, batch.to);
    const tensors = this.model.params;
    const weightNorms = tensors.map((tensor) => norm(tensor.params));
    const gradNorms = tensors.map((tensor) => norm(tensor.grads));
    const base = { run: run.label, step: t, loss, lr, samplesSeen: this.samplesSeen, accuracy };

    const diverged = this.checkFinite(loss, weightNorms, gradNorms, t);
    if (diverged !== null) {
      this.currentStatus = 'diverged';
      this.cursor = cursorBefore;
      return {
        ...base,
        state: this.stateRecord(),
        layers: this.layerStats(weightNorms, gradNorms, null),
        diverged: true,
        divergence: diverged,
      };
    }
    const final = t >= this.steps;
    const evaluation =
      final || t % this.problem.evalEvery === 0 ? yield* this.evaluateInSlices() : null;
    if (evaluation) this.lastEvaluation = { step: t, ...evaluation };
    const evaluated = evaluation
      ? { testAccuracy: evaluation.accuracy, confusion: evaluation.confusion }
      : {};
    if (final) {
      // The final record describes θ_T without using its batch; a longer budget uses it next.
      this.currentStatus = 'finished';
      this.cursor = cursorBefore;
      return {
        ...base,
        state: this.stateRecord(),
        layers: this.layerStats(weightNorms, gradNorms, null),
        ...evaluated,
      };
    }
    tensors.forEach((tensor, i) => this.previous[i]!.set(tensor.params));
    this.optimizer.step(lr);
    const updateNorms = tensors.map((tensor, i) => distance(tensor.params, this.previous[i]!));
    this.lastLr = lr;
    this.samplesSeen += batch.to - batch.from;
    this.currentT = t + 1;
    return {
      ...base,
      state: this.stateRecord(),
      layers: this.layerStats(weightNorms, gradNorms, updateNorms),
      ...evaluated,
    };
  }

  /**
   * ∂L/∂θ of the mean cross-entropy over samples order[from … to) into the gradient buffers, in
   * chunks of the model's capacity; returns the batch's mean loss and accuracy at θ_t.
   */
  private *gradientInSlices(
    order: Uint32Array,
    from: number,
    to: number,
  ): Generator<void, { loss: number; accuracy: number }, void> {
    const model = this.model;
    const count = to - from;
    model.zeroGrads();
    let lossSum = 0;
    let correct = 0;
    for (let start = from; start < to; start += model.capacity) {
      const chunk = Math.min(model.capacity, to - start);
      this.gather(order, start, chunk);
      lossSum += model.forward(chunk, this.labels, 0);
      for (let s = 0; s < chunk; s++) if (model.predicted(s) === this.labels[s]) correct++;
      model.backward(chunk, this.labels, 0, 1 / count);
      yield;
    }
    return { loss: lossSum / count, accuracy: correct / count };
  }

  /** Writes samples indices[start … start + chunk) of the training set into the model's input. */
  private gather(
    indices: Uint32Array,
    start: number,
    chunk: number,
    set: Uint32Array = this.data.split.train,
  ): void {
    const { dataset } = this.data;
    const size = dataset.height * dataset.width;
    for (let s = 0; s < chunk; s++) {
      const index = set[indices[start + s]!]!;
      writeImage(dataset, index, this.model.input, s * size);
      this.labels[s] = dataset.labels[index]!;
    }
  }

  /**
   * Accuracy, confusion matrix (rows = true class) and the MAX_MISCLASSIFIED most confident
   * mistakes on the held-out set at θ_t.
   */
  evaluate(): EvaluationResult {
    return finish(this.evaluateInSlices());
  }

  /** `evaluate`, yielding after each chunk of held-out images. */
  private *evaluateInSlices(): Generator<void, EvaluationResult, void> {
    const model = this.model;
    const { dataset, split } = this.data;
    const test = split.test;
    const size = dataset.height * dataset.width;
    const confusion = Array.from({ length: dataset.classes }, () =>
      new Array<number>(dataset.classes).fill(0),
    );
    let correct = 0;
    const mistakes: Misclassification[] = [];
    for (let start = 0; start < test.length; start += model.capacity) {
      const chunk = Math.min(model.capacity, test.length - start);
      for (let s = 0; s < chunk; s++) writeImage(dataset, test[start + s]!, model.input, s * size);
      model.forward(chunk);
      for (let s = 0; s < chunk; s++) {
        const truth = dataset.labels[test[start + s]!]!;
        const guess = model.predicted(s);
        confusion[truth]![guess]!++;
        if (guess === truth) correct++;
        else {
          const confidence = model.probabilities[s * dataset.classes + guess]!;
          keepMostConfident(mistakes, {
            index: start + s,
            label: truth,
            predicted: guess,
            confidence,
          });
        }
      }
      yield;
    }
    return { accuracy: correct / test.length, confusion, misclassified: mistakes };
  }

  private checkFinite(
    loss: number,
    weightNorms: number[],
    gradNorms: number[],
    t: number,
  ): Divergence | null {
    const lr = this.lastLr;
    const badWeights = weightNorms.findIndex((v) => !Number.isFinite(v));
    if (badWeights >= 0)
      return divergence('parameter', firstNonFinite(this.model.params[badWeights]!.params), t, lr);
    if (!Number.isFinite(loss)) return divergence('loss', loss, t, lr);
    const badGrad = gradNorms.findIndex((v) => !Number.isFinite(v));
    if (badGrad >= 0)
      return divergence('gradient', firstNonFinite(this.model.params[badGrad]!.grads), t, lr);
    return null;
  }

  private layerStats(
    weightNorms: number[],
    gradNorms: number[],
    updateNorms: number[] | null,
  ): LayerStats[] {
    const stateName = primaryStateName(this.currentRun.optimizer.kind);
    return this.model.params.map((tensor, i) => {
      const state = stateName === null ? undefined : this.optimizer.state(i)[stateName];
      const weightNorm = weightNorms[i]!;
      const update = updateNorms === null ? 0 : updateNorms[i]!;
      return {
        name: tensor.name,
        gradNorm: gradNorms[i]!,
        stateNorm: state === undefined ? 0 : norm(state),
        weightNorm,
        updateRatio: weightNorm > 0 ? update / weightNorm : 0,
      };
    });
  }

  private stateRecord(): Record<string, number> {
    return { t: this.optimizer.stepCount };
  }

  /**
   * Weights, the activations of `probe` (an image of height × width values in [0, 1], or the
   * index of a held-out image) after every layer, the last step's gradients and the optimizer's
   * primary state, all as fresh copies. Does not change the run.
   */
  inspect(probe: Float32Array | number): CnnInspection {
    const model = this.model;
    const { dataset, split } = this.data;
    const size = dataset.height * dataset.width;
    let label: number | null = null;
    if (typeof probe === 'number') {
      if (!(Number.isInteger(probe) && probe >= 0 && probe < split.test.length)) {
        throw new RangeError(
          `probe index must be an integer from 0 to ${split.test.length - 1} (got ${probe})`,
        );
      }
      const index = split.test[probe]!;
      writeImage(dataset, index, model.input, 0);
      label = dataset.labels[index]!;
    } else {
      if (probe.length !== size)
        throw new RangeError(`a probe image has ${size} values (got ${probe.length})`);
      for (let i = 0; i < size; i++) model.input[i] = Math.max(0, Math.min(1, probe[i]!));
    }
    const image = Float32Array.from(model.input.subarray(0, size));
    model.forward(1);
    const activations = model.layers.map((layer) => {
      const { height, width, channels } = layer.outShape;
      return view(
        layer.name,
        [channels, height, width],
        layer.output.subarray(0, height * width * channels),
      );
    });
    const filters = model.layers
      .filter((layer): layer is Conv2d => layer instanceof Conv2d)
      .map((conv) =>
        view(
          `${conv.name}.weight`,
          [conv.options.filters, conv.inShape.channels, conv.options.size, conv.options.size],
          conv.weight,
        ),
      );
    const shapes = this.paramShapes();
    const gradients = model.params.map((tensor, i) => view(tensor.name, shapes[i]!, tensor.grads));
    const stateName = primaryStateName(this.currentRun.optimizer.kind);
    const state =
      stateName === null
        ? []
        : model.params.flatMap((tensor, i) => {
            const values = this.optimizer.state(i)[stateName];
            return values === undefined ? [] : [view(tensor.name, shapes[i]!, values)];
          });
    const names = model.params.length > 0 ? Object.keys(this.optimizer.state(0)) : [];
    const states = names.map((name) => ({
      name,
      tensors: model.params.flatMap((tensor, i) => {
        const values = this.optimizer.state(i)[name];
        return values === undefined ? [] : [view(tensor.name, shapes[i]!, values)];
      }),
    }));
    return {
      step: this.currentT,
      probe: {
        image,
        label,
        probabilities: Float32Array.from(model.probabilities.subarray(0, dataset.classes)),
        predicted: model.predicted(0),
      },
      filters,
      activations,
      gradients,
      stateName,
      state,
      states,
      evaluation: this.evaluationView(),
    };
  }

  /** The newest evaluation with the pixels of its mistakes, for inspections. */
  private evaluationView(): CnnEvaluation | null {
    const last = this.lastEvaluation;
    if (!last) return null;
    const { dataset, split } = this.data;
    const size = dataset.height * dataset.width;
    const images = new Float32Array(last.misclassified.length * size);
    last.misclassified.forEach((m, j) =>
      writeImage(dataset, split.test[m.index]!, images, j * size),
    );
    return { ...last, confusion: last.confusion.map((row) => row.slice()), images };
  }

  /** Shape of every parameter tensor, in `model.params` order. */
  private paramShapes(): number[][] {
    return this.model.layers.flatMap((layer) => {
      if (layer instanceof Conv2d) {
        const { filters, size } = layer.options;
        return [[filters, layer.inShape.channels, size, size], [filters]];
      }
      if (layer.params.length === 0) return [];
      const units = layer.outShape.channels;
      const inputs = layer.inShape.height * layer.inShape.width * layer.inShape.channels;
      return [[units, inputs], [units]];
    });
  }

  reconfigure(run: RunConfig): void {
    applyLiveSettings(this.optimizer, this.currentRun, run);
    this.currentRun = run;
  }

  setStepBudget(steps: number): void {
    this.steps = steps;
    if (this.currentStatus === 'finished' && this.currentT < steps) this.currentStatus = 'running';
  }

  snapshot(): TrainerSnapshot {
    const state: CnnTrainerState = {
      params: this.model.params.map((tensor) => tensor.params.slice()),
      optimizer: this.optimizer.snapshot(),
      cursor: { ...this.cursor },
      samplesSeen: this.samplesSeen,
      lastLr: this.lastLr,
      status: this.currentStatus,
      run: this.currentRun,
    };
    return { t: this.currentT, state };
  }

  restore(snapshot: TrainerSnapshot): void {
    const state = snapshot.state as CnnTrainerState;
    this.model.params.forEach((tensor, i) => tensor.params.set(state.params[i]!));
    this.optimizer.restore(state.optimizer);
    this.cursor = { ...state.cursor };
    this.samplesSeen = state.samplesSeen;
    this.lastLr = state.lastLr;
    this.currentStatus = state.status === 'diverged' ? 'running' : state.status;
    this.currentT = snapshot.t;
    if (this.lastEvaluation && this.lastEvaluation.step > snapshot.t) this.lastEvaluation = null;
    this.setStepBudget(this.steps);
  }
}

/** Runs a sliced computation to its end. */
function finish<T>(work: Generator<void, T, void>): T {
  for (;;) {
    const next = work.next();
    if (next.done) return next.value;
  }
}

/** Inserts `m` into `list` (most confident first), keeping at most MAX_MISCLASSIFIED. */
function keepMostConfident(list: Misclassification[], m: Misclassification): void {
  if (list.length === MAX_MISCLASSIFIED && m.confidence <= list[list.length - 1]!.confidence)
    return;
  let at = list.length;
  while (at > 0 && list[at - 1]!.confidence < m.confidence) at--;
  list.splice(at, 0, m);
  if (list.length > MAX_MISCLASSIFIED) list.pop();
}

/**
 * One trainer per run of a CNN experiment. `data` is the prepared data, or what
 * `prepareCnnData` needs: the MNIST file's bytes (ignored for the shapes set).
 */
export function createCnnTrainers(
  experiment: Experiment,
  data: CnnData | { readonly mnist?: ArrayBuffer | Uint8Array | ImageDataset | undefined },
  options: CnnTrainerOptions = {},
): CnnTrainer[] {
  const problem = experiment.problem;
  if (problem.kind !== 'cnn') throw new Error(`not a CNN problem: ${problem.kind}`);
  const prepared = 'dataset' in data ? data : prepareCnnData(problem, experiment.seed, data.mnist);
  return experiment.runs.map((run) => new CnnTrainer(experiment, run, prepared, options));
}

/** ‖a − b‖₂. */
function distance(a: Tensor, b: Tensor): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

function firstNonFinite(values: Tensor): number {
  for (const v of values) if (!Number.isFinite(v)) return v;
  return NaN;
}

function view(name: string, shape: readonly number[], values: Tensor): TensorView {
  return { name, shape, data: Float32Array.from(values) };
}
