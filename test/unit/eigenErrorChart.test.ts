/**
 * The lines the "error along each eigendirection" chart draws for a run, read from live history
 * as the page has it (records packed as the worker packs them): per direction the measured
 * |vᵢᵀ(θ_t − θ*)| and the predicted line, against ratios worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/core/config/validate.ts';
import type { Experiment } from '../../src/core/config/experiment.ts';
import { primaryStateName } from '../../src/core/optimizers/index.ts';
import type { StepRecord } from '../../src/core/run/records.ts';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import { runToEnd } from '../../src/core/run/runExperiment.ts';
import { RunHistory } from '../../src/store/runHistory.ts';
import { eigenErrorViews, type EigenDirection } from '../../src/ui/analysis/EigenErrorChart.tsx';
import { SeriesPacker } from '../../src/worker/seriesPacker.ts';

/** Runs an experiment headless and feeds its records to RunHistory as the worker would. */
function liveHistory(experiment: Experiment): RunHistory {
  const records: StepRecord[] = [];
  runToEnd(createTrainers(experiment), (r) => records.push(r));
  const live = new RunHistory();
  for (const run of experiment.runs) {
    const packer = new SeriesPacker(primaryStateName(run.optimizer.kind));
    const own = records.filter((r) => r.run === run.label);
    own.forEach((r) => packer.add(r, 0));
    live.applyFrame({
      label: run.label,
      status: 'finished',
      series: packer.take(),
      last: own.at(-1) ?? null,
    } as Parameters<RunHistory['applyFrame']>[0]);
  }
  return live;
}

// ½(λmax·u² + λmin·w²) rotated by 30°: κ = 20, λmax = 1, λmin = 0.05, minimum at the origin.
const c = Math.cos(Math.PI / 6);
const s = Math.sin(Math.PI / 6);
const DIRECTIONS: EigenDirection[] = [
  { lambda: 1, vector: [-s, c] },
  { lambda: 0.05, vector: [c, s] },
];
const NAMES = [
  ['steep', 'steep, predicted'],
  ['flat', 'flat, predicted'],
] as const;

const experiment = parseExperiment({
  problem: {
    kind: 'surface',
    surface: 'quadratic',
    params: { conditionNumber: 20, rotation: 30 },
    start: [-4, 2],
  },
  steps: 120,
  seed: 1,
  runs: [
    { label: 'GD', optimizer: { kind: 'sgd', lr: 0.6 } },
    { label: 'HB', optimizer: { kind: 'momentum', lr: 0.3, momentum: 0.5, form: 'pytorch' } },
    { label: 'Adam', optimizer: { kind: 'adam', lr: 0.1 } },
  ],
});
const live = liveHistory(experiment);
const views = (label: string) =>
  eigenErrorViews(
    live,
    label,
    experiment.runs.find((r) => r.label === label)!.optimizer,
    [0, 0],
    DIRECTIONS,
    NAMES,
  );
const ratio = (y: Float64Array, k: number) => y[k + 1]! / y[k]!;

describe('error along each eigendirection: the chart’s lines', () => {
  it('one measured and one predicted line per direction, in the directions’ colours', () => {
    const lines = views('GD');
    expect(lines.map((v) => v.label)).toEqual([
      'steep',
      'steep, predicted',
      'flat',
      'flat, predicted',
    ]);
    expect(lines.map((v) => v.dash)).toEqual(['', '6 4', '', '6 4']);
    expect(lines[0]!.color).toBe(lines[1]!.color);
    expect(lines[0]!.color).not.toBe(lines[2]!.color);
    for (const v of lines) expect(v.count).toBe(121);
  });

  it('GD: each component shrinks by |1 − ηλ| per step, 0.4 steep and 0.97 flat, measured and predicted', () => {
    const [steep, steepPredicted, flat, flatPredicted] = views('GD');
    // η = 0.6: |1 − 0.6·1| = 0.4, |1 − 0.6·0.05| = 0.97.
    for (let k = 0; k < 12; k++) {
      expect(ratio(steep!.y, k)).toBeCloseTo(0.4, 6);
      expect(ratio(steepPredicted!.y, k)).toBeCloseTo(0.4, 12);
    }
    for (let k = 0; k < 120; k++) {
      expect(ratio(flat!.y, k)).toBeCloseTo(0.97, 9);
      expect(ratio(flatPredicted!.y, k)).toBeCloseTo(0.97, 12);
    }
    // Both start at the start's components: −4·(−sin 30°) + 2·cos 30° and −4·cos 30° + 2·sin 30°.
    expect(steep!.y[0]).toBeCloseTo(Math.abs(4 * s + 2 * c), 12);
    expect(flat!.y[0]).toBeCloseTo(Math.abs(-4 * c + 2 * s), 12);
  });

  it('heavy ball: the measured components approach the characteristic root’s modulus', () => {
    const [steep, steepPredicted, flat, flatPredicted] = views('HB');
    // γ = 0.5, η = 0.3. Flat (λ = 0.05): z² − (1 + γ − ηλ)z + γ = z² − 1.485z + 0.5, real roots,
    // the larger (1.485 + √(1.485² − 2))/2 = (1.485 + 0.45302)/2 = 0.96901….
    const flatRoot = (1.485 + Math.sqrt(1.485 ** 2 - 2)) / 2;
    expect(flatRoot).toBeCloseTo(0.96901, 5);
    for (let k = 0; k < 120; k++) expect(ratio(flatPredicted!.y, k)).toBeCloseTo(flatRoot, 12);
    // The other root, 0.51599, has died out by step 60: the measured ratio is the root's.
    for (let k = 60; k < 120; k++) expect(ratio(flat!.y, k)).toBeCloseTo(flatRoot, 6);
    // Steep (λ = 1): z² − 1.2z + 0.5 has complex roots of modulus √0.5; the measured component
    // oscillates under that envelope: its peaks 20 steps apart fall by √0.5^20 = 2^−10.
    for (let k = 0; k < 60; k++) expect(ratio(steepPredicted!.y, k)).toBeCloseTo(Math.SQRT1_2, 12);
    const peak = (from: number) => Math.max(...steep!.y.subarray(from, from + 12));
    expect(peak(30) / peak(10)).toBeGreaterThan(2 ** -10 / 1.5);
    expect(peak(30) / peak(10)).toBeLessThan(2 ** -10 * 1.5);
  });

  it('an adaptive run has no linear prediction: only the measured lines', () => {
    expect(views('Adam').map((v) => v.label)).toEqual(['steep', 'flat']);
  });
});
