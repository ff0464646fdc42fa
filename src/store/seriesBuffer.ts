/**
 * Bounded per-run history. The newest half of the buffer holds recent steps at full
 * resolution; the older half holds the rest decimated: each group of `groupSize` consecutive
 * steps is kept as its lowest- and highest-loss entries, so minima and maxima survive any
 * number of compactions. When the older half fills, neighbouring groups merge and the group
 * size doubles, so resolution stays even over the whole run and a run of a million steps
 * stays within `capacity` entries (a few hundred kB per run).
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
  seconds: 1,
  accuracy: 1,
} as const;
export type SeriesColumn = keyof typeof WIDTHS;
const COLUMNS = Object.keys(WIDTHS) as SeriesColumn[];

/** Default number of entries kept per run. */
export const DEFAULT_CAPACITY = 4096;

export class SeriesBuffer {
  private columns: Record<SeriesColumn, Float64Array>;
  private length = 0;
  /** Entries [0, oldCount) are the decimated region. */
  private oldCount = 0;
  /** Steps represented by each closed group (two entries) of the decimated region. */
  private groupSize = 4;
  /** Entries (0–2) and steps absorbed so far of the open group at the end of that region. */
  private openCount = 0;
  private openSpan = 0;
  /** Held-out accuracy is rare (every evalEvery steps): it has its own small series. */
  private evalSteps: number[] = [];
  private evalValues: number[] = [];

  constructor(readonly capacity = DEFAULT_CAPACITY) {
    if (capacity < 16 || capacity % 8 !== 0)
      throw new Error('capacity must be a multiple of 8, at least 16');
    this.columns = Object.fromEntries(
      COLUMNS.map((c) => [c, new Float64Array(capacity * WIDTHS[c])]),
    ) as Record<SeriesColumn, Float64Array>;
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
    // Whole runs of entries are copied column by column: a frame can carry thousands of steps.
    for (let i = 0; i < series.count;) {
      if (this.length === this.capacity) this.compact();
      const n = Math.min(series.count - i, this.capacity - this.length);
      for (const name of COLUMNS) {
        const width = WIDTHS[name];
        this.columns[name].set(
          series[name].subarray(i * width, (i + n) * width),
          this.length * width,
        );
      }
      this.length += n;
      i += n;
    }
    for (let i = 0; i < series.count; i++) {
      const test = series.testAccuracy[i]!;
      if (!Number.isFinite(test)) continue;
      this.evalSteps.push(series.step[i]!);
      this.evalValues.push(test);
      if (this.evalSteps.length > this.capacity) {
        this.evalSteps = this.evalSteps.filter((_, j) => j % 2 === 0);
        this.evalValues = this.evalValues.filter((_, j) => j % 2 === 0);
      }
    }
  }

  /** Drops every entry after step `step` (after a rewind); −1 empties the buffer. */
  truncateAfter(step: number): void {
    const steps = this.columns.step;
    while (this.length > 0 && steps[this.length - 1]! > step) this.length--;
    if (this.length < this.oldCount) {
      // Cut into the decimated region: what remains of it is closed groups plus a partial one.
      this.oldCount = this.length;
      this.openCount = 0;
      this.openSpan = 0;
    }
    const keep = this.evalSteps.findIndex((s) => s > step);
    if (keep >= 0) {
      this.evalSteps.length = keep;
      this.evalValues.length = keep;
    }
  }

  /**
   * Moves the older half of the recent entries, one by one, into the decimated region. The
   * region is closed groups of exactly `groupSize` steps (two entries each) followed by one
   * open group (its extremes so far), so it covers every step with no gap.
   */
  private compact(): void {
    const half = this.capacity / 2;
    const moving = Math.floor((this.length - this.oldCount) / 2);
    let write = this.oldCount;
    for (let i = this.oldCount; i < this.oldCount + moving; i++) {
      write = this.absorb(i, write);
      if (this.openSpan === this.groupSize) {
        this.openCount = 0;
        this.openSpan = 0;
        if (write >= half) write = this.mergeClosedGroups(write);
      }
    }
    const recentStart = this.oldCount + moving;
    this.oldCount = write;
    this.moveEntries(recentStart, this.length, write);
    this.length = write + (this.length - recentStart);
  }

  /**
   * Adds entry `i` to the open group, which ends at `write` (exclusive); returns the new end.
   * The group keeps its lowest- and highest-loss entries in step order; NaN counts as an
   * extreme (lowest) so a divergence stays visible.
   */
  private absorb(i: number, write: number): number {
    this.openSpan++;
    if (this.openCount < 2) {
      this.copyEntry(i, write);
      this.openCount++;
      return write + 1;
    }
    const loss = this.columns.loss;
    const a = write - 2;
    const b = write - 1;
    const [va, vb, vc] = [loss[a]!, loss[b]!, loss[i]!];
    const aIsLow = !isLower(vb, va);
    const low = aIsLow ? va : vb;
    const high = aIsLow ? vb : va;
    if (isLower(vc, low)) {
      // c is the new low: keep the old high, then c.
      this.copyEntry(aIsLow ? b : a, a);
      this.copyEntry(i, b);
    } else if (!Number.isNaN(vc) && !Number.isNaN(high) && vc > high) {
      this.copyEntry(aIsLow ? a : b, a);
      this.copyEntry(i, b);
    }
    return write;
  }

  /** Merges neighbouring closed groups pairwise (the group size doubles); returns the new end. */
  private mergeClosedGroups(end: number): number {
    let write = 0;
    for (let from = 0; from < end; from += 4) {
      write = this.keepExtremes(from, Math.min(from + 4, end), write);
    }
    this.groupSize *= 2;
    return write;
  }

  /** Writes the lowest- and highest-loss entries of [from, to) at `write`, in step order. */
  private keepExtremes(from: number, to: number, write: number): number {
    const loss = this.columns.loss;
    let lo = from;
    let hi = from;
    for (let k = from + 1; k < to; k++) {
      const value = loss[k]!;
      if (Number.isNaN(value)) {
        if (!Number.isNaN(loss[lo]!)) lo = k;
        continue;
      }
      if (!Number.isNaN(loss[lo]!) && value < loss[lo]!) lo = k;
      if (Number.isNaN(loss[hi]!) || value > loss[hi]!) hi = k;
    }
    if (to - from === 1) {
      this.copyEntry(from, write);
      return write + 1;
    }
    if (hi === lo) hi = lo === to - 1 ? from : to - 1; // a flat range still spans its steps
    this.copyEntry(Math.min(lo, hi), write);
    this.copyEntry(Math.max(lo, hi), write + 1);
    return write + 2;
  }

  /** Moves entries [from, to) to start at `target` (≤ from). */
  private moveEntries(from: number, to: number, target: number): void {
    for (const name of COLUMNS) {
      const width = WIDTHS[name];
      this.columns[name].copyWithin(target * width, from * width, to * width);
    }
  }

  private copyEntry(from: number, to: number): void {
    for (const name of COLUMNS) {
      const width = WIDTHS[name];
      const column = this.columns[name];
      for (let k = 0; k < width; k++) column[to * width + k] = column[from * width + k]!;
    }
  }
}

/** Loss order for decimation, with NaN (a divergence) below every number so it is kept. */
function isLower(x: number, y: number): boolean {
  return Number.isNaN(x) ? !Number.isNaN(y) : x < y;
}
