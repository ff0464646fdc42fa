/**
 * The experiment format is declared once: a hyperparameter added to one optimizer's options
 * schema (here a made-up `fake` ∈ [0, 2], default 0.5, on SGD) is validated, defaulted and
 * given a field in the run panel, with no other edit anywhere.
 */
import { describe, expect, it, vi } from 'vitest';
import { numberField, fields } from '../../src/core/config/schema.ts';

vi.mock('../../src/core/optimizers/sgd.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/optimizers/sgd.ts')>();
  return {
    ...real,
    sgdOptions: fields({ ...real.sgdOptions.entries, fake: numberField(0.5, { min: 0, max: 2 }) }),
  };
});

const { validateExperiment } = await import('../../src/core/config/validate.ts');
const { OPTIMIZER_DEFAULTS } = await import('../../src/core/optimizers/index.ts');
const { optimizerFields } = await import('../../src/ui/runs/fieldSpecs.ts');
const { translator } = await import('../../src/i18n/translate.ts');

function withSgd(optimizer: Record<string, unknown>) {
  return {
    problem: { kind: 'surface', surface: 'rosenbrock' },
    runs: [{ label: 'sgd', optimizer: { kind: 'sgd', ...optimizer } }],
  };
}

describe('one more hyperparameter, declared only in its optimizer’s schema', () => {
  it('is defaulted', () => {
    const result = validateExperiment(withSgd({}));
    expect(result.ok && result.value.runs[0]!.optimizer).toEqual({
      kind: 'sgd',
      lr: 1e-3,
      weightDecay: 0,
      fake: 0.5,
    });
    expect(OPTIMIZER_DEFAULTS.sgd).toMatchObject({ fake: 0.5 });
  });

  it('is validated against its range, and accepted inside it', () => {
    const result = validateExperiment(withSgd({ fake: 3 }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual([
      {
        path: 'runs[0].optimizer.fake',
        code: 'outOfRange',
        params: { min: 0, lower: '≥', max: 2, upper: '≤', got: { kind: 'number', value: 3 } },
      },
    ]);
    const inside = validateExperiment(withSgd({ fake: 1.25 }));
    expect(inside.ok && inside.value.runs[0]!.optimizer).toMatchObject({ fake: 1.25 });
  });

  it('gets a field in the run panel with its range', () => {
    const fake = optimizerFields('sgd', translator('en')).find((f) => f.key === 'fake');
    expect(fake).toMatchObject({ kind: 'number', label: 'fake', bounds: { min: 0, max: 2 } });
    if (fake?.kind !== 'number') return;
    expect([0, 2, 1.5].map(fake.accepts)).toEqual([true, true, true]);
    expect([-0.1, 2.01, NaN].map(fake.accepts)).toEqual([false, false, false]);
  });
});
