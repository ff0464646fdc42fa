import { describe, expect, it } from 'vitest';
import { SeriesBuffer } from '../../src/store/seriesBuffer.ts';
import type { PackedSeries } from '../../src/worker/protocol.ts';

/** A packed series of steps [from, from + n) with the given loss per step. */
function packed(from: number, n: number, loss: (t: number) => number): PackedSeries {
  const step = new Float64Array(n).map((_, i) => from + i);
  const test = new Float64Array(n).fill(NaN);
  return {
    count: n,
    step,
    loss: step.map(loss),
    lr: new Float64Array(n).fill(0.1),
    params: new Float64Array(2 * n).map((_, i) => from + Math.floor(i / 2)),
    grad: new Float64Array(2 * n),
    state: new Float64Array(2 * n),
    samplesSeen: new Float64Array(n),
    seconds: new Float64Array(n),
    accuracy: new Float64Array(n),
    testAccuracy: test.map((_, i) => ((from + i) % 1000 === 0 ? 0.5 : NaN)),
  };
}

describe('SeriesBuffer', () => {
  it('keeps every step while under capacity', () => {
    const buffer = new SeriesBuffer(64);
    buffer.append(packed(0, 50, (t) => t));
    expect(buffer.count).toBe(50);
    expect(Array.from(buffer.column('step'))).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // params are 2 per step: step 7 holds (7, 7)
    expect(buffer.column('params')[14]).toBe(7);
    expect(buffer.column('params')[15]).toBe(7);
  });

  it('stays bounded over 10^6 steps and keeps recent steps at full resolution', () => {
    const buffer = new SeriesBuffer(4096);
    for (let from = 0; from < 1_000_000; from += 10_000)
      buffer.append(packed(from, 10_000, (t) => Math.sin(t)));
    expect(buffer.count).toBeLessThanOrEqual(4096);
    const steps = buffer.column('step');
    // The newest 1,024 entries are consecutive steps ending at 999,999.
    for (let i = 1; i <= 1024; i++) expect(steps[steps.length - i]).toBe(1_000_000 - i);
    // Steps stay strictly increasing after all compactions.
    for (let i = 1; i < steps.length; i++) expect(steps[i]!).toBeGreaterThan(steps[i - 1]!);
    // About 8 bytes × 11 values per entry: well under 1 MB per run.
    expect(buffer.count * 11 * 8).toBeLessThan(1 << 20);
  });

  it('decimation keeps the global minimum and maximum of the loss', () => {
    const buffer = new SeriesBuffer(256);
    // A noisy decreasing curve with one spike at step 3,333 and its lowest point at step 17.
    const loss = (t: number): number =>
      t === 3333 ? 1e6 : t === 17 ? -5 : 100 / (1 + t) + ((t * 7919) % 13) / 100;
    buffer.append(packed(0, 20_000, loss));
    const kept = Array.from(buffer.column('loss'));
    const keptSteps = Array.from(buffer.column('step'));
    expect(Math.max(...kept)).toBe(1e6);
    expect(keptSteps[kept.indexOf(1e6)]).toBe(3333);
    expect(Math.min(...kept)).toBe(-5);
    expect(keptSteps[kept.indexOf(-5)]).toBe(17);
  });

  it('keeps a NaN loss (a divergence) visible through compaction', () => {
    const buffer = new SeriesBuffer(64);
    buffer.append(packed(0, 1000, (t) => (t === 5 ? NaN : 1)));
    expect(Array.from(buffer.column('loss')).some(Number.isNaN)).toBe(true);
  });

  it('records held-out accuracy separately and truncates after a rewind', () => {
    const buffer = new SeriesBuffer(64);
    buffer.append(packed(0, 3001, (t) => t));
    expect(buffer.evaluations().steps).toEqual([0, 1000, 2000, 3000]);
    buffer.truncateAfter(1500);
    expect(buffer.lastStep()).toBeLessThanOrEqual(1500);
    // Decimated to groups of 256 steps here (capacity 64): the rewind lands within one group.
    expect(buffer.lastStep()).toBeGreaterThan(1500 - 256);
    expect(buffer.evaluations().steps).toEqual([0, 1000]);
    buffer.truncateAfter(-1);
    expect(buffer.count).toBe(0);
  });
});
