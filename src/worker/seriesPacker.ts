/**
 * Accumulates step records between two frames into flat typed-array columns that the frame
 * transfers (not copies) to the UI. A packer starts fresh after each `take()`.
 */
import type { StepRecord } from '../core/run/records.ts';
import type { PackedSeries } from './protocol.ts';

const SCALAR = [
  'step',
  'loss',
  'lr',
  'samplesSeen',
  'seconds',
  'accuracy',
  'testAccuracy',
] as const;
const VECTOR = ['params', 'grad', 'state'] as const;

export class SeriesPacker {
  private count = 0;
  private capacity = 0;
  private scalar = {} as Record<(typeof SCALAR)[number], Float64Array>;
  private vector = {} as Record<(typeof VECTOR)[number], Float64Array>;

  constructor(
    /** Name of the optimizer state packed into `state` (e.g. "velocity"), or null. */
    private stateName: string | null,
    initialCapacity = 64,
  ) {
    this.allocate(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  setStateName(name: string | null): void {
    this.stateName = name;
  }

  /** Adds one step; `seconds` is the run's compute time up to it (see `PackedSeries.seconds`). */
  add(record: StepRecord, seconds: number): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    const s = this.scalar;
    s.step[i] = record.step;
    s.loss[i] = record.loss;
    s.lr[i] = record.lr;
    s.samplesSeen[i] = record.samplesSeen ?? NaN;
    s.seconds[i] = seconds;
    s.accuracy[i] = record.accuracy ?? NaN;
    s.testAccuracy[i] = record.testAccuracy ?? NaN;
    const state = this.stateName === null ? undefined : record.state[this.stateName];
    this.put(this.vector.params, i, record.params);
    this.put(this.vector.grad, i, record.grad);
    this.put(this.vector.state, i, Array.isArray(state) ? state : undefined);
  }

  private put(column: Float64Array, i: number, values: readonly number[] | undefined): void {
    column[2 * i] = values?.[0] ?? NaN;
    column[2 * i + 1] = values?.[1] ?? NaN;
  }

  /** The packed steps since the last call; the packer starts empty again. */
  take(): PackedSeries {
    const n = this.count;
    const s = this.scalar;
    const v = this.vector;
    const packed: PackedSeries = {
      count: n,
      step: s.step.slice(0, n),
      loss: s.loss.slice(0, n),
      lr: s.lr.slice(0, n),
      samplesSeen: s.samplesSeen.slice(0, n),
      seconds: s.seconds.slice(0, n),
      accuracy: s.accuracy.slice(0, n),
      testAccuracy: s.testAccuracy.slice(0, n),
      params: v.params.slice(0, 2 * n),
      grad: v.grad.slice(0, 2 * n),
      state: v.state.slice(0, 2 * n),
    };
    this.count = 0;
    return packed;
  }

  /** Drops what is pending (after a rewind or reset). */
  clear(): void {
    this.count = 0;
  }

  private allocate(capacity: number): void {
    const old = this.count > 0 ? { scalar: this.scalar, vector: this.vector } : null;
    this.capacity = capacity;
    for (const key of SCALAR) {
      const column = new Float64Array(capacity);
      if (old) column.set(old.scalar[key].subarray(0, this.count));
      this.scalar[key] = column;
    }
    for (const key of VECTOR) {
      const column = new Float64Array(2 * capacity);
      if (old) column.set(old.vector[key].subarray(0, 2 * this.count));
      this.vector[key] = column;
    }
  }

  private grow(): void {
    this.allocate(this.capacity * 2);
  }
}

/** All transferable buffers of a packed series. */
export function transferablesOf(series: PackedSeries): ArrayBuffer[] {
  return [
    series.step,
    series.loss,
    series.lr,
    series.params,
    series.grad,
    series.state,
    series.samplesSeen,
    series.seconds,
    series.accuracy,
    series.testAccuracy,
  ].map((column) => column.buffer as ArrayBuffer);
}
