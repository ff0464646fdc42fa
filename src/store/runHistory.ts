/**
 * Fast-changing training data, outside React state: per-run bounded series, the newest full
 * record of each run and the preview of its next step (CNN inspections live in CnnHistory).
 * Only the lab store writes it; readers hear of changes through the store's `pulse` (see
 * liveSlice.ts), never through a subscription of their own.
 */
import type { StepRecord } from '../core/run/records.ts';
import type { RunStatus } from '../core/run/trainer.ts';
import type { RunFrame } from '../worker/protocol.ts';
import { SeriesBuffer } from './seriesBuffer.ts';

export class RunHistory {
  private buffers = new Map<string, SeriesBuffer>();
  private lastRecords = new Map<string, StepRecord>();
  private nextRecords = new Map<string, StepRecord>();
  private statuses = new Map<string, RunStatus>();

  constructor(private readonly capacity?: number) {}

  series(label: string): SeriesBuffer {
    let buffer = this.buffers.get(label);
    if (!buffer) {
      buffer = new SeriesBuffer(this.capacity);
      this.buffers.set(label, buffer);
    }
    return buffer;
  }

  last(label: string): StepRecord | null {
    return this.lastRecords.get(label) ?? null;
  }

  /**
   * The record run `label`'s next step would produce, as its newest frame said: params θ_t
   * are where the run is now (one step past `last`), and its gradient, η and state describe
   * the step about to be taken. Null when the run cannot step or preview (finished, diverged,
   * CNN) or before its first frame. May carry `diverged` when that step would blow up.
   */
  next(label: string): StepRecord | null {
    return this.nextRecords.get(label) ?? null;
  }

  /**
   * The step run `label` is at: t when it stands at θ_t about to take step t — its preview's
   * step, or one past its newest record for a running run without previews (CNN) — else its
   * newest record's step (a finished run's final θ_T, a diverged run's last); 0 before any frame.
   */
  currentStep(label: string): number {
    const next = this.nextRecords.get(label);
    if (next) return next.step;
    const last = this.series(label).lastStep();
    if (last < 0) return 0;
    return this.statuses.get(label) === 'running' ? last + 1 : last;
  }

  labels(): string[] {
    return [...this.buffers.keys()];
  }

  applyFrame(run: RunFrame): void {
    const buffer = this.series(run.label);
    if (run.truncatedAfter !== undefined) {
      buffer.truncateAfter(run.truncatedAfter);
      if (run.truncatedAfter < 0) this.lastRecords.delete(run.label);
    }
    buffer.append(run.series);
    if (run.last) this.lastRecords.set(run.label, run.last);
    this.statuses.set(run.label, run.status);
    // Each frame states the current preview: none means the run cannot step any more.
    if (run.next) this.nextRecords.set(run.label, run.next);
    else this.nextRecords.delete(run.label);
  }

  remove(label: string): void {
    this.buffers.delete(label);
    this.lastRecords.delete(label);
    this.nextRecords.delete(label);
    this.statuses.delete(label);
  }

  clear(): void {
    this.buffers.clear();
    this.lastRecords.clear();
    this.nextRecords.clear();
    this.statuses.clear();
  }
}
