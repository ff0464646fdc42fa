/**
 * The CNN engine of this worker: the WebAssembly-SIMD kernels, fetched once from the build
 * (Vite turns the URL below into the hashed asset), or the plain-JS engine when the file cannot
 * be fetched or this browser cannot run it (no WebAssembly SIMD).
 */
import { JS_ENGINE, type CnnEngine } from '../core/cnn/engine.ts';
import { createWasmEngine } from '../core/cnn/wasm/wasmEngine.ts';

export async function loadCnnEngine(): Promise<CnnEngine> {
  try {
    const response = await fetch(new URL('../../build/wasm/cnn.wasm', import.meta.url));
    if (!response.ok) return JS_ENGINE;
    return createWasmEngine(await response.arrayBuffer()) ?? JS_ENGINE;
  } catch {
    return JS_ENGINE;
  }
}
