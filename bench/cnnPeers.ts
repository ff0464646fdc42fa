/**
 * The three engines of the CNN benchmark behind one interface, each building the same network
 * (the classic MNIST net: conv 5×5×8 pad 2 → ReLU → max-pool 2 → conv 5×5×16 pad 2 → ReLU →
 * max-pool 3 → dense 10 → softmax, 5,994 parameters) trained by momentum SGD (γ 0.9, the same
 * η for all) on the same MNIST digits.
 */
import { createRequire } from 'node:module';
import { DEFAULT_ARCHITECTURE } from '../src/core/cnn/architecture.ts';
import type { ImageDataset } from '../src/core/cnn/data/dataset.ts';
import { splitDataset } from '../src/core/cnn/data/dataset.ts';
import type { CnnEngine } from '../src/core/cnn/engine.ts';
import { CnnTrainer } from '../src/core/cnn/trainer.ts';
import { parseExperiment } from '../src/core/config/validate.ts';

/**
 * "descent-lab" runs the engine the app uses where it can (WebAssembly SIMD); "descent-lab-js"
 * is its plain-JavaScript fallback, for browsers without WebAssembly SIMD.
 */
export type EngineName = 'descent-lab' | 'descent-lab-js' | 'convnetjs' | 'tfjs-cpu';
export const ENGINES: readonly EngineName[] = [
  'descent-lab',
  'descent-lab-js',
  'convnetjs',
  'tfjs-cpu',
];

/** One engine set up for one batch size. */
export interface Engine {
  readonly name: EngineName;
  /** One optimizer step on the next `batch` training digits. */
  train(): Promise<void> | void;
  /** Class predictions for the next `batch` held-out digits. */
  infer(): Promise<void> | void;
}

/** Training and held-out digits as floats in [0, 1], 784 per image. */
export interface BenchData {
  readonly dataset: ImageDataset;
  readonly trainImages: Float32Array;
  readonly trainLabels: Uint8Array;
  readonly testImages: Float32Array;
  readonly testLabels: Uint8Array;
}

const PIXELS = 784;

export function benchData(dataset: ImageDataset, trainSize: number, testSize: number): BenchData {
  const split = splitDataset(dataset, trainSize, testSize);
  const take = (indices: Uint32Array): [Float32Array, Uint8Array] => {
    const images = new Float32Array(indices.length * PIXELS);
    const labels = new Uint8Array(indices.length);
    indices.forEach((index, i) => {
      for (let p = 0; p < PIXELS; p++)
        images[i * PIXELS + p] = dataset.pixels[index * PIXELS + p]! / 255;
      labels[i] = dataset.labels[index]!;
    });
    return [images, labels];
  };
  const [trainImages, trainLabels] = take(split.train);
  const [testImages, testLabels] = take(split.test);
  return { dataset, trainImages, trainLabels, testImages, testLabels };
}

/** Held-out digits Descent Lab's trainer checks its accuracy on (outside the timings). */
export const HELD_OUT = 500;

/**
 * Descent Lab through the same trainer the app and the CLI use (`advance()`, with its per-step
 * statistics) on `engine`; no evaluation during the measured steps. Inference runs the
 * trainer's model.
 */
export function descentLab(
  data: BenchData,
  batch: number,
  trainSize: number,
  lr: number,
  engine: CnnEngine,
  name: 'descent-lab' | 'descent-lab-js' = 'descent-lab',
): Engine & { trainer: CnnTrainer } {
  const experiment = parseExperiment({
    problem: {
      kind: 'cnn',
      dataset: 'mnist',
      trainSize,
      testSize: HELD_OUT,
      evalEvery: 10_000_000,
    },
    steps: 10_000_000,
    seed: 1,
    runs: [
      {
        label: 'momentum',
        batchSize: batch,
        optimizer: { kind: 'momentum', lr, momentum: 0.9 },
      },
    ],
  });
  const trainer = new CnnTrainer(
    experiment,
    experiment.runs[0]!,
    { dataset: data.dataset, split: splitDataset(data.dataset, trainSize, HELD_OUT) },
    { engine },
  );
  trainer.advance(); // step 0 evaluates the held-out digits; keep that out of the timings
  const model = trainer.model;
  const testCount = data.testLabels.length;
  let next = 0;
  return {
    name,
    trainer,
    train: () => {
      trainer.advance();
    },
    infer: () => {
      for (let s = 0; s < batch; s++) {
        const i = next;
        next = (next + 1) % testCount;
        model.input.set(data.testImages.subarray(i * PIXELS, (i + 1) * PIXELS));
        model.forward(1);
        model.predicted(0);
      }
    },
  };
}

/** The parts of ConvNetJS 0.3 the benchmark uses. */
interface ConvnetVol {
  readonly w: Float64Array;
}
interface ConvnetJs {
  Net: new () => {
    makeLayers(defs: object[]): void;
    forward(v: ConvnetVol, isTraining?: boolean): ConvnetVol;
    getPrediction(): number;
  };
  Vol: new (sx: number, sy: number, depth: number, fill: number) => ConvnetVol;
  SGDTrainer: new (
    net: unknown,
    options: object,
  ) => { train(v: ConvnetVol, label: number): unknown };
}

/** ConvNetJS' input volumes per data set, made once (they take 8 bytes per pixel). */
const convnetVols = new WeakMap<BenchData, { train: ConvnetVol[]; test: ConvnetVol[] }>();

/** ConvNetJS 0.3.0: one sample at a time; its trainer averages `batch_size` gradients per update. */
export function convnetjs(data: BenchData, batch: number, lr: number): Engine {
  const cnj = createRequire(import.meta.url)('convnetjs') as ConvnetJs;
  const net = new cnj.Net();
  net.makeLayers([
    { type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 },
    { type: 'conv', sx: 5, filters: 8, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 3, stride: 3 },
    { type: 'softmax', num_classes: 10 },
  ]);
  const trainer = new cnj.SGDTrainer(net, {
    method: 'sgd',
    learning_rate: lr,
    momentum: 0.9,
    batch_size: batch,
    l2_decay: 0,
  });
  let vols = convnetVols.get(data);
  if (!vols) {
    const toVols = (images: Float32Array): ConvnetVol[] =>
      Array.from({ length: images.length / PIXELS }, (_, i) => {
        const vol = new cnj.Vol(28, 28, 1, 0);
        vol.w.set(images.subarray(i * PIXELS, (i + 1) * PIXELS));
        return vol;
      });
    vols = { train: toVols(data.trainImages), test: toVols(data.testImages) };
    convnetVols.set(data, vols);
  }
  const { train: trainVols, test: testVols } = vols;
  let nextTrain = 0;
  let nextTest = 0;
  return {
    name: 'convnetjs',
    train: () => {
      for (let s = 0; s < batch; s++) {
        trainer.train(trainVols[nextTrain]!, data.trainLabels[nextTrain]!);
        nextTrain = (nextTrain + 1) % trainVols.length;
      }
    },
    infer: () => {
      for (let s = 0; s < batch; s++) {
        net.forward(testVols[nextTest]!, false);
        net.getPrediction();
        nextTest = (nextTest + 1) % testVols.length;
      }
    },
  };
}

type Tf = typeof import('@tensorflow/tfjs');
let tfLoaded: Promise<Tf> | null = null;

/** TensorFlow.js on its pure-JavaScript CPU backend, loaded once (its import takes seconds). */
export function loadTf(): Promise<Tf> {
  tfLoaded ??= (async () => {
    const tf = await import('@tensorflow/tfjs');
    await import('@tensorflow/tfjs-backend-cpu');
    // The CPU backend greets Node users with a banner recommending tfjs-node when it stores
    // its first tensor; keep the table clean.
    const warn = console.warn;
    console.warn = () => {};
    try {
      await tf.setBackend('cpu');
      await tf.ready();
      tf.tensor([0]).dispose();
    } finally {
      console.warn = warn;
    }
    return tf;
  })();
  return tfLoaded;
}

/** TensorFlow.js (Layers API, channels-last), `trainOnBatch` and `predict` on whole batches. */
export async function tfjsCpu(data: BenchData, batch: number, lr: number): Promise<Engine> {
  const tf = await loadTf();
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 8,
        kernelSize: 5,
        padding: 'same',
        activation: 'relu',
      }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 5, padding: 'same', activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 3, strides: 3 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.momentum(lr, 0.9), loss: 'categoricalCrossentropy' });
  // Batches are made once, outside the timings, as the other engines get ready-made inputs.
  const batches = (images: Float32Array, labels: Uint8Array, count: number) =>
    Array.from({ length: count }, (_, b) => {
      const from = (b * batch) % (labels.length - batch + 1);
      const xs = tf.tensor4d(images.subarray(from * PIXELS, (from + batch) * PIXELS), [
        batch,
        28,
        28,
        1,
      ]);
      const ys = tf.oneHot(
        tf.tensor1d(Array.from(labels.subarray(from, from + batch)), 'int32'),
        10,
      );
      return { xs, ys };
    });
  const trainBatches = batches(data.trainImages, data.trainLabels, 8);
  const testBatches = batches(data.testImages, data.testLabels, 8);
  let nextTrain = 0;
  let nextTest = 0;
  return {
    name: 'tfjs-cpu',
    train: async () => {
      const { xs, ys } = trainBatches[nextTrain++ % trainBatches.length]!;
      await model.trainOnBatch(xs, ys);
    },
    infer: () => {
      const { xs } = testBatches[nextTest++ % testBatches.length]!;
      tf.tidy(() => (model.predict(xs) as import('@tensorflow/tfjs').Tensor).argMax(-1).dataSync());
    },
  };
}

/** The descent-lab architecture the peers mirror (checked by the bench before measuring). */
export const BENCH_ARCHITECTURE = DEFAULT_ARCHITECTURE;
