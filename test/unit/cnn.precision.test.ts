/**
 * The CNN ships in float32 but its gradients are checked by central differences in float64
 * (cnn.layers.test.ts). Here the same seeded model runs in both precisions on the same
 * weights and batch, and one forward and backward pass of the default architecture is
 * compared with TensorFlow.js's CPU backend (an independent implementation, float32).
 *
 * Only the public model API is used (buildModel, input, forward, backward, params), so
 * another engine behind the same API can be added to ENGINES and run through both checks.
 *
 * Tolerance: float32 carries 24 bits (6e-8 relative per operation) and a gradient entry sums
 * a few thousand products. Measured, relative to each tensor's largest entry: float32 against
 * float64 at most 1.4e-6 (conv1.weight), TensorFlow.js against float64 at most 3.3e-7. 1e-4
 * leaves a margin of 70 and still catches any real error (a wrong index, a dropped term, a
 * pooling route, an activation that leaks) by orders of magnitude. A leaky "ReLU" (slope
 * 0.05, forward and backward consistent) passes the central differences but not TensorFlow.
 */
import { describe, expect, it } from 'vitest';
import { cnnEngineForNode } from '../../src/cli/nodeResources.ts';
import { DEFAULT_ARCHITECTURE, type ArchitectureSpec } from '../../src/core/cnn/architecture.ts';
import { buildModel, type Model } from '../../src/core/cnn/model.ts';
import type { Precision } from '../../src/core/cnn/tensor.ts';
import { Random } from '../../src/core/random.ts';

interface Engine {
  readonly name: string;
  build(
    spec: ArchitectureSpec,
    classes: number,
    seed: number,
    precision: Precision,
    capacity: number,
  ): Model;
}

const ENGINES: readonly Engine[] = [
  {
    name: 'TypeScript',
    build: (spec, classes, seed, precision, capacity) =>
      buildModel(spec, classes, new Random(seed), { precision, capacity }),
  },
  {
    // In float64 it falls back to TypeScript: the reference stays the same.
    name: 'WebAssembly-SIMD',
    build: (spec, classes, seed, precision, capacity) =>
      buildModel(spec, classes, new Random(seed), {
        precision,
        capacity,
        engine: cnnEngineForNode(),
      }),
  },
];

const RELATIVE = 1e-4;
const BATCH = 6;
const CLASSES = 10;

/** A seeded batch: pixels in [0, 1) (exact in float32) and labels 0…9. */
function batch(seed: number): { pixels: Float32Array; labels: number[] } {
  const rng = new Random(seed);
  const pixels = new Float32Array(BATCH * 28 * 28);
  for (let i = 0; i < pixels.length; i++) pixels[i] = rng.next();
  return { pixels, labels: Array.from({ length: BATCH }, () => rng.int(CLASSES)) };
}

/** Mean loss and every gradient (as float64 copies) of one forward and backward pass. */
function pass(model: Model, pixels: Float32Array, labels: number[]) {
  model.input.set(pixels);
  model.zeroGrads();
  const loss = model.forward(BATCH, labels) / BATCH;
  model.backward(BATCH, labels, 0, 1 / BATCH);
  return {
    loss,
    grads: model.params.map((t) => ({ name: t.name, values: Float64Array.from(t.grads) })),
  };
}

/** max |a − b| over the tensor, relative to the reference's largest |entry|. */
function relativeError(actual: ArrayLike<number>, reference: ArrayLike<number>): number {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < reference.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i]! - reference[i]!));
    scale = Math.max(scale, Math.abs(reference[i]!));
  }
  return worst / scale;
}

describe.each(ENGINES)('$name engine: float32 against float64', (engine) => {
  it('gives the same loss and every gradient on the same weights and batch', () => {
    const single = engine.build(DEFAULT_ARCHITECTURE, CLASSES, 5, 'float32', BATCH);
    const double = engine.build(DEFAULT_ARCHITECTURE, CLASSES, 5, 'float64', BATCH);
    expect(single.precision).toBe('float32');
    expect(double.precision).toBe('float64');
    // The same seed draws the same weights; copy the float32 ones so both hold the very same.
    single.params.forEach((tensor, k) => double.params[k]!.params.set(tensor.params));
    const { pixels, labels } = batch(6);
    const a = pass(single, pixels, labels);
    const b = pass(double, pixels, labels);
    expect(Math.abs(a.loss - b.loss) / b.loss).toBeLessThan(RELATIVE);
    expect(a.grads.map((g) => g.name)).toEqual([
      'conv1.weight',
      'conv1.bias',
      'conv2.weight',
      'conv2.bias',
      'dense.weight',
      'dense.bias',
    ]);
    a.grads.forEach((g, k) => {
      const reference = b.grads[k]!.values;
      expect(
        reference.some((v) => v !== 0),
        g.name,
      ).toBe(true);
      expect(relativeError(g.values, reference), g.name).toBeLessThan(RELATIVE);
    });
  });
});

describe.each(ENGINES)('$name engine against TensorFlow.js (CPU backend)', (engine) => {
  it('one forward and backward pass of the default architecture on the same weights and batch', async () => {
    const tf = await loadTf();
    const model = engine.build(DEFAULT_ARCHITECTURE, CLASSES, 8, 'float64', BATCH);
    const { pixels, labels } = batch(9);
    const ours = pass(model, pixels, labels);
    const [w1, b1, w2, b2, w3, b3] = model.params.map((t) => t.params);
    // conv weights: ours [out, in, h, w] (OIHW) → TensorFlow's [h, w, in, out] (HWIO).
    const conv = (w: ArrayLike<number>, out: number, inputs: number) =>
      tf.tensor4d(Float32Array.from(w), [out, inputs, 5, 5]).transpose([2, 3, 1, 0]);
    const variables = [
      conv(w1!, 8, 1),
      tf.tensor1d(Float32Array.from(b1!)),
      conv(w2!, 16, 8),
      tf.tensor1d(Float32Array.from(b2!)),
      // dense: ours [units, inputs] → TensorFlow's [inputs, units].
      tf.tensor2d(Float32Array.from(w3!), [CLASSES, 256]).transpose(),
      tf.tensor1d(Float32Array.from(b3!)),
    ];
    // Ours is channels-first (CHW); TensorFlow's channels-last input is the same pixels.
    const x = tf.tensor4d(pixels, [BATCH, 28, 28, 1]);
    const onehot = tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES);
    const loss = (...v: import('@tensorflow/tfjs').Tensor[]) => {
      const [k1, c1, k2, c2, d, e] = v as [
        import('@tensorflow/tfjs').Tensor4D,
        import('@tensorflow/tfjs').Tensor1D,
        import('@tensorflow/tfjs').Tensor4D,
        import('@tensorflow/tfjs').Tensor1D,
        import('@tensorflow/tfjs').Tensor2D,
        import('@tensorflow/tfjs').Tensor1D,
      ];
      let h = tf.relu(
        tf.add(tf.conv2d(x, k1, 1, 'same'), c1),
      ) as import('@tensorflow/tfjs').Tensor4D;
      h = tf.maxPool(h, 2, 2, 'valid');
      h = tf.relu(tf.add(tf.conv2d(h, k2, 1, 'same'), c2)) as import('@tensorflow/tfjs').Tensor4D;
      h = tf.maxPool(h, 3, 3, 'valid');
      // Flatten in our order (channel, row, column): NHWC → NCHW first.
      const flat = h
        .transpose([0, 3, 1, 2])
        .reshape([BATCH, 256]) as import('@tensorflow/tfjs').Tensor2D;
      const logits = tf.add(tf.matMul(flat, d), e);
      return tf.losses.softmaxCrossEntropy(onehot, logits) as import('@tensorflow/tfjs').Scalar;
    };
    const { value, grads } = tf.valueAndGrads(loss)(variables);
    const theirLoss = value.dataSync()[0]!;
    expect(Math.abs(theirLoss - ours.loss) / ours.loss).toBeLessThan(RELATIVE);
    // Their gradients back in our layouts.
    const back = [
      grads[0]!.transpose([3, 2, 0, 1]),
      grads[1]!,
      grads[2]!.transpose([3, 2, 0, 1]),
      grads[3]!,
      grads[4]!.transpose(),
      grads[5]!,
    ];
    back.forEach((g, k) => {
      const name = ours.grads[k]!.name;
      const theirs = g.dataSync();
      expect(theirs.length, name).toBe(ours.grads[k]!.values.length);
      expect(relativeError(theirs, ours.grads[k]!.values), name).toBeLessThan(RELATIVE);
    });
    tf.disposeVariables();
  });
});

type Tf = typeof import('@tensorflow/tfjs');

/** TensorFlow.js on its pure-JavaScript CPU backend (as bench/cnnPeers.ts loads it). */
async function loadTf(): Promise<Tf> {
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-cpu');
  // The CPU backend prints a banner recommending tfjs-node on its first tensor in Node.
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
}
