// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LINE_CHART_MARGIN,
  LineChart,
  type ChartEvent,
  type LineSeriesView,
} from '../../src/plots/LineChart.tsx';
import { setLocale } from '../../src/i18n/index.ts';
import { createStore } from 'zustand/vanilla';

// Width 400 → plot area 330 px wide; x domain [0, 4] → 82.5 px per step.
const M = LINE_CHART_MARGIN;
const WIDTH = 400;
const PX_PER_STEP = (WIDTH - M.left - M.right) / 4;

function series(label: string, y: number[], extra: Partial<LineSeriesView> = {}): LineSeriesView {
  return {
    label,
    color: '#000',
    dash: '',
    x: Float64Array.from(y, (_, i) => i),
    y: Float64Array.from(y),
    count: y.length,
    ...extra,
  };
}

const A = series('SGD', [1, 0.5, 0.25, 0.123456789, 0.0625]);
const B = series('Momentum', [2, 1.5, 1.2]);

function setup(views: readonly LineSeriesView[] = [A, B], yScale: 'linear' | 'log' = 'linear') {
  const source = createStore<readonly LineSeriesView[]>()(() => views);
  const events = createStore<readonly ChartEvent[]>()(() => []);
  const view = render(
    <LineChart
      title="Loss"
      series={source}
      events={events}
      yScale={yScale}
      xLabel="step"
      yLabel="loss"
      width={WIDTH}
    />,
  );
  const svg = screen.getByRole('group', { name: /^Loss: loss/ });
  const readout = () => view.container.querySelector('.dl-plot-readout')?.textContent;
  return { ...view, source, events, svg, readout };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('LineChart', () => {
  it('hover reads every series at the nearest x, saying when a series ends earlier', () => {
    const { svg, readout } = setup();
    // Pointer at x ≈ 2.12 → nearest step 2.
    fireEvent.pointerMove(svg, { clientX: M.left + 2.12 * PX_PER_STEP, clientY: M.top + 20 });
    expect(readout()).toBe('step 2: SGD 0.25; Momentum 1.2');
    fireEvent.pointerMove(svg, { clientX: M.left + 2.9 * PX_PER_STEP, clientY: M.top + 20 });
    expect(readout()).toBe('step 3: SGD 0.123457; Momentum 1.2 (at step 2)');
    const cursor = svgCursor(svg);
    expect(Number(cursor.getAttribute('x1'))).toBeCloseTo(3 * PX_PER_STEP, 9);
    fireEvent.pointerLeave(svg);
    expect(readout()).toBe('');
  });

  it('keyboard: focus reads the last point, arrows / Home / End move along the data', () => {
    const { svg, readout } = setup();
    act(() => svg.focus());
    expect(readout()).toBe('step 4: SGD 0.0625; Momentum 1.2 (at step 2)');
    fireEvent.keyDown(svg, { key: 'ArrowLeft' });
    fireEvent.keyDown(svg, { key: 'ArrowLeft' });
    expect(readout()).toBe('step 2: SGD 0.25; Momentum 1.2');
    fireEvent.keyDown(svg, { key: 'Home' });
    expect(readout()).toBe('step 0: SGD 1; Momentum 2');
    fireEvent.keyDown(svg, { key: 'ArrowLeft' }); // stays at the first point
    expect(readout()).toBe('step 0: SGD 1; Momentum 2');
    fireEvent.keyDown(svg, { key: 'End' });
    expect(readout()).toContain('step 4');
    fireEvent.keyDown(svg, { key: 'Escape' });
    expect(readout()).toBe('');
  });

  it('draws one path per series and redraws after the source changes, once per frame', () => {
    const { container, source } = setup([series('SGD', [1, 1])]);
    const path = () => container.querySelector('path.dl-series')?.getAttribute('d') ?? '';
    // x domain [0, 1] over 330 px; y constant 1 → domain [0, 2] → y = 1 in the middle (178/2 = 89).
    expect(path()).toBe('M0,89L330,89');
    source.setState([series('SGD', [1, 1, 1, 1, 1])], true);
    expect(path()).toBe('M0,89L330,89');
    act(() => vi.advanceTimersToNextFrame());
    expect(path()).toBe('M0,89L82.5,89L165,89L247.5,89L330,89');
    expect(container.querySelector('.dl-chart-legend span')?.textContent).toBe('SGD');
  });

  it('log scale drops non-positive values as gaps and ticks decades', () => {
    const { container } = setup([series('SGD', [1, 0, -1, 0.1, 0.01])], 'log');
    const d = container.querySelector('path.dl-series')?.getAttribute('d') ?? '';
    // Point 0 alone, then points 3–4: two sub-paths, nothing at 0 or −1.
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).not.toContain('NaN');
    const ticks = [...container.querySelectorAll('.dl-axis-y .dl-tick text')].map(
      (t) => t.textContent,
    );
    expect(ticks).toEqual(['0.01', '0.1', '1']);
    expect(screen.getByRole('group', { name: /loss \(log scale\)/ })).toBeTruthy();
  });

  it('decimates a long series to at most four points per pixel column', () => {
    const n = 20_000;
    const y = Array.from({ length: n }, (_, i) => 1 + Math.sin(i));
    const { container } = setup([series('SGD', y)]);
    const d = container.querySelector('path.dl-series')?.getAttribute('d') ?? '';
    const vertices = d.match(/[ML]/g)?.length ?? 0;
    expect(vertices).toBeLessThanOrEqual(4 * 331);
    expect(vertices).toBeGreaterThan(330);
  });

  it('draws events as vertical markers with titles', () => {
    const { container, events } = setup();
    events.setState(
      [
        { x: 2, label: 'η → 0.05' },
        { x: 99, label: 'outside' },
      ],
      true,
    );
    act(() => vi.advanceTimersToNextFrame());
    const titles = [...container.querySelectorAll('.dl-event title')].map((t) => t.textContent);
    expect(titles).toEqual(['η → 0.05 (step 2)']);
    const line = container.querySelector('.dl-event-line');
    expect(Number(line?.getAttribute('x1'))).toBeCloseTo(2 * PX_PER_STEP, 9);
  });

  it('shows an empty state without series', () => {
    const { container } = setup([]);
    const empty = [...container.querySelectorAll('text')].find(
      (t) => t.textContent === 'No data yet',
    );
    expect(empty?.getAttribute('display')).toBe('inline');
  });
});

function svgCursor(svg: Element): Element {
  return svg.querySelector('.dl-cursor') as Element;
}

describe('LineChart in Simplified Chinese', () => {
  afterEach(() => {
    act(() => setLocale('en'));
  });

  it('rewords its readout, event titles, log axis and role when the language switches', () => {
    setLocale('en');
    const source = createStore<readonly LineSeriesView[]>()(() => [A, B]);
    const events = createStore<readonly ChartEvent[]>()(() => [{ x: 2, label: 'η → 0.05' }]);
    const { container } = render(
      <LineChart
        title="损失"
        series={source}
        events={events}
        yScale="log"
        xLabel="步"
        yLabel="f(θ)"
        width={WIDTH}
      />,
    );
    const svg = container.querySelector('svg[tabindex]') as SVGSVGElement;
    const readout = () => container.querySelector('.dl-plot-readout')?.textContent;
    const eventTitle = () => container.querySelector('.dl-event title')?.textContent;
    const axisTitle = () => container.querySelector('.dl-axis-y > .dl-axis-label')?.textContent;
    // Focus reads the last x, 4: SGD has it, Momentum ends at x = 2.
    act(() => svg.focus());
    expect(readout()).toBe('步 4: SGD 0.0625; Momentum 1.2 (at 步 2)');
    expect(eventTitle()).toBe('η → 0.05 (步 2)');
    expect(axisTitle()).toBe('f(θ) (log)');
    expect(svg.getAttribute('aria-roledescription')).toBe('chart');

    act(() => setLocale('zh-CN'));
    expect(readout()).toBe('步为 4 时：SGD 0.0625；Momentum 1.2（步为 2 时）');
    expect(eventTitle()).toBe('η → 0.05（步为 2 时）');
    expect(axisTitle()).toBe('f(θ)（对数）');
    expect(svg.getAttribute('aria-roledescription')).toBe('图表');
  });
});
