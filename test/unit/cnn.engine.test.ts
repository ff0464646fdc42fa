/**
 * The WebAssembly-SIMD engine against the plain-JS layers (same inputs and parameters, float32
 * both) and against central differences, layer by layer and for whole training runs; and the
 * fallback to plain JavaScript where WebAssembly SIMD is missing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadMnist } from '../../bench/mnistFile.ts';
import { cnnEngineForNode } from '../../src/cli/nodeResources.ts';
import { DEFAULT_ARCHITECTURE, type ArchitectureSpec } from '../../src/core/cnn/architecture.ts';
import { JS_ENGINE } from '../../src/core/cnn/engine.ts';
import { plainMemory, type ModelMemory } from '../../src/core/cnn/memory.ts';
import { Relu } from '../../src/core/cnn/layers/activation.ts';
import { Conv2d, type ConvOptions } from '../../src/core/cnn/layers/conv2d.ts';
import { Dense } from '../../src/core/cnn/layers/dense.ts';
import type { Layer } from '../../src/core/cnn/layers/layer.ts';
import { MaxPool, type PoolOptions } from '../../src/core/cnn/layers/pooling.ts';
import { buildModel } from '../../src/core/cnn/model.ts';
import { shapeSize, type Shape, type Tensor } from '../../src/core/cnn/tensor.ts';
import { createCnnTrainers } from '../../src/core/cnn/trainer.ts';
import { createWasmEngine } from '../../src/core/cnn/wasm/wasmEngine.ts';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { Random } from '../../src/core/random.ts';

const wasm = cnnEngineForNode();

const shape = (height: number, width: number, channels: number): Shape => ({
  height,
  width,
  channels,
});

/** A layer with its input x and output gradient g, all in one engine's memory. */
interface Bench {
  readonly layer: Layer;
  readonly x: Tensor;
  readonly g: Tensor;
}

type MakeLayer = (memory: ModelMemory, capacity: number) => Layer;

function benchOf(make: MakeLayer, memory: ModelMemory, count: number): Bench {
  const layer = make(memory, count);
  return {
    layer,
    x: memory.allocate(count * shapeSize(layer.inShape)),
    g: memory.allocate(count * shapeSize(layer.outShape)),
  };
}

function inWasm(make: MakeLayer, count: number): Bench {
  return wasm.build('float32', (memory) => benchOf(make, memory, count)).model;
}

/** Random x (kept `gap` from 0), g and parameters, the same in both benches. */
function fill(benches: readonly Bench[], seed: number, gap = 0, zeros = 0): void {
  const rng = new Random(seed);
  const [first] = benches;
  const values = (n: number, spread = 1) =>
    Array.from({ length: n }, () => {
      let v = rng.normal();
      while (Math.abs(v) < gap) v = rng.normal();
      return rng.next() < zeros ? 0 : spread * v;
    });
  const x = values(first!.x.length);
  const g = values(first!.g.length);
  const params = first!.layer.params.map((p) => values(p.params.length, 0.3));
  for (const b of benches) {
    b.x.set(x);
    b.g.set(g);
    b.layer.params.forEach((p, i) => p.params.set(params[i]!));
  }
}

function run(b: Bench, count: number): { y: number[]; dx: number[]; grads: number[][] } {
  b.layer.forward(b.x, count);
  const y = Array.from(b.layer.output.subarray(0, count * shapeSize(b.layer.outShape)));
  for (const p of b.layer.params) p.grads.fill(0);
  b.layer.backward(b.x, b.g, count, true);
  return {
    y,
    dx: Array.from(b.layer.inputGrad.subarray(0, count * shapeSize(b.layer.inShape))),
    grads: b.layer.params.map((p) => Array.from(p.grads)),
  };
}

/** max |a − b| ≤ tolerance · max(1, max |b|): float32 sums in another order. */
function expectClose(a: readonly number[], b: readonly number[], tolerance = 2e-6): void {
  expect(a.length).toBe(b.length);
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]!));
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  }
  expect(worst).toBeLessThanOrEqual(tolerance * scale);
}

/** The wasm layer and the plain-JS one (float32) on the same random inputs and parameters. */
function compare(make: MakeLayer, count: number, seed: number, gap = 0, zeros = 0): void {
  const js = benchOf(make, plainMemory('float32'), count);
  const fast = inWasm(make, count);
  fill([js, fast], seed, gap, zeros);
  const a = run(fast, count);
  const b = run(js, count);
  expectClose(a.y, b.y);
  expectClose(a.dx, b.dx);
  a.grads.forEach((grad, i) => expectClose(grad, b.grads[i]!));
}

/**
 * ∂L/∂x and ∂L/∂θ of L = Σ g·y in the wasm layer against central differences with step h.
 * L is linear in x and θ for conv and dense (exact for any h up to float32 round-off) and
 * piecewise linear for ReLU and max-pooling (inputs kept apart so no step crosses a kink).
 */
function checkGradients(make: MakeLayer, count: number, seed: number, h: number, gap = 0): void {
  const b = inWasm(make, count);
  fill([b], seed, gap);
  const n = count * shapeSize(b.layer.outShape);
  const loss = (): number => {
    b.layer.forward(b.x, count);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += b.layer.output[i]! * b.g[i]!;
    return sum;
  };
  const { dx, grads } = run(b, count);
  const probe = (values: Tensor, analytic: readonly number[]) => {
    for (let i = 0; i < values.length; i++) {
      const keep = values[i]!;
      values[i] = keep + h;
      const up = loss();
      values[i] = keep - h;
      const down = loss();
      values[i] = keep;
      expect(analytic[i]).toBeCloseTo((up - down) / (2 * h), 3);
    }
  };
  probe(b.x, dx);
  b.layer.params.forEach((p, i) => probe(p.params, grads[i]!));
}

const conv =
  (inShape: Shape, options: ConvOptions): MakeLayer =>
  (memory, capacity) =>
    new Conv2d('conv', inShape, options, capacity, memory);
const dense =
  (inShape: Shape, units: number): MakeLayer =>
  (memory, capacity) =>
    new Dense('dense', inShape, units, capacity, memory);
const maxPool =
  (inShape: Shape, options: PoolOptions): MakeLayer =>
  (memory, capacity) =>
    new MaxPool('pool', inShape, options, capacity, memory);
const relu =
  (inShape: Shape): MakeLayer =>
  (memory, capacity) =>
    new Relu('relu', inShape, capacity, memory);

describe('the WebAssembly-SIMD engine', () => {
  it('loads in Node, which has WebAssembly SIMD', () => {
    expect(wasm.name).toBe('wasm-simd');
    const model = buildModel(DEFAULT_ARCHITECTURE, 10, new Random(1), { engine: wasm });
    expect(model.engine).toBe('wasm-simd');
  });

  describe('matches the plain-JS layers (float32, relative 2e-6)', () => {
    it('conv, the classic net’s two layers (28×28×1 → 8 and 14×14×8 → 16, 5×5, pad 2)', () => {
      compare(conv(shape(28, 28, 1), { filters: 8, size: 5, stride: 1, pad: 2 }), 2, 1);
      // An MNIST-like input: mostly zeros (the JS layer's sparse forward pass).
      compare(conv(shape(28, 28, 1), { filters: 8, size: 5, stride: 1, pad: 2 }), 1, 2, 0, 0.8);
      compare(conv(shape(14, 14, 8), { filters: 16, size: 5, stride: 1, pad: 2 }), 2, 3);
    });
    it('conv with filters not a multiple of 4, rows not a multiple of 8, no or odd padding', () => {
      compare(conv(shape(9, 11, 3), { filters: 5, size: 3, stride: 1, pad: 0 }), 2, 4);
      compare(conv(shape(6, 5, 2), { filters: 3, size: 5, stride: 1, pad: 2 }), 3, 5);
      compare(conv(shape(4, 4, 1), { filters: 6, size: 3, stride: 1, pad: 1 }), 1, 6);
      compare(conv(shape(3, 3, 2), { filters: 2, size: 3, stride: 1, pad: 0 }), 1, 7);
    });
    it('conv with stride 2 (plain-JS loops on the engine’s memory)', () => {
      compare(conv(shape(7, 6, 2), { filters: 4, size: 3, stride: 2, pad: 1 }), 2, 8);
    });
    it('dense, with inputs not a multiple of 8', () => {
      compare(dense(shape(4, 4, 16), 10), 3, 9);
      compare(dense(shape(2, 2, 3), 5), 3, 10);
    });
    it('ReLU', () => {
      compare(relu(shape(5, 3, 3)), 2, 11);
    });
    it('max-pooling, 2×2 stride 2 (vectors and the odd edge), 3×3 stride 3, overlapping', () => {
      compare(maxPool(shape(28, 28, 8), { size: 2, stride: 2 }), 2, 12);
      compare(maxPool(shape(7, 21, 2), { size: 2, stride: 2 }), 2, 13);
      compare(maxPool(shape(14, 14, 16), { size: 3, stride: 3 }), 2, 14);
      compare(maxPool(shape(7, 7, 1), { size: 3, stride: 2 }), 1, 15);
    });
    it('max-pooling sends a tied window’s gradient to its first maximum, as the JS layer does', () => {
      const make = maxPool(shape(2, 8, 1), { size: 2, stride: 2 });
      const js = benchOf(make, plainMemory('float32'), 1);
      const fast = inWasm(make, 1);
      for (const b of [js, fast]) {
        // Windows (columns 0–1, 2–3, …): max at (0,0) twice; (0,1) and (1,1) tied; (1,0) and
        // (1,1) tied; all four tied.
        b.x.set([5, 1, 2, 7, 0, 1, 3, 3, 5, 0, 6, 7, 4, 4, 3, 3]);
        b.g.set([1, 2, 3, 4]);
      }
      const a = run(fast, 1);
      expect(a.y).toEqual([5, 7, 4, 3]);
      expect(a.dx).toEqual([1, 0, 0, 2, 0, 0, 4, 0, 0, 0, 0, 0, 3, 0, 0, 0]);
      expect(a.dx).toEqual(run(js, 1).dx);
    });
  });

  describe('gradients against central differences (float32)', () => {
    it('conv', () => {
      checkGradients(conv(shape(6, 7, 2), { filters: 5, size: 3, stride: 1, pad: 1 }), 2, 21, 0.05);
      checkGradients(conv(shape(5, 5, 1), { filters: 4, size: 5, stride: 1, pad: 2 }), 1, 22, 0.05);
    });
    it('dense', () => {
      checkGradients(dense(shape(3, 3, 2), 4), 2, 23, 0.05);
    });
    it('ReLU and max-pooling, away from their kinks', () => {
      checkGradients(relu(shape(3, 3, 2)), 2, 24, 1e-2, 0.05);
      checkGradients(maxPool(shape(4, 8, 2), { size: 2, stride: 2 }), 2, 25, 1e-3);
      checkGradients(maxPool(shape(6, 6, 1), { size: 3, stride: 3 }), 1, 26, 1e-3);
    });
  });

  function experiment(architecture?: ArchitectureSpec) {
    return parseExperiment({
      problem: {
        kind: 'cnn',
        dataset: 'mnist',
        trainSize: 1000,
        testSize: 200,
        evalEvery: 20,
        ...(architecture ? { architecture } : {}),
      },
      steps: 40,
      seed: 3,
      runs: [
        {
          label: 'momentum',
          batchSize: 20,
          optimizer: { kind: 'momentum', lr: 0.01, momentum: 0.9 },
        },
      ],
    });
  }

  /** Both engines train the same run; every record and the final weights agree. */
  function trainBoth(architecture?: ArchitectureSpec): void {
    const config = experiment(architecture);
    const mnist = loadMnist();
    const [js] = createCnnTrainers(config, { mnist }, { engine: JS_ENGINE });
    const [fast] = createCnnTrainers(config, { mnist }, { engine: wasm });
    expect(fast!.model.engine).toBe('wasm-simd');
    while (js!.status === 'running') {
      const a = fast!.advance();
      const b = js!.advance();
      expect(a.step).toBe(b.step);
      // Same seed, same numbers up to float32 round-off: 1e-4 relative after 40 steps.
      expect(a.loss).toBeCloseTo(b.loss, 4);
      a.layers!.forEach((layer, i) => {
        const other = b.layers![i]!;
        for (const key of ['gradNorm', 'weightNorm'] as const) {
          expect(Math.abs(layer[key] - other[key])).toBeLessThanOrEqual(1e-4 * other[key]);
        }
      });
      if (b.testAccuracy !== undefined) expect(a.testAccuracy).toBeCloseTo(b.testAccuracy, 2);
    }
    expect(fast!.status).toBe('finished');
    fast!.model.params.forEach((tensor, i) =>
      expectClose(Array.from(tensor.params), Array.from(js!.model.params[i]!.params), 1e-4),
    );
  }

  it('trains the classic net on MNIST as the plain-JS engine does (40 steps of batch 20)', () => {
    trainBoth();
  });

  it('runs the layers it has no kernels for on its own memory (stride 2, tanh, avg-pool, …)', () => {
    trainBoth({
      input: [28, 28, 1],
      layers: [
        { type: 'conv', filters: 4, size: 3, stride: 2, pad: 1 },
        { type: 'tanh' },
        { type: 'avgPool', size: 2, stride: 2 },
        { type: 'conv', filters: 6, size: 3, stride: 1, pad: 1 },
        { type: 'leakyRelu', slope: 0.1 },
        { type: 'flatten' },
        { type: 'dense', units: 12 },
        { type: 'relu' },
      ],
    });
  });
});

describe('the fallback to plain JavaScript', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is used for float64 (gradient checks), which the kernels do not support', () => {
    const model = buildModel(DEFAULT_ARCHITECTURE, 10, new Random(1), {
      engine: wasm,
      precision: 'float64',
    });
    expect(model.engine).toBe('js');
    expect(model.input).toBeInstanceOf(Float64Array);
  });

  it('is what callers get when the module does not validate (no SIMD) or WebAssembly is missing', () => {
    // A module with a SIMD instruction fails validation where SIMD is missing, as garbage does.
    expect(createWasmEngine(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 99]))).toBeNull();
    vi.stubGlobal('WebAssembly', undefined);
    expect(createWasmEngine(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))).toBeNull();
  });

  it('refuses buffers outside its memory instead of reading the wrong bytes', () => {
    const { model: b } = wasm.build('float32', (memory) =>
      benchOf(relu(shape(2, 2, 1)), memory, 1),
    );
    expect(() => b.layer.forward(new Float32Array(4), 1)).toThrow(/its own buffers/);
  });
});
