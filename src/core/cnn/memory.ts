/**
 * Where a model's buffers live and which passes its layers run: what a layer asks for when it
 * is built. Engines (./engine.ts) provide it; layers depend on this file only, never on an
 * engine, so engines may know the layers and not the other way round.
 */
import type { Layer } from './layers/layer.ts';
import { allocate, type Precision, type Tensor } from './tensor.ts';

/** A layer's forward and backward passes, as an engine runs them. */
export type LayerPasses = Pick<Layer, 'forward' | 'backward'>;

/** An engine's passes for the layers it accelerates. */
export interface LayerKernels {
  /** The passes for `layer` (asked once, when it is built), or null: the layer's own loops. */
  passesFor(layer: Layer): LayerPasses | null;
}

/** The buffers of one model and the kernels that work on them. */
export interface ModelMemory {
  readonly precision: Precision;
  /** A zero-filled buffer of `length` values. */
  allocate(length: number): Tensor;
  /** Null for the plain-JS layers. */
  readonly kernels: LayerKernels | null;
}

/** Plain typed arrays for `precision`, no kernels: what the layers do on their own. */
export function plainMemory(precision: Precision): ModelMemory {
  return { precision, allocate: (length) => allocate(precision, length), kernels: null };
}

/** A layer's memory: given, or plain typed arrays of a precision (tests build layers so). */
export function memoryOf(memory: Precision | ModelMemory): ModelMemory {
  return typeof memory === 'string' ? plainMemory(memory) : memory;
}
