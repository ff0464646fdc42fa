// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useCallback, useRef, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushLiveDraws, useLiveDraw } from '../../src/plots/hooks.ts';
import { MatrixPlot } from '../../src/plots/MatrixPlot.tsx';
import { divergingMap, sequentialMap } from '../../src/plots/palette.ts';
import { createStore } from 'zustand/vanilla';
import type { LiveSource } from '../../src/plots/source.ts';
import { TileGrid } from '../../src/plots/TileGrid.tsx';
import {
  activationTiles,
  filterTiles,
  type ActivationVolume,
  type FilterBank,
} from '../../src/plots/tiles.ts';

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function bank(count: number): FilterBank {
  // count filters of 1 channel × 2×2, weights from −0.5 to 0.5 across the bank.
  const data = Float32Array.from({ length: count * 4 }, (_, i) => -0.5 + i / (count * 4 - 1));
  return { data, count, height: 2, width: 2, channels: 1 };
}

/** Filters as toggle buttons, wired the way the CNN lab's filter view wires TileGrid. */
function Filters(props: {
  filters: LiveSource<FilterBank | null>;
  selected: number | null;
  onSelect: (index: number) => void;
  label?: string;
}) {
  return (
    <TileGrid
      className="dl-filter-grid"
      source={props.filters}
      toTiles={filterTiles}
      label={props.label ?? 'Filters'}
      tileLabel={(i) => `Filter ${i + 1}`}
      pixelSize={6}
      colorMap={divergingMap}
      selection={{ selected: props.selected, onSelect: props.onSelect }}
      emptyText="No filters yet."
    />
  );
}

function Grid({ source }: { source: LiveSource<FilterBank | null> }) {
  const [selected, setSelected] = useState<number | null>(null);
  return (
    <>
      <Filters
        filters={source}
        selected={selected}
        onSelect={setSelected}
        label="Filters of conv1"
      />
      <output>{selected === null ? 'none' : `selected ${selected}`}</output>
    </>
  );
}

describe('TileGrid with selection (filters)', () => {
  it('shows each filter as a named toggle button with a shared symmetric legend', () => {
    render(<Grid source={createStore<FilterBank | null>()(() => bank(4))} />);
    const group = screen.getByRole('group', { name: 'Filters of conv1' });
    const buttons = within(group).getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Filter 1',
      'Filter 2',
      'Filter 3',
      'Filter 4',
    ]);
    expect(buttons.every((b) => b.getAttribute('aria-pressed') === 'false')).toBe(true);
    const labels = [...document.querySelectorAll('.dl-tiles-legend span')].map(
      (s) => s.textContent,
    );
    expect(labels).toEqual(['−0.5', '0', '+0.5']);
  });

  it('selects a filter with the keyboard: Tab, arrow keys, Enter', async () => {
    const onSelect = vi.fn();
    const user = userEvent.setup();
    render(
      <Filters
        filters={createStore<FilterBank | null>()(() => bank(4))}
        selected={null}
        onSelect={onSelect}
      />,
    );
    await user.tab();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Filter 1');
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Filter 3');
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledWith(2);
    await user.keyboard('{End}[Space]');
    expect(onSelect).toHaveBeenLastCalledWith(3);
  });

  it('marks the selected filter as pressed', async () => {
    const user = userEvent.setup();
    render(<Grid source={createStore<FilterBank | null>()(() => bank(3))} />);
    await user.click(screen.getByRole('button', { name: 'Filter 2' }));
    expect(screen.getByRole('button', { name: 'Filter 2' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(screen.getByText('selected 1')).toBeTruthy();
  });

  it('appears when the first filters arrive and follows a change of shape', () => {
    const source = createStore<FilterBank | null>()(() => null);
    render(<Grid source={source} />);
    expect(screen.getByText('No filters yet.')).toBeTruthy();
    act(() => source.setState(bank(2), true));
    act(() => vi.advanceTimersToNextFrame());
    expect(screen.getAllByRole('button', { name: /^Filter/ })).toHaveLength(2);
    act(() => source.setState(bank(5), true));
    act(() => vi.advanceTimersToNextFrame());
    expect(screen.getAllByRole('button', { name: /^Filter/ })).toHaveLength(5);
  });
});

describe('TileGrid without selection (activation maps)', () => {
  it('shows one named image per channel with the shared scale', () => {
    const volume: ActivationVolume = {
      data: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 8]),
      height: 2,
      width: 2,
      channels: 2,
    };
    render(
      <TileGrid
        className="dl-activation-maps"
        source={createStore<ActivationVolume | null>()(() => volume)}
        toTiles={activationTiles}
        label="conv1 activations"
        tileLabel={(i) => `Channel ${i + 1}`}
        pixelSize={3}
        colorMap={sequentialMap}
        emptyText="No activations yet."
      />,
    );
    expect(screen.getAllByRole('img').map((i) => i.getAttribute('aria-label'))).toEqual([
      'Channel 1',
      'Channel 2',
    ]);
    const labels = [...document.querySelectorAll('.dl-tiles-legend span')].map(
      (s) => s.textContent,
    );
    expect(labels).toEqual(['0', '4', '8']);
  });
});

describe('MatrixPlot', () => {
  const matrix = [
    [5, 1, 0],
    [2, 7, 1],
    [0, 0, 9],
  ];

  it('draws one cell per entry with its number and a title', () => {
    const { container } = render(<MatrixPlot matrix={matrix} title="Confusion matrix" />);
    const cells = container.querySelectorAll('.dl-matrix-cell');
    expect(cells).toHaveLength(9);
    const cell = container.querySelector('.dl-matrix-cell[data-row="1"][data-column="2"]');
    expect(cell?.querySelector('title')?.textContent).toBe('True 1, predicted 2: 1');
    expect(cell?.querySelector('text')?.textContent).toBe('1');
    const columns = [...container.querySelectorAll('.dl-matrix-column-label')].map(
      (t) => t.textContent,
    );
    expect(columns).toEqual(['0', '1', '2']);
  });

  it('colours by row fraction: equal fractions, equal colours', () => {
    const { container } = render(
      <MatrixPlot
        matrix={[
          [1, 1],
          [10, 10],
        ]}
        title="m"
      />,
    );
    const fills = [...container.querySelectorAll('.dl-matrix-cell rect')].map((r) =>
      r.getAttribute('fill'),
    );
    expect(new Set(fills).size).toBe(1);
  });

  it('offers the data as a table for screen readers', () => {
    render(
      <MatrixPlot
        matrix={matrix}
        title="Confusion matrix"
        rowLabels={['a', 'b', 'c']}
        columnLabels={['a', 'b', 'c']}
      />,
    );
    const table = screen.getByRole('table', { name: /Confusion matrix/ });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(within(rows[2] as HTMLElement).getByRole('rowheader').textContent).toBe('True b');
    expect(
      within(rows[2] as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2', '7', '1']);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Predicted a', 'Predicted b', 'Predicted c']);
  });
});

describe('useLiveDraw', () => {
  function Probe({ source, onDraw }: { source: LiveSource<number>; onDraw: (v: number) => void }) {
    const draw = useCallback((v: number) => onDraw(v), [onDraw]);
    useLiveDraw(source, draw);
    return null;
  }

  it('draws at once, then once per frame however often the source changes', () => {
    const source = createStore<number>()(() => 0);
    const onDraw = vi.fn();
    const { unmount } = render(<Probe source={source} onDraw={onDraw} />);
    expect(onDraw.mock.calls).toEqual([[0]]);
    source.setState(1, true);
    source.setState(2, true);
    source.setState(3, true);
    expect(onDraw).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersToNextFrame());
    expect(onDraw.mock.calls).toEqual([[0], [3]]);
    act(() => vi.advanceTimersToNextFrame());
    expect(onDraw).toHaveBeenCalledTimes(2); // no change, no draw
    source.setState(4, true);
    unmount();
    act(() => vi.advanceTimersToNextFrame());
    expect(onDraw).toHaveBeenCalledTimes(2);
  });

  /** An IntersectionObserver stand-in whose visibility the test sets. */
  function fakeIntersection() {
    const observers: Array<{ callback: IntersectionObserverCallback; target: Element | null }> = [];
    class FakeObserver {
      private readonly entry: { callback: IntersectionObserverCallback; target: Element | null };
      constructor(callback: IntersectionObserverCallback) {
        this.entry = { callback, target: null };
        observers.push(this.entry);
      }
      observe(target: Element) {
        this.entry.target = target;
      }
      disconnect() {
        this.entry.target = null;
      }
    }
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    return (isIntersecting: boolean) =>
      act(() => {
        for (const o of observers)
          if (o.target) o.callback([{ isIntersecting, target: o.target } as never], o as never);
      });
  }

  function Plot({ source, onDraw }: { source: LiveSource<number>; onDraw: (v: number) => void }) {
    const ref = useRef<HTMLDivElement>(null);
    const draw = useCallback((v: number) => onDraw(v), [onDraw]);
    useLiveDraw(source, draw, ref);
    return <div ref={ref} data-testid="plot" />;
  }

  it('holds back changes while its element is out of view and draws the newest on return', () => {
    const setVisible = fakeIntersection();
    const source = createStore<number>()(() => 0);
    const onDraw = vi.fn();
    render(<Plot source={source} onDraw={onDraw} />);
    expect(onDraw.mock.calls).toEqual([[0]]);
    setVisible(false);
    source.setState(1, true);
    source.setState(2, true);
    act(() => vi.advanceTimersToNextFrame());
    expect(onDraw.mock.calls).toEqual([[0]]); // scrolled away: nothing drawn
    setVisible(true);
    act(() => vi.advanceTimersToNextFrame());
    expect(onDraw.mock.calls).toEqual([[0], [2]]);
    setVisible(true); // nothing new: no draw
    act(() => vi.advanceTimersToNextFrame());
    expect(onDraw).toHaveBeenCalledTimes(2);
    vi.unstubAllGlobals();
  });

  it('a flush draws held-back changes at once (export reads the newest data)', () => {
    const setVisible = fakeIntersection();
    const source = createStore<number>()(() => 0);
    const onDraw = vi.fn();
    const { container } = render(<Plot source={source} onDraw={onDraw} />);
    setVisible(false);
    source.setState(5, true);
    flushLiveDraws(container);
    expect(onDraw.mock.calls).toEqual([[0], [5]]);
    flushLiveDraws(container); // nothing held back: no draw
    expect(onDraw).toHaveBeenCalledTimes(2);
    vi.unstubAllGlobals();
  });
});
