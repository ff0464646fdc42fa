/**
 * The core against PyTorch itself: trajectories that `scripts/pytorch-reference.py` computed
 * with torch.optim and torch.optim.lr_scheduler (float64, autograd gradients) and committed as
 * test/fixtures/pytorch-trajectories.json. Each case is replayed through the app's whole
 * two-parameter pipeline (experiment validation, surface gradient, schedule, optimizer, live
 * reconfiguration), so no transcription written alongside the code stands between the two.
 *
 * Tolerance: both sides compute in float64 with the same formulas in a different order
 * (PyTorch's fused addcmul/addcdiv, its recursive schedulers against the app's closed forms),
 * so they differ by round-off only: a few units in the 16th digit per operation, amplified by
 * at most 20 steps on Rosenbrock. The largest deviation measured (torch 1.13, Node 20) is
 * 4.2e-14 of max(1, |value|), in Adam's m under warm-up; 1e-12 leaves a factor of 20. An error
 * in a formula (a missing bias correction, dampening on the first step, an off-by-one in a
 * schedule) moves θ by orders of magnitude more.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../../src/core/config/experiment.ts';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import type { StepRecord } from '../../src/core/run/records.ts';
import { learningRate } from '../../src/core/schedules/index.ts';

interface Case {
  readonly surface: string;
  readonly start: [number, number];
  readonly steps: number;
  readonly optimizer: Record<string, unknown> & { kind: string; lr: number };
  readonly schedule?: Record<string, unknown>;
  /** A live change of the base learning rate before step `step` (constant schedule). */
  readonly lrChange?: { step: number; lr: number };
  /** θ_t for t = 0…steps. */
  readonly params: Array<[number, number]>;
  /** η_t for t = 0…steps, where it varies. */
  readonly lr?: number[];
  /** Optimizer state after the last update, under the app's names. */
  readonly state: Record<string, number[]>;
}

interface Fixture {
  readonly generator: string;
  readonly torch: string;
  readonly dtype: string;
  readonly cases: Case[];
  readonly schedules: Array<{ schedule: Record<string, unknown>; lr: number; rates: number[] }>;
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/pytorch-trajectories.json', import.meta.url), 'utf8'),
) as Fixture;

const TOLERANCE = 1e-12;

/** |a − b| ≤ TOLERANCE·max(1, |b|), with a message naming where. */
function expectClose(actual: number, expected: number, where: string): void {
  const error = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  if (!(error <= TOLERANCE)) {
    expect.fail(`${where}: ${actual} vs PyTorch ${expected} (relative error ${error})`);
  }
}

function nameOf(c: Case): string {
  const { kind, ...rest } = c.optimizer;
  const schedule = c.schedule ? ` · ${JSON.stringify(c.schedule)}` : '';
  const change = c.lrChange ? ` · η → ${c.lrChange.lr} at step ${c.lrChange.step}` : '';
  return `${c.surface} · ${kind} ${JSON.stringify(rest)}${schedule}${change}`;
}

/** The app's records for a case: one trainer, a live η change where the case has one. */
function replay(c: Case, optimizer: Case['optimizer'] = c.optimizer): StepRecord[] {
  const experiment = parseExperiment({
    problem: { kind: 'surface', surface: c.surface, start: c.start },
    steps: c.steps,
    seed: 1,
    runs: [{ label: 'run', optimizer, ...(c.schedule ? { schedule: c.schedule } : {}) }],
  });
  const [trainer] = createTrainers(experiment);
  if (!trainer) throw new Error('no trainer');
  const records: StepRecord[] = [];
  for (let t = 0; t <= c.steps; t++) {
    if (c.lrChange && t === c.lrChange.step) {
      const run: RunConfig = trainer.run;
      trainer.reconfigure({ ...run, optimizer: { ...run.optimizer, lr: c.lrChange.lr } });
    }
    records.push(trainer.advance());
  }
  expect(trainer.status).toBe('finished');
  return records;
}

function compareTrajectory(c: Case, records: readonly StepRecord[], label: string): void {
  expect(records).toHaveLength(c.params.length);
  records.forEach((record, t) => {
    const theta = c.params[t]!;
    expectClose(record.params![0]!, theta[0], `${label}: x at step ${t}`);
    expectClose(record.params![1]!, theta[1], `${label}: y at step ${t}`);
    const eta = c.lr?.[t] ?? (t < (c.lrChange?.step ?? Infinity) ? c.optimizer.lr : undefined);
    if (eta !== undefined) expectClose(record.lr, eta, `${label}: η at step ${t}`);
  });
}

/** The app's state (without its step count t) against PyTorch's: same names, same values. */
function compareState(c: Case, record: StepRecord, label: string, scale = 1): void {
  const { t, ...state } = record.state;
  expect(t).toBe(c.steps);
  expect(Object.keys(state).sort()).toEqual(Object.keys(c.state).sort());
  for (const [name, values] of Object.entries(c.state)) {
    const ours = state[name] as number[];
    values.forEach((value, i) => expectClose(ours[i]!, scale * value, `${label}: ${name}[${i}]`));
  }
}

describe('the fixture', () => {
  it('records its generator and PyTorch version, in float64, and covers every kind and flag', () => {
    expect(fixture.generator).toBe('scripts/pytorch-reference.py');
    expect(fixture.torch).toMatch(/^\d+\.\d+/);
    expect(fixture.dtype).toBe('float64');
    const kinds = new Set(fixture.cases.map((c) => c.optimizer.kind));
    expect([...kinds].sort()).toEqual(
      ['adadelta', 'adagrad', 'adam', 'adamw', 'momentum', 'rmsprop', 'sgd'].sort(),
    );
    const flags = (key: string, value: unknown) =>
      fixture.cases.some((c) => c.optimizer[key] === value);
    for (const [key, value] of [
      ['nesterov', true],
      ['amsgrad', true],
      ['centered', true],
      ['form', 'classic'],
      ['form', 'pytorch'],
    ] as const)
      expect(flags(key, value), `${key}: ${value}`).toBe(true);
    for (const key of ['dampening', 'weightDecay', 'lrDecay', 'initialAccumulator', 'momentum'])
      expect(fixture.cases.some((c) => (c.optimizer[key] ?? 0) !== 0)).toBe(true);
    const schedules = new Set(fixture.cases.map((c) => c.schedule?.kind ?? 'constant'));
    expect([...schedules].sort()).toEqual(
      ['constant', 'cosine', 'exponential', 'inverseTime', 'step'].sort(),
    );
    expect(fixture.cases.some((c) => Number(c.schedule?.warmupSteps ?? 0) > 0)).toBe(true);
    expect(fixture.cases.some((c) => c.lrChange)).toBe(true);
  });
});

describe('optimizers replay PyTorch’s trajectories', () => {
  it.each(fixture.cases.map((c) => [nameOf(c), c] as const))('%s', (label, c) => {
    const records = replay(c);
    compareTrajectory(c, records, label);
    compareState(c, records.at(-1)!, label);
  });
});

describe('the classic momentum form', () => {
  // Constant η: v = η·b, so the classic form traces PyTorch's path and its velocity is η·b.
  const constant = fixture.cases.filter(
    (c) =>
      c.optimizer.kind === 'momentum' &&
      c.optimizer.form === 'pytorch' &&
      c.schedule === undefined &&
      c.lrChange === undefined,
  );

  it('has PyTorch-form cases to compare with', () => expect(constant.length).toBeGreaterThan(3));

  it.each(constant.map((c) => [nameOf(c), c] as const))(
    'agrees with PyTorch at a constant rate: %s',
    (label, c) => {
      const records = replay(c, { ...c.optimizer, form: 'classic' });
      compareTrajectory(c, records, `classic ${label}`);
      compareState(c, records.at(-1)!, `classic ${label}`, c.optimizer.lr);
    },
  );

  it('differs after a live change of η exactly as worked out by hand', () => {
    // PyTorch: θ_{k+1} = θ_k − η₂·b_k, b_k = μ·b_{k−1} + g_k.
    // Classic: v_k = μ·v_{k−1} + η₂·g_k with v_{k−1} = η₁·b_{k−1}, θ_{k+1} = θ_k − v_k.
    // So θ_{k+1}(classic) − θ_{k+1}(PyTorch) = η₂·b_k − v_k = (η₂ − η₁)·μ·b_{k−1}, and
    // b_{k−1} = (θ_{k−1} − θ_k)/η₁ from PyTorch's own trajectory. With η₁ = 2e-4, η₂ = 5e-4,
    // μ = 0.9: θ_{k+1}(classic) = θ_{k+1}(PyTorch) + 1.35·(θ_{k−1} − θ_k).
    const torchCase = fixture.cases.find(
      (c) =>
        c.lrChange &&
        c.optimizer.kind === 'momentum' &&
        c.optimizer.form === 'pytorch' &&
        !c.optimizer.nesterov,
    )!;
    const { step: k, lr: eta2 } = torchCase.lrChange!;
    const eta1 = torchCase.optimizer.lr;
    const mu = torchCase.optimizer.momentum as number;
    expect([eta1, eta2, mu]).toEqual([2e-4, 5e-4, 0.9]);
    const classic = replay(torchCase, { ...torchCase.optimizer, form: 'classic' });
    const torch = torchCase.params;
    // Up to θ_k the rate was constant: the same path.
    for (let t = 0; t <= k; t++) {
      expectClose(classic[t]!.params![0]!, torch[t]![0], `x at ${t}`);
      expectClose(classic[t]!.params![1]!, torch[t]![1], `y at ${t}`);
    }
    for (const i of [0, 1]) {
      const bPrevious = (torch[k - 1]![i]! - torch[k]![i]!) / eta1;
      const expected = torch[k + 1]![i]! + (eta2 - eta1) * mu * bPrevious;
      expectClose(classic[k + 1]!.params![i]!, expected, `classic θ_${k + 1}[${i}]`);
      // …and the difference is real, not round-off.
      expect(Math.abs(expected - torch[k + 1]![i]!)).toBeGreaterThan(1e-5);
    }
  });
});

describe('schedules replay PyTorch’s schedulers', () => {
  it.each(fixture.schedules.map((s) => [JSON.stringify(s.schedule), s] as const))(
    '%s',
    (label, { schedule, lr, rates }) => {
      const experiment = parseExperiment({
        problem: { kind: 'surface', surface: 'rosenbrock' },
        runs: [{ optimizer: { kind: 'sgd', lr }, schedule }],
      });
      const parsed = experiment.runs[0]!.schedule;
      expect(rates.length).toBeGreaterThan(30);
      rates.forEach((rate, t) => expectClose(learningRate(parsed, lr, t), rate, `${label} t=${t}`));
    },
  );
});
