/**
 * Which code runs a model's layers and where their buffers live. The plain-JS engine keeps
 * every buffer in its own typed array and runs the layers' own loops; the WebAssembly-SIMD
 * engine (./wasm/wasmEngine.ts) puts every buffer of a model in one WebAssembly memory and
 * hands the layers it can run to its kernels. Layers ask `ModelMemory.kernels` for their
 * passes when they are built and fall back to their own loops where it offers none.
 */
import type { Conv2d } from './layers/conv2d.ts';
import type { Dense } from './layers/dense.ts';
import type { Layer } from './layers/layer.ts';
import type { MaxPool } from './layers/pooling.ts';
import type { Relu } from './layers/activation.ts';
import { allocate, type Precision, type Tensor } from './tensor.ts';

/** "wasm-simd": WebAssembly with 128-bit SIMD; "js": plain JavaScript (the fallback). */
export type EngineName = 'wasm-simd' | 'js';

/** A layer's forward and backward passes, as an engine runs them. */
export type LayerPasses = Pick<Layer, 'forward' | 'backward'>;

/** The passes an engine offers for each kind of layer it accelerates; null: the layer's own. */
export interface LayerKernels {
  conv(layer: Conv2d): LayerPasses | null;
  dense(layer: Dense): LayerPasses | null;
  relu(layer: Relu): LayerPasses | null;
  maxPool(layer: MaxPool): LayerPasses | null;
}

/** The buffers of one model and the kernels that work on them. */
export interface ModelMemory {
  readonly precision: Precision;
  /** A zero-filled buffer of `length` values. */
  allocate(length: number): Tensor;
  /** Null for the plain-JS layers. */
  readonly kernels: LayerKernels | null;
}

export interface CnnEngine {
  readonly name: EngineName;
  /**
   * Runs `make` with the memory of one model and returns what it made. `make` may run more
   * than once (an engine may first measure what it allocates), so it must have no other effect.
   */
  build<T>(precision: Precision, make: (memory: ModelMemory) => T): BuiltModel<T>;
}

/** What an engine built, which engine runs it (float64 falls back to JS) and its buffers' size. */
export interface BuiltModel<T> {
  readonly model: T;
  readonly engine: EngineName;
  /** Bytes of every buffer `make` allocated (for WebAssembly: the whole memory). */
  readonly bytes: number;
}

/** Plain typed arrays for `precision`, no kernels: what the layers do on their own. */
export function plainMemory(precision: Precision): ModelMemory {
  return { precision, allocate: (length) => allocate(precision, length), kernels: null };
}

/** The plain-JavaScript engine: runs anywhere, in either precision. */
export const JS_ENGINE: CnnEngine = {
  name: 'js',
  build(precision, make) {
    const plain = plainMemory(precision);
    let bytes = 0;
    const model = make({
      ...plain,
      allocate(length) {
        const tensor = plain.allocate(length);
        bytes += tensor.byteLength;
        return tensor;
      },
    });
    return { model, engine: 'js', bytes };
  },
};

/** A layer's memory: given, or plain typed arrays of a precision (tests build layers so). */
export function memoryOf(memory: Precision | ModelMemory): ModelMemory {
  return typeof memory === 'string' ? plainMemory(memory) : memory;
}
