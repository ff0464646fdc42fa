import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../../src/core/config/experiment.ts';
import { OPTIMIZER_DEFAULTS } from '../../src/core/optimizers/index.ts';
import { SCHEDULE_DEFAULTS } from '../../src/core/schedules/index.ts';
import { roundLr, suggestedLearningRate } from '../../src/ui/math/suggest.ts';

const run = (label: string, optimizer: RunConfig['optimizer']): RunConfig => ({
  label,
  optimizer,
  schedule: SCHEDULE_DEFAULTS.constant,
  batchSize: 'all',
});
const facts = { lambdaMax: 4, span: 10 };

describe('suggestedLearningRate', () => {
  it('reuses the rate of a run of the same kind', () => {
    const runs = [run('a', { ...OPTIMIZER_DEFAULTS.adam, lr: 0.3 })];
    expect(suggestedLearningRate('adam', runs, facts)).toBe(0.3);
  });
  it('starts SGD at 1/λmax, half the stability limit', () => {
    // 1/4 = 0.25 → 0.3 at one significant digit.
    expect(suggestedLearningRate('sgd', [], facts)).toBe(0.3);
    expect(suggestedLearningRate('momentum', [], { lambdaMax: 0, span: 1 })).toBe(1e-3);
  });
  it('shares a plain-gradient rate between SGD and momentum', () => {
    const runs = [run('a', { ...OPTIMIZER_DEFAULTS.sgd, lr: 1.5 })];
    expect(suggestedLearningRate('momentum', runs, facts)).toBe(1.5);
  });
  it('scales adaptive rates to the view', () => {
    // 1% of 10 = 0.1; 5% of 10 = 0.5.
    expect(suggestedLearningRate('adam', [], facts)).toBe(0.1);
    expect(suggestedLearningRate('adagrad', [], facts)).toBe(0.5);
    expect(suggestedLearningRate('adadelta', [], facts)).toBe(1);
  });
  it('rounds to one significant digit', () => {
    expect(roundLr(0.0437)).toBe(0.04);
    expect(roundLr(0.25)).toBe(0.3);
  });
});
