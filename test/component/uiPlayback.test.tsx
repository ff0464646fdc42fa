// @vitest-environment jsdom
/** Playback controls and the app shell, over the real store and a fake Worker running the real host. */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderApp, stepCounter, setUpUiTests, waitForStep } from './uiSupport.tsx';

setUpUiTests();

/** Runs fake time forward 10 ms at a time until `predicate` holds, for at most `ms`. */
async function advanceUntil(predicate: () => boolean, ms: number): Promise<void> {
  for (let t = 0; t < ms && !predicate(); t += 10) await act(() => vi.advanceTimersByTimeAsync(10));
  expect(predicate()).toBe(true);
}

describe('app shell', () => {
  it('shows the workspaces as tabs and switches with the arrow keys', async () => {
    renderApp();
    expect(screen.getByRole('heading', { level: 1, name: 'Descent Lab' })).toBeTruthy();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent).slice(0, 2)).toEqual(['Surface explorer', 'Batch lab']);
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');
    expect(tabs[1]!.tabIndex).toBe(-1);
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Batch lab' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    // The batch lab's runs each have a batch size (all 64, 8, 1 in its initial experiment):
    // the first run's settings show it, the chips of the others say it.
    const sizes = screen.getAllByRole('combobox', { name: 'Batch size' }) as HTMLSelectElement[];
    expect(sizes.map((s) => s.value)).toEqual(['all']);
    const chips = [...document.querySelectorAll('.dl-run-summary')].map((e) => e.textContent);
    expect(chips).toEqual([
      'SGD · η 0.1 · all 64 (full batch)',
      'SGD · η 0.1 · 8 (mini-batch)',
      'SGD · η 0.1 · 1 (stochastic)',
    ]);
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(tabs[1]!.id);
  });

  it('keeps a workspace’s history when switching away and back, and pauses it', async () => {
    const { stores } = renderApp();
    // After two steps the runs stand at θ_2: the counter says where they are, not the newest record (θ_1).
    fireEvent.click(screen.getByRole('button', { name: 'Step' }));
    fireEvent.click(screen.getByRole('button', { name: 'Step' }));
    await waitForStep((s) => s === 2);
    fireEvent.click(screen.getByRole('tab', { name: 'Batch lab' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Surface explorer' }));
    expect(stepCounter()).toBe(2);
    expect(stores.get('explorer').getState().playing).toBe(false);
  });
});

describe('playback', () => {
  it('Play trains, Pause stops, Step takes exactly one step, Reset returns to step 0', async () => {
    // Fake time drives the worker's pacing, its messages and the store's frames, so "Pause
    // stops" is checked by running out every pending timer, not by waiting and hoping.
    vi.useFakeTimers();
    try {
      const { stores } = renderApp({
        experiments: {
          explorer: {
            problem: { kind: 'surface', surface: 'quadratic', params: { conditionNumber: 10 } },
            steps: 100_000,
            runs: [{ label: 'SGD', optimizer: { kind: 'sgd', lr: 0.5 } }],
          },
        },
      });
      expect(stepCounter()).toBe(0);
      fireEvent.change(screen.getByRole('combobox', { name: 'Speed' }), {
        target: { value: '60' },
      });
      expect(stores.get('explorer').getState().speed).toBe(60);
      fireEvent.click(screen.getByRole('button', { name: 'Play' }));
      // 60 steps a second: after 100 ms of fake time at least 3 steps have been shown.
      await advanceUntil(() => stepCounter() >= 3, 1000);
      fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
      expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy();
      // Frames in flight may still land after the click; once every timer has run out, the
      // worker and the store have nothing left to do: the counter can no longer move.
      await act(() => vi.runAllTimersAsync());
      expect(vi.getTimerCount()).toBe(0);
      const paused = stepCounter();
      expect(paused).toBeGreaterThanOrEqual(3);
      expect(stores.get('explorer').getState().playing).toBe(false);
      fireEvent.click(screen.getByRole('button', { name: 'Step' }));
      await act(() => vi.runAllTimersAsync());
      expect(stepCounter()).toBe(paused + 1);
      fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
      await act(() => vi.runAllTimersAsync());
      expect(stepCounter()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs to the end of the budget and then offers no Play', async () => {
    renderApp({
      experiments: {
        explorer: {
          problem: { kind: 'surface', surface: 'quadratic', params: { conditionNumber: 10 } },
          steps: 40,
          runs: [{ label: 'SGD', optimizer: { kind: 'sgd', lr: 0.5 } }],
        },
      },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Speed' }), { target: { value: 'max' } });
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    await waitForStep((s) => s === 40);
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'Play' }) as HTMLButtonElement).disabled).toBe(
        true,
      ),
    );
    expect(
      within(screen.getByRole('region', { name: 'SGD' })).getByText('finished at step 40'),
    ).toBeTruthy();
  });
});
