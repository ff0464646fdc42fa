/**
 * The two schedule examples of the CNN lab show what their names promise, with their default
 * seeds, run headless through the command line exactly as a user would run them.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

interface CnnRecord {
  readonly run: string;
  readonly step: number;
  readonly loss: number;
  readonly lr: number;
  readonly testAccuracy?: number;
}

/** `npm run --silent cli -- run FILE`, parsed; each run's records in step order. */
function runExample(file: string): Map<string, CnnRecord[]> {
  const result = spawnSync('npm', ['run', '--silent', 'cli', '--', 'run', file], {
    encoding: 'utf8',
    timeout: 150_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const runs = new Map<string, CnnRecord[]>();
  for (const line of result.stdout.trim().split('\n')) {
    const record = JSON.parse(line) as CnnRecord;
    runs.set(record.run, [...(runs.get(record.run) ?? []), record]);
  }
  return runs;
}

/** Held-out accuracy by step. */
function heldOut(records: readonly CnnRecord[]): Map<number, number> {
  return new Map(
    records.flatMap((r) => (r.testAccuracy === undefined ? [] : [[r.step, r.testAccuracy]])),
  );
}

describe('CNN schedule examples (through the CLI)', () => {
  it('step decay on MNIST: after η drops tenfold at step 100, held-out accuracy beats constant η', () => {
    const runs = runExample('public/examples/mnist-step-decay.json');
    const constant = runs.get('constant η')!;
    const decayed = runs.get('step decay')!;
    // η₀ = 0.3, γ = 0.1 every 100 steps: 0.3 up to step 99, 0.03 from step 100.
    expect(decayed[99]!.lr).toBeCloseTo(0.3, 12);
    expect(decayed[100]!.lr).toBeCloseTo(0.03, 12);
    expect(constant[150]!.lr).toBe(0.3);
    const a = heldOut(constant);
    const b = heldOut(decayed);
    // Same start, same batches: identical until the decay (evaluated every 20 steps) …
    for (const step of [0, 20, 40, 60, 80, 100]) expect(b.get(step)).toBe(a.get(step));
    // … and higher at every evaluation after it.
    const after = [...b.keys()].filter((step) => step > 100);
    expect(after).toEqual([120, 140, 160, 180, 200]);
    for (const step of after) expect(b.get(step)!).toBeGreaterThan(a.get(step)!);
  }, 180_000);

  it('warm-up: a large η (Adam, 0.1) spikes the loss at the start without warm-up, not with it', () => {
    const runs = runExample('public/examples/mnist-warmup.json');
    const cold = runs.get('no warm-up')!;
    const warm = runs.get('warm-up')!;
    // Linear warm-up over 40 steps from 0.05·η₀: η_0 = 0.005, η_20 = 0.0525, η_40 = 0.1.
    expect(warm[0]!.lr).toBeCloseTo(0.005, 12);
    expect(warm[20]!.lr).toBeCloseTo(0.0525, 12);
    expect(warm[40]!.lr).toBeCloseTo(0.1, 12);
    expect(cold[0]!.lr).toBe(0.1);
    expect(warm[0]!.loss).toBe(cold[0]!.loss); // the same start
    /** The highest batch loss over the warm-up window, steps 1…40. */
    const peak = (records: readonly CnnRecord[]) =>
      Math.max(...records.slice(1, 41).map((r) => r.loss));
    expect(peak(cold)).toBeGreaterThan(peak(warm));
    // A spike: above the loss at the start, which warm-up never exceeds by as much.
    expect(peak(cold)).toBeGreaterThan(cold[0]!.loss * 1.5);
  }, 180_000);
});
