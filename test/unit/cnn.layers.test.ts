/**
 * CNN layers: forward passes against hand-worked examples, and every layer's input and
 * parameter gradients against central differences in float64 (convnetjs' NeuralNetSpec
 * approach). The scalar checked is L = Σ r·y for a fixed random r, so ∂L/∂y = r.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCHITECTURE, type ArchitectureSpec } from '../../src/core/cnn/architecture.ts';
import { gemmNT } from '../../src/core/cnn/gemm.ts';
import { LeakyRelu, Relu, Tanh } from '../../src/core/cnn/layers/activation.ts';
import { Conv2d } from '../../src/core/cnn/layers/conv2d.ts';
import { Dense } from '../../src/core/cnn/layers/dense.ts';
import { Flatten } from '../../src/core/cnn/layers/flatten.ts';
import type { Layer } from '../../src/core/cnn/layers/layer.ts';
import { AvgPool, MaxPool } from '../../src/core/cnn/layers/pooling.ts';
import { SoftmaxCrossEntropy } from '../../src/core/cnn/layers/softmaxCrossEntropy.ts';
import { buildModel } from '../../src/core/cnn/model.ts';
import { shapeSize, type Shape } from '../../src/core/cnn/tensor.ts';
import { Random } from '../../src/core/random.ts';

const H = 1e-5;

/** Fills `x` with N(0, 1) values kept at least `gap` away from 0 (no ReLU kinks). */
function fillRandom(x: Float64Array | Float32Array, rng: Random, gap = 0): void {
  for (let i = 0; i < x.length; i++) {
    let v = rng.normal();
    while (Math.abs(v) < gap) v = rng.normal();
    x[i] = v;
  }
}

function weighted(y: Float64Array | Float32Array, r: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += y[i]! * r[i]!;
  return sum;
}

/**
 * Checks ∂L/∂x and ∂L/∂θ of `layer` for `count` samples against central differences of
 * L = Σ r·layer(x), with x and r random.
 */
function checkLayer(layer: Layer, count: number, seed: number, gap = 0, zeros = 0): void {
  const rng = new Random(seed);
  const inSize = shapeSize(layer.inShape) * count;
  const outSize = shapeSize(layer.outShape) * count;
  const x = new Float64Array(inSize);
  fillRandom(x, rng, gap);
  // Optionally a sparse input, like an MNIST digit (mostly 0).
  for (let i = 0; i < inSize; i++) if (rng.next() < zeros) x[i] = 0;
  const r = new Float64Array(outSize);
  fillRandom(r, rng);
  const loss = (): number => {
    layer.forward(x, count);
    return weighted(layer.output, r, outSize);
  };
  loss();
  for (const p of layer.params) p.grads.fill(0);
  layer.backward(x, r, count, true);
  const dx = Float64Array.from(layer.inputGrad.subarray(0, inSize));
  const grads = layer.params.map((p) => Float64Array.from(p.grads));
  let checked = 0;
  for (let i = 0; i < inSize; i++) {
    const keep = x[i]!;
    x[i] = keep + H;
    const up = loss();
    x[i] = keep - H;
    const down = loss();
    x[i] = keep;
    expect(dx[i]).toBeCloseTo((up - down) / (2 * H), 6);
    checked++;
  }
  layer.params.forEach((p, t) => {
    for (let i = 0; i < p.params.length; i++) {
      const keep = p.params[i]!;
      p.params[i] = keep + H;
      const up = loss();
      p.params[i] = keep - H;
      const down = loss();
      p.params[i] = keep;
      expect(grads[t]![i]).toBeCloseTo((up - down) / (2 * H), 6);
      checked++;
    }
  });
  expect(checked).toBeGreaterThan(0);
}

const shape = (height: number, width: number, channels: number): Shape => ({
  height,
  width,
  channels,
});

describe('gemmNT', () => {
  it('matches the definition C[i, j] = Σₖ A[i, k]·B[j, k] for every block remainder', () => {
    const rng = new Random(1);
    for (const [m, n, depth] of [
      [1, 1, 1],
      [4, 3, 5],
      [5, 4, 2],
      [7, 8, 3],
      [8, 10, 25],
      [3, 2, 1],
    ] as const) {
      const a = new Float64Array(m * depth + 2);
      const b = new Float64Array(n * depth + 3);
      fillRandom(a, rng);
      fillRandom(b, rng);
      const c = new Float64Array(m * n + 1).fill(99);
      gemmNT(a, 2, b, 3, c, 1, m, n, depth);
      expect(c[0]).toBe(99); // nothing written before the offset
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < depth; k++) s += a[2 + i * depth + k]! * b[3 + j * depth + k]!;
          expect(c[1 + i * n + j]).toBeCloseTo(s, 12);
        }
      }
    }
  });
});

describe('forward passes, worked by hand', () => {
  it('conv2d: a 2×2 kernel over a 3×3 image with padding 1 and stride 2', () => {
    // x = 1 2 3 / 4 5 6 / 7 8 9, W = [1 0; 0 −1], b = 0.5. Padded with zeros to 5×5, the
    // windows start at rows/columns −1 and 1:
    //   (−1,−1): 1·0 + 0·0 + 0·0 − 1·x(0,0)=1  → −1 + 0.5 = −0.5
    //   (−1, 1): 1·0 − 1·x(0,2)=3              → −3 + 0.5 = −2.5
    //   ( 1,−1): 1·0 − 1·x(2,0)=7              → −7 + 0.5 = −6.5
    //   ( 1, 1): 1·x(1,1)=5 − 1·x(2,2)=9       → −4 + 0.5 = −3.5
    const conv = new Conv2d(
      'c',
      shape(3, 3, 1),
      { filters: 1, size: 2, stride: 2, pad: 1 },
      1,
      'float64',
    );
    conv.weight.set([1, 0, 0, -1]);
    conv.bias[0] = 0.5;
    conv.forward(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9), 1);
    expect(conv.outShape).toEqual(shape(2, 2, 1));
    expect(Array.from(conv.output)).toEqual([-0.5, -2.5, -6.5, -3.5]);
  });

  it('conv2d: two input channels add up, per filter', () => {
    // x channel 0 = [1 2; 3 4], channel 1 = [10 20; 30 40]; 1×1 kernels:
    // filter 0 = (1, 0.5) → 1 + 5 = 6, 2 + 10 = 12, 3 + 15 = 18, 4 + 20 = 24;
    // filter 1 = (−1, 0)  → −1, −2, −3, −4.
    const conv = new Conv2d(
      'c',
      shape(2, 2, 2),
      { filters: 2, size: 1, stride: 1, pad: 0 },
      1,
      'float64',
    );
    conv.weight.set([1, 0.5, -1, 0]);
    conv.forward(Float64Array.of(1, 2, 3, 4, 10, 20, 30, 40), 1);
    expect(Array.from(conv.output)).toEqual([6, 12, 18, 24, -1, -2, -3, -4]);
  });

  it('conv2d: a sparse input takes the scatter path, a dense one im2col; both match the definition', () => {
    const inShape = shape(9, 8, 2);
    const conv = new Conv2d('c', inShape, { filters: 3, size: 5, stride: 1, pad: 2 }, 1, 'float64');
    conv.initialize(new Random(40), 1);
    fillRandom(conv.bias, new Random(41));
    /** y[f, i, j] = b[f] + Σ W[f, c, u, v]·x[c, i + u − 2, j + v − 2], written out directly. */
    const direct = (x: Float64Array): number[] => {
      const out: number[] = [];
      for (let f = 0; f < 3; f++) {
        for (let i = 0; i < 9; i++) {
          for (let j = 0; j < 8; j++) {
            let sum = conv.bias[f]!;
            for (let c = 0; c < 2; c++) {
              for (let u = 0; u < 5; u++) {
                for (let v = 0; v < 5; v++) {
                  const yi = i + u - 2;
                  const xj = j + v - 2;
                  if (yi >= 0 && yi < 9 && xj >= 0 && xj < 8) {
                    sum += conv.weight[((f * 2 + c) * 5 + u) * 5 + v]! * x[(c * 9 + yi) * 8 + xj]!;
                  }
                }
              }
            }
            out.push(sum);
          }
        }
      }
      return out;
    };
    const rng = new Random(42);
    const dense = new Float64Array(144);
    fillRandom(dense, rng);
    // 10 non-zeros of 144 (a third would be 48): the scatter path.
    const sparse = new Float64Array(144);
    for (let n = 0; n < 10; n++) sparse[rng.int(144)] = rng.normal();
    for (const [x, path] of [
      [dense, 'im2col'],
      [sparse, 'scatter'],
    ] as const) {
      conv.forward(x, 1);
      expect(conv.lastPath).toBe(path);
      const expected = direct(x);
      expected.forEach((v, i) => expect(conv.output[i]).toBeCloseTo(v, 12));
    }
  });

  it('max- and average-pooling drop windows that run past the edge', () => {
    // 5×5 image 0…24, 2×2 windows, stride 2 → 2×2 outputs over rows/columns 0–3.
    const x = Float64Array.from({ length: 25 }, (_, i) => i);
    const max = new MaxPool('m', shape(5, 5, 1), { size: 2, stride: 2 }, 1, 'float64');
    max.forward(x, 1);
    // windows {0,1,5,6} {2,3,7,8} {10,11,15,16} {12,13,17,18}
    expect(Array.from(max.output)).toEqual([6, 8, 16, 18]);
    const avg = new AvgPool('a', shape(5, 5, 1), { size: 2, stride: 2 }, 1, 'float64');
    avg.forward(x, 1);
    expect(Array.from(avg.output)).toEqual([3, 5, 13, 15]);
  });

  it('max-pooling sends the gradient to the first maximum on ties', () => {
    const max = new MaxPool('m', shape(2, 2, 1), { size: 2, stride: 2 }, 1, 'float64');
    const x = Float64Array.of(1, 3, 3, -2);
    max.forward(x, 1);
    expect(max.output[0]).toBe(3);
    max.backward(x, Float64Array.of(5), 1, true);
    expect(Array.from(max.inputGrad)).toEqual([0, 5, 0, 0]);
  });

  it('ReLU, leaky ReLU and tanh', () => {
    const x = Float64Array.of(-2, 0, 3);
    const relu = new Relu('r', shape(1, 1, 3), 1, 'float64');
    relu.forward(x, 1);
    expect(Array.from(relu.output)).toEqual([0, 0, 3]);
    const leaky = new LeakyRelu('l', shape(1, 1, 3), 1, 'float64', 0.1);
    leaky.forward(x, 1);
    expect(Array.from(leaky.output)).toEqual([-0.2, 0, 3]);
    const tanh = new Tanh('t', shape(1, 1, 3), 1, 'float64');
    tanh.forward(x, 1);
    expect(tanh.output[0]).toBeCloseTo(-0.9640275800758169, 15);
  });

  it('softmax cross-entropy: p = softmax(z), L = −log p[label], ∂L/∂z = p − onehot', () => {
    // z = (0, ln 3): p = (1/4, 3/4); label 0 → L = ln 4; ∂L/∂z = (1/4 − 1, 3/4).
    const head = new SoftmaxCrossEntropy(2, 1, 'float64');
    const loss = head.forward(Float64Array.of(0, Math.log(3)), 1, [0]);
    expect(loss).toBeCloseTo(Math.log(4), 14);
    expect(Array.from(head.probabilities)).toEqual([
      expect.closeTo(0.25, 14),
      expect.closeTo(0.75, 14),
    ]);
    head.backward(1, [0], 0, 1);
    expect(head.inputGrad[0]).toBeCloseTo(-0.75, 14);
    expect(head.inputGrad[1]).toBeCloseTo(0.75, 14);
    // A confident wrong answer gives a large finite loss, not −log 0 = ∞.
    expect(head.forward(Float64Array.of(0, 1000), 1, [0])).toBeCloseTo(1000, 10);
  });
});

describe('gradients against central differences (float64)', () => {
  const conv = (
    inShape: Shape,
    filters: number,
    size: number,
    stride: number,
    pad: number,
    seed: number,
  ) => {
    const layer = new Conv2d('conv', inShape, { filters, size, stride, pad }, 2, 'float64');
    layer.initialize(new Random(seed), 1);
    fillRandom(layer.bias, new Random(seed + 1));
    return layer;
  };

  it('conv2d, stride 1, padding 2 (the classic net’s first layer, smaller)', () => {
    checkLayer(conv(shape(6, 6, 1), 3, 5, 1, 2, 1), 2, 11);
  });
  it('conv2d, two channels, stride 2, padding 1, windows running into the padding', () => {
    checkLayer(conv(shape(7, 6, 2), 4, 3, 2, 1, 2), 2, 12);
  });
  it('conv2d on mostly-zero inputs (the scatter forward pass)', () => {
    const layer = conv(shape(8, 8, 2), 3, 5, 1, 2, 4);
    checkLayer(layer, 2, 25, 0, 0.9);
    expect(layer.lastPath).toBe('scatter');
  });
  it('conv2d, no padding, 1×1 output', () => {
    checkLayer(conv(shape(3, 3, 2), 2, 3, 1, 0, 3), 1, 13);
  });
  it('dense', () => {
    const dense = new Dense('dense', shape(2, 2, 3), 5, 3, 'float64');
    dense.initialize(new Random(4), 1);
    fillRandom(dense.bias, new Random(5));
    checkLayer(dense, 3, 14);
  });
  it('ReLU (away from the kink)', () => {
    checkLayer(new Relu('r', shape(3, 3, 2), 2, 'float64'), 2, 15, 1e-3);
  });
  it('leaky ReLU (away from the kink)', () => {
    checkLayer(new LeakyRelu('l', shape(3, 3, 2), 2, 'float64', 0.05), 2, 16, 1e-3);
  });
  it('tanh', () => {
    checkLayer(new Tanh('t', shape(3, 3, 2), 2, 'float64'), 2, 17);
  });
  it('max-pooling, 2×2 stride 2 and 3×3 stride 3 with a dropped edge', () => {
    checkLayer(new MaxPool('m', shape(4, 4, 2), { size: 2, stride: 2 }, 2, 'float64'), 2, 18);
    checkLayer(new MaxPool('m', shape(7, 7, 2), { size: 3, stride: 3 }, 2, 'float64'), 2, 19);
  });
  it('max-pooling with overlapping windows (3×3, stride 2)', () => {
    checkLayer(new MaxPool('m', shape(7, 7, 1), { size: 3, stride: 2 }, 1, 'float64'), 1, 20);
  });
  it('average-pooling, overlapping and not', () => {
    checkLayer(new AvgPool('a', shape(5, 5, 2), { size: 2, stride: 2 }, 2, 'float64'), 2, 21);
    checkLayer(new AvgPool('a', shape(5, 5, 1), { size: 3, stride: 1 }, 1, 'float64'), 1, 22);
  });
  it('flatten', () => {
    checkLayer(new Flatten('f', shape(2, 3, 2), 2, 'float64'), 2, 23);
  });

  it('softmax cross-entropy: ∂(Σ L)/∂z', () => {
    const head = new SoftmaxCrossEntropy(4, 3, 'float64');
    const z = new Float64Array(12);
    fillRandom(z, new Random(24));
    const labels = [2, 0, 3];
    head.forward(z, 3, labels);
    head.backward(3, labels, 0, 1);
    const dz = Float64Array.from(head.inputGrad);
    for (let i = 0; i < z.length; i++) {
      const keep = z[i]!;
      z[i] = keep + H;
      const up = head.forward(z, 3, labels);
      z[i] = keep - H;
      const down = head.forward(z, 3, labels);
      z[i] = keep;
      expect(dz[i]).toBeCloseTo((up - down) / (2 * H), 7);
    }
  });

  /** Mean loss of a batch, and the model's gradient of it, against central differences. */
  function checkModel(spec: ArchitectureSpec, classes: number, count: number, seed: number): void {
    const model = buildModel(spec, classes, new Random(seed), {
      precision: 'float64',
      capacity: count,
    });
    const rng = new Random(seed + 1);
    for (let i = 0; i < model.input.length; i++) model.input[i] = rng.next();
    for (const tensor of model.params) {
      if (tensor.name.endsWith('.bias'))
        for (let i = 0; i < tensor.params.length; i++) tensor.params[i] = 0.1 * rng.normal();
    }
    const labels = Array.from({ length: count }, (_, s) => (s * 7 + 3) % classes);
    const meanLoss = (): number => model.forward(count, labels) / count;
    model.zeroGrads();
    meanLoss();
    model.backward(count, labels, 0, 1 / count);
    for (const tensor of model.params) {
      const analytic = Float64Array.from(tensor.grads);
      // Every bias entry and a spread of weights (every 7th) keeps the test fast.
      const step = tensor.name.endsWith('.bias') ? 1 : 7;
      for (let i = 0; i < tensor.params.length; i += step) {
        const keep = tensor.params[i]!;
        tensor.params[i] = keep + H;
        const up = meanLoss();
        tensor.params[i] = keep - H;
        const down = meanLoss();
        tensor.params[i] = keep;
        expect(analytic[i], `${tensor.name}[${i}]`).toBeCloseTo((up - down) / (2 * H), 6);
      }
    }
  }

  it('a whole model: conv → ReLU → max-pool → conv → tanh → avg-pool → dense → leaky ReLU → dense → softmax', () => {
    const spec: ArchitectureSpec = {
      input: [28, 28, 1],
      layers: [
        { type: 'conv', filters: 3, size: 5, stride: 2, pad: 2 },
        { type: 'relu' },
        { type: 'maxPool', size: 2, stride: 2 },
        { type: 'conv', filters: 4, size: 3, stride: 1, pad: 1 },
        { type: 'tanh' },
        { type: 'avgPool', size: 2, stride: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 6 },
        { type: 'leakyRelu', slope: 0.1 },
      ],
    };
    checkModel(spec, 5, 3, 30);
  });

  it('the classic MNIST net, batch of 2', () => {
    checkModel(DEFAULT_ARCHITECTURE, 10, 2, 31);
  });
});
