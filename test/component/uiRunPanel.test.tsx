// @vitest-environment jsdom
/** A run's panel: every control edits the experiment live and reaches the worker as a patch. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LEARNING_RATE_SLIDER } from '../../src/ui/math/logSlider.ts';
import { renderApp, runPanel, setUpUiTests, waitForStep } from './uiSupport.tsx';

setUpUiTests();

/** The quadratic with κ = 10 (λmax = 1, so plain GD is stable for η < 2). */
const quadratic = (runs: unknown[], steps = 300) => ({
  explorer: {
    problem: {
      kind: 'surface',
      surface: 'quadratic',
      params: { conditionNumber: 10 },
      start: [3, 2],
    },
    steps,
    runs,
  },
});

describe('run panel', () => {
  it('moves the learning rate with the log slider and sends the change to the worker', async () => {
    const { stores, workers } = renderApp({
      experiments: quadratic([{ label: 'SGD', optimizer: { kind: 'sgd', lr: 0.5 } }]),
    });
    const panel = runPanel('SGD');
    const slider = within(panel).getByRole('slider', { name: 'Learning rate' });
    const typed = within(panel).getByRole('spinbutton', {
      name: 'Learning rate',
    }) as HTMLInputElement;
    // 1e-5 … 10 over 1000 positions: position 500 is 10^(−5 + 3) = 0.01.
    fireEvent.input(slider, { target: { value: '500' } });
    await waitFor(() =>
      expect(stores.get('explorer').getState().experiment.runs[0]!.optimizer.lr).toBe(0.01),
    );
    expect(slider.getAttribute('aria-valuetext')).toBe('0.01');
    await waitFor(() => expect(typed.value).toBe('0.01'));
    const patch = workers[0]!.commands.filter((c) => c.type === 'patchRun').at(-1);
    expect(patch).toMatchObject({
      type: 'patchRun',
      label: 'SGD',
      run: { optimizer: { kind: 'sgd', lr: 0.01 } },
    });
    expect(LEARNING_RATE_SLIDER.position(0.01)).toBe(500);
  });

  it('commits a typed learning rate on Enter and refuses text that is not a number', () => {
    const { stores } = renderApp({
      experiments: quadratic([{ label: 'SGD', optimizer: { kind: 'sgd', lr: 0.5 } }]),
    });
    const typed = within(runPanel('SGD')).getByRole('spinbutton', {
      name: 'Learning rate',
    }) as HTMLInputElement;
    fireEvent.input(typed, { target: { value: '-3' } });
    fireEvent.keyDown(typed, { key: 'Enter' });
    expect(typed.getAttribute('aria-invalid')).toBe('true');
    expect(stores.get('explorer').getState().experiment.runs[0]!.optimizer.lr).toBe(0.5);
    fireEvent.input(typed, { target: { value: '0.25' } });
    fireEvent.keyDown(typed, { key: 'Enter' });
    expect(stores.get('explorer').getState().experiment.runs[0]!.optimizer.lr).toBe(0.25);
    expect(typed.getAttribute('aria-invalid')).toBeNull();
  });

  it('draws the stability limit 2/λmax = 2 on the slider of each run', async () => {
    renderApp({ experiments: quadratic([{ label: 'SGD', optimizer: { kind: 'sgd', lr: 0.5 } }]) });
    const slider = within(runPanel('SGD')).getByRole('slider', { name: 'Learning rate' });
    await waitFor(() => {
      const id = slider.getAttribute('aria-describedby');
      expect(id && document.getElementById(id)?.textContent).toContain('2/λmax = 2');
    });
  });

  it('edits momentum live, marks the change, and shows every field of the optimizer chosen', async () => {
    const { stores } = renderApp({
      experiments: quadratic([
        { label: 'heavy ball', optimizer: { kind: 'momentum', lr: 0.1, momentum: 0.5 } },
      ]),
    });
    const panel = runPanel('heavy ball');
    fireEvent.click(screen.getByRole('button', { name: 'Step' }));
    fireEvent.click(screen.getByRole('button', { name: 'Step' }));
    await waitForStep((s) => s === 2);
    const momentum = within(panel).getByRole('spinbutton', { name: 'Momentum' });
    fireEvent.input(momentum, { target: { value: '0.9' } });
    fireEvent.blur(momentum);
    const store = stores.get('explorer');
    expect(store.getState().experiment.runs[0]!.optimizer).toMatchObject({
      kind: 'momentum',
      momentum: 0.9,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Step' }));
    // The host records the live change at the step it applies to.
    await waitFor(() =>
      expect(store.getState().events).toContainEqual({
        label: 'heavy ball',
        step: 2,
        field: 'optimizer.momentum',
        from: '0.5',
        to: '0.9',
      }),
    );

    fireEvent.change(within(panel).getByRole('combobox', { name: 'Optimizer' }), {
      target: { value: 'adam' },
    });
    expect(store.getState().experiment.runs[0]!.optimizer).toEqual({
      kind: 'adam',
      lr: 0.1,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
    });
    expect(within(panel).getByRole('spinbutton', { name: 'Beta 1 (β₁)' })).toBeTruthy();
    expect(within(panel).getByRole('spinbutton', { name: 'Beta 2 (β₂)' })).toBeTruthy();
    expect(within(panel).queryByRole('slider', { name: 'Momentum' })).toBeNull();
    // The rest sit under "More settings".
    const more = within(panel).getByText('More settings').closest('details')!;
    more.open = true;
    fireEvent(more, new Event('toggle'));
    expect(within(panel).getByRole('checkbox', { name: 'AMSGrad' })).toBeTruthy();
    expect(within(panel).getByRole('spinbutton', { name: 'Epsilon (ε)' })).toBeTruthy();
    expect(within(panel).getByRole('combobox', { name: 'Schedule' })).toBeTruthy();
  });

  it('edits the schedule and previews η(t)', () => {
    const { stores } = renderApp({
      experiments: quadratic([{ label: 'SGD', optimizer: { kind: 'sgd', lr: 0.4 } }], 300),
    });
    const panel = runPanel('SGD');
    const more = within(panel).getByText('More settings').closest('details')!;
    more.open = true;
    fireEvent(more, new Event('toggle'));
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Schedule' }), {
      target: { value: 'step' },
    });
    const schedule = stores.get('explorer').getState().experiment.runs[0]!.schedule;
    expect(schedule).toMatchObject({ kind: 'step', stepSize: 100, gamma: 0.5 });
    // η₀ = 0.4 halved at steps 100, 200, 300: 0.4 → 0.05 at step 300.
    expect(within(panel).getByText(/η\(t\): 0\.4 → 0\.05 over 300 steps/)).toBeTruthy();
    const size = within(panel).getByRole('spinbutton', { name: 'Step size' });
    fireEvent.input(size, { target: { value: '150' } });
    fireEvent.keyDown(size, { key: 'Enter' });
    expect(stores.get('explorer').getState().experiment.runs[0]!.schedule).toMatchObject({
      stepSize: 150,
    });
    expect(within(panel).getByText(/η\(t\): 0\.4 → 0\.1 over 300 steps/)).toBeTruthy();
  });

  it('reports a diverged run with its reason, and rewinds it with half the learning rate', async () => {
    const { stores } = renderApp({
      experiments: quadratic(
        [
          { label: 'too fast', optimizer: { kind: 'sgd', lr: 50 } },
          { label: 'steady', optimizer: { kind: 'sgd', lr: 0.5 } },
        ],
        1000,
      ),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    const alert = await within(runPanel('too fast')).findByRole('alert', {}, { timeout: 5000 });
    // |1 − 50·1| = 49 per step: the loss overflows to Infinity long before step 1000.
    expect(alert.textContent).toMatch(
      /This run diverged: loss became Infinity at step \d+ with η = 50/,
    );
    expect(within(runPanel('steady')).queryByRole('alert')).toBeNull();
    fireEvent.click(within(alert).getByRole('button', { name: 'Rewind and halve η' }));
    const typed = within(runPanel('too fast')).getByRole('spinbutton', {
      name: 'Learning rate',
    }) as HTMLInputElement;
    expect(typed.value).toBe('25');
    expect(stores.get('explorer').getState().runs['too fast']!.status).toBe('running');
  });

  it('a loss undefined at the start point says so and offers no η remedy (η plays no part)', async () => {
    renderApp({
      experiments: {
        explorer: {
          // log(−x) at x = 2 is log(−2): NaN before any update.
          problem: { kind: 'surface', surface: 'custom', expression: 'log(-x)', start: [2, 1] },
          steps: 100,
          runs: [{ label: 'SGD', optimizer: { kind: 'sgd', lr: 0.1 } }],
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    const alert = await within(runPanel('SGD')).findByRole('alert', {}, { timeout: 5000 });
    expect(alert.textContent).toContain(
      'loss is NaN at the start point itself, before any step, so η plays no part',
    );
    expect(alert.textContent).toContain('move the start point');
    expect(within(alert).queryByRole('button', { name: 'Rewind and halve η' })).toBeNull();
  });

  it('adds and removes runs, up to six', () => {
    const { stores } = renderApp({
      experiments: quadratic([{ label: 'SGD', optimizer: { kind: 'sgd', lr: 0.5 } }]),
    });
    const store = stores.get('explorer');
    expect(
      (screen.getByRole('button', { name: 'Remove run SGD' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    fireEvent.change(screen.getByRole('combobox', { name: 'New run’s optimizer' }), {
      target: { value: 'adam' },
    });
    const add = screen.getByRole('button', { name: 'Add run' }) as HTMLButtonElement;
    fireEvent.click(add);
    const adam = store.getState().experiment.runs[1]!;
    // A new Adam run starts at 1% of the view's smaller side: the quadratic's view is 10 wide.
    expect(adam).toMatchObject({ label: 'Adam', optimizer: { kind: 'adam', lr: 0.1 } });
    for (let i = 0; i < 4; i++) fireEvent.click(add);
    expect(store.getState().experiment.runs.map((r) => r.label)).toEqual([
      'SGD',
      'Adam',
      'Adam 2',
      'Adam 3',
      'Adam 4',
      'Adam 5',
    ]);
    expect(add.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Remove run Adam 3' }));
    expect(store.getState().experiment.runs).toHaveLength(5);
    expect(screen.queryByRole('region', { name: 'Adam 3' })).toBeNull();
  });
});

describe('batch lab run panel', () => {
  it('changes a run’s batch size live', async () => {
    const { stores, workers } = renderApp({ workspace: 'batch' });
    const panel = runPanel('mini-batch 8');
    // Only the first run shows its settings at first; the others are chips.
    fireEvent.click(within(panel).getByRole('button', { name: 'Settings of mini-batch 8' }));
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Batch size' }), {
      target: { value: '16' },
    });
    expect(stores.get('batch').getState().experiment.runs[1]!.batchSize).toBe(16);
    await waitFor(() =>
      expect(
        workers
          .at(-1)!
          .commands.filter((c) => c.type === 'patchRun')
          .at(-1),
      ).toMatchObject({
        run: { batchSize: 16 },
      }),
    );
  });
});
