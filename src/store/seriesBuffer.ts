/**
 * Bounded per-run history. Recent steps stay at full resolution; when the buffer fills, its
 * older half is decimated by keeping, of every 4 consecutive entries, the ones with the lowest
 * and the highest loss, so minima and maxima survive any number of compactions. A run of
 * a million steps stays within `capacity` entries (a few hundred kB per run).
 */
import type { PackedSeries } from '../worker/protocol.ts';

/** Column name → values per entry. */
const WIDTHS = {
  step: 1,
  loss: 1,
  lr: 1,
  params: 2,
  grad: 2,
  state: 2,
  samplesSeen: 1,
  accuracy: 1,
} as const;
export type SeriesColumn = keyof typeof WIDTHS;
const COLUMNS = Object.keys(WIDTHS) as SeriesColumn[];

/** Default number of entries kept per run. */
export const DEFAULT_CAPACITY = 4096;

export class SeriesBuffer {
  private columns: Record<SeriesColumn, Float64Array>;
  private length = 0;
  /** Held-out accuracy is rare (every evalEvery steps): it has its own small series. */
  private evalSteps: number[] = [];
  private evalValues: number[] = [];

  constructor(readonly capacity = DEFAULT_CAPACITY) {
    if (capacity < 16 || capacity % 8 !== 0) throw new Error('capacity must be a multiple of 8, at least 16');
    this.columns = Object.fromEntries(COLUMNS.map((c) => [c, new Float64Array(capacity * WIDTHS[c])])) as Record<
      SeriesColumn,
      Float64Array
    >;
  }

  /** Number of entries held. */
  get count(): number {
    return this.length;
  }

  /** A live view of a column's first `count` entries (× its width). Valid until the next append. */
  column(name: SeriesColumn): Float64Array {
    return this.columns[name].subarray(0, this.length * WIDTHS[name]);
  }

  /** Held-out accuracy points (step, value). */
  evaluations(): { steps: readonly number[]; values: readonly number[] } {
    return { steps: this.evalSteps, values: this.evalValues };
  }

  /** The step of the newest entry, or −1. */
  lastStep(): number {
    return this.length === 0 ? -1 : this.columns.step[this.length - 1]!;
  }

  append(series: PackedSeries): void {
    for (let i = 0; i < series.count; i++) {
      if (this.length === this.capacity) this.compact();
      const at = this.length++;
      for (const name of COLUMNS) {
        const width = WIDTHS[name];
        const source = series[name];
        for (let k = 0; k < width; k++) this.columns[name][at * width + k] = source[i * width + k] ?? NaN;
      }
      const test = series.testAccuracy[i];
      if (test !== undefined && Number.isFinite(test)) {
        this.evalSteps.push(series.step[i]!);
        this.evalValues.push(test);
        if (this.evalSteps.length > this.capacity) {
          this.evalSteps = this.evalSteps.filter((_, j) => j % 2 === 0);
          this.evalValues = this.evalValues.filter((_, j) => j % 2 === 0);
        }
      }
    }
  }

  /** Drops every entry after step `step` (after a rewind); −1 empties the buffer. */
  truncateAfter(step: number): void {
    const steps = this.columns.step;
    while (this.length > 0 && steps[this.length - 1]! > step) this.length--;
    const keep = this.evalSteps.findIndex((s) => s > step);
    if (keep >= 0) {
      this.evalSteps.length = keep;
      this.evalValues.length = keep;
    }
  }

  /** Halves the older half of the buffer, keeping the min- and max-loss entry of each 4. */
  private compact(): void {
    const older = this.length / 2;
    const loss = this.columns.loss;
    let write = 0;
    for (let group = 0; group < older; group += 4) {
      let lo = group;
      let hi = group;
      for (let k = group + 1; k < group + 4; k++) {
        if (!(loss[k]! >= loss[lo]!)) lo = k; // NaN counts as an extreme: it must stay visible
        if (!(loss[k]! <= loss[hi]!)) hi = k;
      }
      // When one entry is both extremes (a flat group), keep a second one to span the group.
      if (hi === lo) hi = lo === group + 3 ? group : group + 3;
      this.copyEntry(Math.min(lo, hi), write++);
      this.copyEntry(Math.max(lo, hi), write++);
    }
    for (let i = older; i < this.length; i++) this.copyEntry(i, write++);
    this.length = write;
  }

  private copyEntry(from: number, to: number): void {
    for (const name of COLUMNS) {
      const width = WIDTHS[name];
      const column = this.columns[name];
      for (let k = 0; k < width; k++) column[to * width + k] = column[from * width + k]!;
    }
  }
}
