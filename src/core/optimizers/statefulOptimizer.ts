/**
 * What every optimizer shares: the step counter t, per-tensor state buffers allocated once in
 * the tensor's own float type, live views of the state that is currently meaningful, and
 * snapshot/restore. Each algorithm (one per file) only writes its update rule.
 */
import type { Optimizer, OptimizerSnapshot, ParamTensor, Tensor } from './optimizer.ts';

/** A zero-filled tensor of the same float type and length as `like`. */
export function zerosLike(like: Tensor): Tensor {
  return like instanceof Float32Array
    ? new Float32Array(like.length)
    : new Float64Array(like.length);
}

/** One parameter tensor and the optimizer's state buffers for it. */
export interface Slot<S extends Record<string, Tensor>> {
  readonly params: Tensor;
  readonly grads: Tensor;
  /** Every buffer the algorithm may use, whether or not the current options use it. */
  readonly state: S;
}

/**
 * Base of the optimizers in this folder. Buffers for optional features (RMSprop's `gradAvg`,
 * Adam's `vMax`, …) are allocated up front so that `configure` can switch a feature on
 * without allocating in `step`; `state(i)` shows only the ones the current options use, and a
 * switched-off buffer keeps its last value.
 */
export abstract class StatefulOptimizer<
  C extends { readonly kind: string },
  S extends Record<string, Tensor>,
> implements Optimizer<C> {
  protected readonly slots: ReadonlyArray<Slot<S>>;
  /** Number of updates applied so far (t after the latest step). */
  protected t = 0;
  private current: C;
  private views: Array<Readonly<Record<string, Tensor>>> = [];

  /**
   * @param allocate makes the state buffers of one tensor (zeros or an initial value), called
   *   once per tensor here and never again.
   */
  protected constructor(
    config: C,
    tensors: readonly ParamTensor[],
    allocate: (params: Tensor) => S,
  ) {
    this.current = config;
    this.slots = tensors.map((tensor) => {
      if (tensor.grads.length !== tensor.params.length) {
        throw new Error(
          `tensor "${tensor.name}": grads has ${tensor.grads.length} entries, params ${tensor.params.length}`,
        );
      }
      return { params: tensor.params, grads: tensor.grads, state: allocate(tensor.params) };
    });
    this.refreshViews();
  }

  get config(): C {
    return this.current;
  }

  get stepCount(): number {
    return this.t;
  }

  abstract step(lr: number): void;

  configure(config: C): void {
    if (config.kind !== this.current.kind) {
      throw new Error(`cannot configure a ${this.current.kind} optimizer as ${config.kind}`);
    }
    const previous = this.current;
    this.current = config;
    this.reconfigured(previous);
    this.refreshViews();
  }

  state(index: number): Readonly<Record<string, Tensor>> {
    const view = this.views[index];
    if (view === undefined)
      throw new RangeError(`no parameter tensor ${index} (have ${this.views.length})`);
    return view;
  }

  snapshot(): OptimizerSnapshot {
    const tensors = this.slots.map((slot) => {
      const copy: Record<string, Tensor> = {};
      for (const [name, buffer] of Object.entries(slot.state)) copy[name] = buffer.slice();
      return Object.freeze(copy);
    });
    return Object.freeze({ stepCount: this.t, tensors: Object.freeze(tensors) });
  }

  restore(snapshot: OptimizerSnapshot): void {
    if (snapshot.tensors.length !== this.slots.length) {
      throw new Error(
        `snapshot holds ${snapshot.tensors.length} tensors, optimizer has ${this.slots.length}`,
      );
    }
    // Check everything before writing anything, so a bad snapshot leaves the state untouched.
    this.slots.forEach((slot, i) => {
      for (const [name, buffer] of Object.entries(slot.state)) {
        const saved = snapshot.tensors[i]?.[name];
        if (saved === undefined || saved.length !== buffer.length) {
          throw new Error(`snapshot tensor ${i} lacks a ${buffer.length}-entry "${name}"`);
        }
      }
    });
    this.slots.forEach((slot, i) => {
      for (const [name, buffer] of Object.entries(slot.state))
        buffer.set(snapshot.tensors[i]![name]!);
    });
    this.t = snapshot.stepCount;
  }

  /** The buffers the current options use, by name. Default: all of them. */
  protected visibleState(state: S): Readonly<Record<string, Tensor>> {
    return state;
  }

  /** Hook after `configure` (the new config is already current). Default: nothing. */
  protected reconfigured(_previous: C): void {}

  private refreshViews(): void {
    this.views = this.slots.map((slot) => Object.freeze({ ...this.visibleState(slot.state) }));
  }
}
