// @vitest-environment jsdom
/** Formula editor, theory panel, results table, error banner and the batch lab's data view. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, runPanel, setUpUiTests, waitForStep } from './uiSupport.tsx';

setUpUiTests();

const quadratic = (conditionNumber: number, runs: unknown[], steps = 300) => ({
  explorer: {
    problem: { kind: 'surface', surface: 'quadratic', params: { conditionNumber }, start: [3, 2] },
    steps,
    runs,
  },
});

describe('custom formula editor', () => {
  it('shows an error at the offending position and keeps the last good formula', async () => {
    const { stores } = renderApp();
    const store = stores.get('explorer');
    fireEvent.change(screen.getByRole('combobox', { name: 'Surface' }), {
      target: { value: 'custom' },
    });
    const formula = screen.getByRole('textbox', { name: 'Formula f(x, y)' }) as HTMLInputElement;
    fireEvent.input(formula, { target: { value: 'x^2 + 3*y^2' } });
    fireEvent.keyDown(formula, { key: 'Enter' });
    expect(store.getState().experiment.problem).toMatchObject({
      surface: 'custom',
      expression: 'x^2 + 3*y^2',
    });

    fireEvent.input(formula, { target: { value: 'x^2 + z' } });
    fireEvent.keyDown(formula, { key: 'Enter' });
    expect(formula.getAttribute('aria-invalid')).toBe('true');
    const feedback = document.getElementById(formula.getAttribute('aria-describedby')!)!;
    // "z" is the 7th character (index 6): the mark covers exactly it.
    expect(feedback.querySelector('mark')?.textContent).toBe('z');
    // The position is said once, by the parser's message (1-based, as the mark shows it).
    expect(feedback.textContent).toContain("Unknown name 'z' at position 7");
    expect(feedback.textContent?.match(/position|character \d/g)).toEqual(['position']);
    expect(feedback.textContent).toContain('still shows the last formula that worked: x^2 + 3*y^2');
    expect(store.getState().experiment.problem).toMatchObject({ expression: 'x^2 + 3*y^2' });

    fireEvent.input(formula, { target: { value: 'x^2 + 2*y^2' } });
    fireEvent.keyDown(formula, { key: 'Enter' });
    expect(formula.getAttribute('aria-invalid')).toBeNull();
    expect(store.getState().experiment.problem).toMatchObject({ expression: 'x^2 + 2*y^2' });
  });

  it('marks the end of an unfinished formula', () => {
    renderApp();
    fireEvent.change(screen.getByRole('combobox', { name: 'Surface' }), {
      target: { value: 'custom' },
    });
    const formula = screen.getByRole('textbox', { name: 'Formula f(x, y)' });
    fireEvent.input(formula, { target: { value: 'x^2 + (' } });
    fireEvent.keyDown(formula, { key: 'Enter' });
    const mark = document.querySelector('.dl-formula-error mark');
    expect(mark?.className).toBe('dl-formula-point');
    expect(screen.getByText(/at position 8/)).toBeTruthy();
    expect(document.querySelector('.dl-error-text')?.textContent?.match(/position/g)).toHaveLength(
      1,
    );
  });

  it('rejects a 1 MB paste by its length and echoes only a short excerpt of it', () => {
    renderApp();
    fireEvent.change(screen.getByRole('combobox', { name: 'Surface' }), {
      target: { value: 'custom' },
    });
    const formula = screen.getByRole('textbox', { name: 'Formula f(x, y)' }) as HTMLInputElement;
    const huge = 'x+'.repeat(500_000); // 1,000,000 characters
    fireEvent.input(formula, { target: { value: huge } });
    fireEvent.keyDown(formula, { key: 'Enter' });
    const feedback = document.getElementById(formula.getAttribute('aria-describedby')!)!;
    expect(feedback.textContent).toContain(
      'The formula is longer than 1,000 characters (1,000,000)',
    );
    // 24 characters before the limit, 24 of the excess, then "…": nothing like the whole text.
    expect(feedback.querySelector('pre')!.textContent).toBe(
      '…' + 'x+'.repeat(12) + 'x+'.repeat(12) + '…',
    );
    expect(feedback.textContent!.length).toBeLessThan(300);
  });
});

describe('surface parameters', () => {
  it('reloads the quadratic with a typed condition number', () => {
    const { stores } = renderApp();
    const kappa = screen.getByRole('spinbutton', { name: 'Condition number κ' });
    fireEvent.input(kappa, { target: { value: '100' } });
    fireEvent.keyDown(kappa, { key: 'Enter' });
    expect(stores.get('explorer').getState().experiment.problem).toMatchObject({
      params: { conditionNumber: 100, rotation: 30 },
    });
  });
});

/** Text without whitespace and MathML's invisible function application (λ_max is "λmax⁡"). */
const flat = (text: string | null) => (text ?? '').replace(/[\s\u2061]/g, '');

describe('theory panel', () => {
  it('gives the eigenvalues, the stability limit and the optimal settings of a quadratic, and applies them', async () => {
    const { stores } = renderApp({
      experiments: quadratic(100, [{ label: 'SGD', optimizer: { kind: 'sgd', lr: 0.5 } }]),
    });
    const theory = screen.getByRole('region', { name: 'Theory' });
    // κ = 100: λmax = 1, λmin = 0.01; 2/λmax = 2;
    // η* = 4/(1 + 0.1)² = 3.30579, γ* = (9/11)² = 0.669421, rate 9/11 = 0.818182.
    // The formulas are typeset (MathML): compared without spaces and invisible operators.
    await waitFor(() =>
      expect(flat(theory.textContent)).toContain(
        flat('λmin = 0.01, λmax = 1, κ = λmax/λmin = 100'),
      ),
    );
    expect(flat(theory.textContent)).toContain(
      flat('plain gradient descent: η < 2/λmax = 2; this run’s η = 0.5 is below it'),
    );
    expect(within(theory).getByText('3.30579')).toBeTruthy();
    expect(within(theory).getByText('0.669421')).toBeTruthy();
    // Plain GD at η = 0.5: ρ = max(|1 − 0.5·0.01|, |1 − 0.5·1|) = 0.995.
    expect(theory.textContent).toContain('ρ = 0.995 per step');

    fireEvent.click(within(theory).getByRole('button', { name: 'Apply optimal settings' }));
    const run = stores.get('explorer').getState().experiment.runs[0]!;
    expect(run.optimizer).toMatchObject({
      kind: 'momentum',
      form: 'classic',
      nesterov: false,
      dampening: 0,
    });
    if (run.optimizer.kind !== 'momentum') throw new Error('not momentum');
    expect(run.optimizer.lr).toBeCloseTo(4 / 1.21, 12);
    expect(run.optimizer.momentum).toBeCloseTo(81 / 121, 12);
    // The limit is now the heavy ball's: 2(1 + 81/121)/1 = 404/121 = 3.33884 > η* = 3.30579.
    await waitFor(() =>
      expect(flat(theory.textContent)).toContain(
        flat(
          'heavy ball with γ = 0.669421: η < 2(1 + γ)/λmax = 3.33884; this run’s η = 3.30579 is below it',
        ),
      ),
    );

    // Measured along the run, the heavy ball contracts at about 9/11 per step.
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    await waitForStep((s) => s >= 60);
    await waitFor(() => {
      const measured = /Measured over the last 20 steps\s*ρ ≈ ([\d.]+)/.exec(
        theory.textContent ?? '',
      );
      expect(measured).not.toBeNull();
      expect(Math.abs(Number(measured![1]) - 9 / 11)).toBeLessThan(0.03);
    });
  });

  it('gives Rosenbrock’s curvature at its minimum, and no optimal settings off quadratics', async () => {
    renderApp({
      experiments: {
        explorer: {
          problem: { kind: 'surface', surface: 'rosenbrock', start: [1, 1] },
          steps: 10,
          runs: [{ label: 'SGD', optimizer: { kind: 'sgd', lr: 0.001 } }],
        },
      },
    });
    const theory = screen.getByRole('region', { name: 'Theory' });
    // Rosenbrock at (1, 1): H = [[802, −400], [−400, 200]], λmax = 501 + √250601 = 1001.6.
    await waitFor(() => expect(flat(theory.textContent)).toContain('λmax=1001.6'));
    expect(within(theory).queryByRole('button', { name: 'Apply optimal settings' })).toBeNull();
    expect(theory.textContent).toContain('exact for quadratics');
  });
});

describe('results table', () => {
  it('counts the steps each run needs to reach the loss threshold', async () => {
    renderApp({
      experiments: quadratic(
        1,
        [
          { label: 'half', optimizer: { kind: 'sgd', lr: 0.5 } },
          { label: 'exact', optimizer: { kind: 'sgd', lr: 1 } },
        ],
        40,
      ),
    });
    // κ = 1: f = ½(x² + y²) from (3, 2), f₀ = 6.5. η = 1 lands on the minimum in one step;
    // η = 0.5 halves θ each step, so f_t = 6.5/4ᵗ ≤ 1e-3 first at t = 7 (6.5/16384 = 3.97e-4).
    fireEvent.input(screen.getByRole('spinbutton', { name: 'Loss threshold' }), {
      target: { value: '0.001' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    await waitForStep((s) => s === 40);
    const table = screen.getByRole('table');
    await waitFor(() => {
      const rows = within(table).getAllByRole('row').slice(1);
      const cells = rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
      expect(cells[0]!.slice(0, 3)).toEqual(['SGD', 'finished', '7']);
      expect(cells[1]!.slice(0, 3)).toEqual(['SGD', 'finished', '1']);
      expect(cells[1]![3]).toBe('0');
    });
  });
});

describe('results table: runaways and misses', () => {
  it('shows a run unbounded below as diverged, and a finished run that missed as never', async () => {
    renderApp({
      experiments: {
        explorer: {
          problem: { kind: 'surface', surface: 'saddle', start: [-1.5, 0.01] },
          steps: 60,
          runs: [
            // f = x² − y²: y grows ×(1 + 2·4) = 9 a step, so f ≈ −(0.01·9⁶⁰)² ≈ −3e110 at
            // t = 60: finite, below the threshold, and nothing like a result.
            { label: 'runaway', optimizer: { kind: 'sgd', lr: 4 } },
            // η = 0.001: x shrinks ×0.998 a step; f stays near 2.2, never ≤ 0.001.
            { label: 'crawl', optimizer: { kind: 'sgd', lr: 0.001 } },
          ],
        },
      },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Speed' }), { target: { value: 'max' } });
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    await waitForStep((s) => s === 60);
    const table = screen.getByRole('table');
    await waitFor(() => {
      const rows = within(table).getAllByRole('row').slice(1);
      const cells = rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
      expect(cells[0]!.slice(1, 3)).toEqual(['diverged', 'never']);
      expect(cells[1]!.slice(1, 3)).toEqual(['finished', 'never']);
    });
  });
});

describe('worker failure', () => {
  it('says the worker stopped, without a stack trace, and restarts it', async () => {
    const { workers } = renderApp();
    await waitFor(() => expect(workers).toHaveLength(1));
    workers[0]!.die(
      'Error: out of memory\n    at step (trainer.ts:10:3)\n    at tick (host.ts:99:1)',
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Training stopped.');
    expect(alert.textContent).toContain('out of memory');
    expect(alert.textContent).not.toContain('trainer.ts');
    expect(alert.textContent).not.toMatch(/\bat \w+ \(/);
    fireEvent.click(within(alert).getByRole('button', { name: 'Restart' }));
    expect(workers).toHaveLength(2);
    expect(screen.queryByText('Training stopped.')).toBeNull();
  });
});

describe('batch lab', () => {
  it('rings the current mini-batch of the chosen run in the data', async () => {
    renderApp({ workspace: 'batch' });
    const ring = () => document.querySelectorAll('.dl-batch-ring circle').length;
    expect(screen.getByText(/Data: 64 points drawn around y = 2·x − 1$/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Step' }));
    // "mini-batch 8" is highlighted first: its batch of 8 samples is ringed.
    await waitFor(() => expect(ring()).toBe(8));
    fireEvent.change(screen.getByRole('combobox', { name: 'Highlight the mini-batch of' }), {
      target: { value: 'stochastic' },
    });
    await waitFor(() => expect(ring()).toBe(1));
    fireEvent.change(screen.getByRole('combobox', { name: 'Highlight the mini-batch of' }), {
      target: { value: 'full batch' },
    });
    await waitFor(() => expect(ring()).toBe(0));
    expect(document.querySelectorAll('.dl-fit-lines line')).toHaveLength(3);
    expect(
      within(runPanel('full batch')).getByRole('combobox', { name: 'Batch size' }),
    ).toBeTruthy();
  });

  it('offers samples processed as the x axis', () => {
    renderApp({ workspace: 'batch' });
    const samples = screen.getByRole('radio', { name: 'Samples processed' }) as HTMLInputElement;
    fireEvent.click(samples);
    expect(samples.checked).toBe(true);
    expect(screen.getAllByText('samples processed').length).toBeGreaterThan(0);
  });
});
