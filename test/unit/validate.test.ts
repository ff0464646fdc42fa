import { describe, expect, it } from 'vitest';
import { MAX_STEPS } from '../../src/core/config/experiment.ts';
import {
  validateExperiment,
  parseExperiment,
  ConfigError,
} from '../../src/core/config/validate.ts';
import { configIssueReason } from '../../src/i18n/domain.ts';
import { translator } from '../../src/i18n/translate.ts';

const en = translator('en');
/** A whole number as the English wording shows it: 10,000,000. */
const grouped = (n: number) => n.toLocaleString('en');

const minimal = {
  problem: { kind: 'surface', surface: 'rosenbrock', start: [-1.5, 2] },
  steps: 300,
  seed: 7,
  runs: [{ label: 'momentum', optimizer: { kind: 'momentum', lr: 0.0002, momentum: 0.9 } }],
};

function issues(input: unknown): string[] {
  const result = validateExperiment(input);
  return result.ok ? [] : result.issues.map((i) => `${i.path}: ${configIssueReason(i, en)}`);
}

describe('experiment validation', () => {
  it('fills in every default in one place', () => {
    const experiment = parseExperiment(minimal);
    expect(experiment.version).toBe(1);
    expect(experiment.runs[0]).toEqual({
      label: 'momentum',
      optimizer: {
        kind: 'momentum',
        lr: 0.0002,
        momentum: 0.9,
        dampening: 0,
        nesterov: false,
        weightDecay: 0,
        form: 'classic',
      },
      schedule: { kind: 'constant', warmupSteps: 0, warmupStartFactor: 0.1 },
      batchSize: 'all',
    });
    expect(experiment.problem).toMatchObject({
      kind: 'surface',
      gradientNoise: 0,
      start: [-1.5, 2],
    });
  });

  it('fills PyTorch defaults for adaptive optimizers', () => {
    const experiment = parseExperiment({ ...minimal, runs: [{ optimizer: { kind: 'adam' } }] });
    expect(experiment.runs[0]!.optimizer).toEqual({
      kind: 'adam',
      lr: 0.001,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
    });
    expect(experiment.runs[0]!.label).toBe('adam');
  });

  it('names the field path and the reason for each bad field', () => {
    expect(issues({ ...minimal, runs: [{ optimizer: { kind: 'sgd', lr: -0.1 } }] })).toEqual([
      'runs[0].optimizer.lr: must be ≥ 0 and ≤ 1,000,000 (got -0.1)',
    ]);
    expect(issues({ ...minimal, runs: [{ optimizer: { kind: 'lbfgs' } }] })[0]).toMatch(
      /^runs\[0\]\.optimizer\.kind: must be one of: sgd, momentum/,
    );
    expect(issues({ ...minimal, problem: { kind: 'torus' } })[0]).toMatch(
      /^problem\.kind: must be one of: surface, regression, cnn/,
    );
    expect(
      issues({ ...minimal, problem: { kind: 'surface', surface: 'beale', start: [1, 'a'] } }),
    ).toEqual([
      'problem.start: must be two finite numbers [x, y] within ±1,000,000 (got an array of 2)',
    ]);
    expect(
      issues({ ...minimal, problem: { kind: 'surface', surface: 'beale', start: [1] } })[0],
    ).toMatch(/^problem\.start:/);
    expect(issues({ ...minimal, steps: MAX_STEPS + 1 })).toEqual([
      `steps: must be ≥ 1 and ≤ ${grouped(MAX_STEPS)} (got ${grouped(MAX_STEPS + 1)})`,
    ]);
    expect(issues({ ...minimal, steps: 2.5 })).toEqual(['steps: must be a whole number (got 2.5)']);
    expect(issues({ ...minimal, runs: [] })[0]).toMatch(/^runs: must be a list of 1 to 6 runs/);
    expect(
      issues({ ...minimal, runs: [{ optimizer: { kind: 'sgd', learningRate: 1 } }] })[0],
    ).toMatch(/^runs\[0\]\.optimizer\.learningRate: unknown field/);
    expect(issues({ ...minimal, runs: [{ optimizer: { kind: 'adam', beta1: 1 } }] })).toEqual([
      'runs[0].optimizer.beta1: must be ≥ 0 and < 1 (got 1)',
    ]);
    expect(issues({ ...minimal, version: 2 })).toEqual([
      'version: this app reads version 1 (got 2)',
    ]);
  });

  it('rejects duplicate labels and bad batch sizes', () => {
    const regression = { kind: 'regression', samples: 20 };
    expect(
      issues({
        ...minimal,
        problem: regression,
        runs: [
          { label: 'a', optimizer: { kind: 'sgd' } },
          { label: 'a', batchSize: 21, optimizer: { kind: 'sgd' } },
        ],
      }),
    ).toEqual([
      'runs[1].label: "a" is used by an earlier run; labels must be unique',
      'runs[1].batchSize: must be "all" or a whole number from 1 to 20 (got 21)',
    ]);
  });

  it('checks custom formulas and reports the position of the error', () => {
    const bad = issues({
      ...minimal,
      problem: { kind: 'surface', surface: 'custom', expression: 'x^2 + z' },
    });
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/^problem\.expression: .*'z'.*position 6/);
    expect(
      parseExperiment({
        ...minimal,
        problem: { kind: 'surface', surface: 'custom', expression: 'x^2 + 10*y^2', start: [2, 1] },
      }).problem,
    ).toMatchObject({ expression: 'x^2 + 10*y^2' });
  });

  it('does not let hostile keys through', () => {
    const hostile = JSON.parse(
      '{"problem":{"kind":"surface","surface":"beale"},"runs":[{"optimizer":{"kind":"sgd"}}],"__proto__":{"polluted":true}}',
    );
    expect(issues(hostile)[0]).toMatch(/^__proto__: unknown field/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(issues('a string')).toEqual([': must be an object (got "a string")']);
    expect(
      issues({
        ...minimal,
        runs: [{ label: 'x'.repeat(1_000_000), optimizer: { kind: 'sgd' } }],
      })[0],
    ).toMatch(
      /label: must be a name of 1 to 40 characters \(got a string of 1,000,000 characters\)/,
    );
    expect(() => parseExperiment(null)).toThrow(ConfigError);
  });
});
