/**
 * The WebAssembly-SIMD engine: every buffer of a model lives in one WebAssembly memory of its
 * own (sized once, never grown, so the typed-array views on it stay valid), and the layers
 * that matter for speed — stride-1 convolution, dense, ReLU, max-pooling — run the kernels of
 * assembly/cnn.ts on it. Other layers, and the optimizers, work on the same buffers in plain
 * JavaScript. The core stays free of any host API: callers hand over the module's bytes.
 */
import { JS_ENGINE, type CnnEngine } from '../engine.ts';
import { Relu } from '../layers/activation.ts';
import { Conv2d } from '../layers/conv2d.ts';
import { Dense } from '../layers/dense.ts';
import { MaxPool } from '../layers/pooling.ts';
import type { LayerKernels, LayerPasses, ModelMemory } from '../memory.ts';
import { shapeSize, type Tensor } from '../tensor.ts';

/** The exports of assembly/cnn.ts: byte addresses and counts (see that file). */
interface KernelExports {
  padInput(
    x: number,
    xpad: number,
    channels: number,
    height: number,
    width: number,
    pad: number,
    padHeight: number,
    padWidth: number,
  ): void;
  convForward(
    xpad: number,
    w: number,
    b: number,
    y: number,
    channels: number,
    filters: number,
    size: number,
    outHeight: number,
    outWidth: number,
    padHeight: number,
    padWidth: number,
  ): void;
  convBackward(
    g: number,
    xpad: number,
    w: number,
    dw: number,
    db: number,
    dxpad: number,
    channels: number,
    filters: number,
    size: number,
    outHeight: number,
    outWidth: number,
    padHeight: number,
    padWidth: number,
  ): void;
  unpad(
    dxpad: number,
    dx: number,
    channels: number,
    height: number,
    width: number,
    pad: number,
    padHeight: number,
    padWidth: number,
  ): void;
  denseForward(
    x: number,
    w: number,
    b: number,
    y: number,
    count: number,
    units: number,
    inputs: number,
  ): void;
  denseBackward(
    x: number,
    g: number,
    w: number,
    dw: number,
    db: number,
    dx: number,
    count: number,
    units: number,
    inputs: number,
  ): void;
  reluForward(x: number, y: number, n: number): void;
  reluBackward(x: number, g: number, dx: number, n: number): void;
  maxPoolForward(
    x: number,
    y: number,
    planes: number,
    height: number,
    width: number,
    size: number,
    stride: number,
    outHeight: number,
    outWidth: number,
  ): void;
  maxPoolBackward(
    x: number,
    g: number,
    dx: number,
    planes: number,
    height: number,
    width: number,
    size: number,
    stride: number,
    outHeight: number,
    outWidth: number,
  ): void;
}

/** The part of the host's WebAssembly API this engine uses (JavaScript's, not the DOM's). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
  Memory: new (descriptor: { initial: number; maximum: number }) => {
    readonly buffer: ArrayBuffer;
  };
}

/** Buffers start here, so that address 0 can mean "none" (e.g. no input gradient wanted). */
const FIRST_ADDRESS = 16;
const PAGE_BYTES = 65_536;

/** Bytes of `length` float32 values, rounded up to whole 16-byte vectors. */
function vectorBytes(length: number): number {
  return Math.ceil(length / 4) * 16;
}

/**
 * The engine for the compiled assembly/cnn.ts, or null when this host cannot run it: no
 * WebAssembly, no SIMD (the module then fails validation), or compilation refused (a CSP
 * without 'wasm-unsafe-eval'). Callers then use JS_ENGINE.
 */
export function createWasmEngine(bytes: ArrayBuffer | Uint8Array): CnnEngine | null {
  const api = (globalThis as unknown as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  const code = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (!api || !api.validate(code)) return null;
  let module: object;
  try {
    module = new api.Module(code);
  } catch {
    return null;
  }
  return {
    name: 'wasm-simd',
    build(precision, make) {
      // The kernels are float32 only; float64 (gradient checks) runs in plain JavaScript.
      if (precision !== 'float32') return JS_ENGINE.build(precision, make);
      // First measure what the model allocates, then build it for real in a memory that size.
      let end = FIRST_ADDRESS;
      const measure = (length: number): Tensor => {
        end += vectorBytes(length);
        return new Float32Array(length);
      };
      make({ precision, allocate: measure, kernels: layerKernels(UNBOUND, null, measure) });
      const pages = Math.ceil(end / PAGE_BYTES);
      const memory = new api.Memory({ initial: pages, maximum: pages });
      const instance = new api.Instance(module, { env: { memory } });
      const kernels = instance.exports as KernelExports;
      let next = FIRST_ADDRESS;
      const allocate = (length: number): Tensor => {
        const tensor = new Float32Array(memory.buffer, next, length);
        next += vectorBytes(length);
        return tensor;
      };
      const modelMemory: ModelMemory = {
        precision,
        allocate,
        kernels: layerKernels(kernels, memory.buffer, allocate),
      };
      return { model: make(modelMemory), engine: 'wasm-simd', bytes: memory.buffer.byteLength };
    },
  };
}

/** Kernels of the measuring pass, which builds layers but never runs them. */
const UNBOUND = new Proxy({} as KernelExports, {
  get: () => () => {
    throw new Error('the WebAssembly kernels are not instantiated yet');
  },
});

/**
 * The passes of each accelerated layer, calling `k` on buffers in `buffer` (null while
 * measuring); scratch space comes from `allocate`.
 */
function layerKernels(
  k: KernelExports,
  buffer: ArrayBuffer | null,
  allocate: (length: number) => Tensor,
): LayerKernels {
  /** The byte address of value `offset` of `tensor`, which must live in the module's memory. */
  const at = (tensor: Tensor, offset = 0): number => {
    if (tensor.buffer !== buffer) {
      throw new Error('the WebAssembly engine runs on its own buffers only (a model’s input)');
    }
    return tensor.byteOffset + 4 * offset;
  };
  const relu = (layer: Relu): LayerPasses => {
    const size = shapeSize(layer.inShape);
    return {
      forward: (input, count) => k.reluForward(at(input), at(layer.output), count * size),
      backward: (input, outputGrad, count, propagate) => {
        if (propagate) k.reluBackward(at(input), at(outputGrad), at(layer.inputGrad), count * size);
      },
    };
  };
  return {
    passesFor(layer) {
      if (layer instanceof Conv2d) return convPasses(k, at, allocate, layer);
      if (layer instanceof Dense) return densePasses(k, at, layer);
      if (layer instanceof Relu) return relu(layer);
      if (layer instanceof MaxPool) return maxPoolPasses(k, at, layer);
      return null;
    },
  };
}

type Address = (tensor: Tensor, offset?: number) => number;

/**
 * Stride-1 convolution, one sample at a time: the sample is copied into a zero-padded plane
 * whose rows are wide enough for whole 8-value blocks, then the kernel reads only that plane.
 * The backward pass reuses the plane of the last sample the forward pass padded.
 */
function convPasses(
  k: KernelExports,
  at: Address,
  allocate: (length: number) => Tensor,
  layer: Conv2d,
): LayerPasses | null {
  const { filters, size, stride, pad } = layer.options;
  if (stride !== 1) return null;
  const { height, width, channels } = layer.inShape;
  const outHeight = layer.outShape.height;
  const outWidth = layer.outShape.width;
  const padHeight = height + 2 * pad;
  const padWidth = Math.ceil(outWidth / 8) * 8 + size - 1;
  const xpad = allocate(channels * padHeight * padWidth);
  const dxpad = allocate(channels * padHeight * padWidth);
  const inSize = shapeSize(layer.inShape);
  const outSize = shapeSize(layer.outShape);
  let paddedInput: Tensor | null = null;
  let paddedSample = -1;
  const padSample = (input: Tensor, s: number): void => {
    k.padInput(at(input, s * inSize), at(xpad), channels, height, width, pad, padHeight, padWidth);
    paddedInput = input;
    paddedSample = s;
  };
  const geometry = [channels, filters, size, outHeight, outWidth, padHeight, padWidth] as const;
  return {
    forward(input, count) {
      for (let s = 0; s < count; s++) {
        padSample(input, s);
        k.convForward(
          at(xpad),
          at(layer.weight),
          at(layer.bias),
          at(layer.output, s * outSize),
          ...geometry,
        );
      }
    },
    backward(input, outputGrad, count, propagate) {
      // Last sample first: its padded plane is still there from the forward pass.
      for (let s = count - 1; s >= 0; s--) {
        if (paddedInput !== input || paddedSample !== s) padSample(input, s);
        k.convBackward(
          at(outputGrad, s * outSize),
          at(xpad),
          at(layer.weight),
          at(layer.weightGrad),
          at(layer.biasGrad),
          propagate ? at(dxpad) : 0,
          ...geometry,
        );
        if (propagate) {
          k.unpad(
            at(dxpad),
            at(layer.inputGrad, s * inSize),
            channels,
            height,
            width,
            pad,
            padHeight,
            padWidth,
          );
        }
      }
    },
  };
}

function densePasses(k: KernelExports, at: Address, layer: Dense): LayerPasses {
  const units = layer.units;
  const inputs = layer.inputs;
  return {
    forward: (input, count) =>
      k.denseForward(
        at(input),
        at(layer.weight),
        at(layer.bias),
        at(layer.output),
        count,
        units,
        inputs,
      ),
    backward: (input, outputGrad, count, propagate) =>
      k.denseBackward(
        at(input),
        at(outputGrad),
        at(layer.weight),
        at(layer.weightGrad),
        at(layer.biasGrad),
        propagate ? at(layer.inputGrad) : 0,
        count,
        units,
        inputs,
      ),
  };
}

function maxPoolPasses(k: KernelExports, at: Address, layer: MaxPool): LayerPasses {
  const { height, width, channels } = layer.inShape;
  const { size, stride } = layer.options;
  const outHeight = layer.outShape.height;
  const outWidth = layer.outShape.width;
  return {
    forward: (input, count) =>
      k.maxPoolForward(
        at(input),
        at(layer.output),
        count * channels,
        height,
        width,
        size,
        stride,
        outHeight,
        outWidth,
      ),
    backward: (input, outputGrad, count, propagate) => {
      if (!propagate) return;
      k.maxPoolBackward(
        at(input),
        at(outputGrad),
        at(layer.inputGrad),
        count * channels,
        height,
        width,
        size,
        stride,
        outHeight,
        outWidth,
      );
    },
  };
}
