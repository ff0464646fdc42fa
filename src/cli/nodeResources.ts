/** Builds trainers in Node, loading what a problem needs from disk (MNIST for CNN runs). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Experiment } from '../core/config/experiment.ts';
import { JS_ENGINE, type CnnEngine } from '../core/cnn/engine.ts';
import { createWasmEngine } from '../core/cnn/wasm/wasmEngine.ts';
import { createTrainers } from '../core/run/createTrainers.ts';
import type { RunTrainer } from '../core/run/trainer.ts';

/** Where `npm install` generates the MNIST file (scripts/build-mnist.mjs). */
export const MNIST_PATH = fileURLToPath(new URL('../../public/data/mnist.bin', import.meta.url));

/** A problem's data could not be loaded; the CLI reports it like a bad config. */
export class MissingDataError extends Error {}

export function readMnist(): ArrayBuffer {
  try {
    const bytes = readFileSync(MNIST_PATH);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  } catch {
    throw new MissingDataError(
      `the MNIST data file ${MNIST_PATH} is missing; run npm install to generate it`,
    );
  }
}

/** Where `npm install` and `npm run build` compile the CNN kernels (assembly/cnn.ts). */
export const CNN_WASM_PATH = fileURLToPath(new URL('../../build/wasm/cnn.wasm', import.meta.url));

let nodeEngine: CnnEngine | null = null;

/**
 * The WebAssembly-SIMD engine from the compiled kernels, or the plain-JS engine when they are
 * missing (run `npm run build:wasm`) or this Node cannot run them.
 */
export function cnnEngineForNode(): CnnEngine {
  if (nodeEngine) return nodeEngine;
  let bytes: Uint8Array | null = null;
  try {
    bytes = readFileSync(CNN_WASM_PATH);
  } catch {
    bytes = null;
  }
  nodeEngine = (bytes && createWasmEngine(bytes)) ?? JS_ENGINE;
  return nodeEngine;
}

export function createTrainersForNode(experiment: Experiment): RunTrainer[] {
  const problem = experiment.problem;
  const cnn = problem.kind === 'cnn';
  const mnist = cnn && problem.dataset === 'mnist' ? readMnist() : undefined;
  return createTrainers(experiment, experiment.runs, {
    mnist,
    ...(cnn ? { cnnEngine: cnnEngineForNode() } : {}),
  });
}
