/**
 * Which code runs a model's layers and where their buffers live. The plain-JS engine keeps
 * every buffer in its own typed array and runs the layers' own loops; the WebAssembly-SIMD
 * engine (./wasm/wasmEngine.ts) puts every buffer of a model in one WebAssembly memory and
 * hands the layers it can run to its kernels. Layers ask `ModelMemory.kernels` (./memory.ts)
 * for their passes when they are built and fall back to their own loops where it offers none.
 */
import { plainMemory, type ModelMemory } from './memory.ts';
import type { Precision } from './tensor.ts';

/** "wasm-simd": WebAssembly with 128-bit SIMD; "js": plain JavaScript (the fallback). */
export type EngineName = 'wasm-simd' | 'js';

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
