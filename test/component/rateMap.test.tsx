// @vitest-environment jsdom
/** The (η, γ) rate map: clicking and the keyboard set the selected run's η and γ. */
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderApp, setUpUiTests } from './uiSupport.tsx';

setUpUiTests();

// κ = 100 with λmax = 1: the η axis runs from 10⁻²/λmax to 10/λmax = [0.01, 10] (log), γ from
// 0 (bottom) to 0.99 (top). jsdom measures no width, so the map takes its fallback 360 × 216
// px: the plot area is 360 − 44 − 12 = 304 px wide and 216 − 8 − 34 = 174 px high, at (44, 8).
const PLOT = { left: 44, top: 8, width: 304, height: 174 };
const pixelOf = (lr: number, momentum: number) => ({
  clientX: PLOT.left + ((Math.log10(lr) + 2) / 3) * PLOT.width,
  clientY: PLOT.top + (1 - momentum / 0.99) * PLOT.height,
});

function renderMap(runs: unknown[]) {
  const rendered = renderApp({
    experiments: {
      explorer: {
        problem: {
          kind: 'surface',
          surface: 'quadratic',
          params: { conditionNumber: 100 },
          start: [3, 2],
        },
        steps: 100,
        runs,
      },
    },
  });
  const map = screen.getByTestId('rate-map');
  vi.spyOn(map, 'getBoundingClientRect').mockReturnValue({
    left: 0,
    top: 0,
    right: 360,
    bottom: 216,
    width: 360,
    height: 216,
    x: 0,
    y: 0,
    toJSON: () => ({}),
  });
  return { ...rendered, map, store: rendered.stores.get('explorer') };
}

const optimizerOf = (store: ReturnType<typeof renderMap>['store'], label: string) =>
  store.getState().experiment.runs.find((r) => r.label === label)!.optimizer;

describe('rate map', () => {
  it('sets the run’s η and γ where the map is clicked', () => {
    const { map, store } = renderMap([
      { label: 'HB', optimizer: { kind: 'momentum', lr: 0.5, momentum: 0.3 } },
    ]);
    expect(map.getAttribute('aria-label')).toMatch(/Rate map of “HB”/);
    fireEvent.click(map, pixelOf(0.1, 0.5));
    const optimizer = optimizerOf(store, 'HB');
    expect(optimizer).toMatchObject({ kind: 'momentum', momentum: 0.5 });
    expect(optimizer.lr).toBeCloseTo(0.1, 3);
    // A second cell: η = 2, γ = 0.9.
    fireEvent.click(map, pixelOf(2, 0.9));
    expect(optimizerOf(store, 'HB').lr).toBeCloseTo(2, 2);
    expect(optimizerOf(store, 'HB')).toMatchObject({ momentum: 0.9 });
  });

  it('moves a cursor with the arrow keys and applies it with Enter', () => {
    const { map, store } = renderMap([
      { label: 'HB', optimizer: { kind: 'momentum', lr: 0.1, momentum: 0.5 } },
    ]);
    map.focus();
    // From the run's own (0.1, 0.5): two steps up (γ + 0.02), one right (η × 10^0.1).
    fireEvent.keyDown(map, { key: 'ArrowUp' });
    fireEvent.keyDown(map, { key: 'ArrowUp' });
    fireEvent.keyDown(map, { key: 'ArrowRight' });
    expect(optimizerOf(store, 'HB')).toMatchObject({ lr: 0.1, momentum: 0.5 }); // not yet
    // The readout names the cursor's cell and its rate.
    expect(screen.getByText(/η = 0\.126, γ = 0\.52: ρ = /)).toBeTruthy();
    fireEvent.keyDown(map, { key: 'Enter' });
    expect(optimizerOf(store, 'HB')).toMatchObject({ lr: 0.126, momentum: 0.52 });
  });

  it('turns plain SGD into momentum when γ > 0 is picked, and keeps it SGD on the γ = 0 edge', () => {
    const { map, store } = renderMap([{ label: 'GD', optimizer: { kind: 'sgd', lr: 0.5 } }]);
    fireEvent.click(map, pixelOf(1, 0));
    expect(optimizerOf(store, 'GD')).toMatchObject({ kind: 'sgd', lr: 1 });
    fireEvent.click(map, pixelOf(1, 0.6));
    expect(optimizerOf(store, 'GD')).toMatchObject({ kind: 'momentum', lr: 1, momentum: 0.6 });
  });

  it('says the map does not apply to an adaptive optimizer', () => {
    renderMap([
      { label: 'HB', optimizer: { kind: 'momentum', lr: 0.5, momentum: 0.3 } },
      { label: 'Adam', optimizer: { kind: 'adam', lr: 0.05 } },
    ]);
    const panel = screen.getByRole('region', { name: 'Rate map over η and γ' });
    expect(within(panel).getByText(/Adam: Adam is adaptive, not on this map/)).toBeTruthy();
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Run' }), {
      target: { value: 'Adam' },
    });
    expect(within(panel).getByText(/does not apply to Adam/)).toBeTruthy();
    expect(within(panel).queryByTestId('rate-map')).toBeNull();
  });

  it('marks the optimum and draws every linear run at its (η, γ)', () => {
    const { map } = renderMap([
      { label: 'HB', optimizer: { kind: 'momentum', lr: 0.5, momentum: 0.3 } },
      { label: 'GD', optimizer: { kind: 'sgd', lr: 1 } },
    ]);
    // Polyak on κ = 100, λmax = 1: η* = 4/(1 + 0.1)² = 3.3058, γ* = (9/11)² = 0.66942.
    const optimum = map.querySelector('.dl-rate-optimum')!.getAttribute('transform')!;
    const [x, y] = optimum.match(/-?[\d.]+/g)!.map(Number);
    const expected = pixelOf(4 / 1.21, (9 / 11) ** 2);
    expect(x).toBeCloseTo(expected.clientX - PLOT.left, 6);
    expect(y).toBeCloseTo(expected.clientY - PLOT.top, 6);
    expect(
      [...map.querySelectorAll('.dl-rate-run')].map((e) => e.getAttribute('data-run')),
    ).toEqual(['HB', 'GD']);
    expect(map.querySelector('.dl-rate-boundary')!.getAttribute('d')).not.toBe('');
  });
});
