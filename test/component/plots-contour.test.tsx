// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../src/i18n/index.ts';
import { vectorLayerOf } from '../../src/plots/canvasLayer.ts';
import type { Surface, ViewBox } from '../../src/core/surfaces/surface.ts';
import { CONTOUR_MARGIN, ContourPlot, type TrajectoryView } from '../../src/plots/ContourPlot.tsx';
import { createStore } from 'zustand/vanilla';
import { pixelToData } from '../../src/plots/viewport.ts';
import { recordCanvases, type RecordedCanvases } from '../support/fakeCanvas.ts';

// f = (x − 1)² + 2(y + 0.5)²: global minimum (1, −0.5), f = 0. The "local minimum" is made up
// to check that the two kinds are marked differently.
function makeSurface(): Surface & { calls: number } {
  const s = {
    calls: 0,
    title: 'Test bowl',
    formula: '(x − 1)² + 2(y + 0.5)²',
    viewBox: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
    start: [-1.5, 1.5] as const,
    criticalPoints: [
      { x: 1, y: -0.5, value: 0, kind: 'global' as const },
      { x: -1, y: 1, value: 3, kind: 'local' as const },
    ],
    value(x: number, y: number) {
      s.calls++;
      return (x - 1) ** 2 + 2 * (y + 0.5) ** 2;
    },
    valueAndGradient(x: number, y: number, g: Float64Array) {
      g[0] = 2 * (x - 1);
      g[1] = 4 * (y + 0.5);
      return s.value(x, y);
    },
    hessian(_x: number, _y: number, out: Float64Array) {
      out[0] = 2;
      out[1] = 0;
      out[2] = 4;
    },
  };
  return s;
}

// Plot area 200 × 200 px for the box [−2, 2]²: 50 px per unit, data (0, 0) at pixel (100, 100).
const M = CONTOUR_MARGIN;
const WIDTH = 200 + M.left + M.right;
const HEIGHT = 200 + M.top + M.bottom;
const SIZE = { width: 200, height: 200 };
/** Client coordinates of a plot-area pixel (jsdom puts the svg at 0, 0). */
const client = (px: number, py: number) => ({ clientX: px + M.left, clientY: py + M.top });

function trajectory(points: number[], extra: Partial<TrajectoryView> = {}): TrajectoryView {
  return {
    label: 'SGD',
    color: '#0072B2',
    dash: '',
    points: Float64Array.from(points),
    count: points.length / 2,
    ...extra,
  };
}

function setup(
  overrides: {
    trajectories?: readonly TrajectoryView[];
    viewBox?: ViewBox;
    gradientScale?: number;
  } = {},
) {
  const surface = makeSurface();
  const source = createStore<readonly TrajectoryView[]>()(() => overrides.trajectories ?? []);
  const onViewBoxChange = vi.fn();
  const onStartChange = vi.fn();
  const props = {
    surface,
    viewBox: overrides.viewBox ?? surface.viewBox,
    onViewBoxChange,
    trajectories: source,
    start: [-1.5, 1.5] as const,
    onStartChange,
    width: WIDTH,
    height: HEIGHT,
    resolution: 4,
    ...(overrides.gradientScale === undefined ? {} : { gradientScale: overrides.gradientScale }),
  };
  const view = render(<ContourPlot {...props} />);
  const svg = view.container.querySelector('svg:not(.dl-contour-layer)') as SVGSVGElement;
  return { ...view, surface, source, onViewBoxChange, onStartChange, svg, props };
}

let canvases: RecordedCanvases;
beforeEach(() => {
  canvases = recordCanvases();
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('ContourPlot', () => {
  it('describes itself and marks global and local minima with titles', () => {
    const { container } = setup();
    expect(screen.getByRole('img', { name: /Contour map of Test bowl/ })).toBeTruthy();
    const titles = [...container.querySelectorAll('.dl-critical title')].map((t) => t.textContent);
    expect(titles).toEqual([
      'Global minimum at (1, -0.5), f = 0',
      'Local minimum at (-1, 1), f = 3',
    ]);
    // Different shapes: a star (10 vertices) for the global minimum, a diamond (4) for the local one.
    const global = container.querySelector('.dl-critical-global path')?.getAttribute('d') ?? '';
    const local = container.querySelector('.dl-critical-local path')?.getAttribute('d') ?? '';
    expect(global.match(/[ML]/g)).toHaveLength(10);
    expect(local.match(/[ML]/g)).toHaveLength(4);
    // Global minimum at data (1, −0.5) → pixel (150, 125): the diamond's top vertex is 5 px above (−1, 1) → (50, 45).
    expect(local.startsWith('M50,45')).toBe(true);
  });

  it('draws contour lines, a value legend and axes with ticks', () => {
    const { container } = setup();
    expect(container.querySelectorAll('.dl-contours path').length).toBe(14);
    // Grid of 50 × 50 cells of 0.08: the largest sample is at the corner cell centre (−1.96, 1.96):
    // 2.96² + 2·2.46² = 8.7616 + 12.1032 = 20.8648; the smallest at (1, −0.52): 2·0.02² = 0.0008.
    const legend = [...container.querySelectorAll('.dl-legend-tick text')].map(
      (t) => t.textContent,
    );
    expect(legend[0]).toBe('8e-4');
    expect(legend[4]).toBe('20.9');
    const xTicks = [...container.querySelectorAll('.dl-axis-x g text')].map((t) => t.textContent);
    const yTicks = [...container.querySelectorAll('.dl-axis-y g text')].map((t) => t.textContent);
    expect(xTicks).toEqual(['-2', '0', '2']);
    expect(yTicks).toEqual(['-2', '-1', '0', '1', '2']);
    expect(container.querySelector('.dl-axis-x > text')?.textContent).toBe('x');
  });

  it('redraws trajectories from the live source once per animation frame', () => {
    const { container, source } = setup({ trajectories: [trajectory([0, 0])] });
    // Each run is stroked twice on the line canvas: a white halo, then the line in its colour.
    const strokes = () => canvases.lines(container.querySelector('canvas.dl-trajectory-lines'));
    const line = () => strokes().find((s) => s.color !== '#fff')?.d;
    expect(line()).toBe('M100,100');
    expect(strokes().map((s) => [s.color, s.width, s.alpha])).toEqual([
      ['#fff', 4.5, 0.8],
      ['#0072B2', 2, 1],
    ]);
    source.setState([trajectory([0, 0, 1, 1])], true);
    source.setState([trajectory([0, 0, 1, 1, 1, 0])], true);
    expect(line()).toBe('M100,100'); // nothing until the frame
    act(() => vi.advanceTimersToNextFrame());
    // (1, 1) → (150, 50); (1, 0) → (150, 100).
    expect(line()).toBe('M100,100L150,50L150,100');
    expect(container.querySelector('.dl-run')?.getAttribute('data-run')).toBe('SGD');
    expect(container.querySelector('.dl-run > title')?.textContent).toBe(
      'SGD: 2 steps, at (1, 0), f = 0.5',
    );
  });

  it('continues the line to the current point and puts the marker and arrows there', () => {
    const { container } = setup({
      trajectories: [
        // Completed steps θ0 = (0, 0), θ1 = (1, 1); the run is now at θ2 = (1, 0), dashed.
        trajectory([0, 0, 1, 1], { current: [1, 0], dash: '6 3', arrows: { gradient: [0, 1] } }),
      ],
      gradientScale: 0.8, // 0.8 data units per unit of gradient: 40 px at 50 px per unit
    });
    const lines = canvases.lines(container.querySelector('canvas.dl-trajectory-lines'));
    // (0, 0) → (100, 100); (1, 1) → (150, 50); (1, 0) → (150, 100).
    expect(lines[1]).toMatchObject({ d: 'M100,100L150,50L150,100', dash: [6, 3] });
    expect(lines[0]?.dash).toEqual([]); // the halo is solid
    // The circle marker of radius 5.5 starts at its leftmost point (150 − 5.5, 100).
    const marker = container.querySelector('.dl-run-marker')?.getAttribute('d') ?? '';
    expect(marker.startsWith('M144.5,100')).toBe(true);
    // −∇f = (0, −1) points down the screen from (150, 100), 40 px long.
    expect(container.querySelector('.dl-arrow-gradient .dl-arrow-shaft')?.getAttribute('d')).toBe(
      'M150,100L150,140',
    );
    // Two completed steps; the title reads where the run is now: f(1, 0) = 0 + 2·0.25 = 0.5.
    expect(container.querySelector('.dl-run > title')?.textContent).toBe(
      'SGD: 2 steps, at (1, 0), f = 0.5',
    );
  });

  it('gives picture export the same lines as vectors', () => {
    const { container } = setup({ trajectories: [trajectory([0, 0, 1, 1], { dash: '6 3' })] });
    const canvas = container.querySelector('canvas.dl-trajectory-lines') as HTMLCanvasElement;
    expect(vectorLayerOf(canvas)).toEqual([
      { d: 'M100,100L150,50', color: '#fff', width: 4.5, opacity: 0.8 },
      { d: 'M100,100L150,50', color: '#0072B2', width: 2, dash: '6 3' },
    ]);
  });

  it('draws −∇f on the given scale, true-length velocity and a flagged, shortened step', () => {
    const { container } = setup({
      trajectories: [
        trajectory([1, 1], {
          // ∇f = (2, 0) → −∇f points left; 0.4 units per unit of gradient: 0.8 units = 40 px
          // from (150, 50) → (110, 50). velocity (0.5, 0) → 25 px right; step (10, 0) → 500 px,
          // capped at 120 px.
          arrows: { gradient: [2, 0], velocity: [0.5, 0], step: [10, 0] },
        }),
      ],
      gradientScale: 0.4,
    });
    const shaft = (kind: string) =>
      container.querySelector(`.dl-arrow-${kind} .dl-arrow-shaft`)?.getAttribute('d');
    const title = (kind: string) => container.querySelector(`.dl-arrow-${kind} title`)?.textContent;
    expect(shaft('gradient')).toBe('M150,50L110,50');
    expect(title('gradient')).toBe('SGD −∇f = (-2, 0), |∇f| = 2');
    expect(shaft('velocity')).toBe('M150,50L175,50');
    expect(shaft('step')).toBe('M150,50L270,50');
    expect(title('step')).toContain('(drawn shortened)');
    expect(container.querySelector('.dl-arrow-gradient .dl-arrow-label')?.textContent).toBe('−∇f');
  });

  it('draws the mini-batch gradient on the full gradient’s scale', () => {
    const { container } = setup({
      trajectories: [
        trajectory([1, 1], {
          // ∇f = (2, 0) is drawn 40 px long: 20 px per unit. −g_B = (−1, 1) in data units is
          // 20 px left and 20 px up (screen y grows downwards): (150, 50) → (130, 30).
          arrows: { gradient: [2, 0], batchGradient: [1, -1] },
        }),
      ],
      gradientScale: 0.4,
    });
    const shaft = (kind: string) =>
      container.querySelector(`.dl-arrow-${kind} .dl-arrow-shaft`)?.getAttribute('d');
    expect(shaft('gradient')).toBe('M150,50L110,50');
    expect(shaft('batchGradient')).toBe('M150,50L130,30');
    // "−g" with a real subscript B.
    const label = container.querySelector('.dl-arrow-batchGradient .dl-arrow-label');
    expect(label?.textContent).toBe('−gB');
    expect(label?.querySelector('tspan')?.textContent).toBe('B');
    expect(label?.querySelector('tspan')?.getAttribute('dy')).toBe('0.35em');
  });

  it('scales −∇f by the view’s median |∇f| and hides arrows too short to point anywhere', () => {
    // The median |∇f| of the sampled view, worked out from the exact gradient (2(x − 1), 4(y + ½))
    // at the 48 × 48 interior cell centres (−2 + 0.08·(i + ½)): central differences of a
    // quadratic are exact, so this is what the plot must find.
    const norms: number[] = [];
    for (let j = 1; j < 49; j++) {
      for (let i = 1; i < 49; i++) {
        const x = -2 + 0.08 * (i + 0.5);
        const y = 2 - 0.08 * (j + 0.5);
        norms.push(Math.hypot(2 * (x - 1), 4 * (y + 0.5)));
      }
    }
    norms.sort((a, b) => a - b);
    const median = (norms[1151]! + norms[1152]!) / 2;
    const { container } = setup({
      trajectories: [
        // |∇f| = median → 40 px; |∇f| = median/2 → 20 px; |∇f| = 1e-8 (loss ~1e-17) → hidden.
        trajectory([0, 0], { arrows: { gradient: [median, 0] } }),
        trajectory([0, 0], { label: 'half', arrows: { gradient: [0, median / 2] } }),
        trajectory([1, -0.5], { label: 'done', arrows: { gradient: [1e-8, 0] } }),
      ],
    });
    const shafts = [...container.querySelectorAll('.dl-arrow-gradient')];
    expect(shafts[0]?.querySelector('.dl-arrow-shaft')?.getAttribute('d')).toBe('M100,100L60,100');
    // −∇f = (0, −median/2) points down the screen, 20 px.
    expect(shafts[1]?.querySelector('.dl-arrow-shaft')?.getAttribute('d')).toBe('M100,100L100,120');
    expect(shafts[2]?.getAttribute('display')).toBe('none');
  });

  it('places the arrow labels of runs at one point so that none overlaps another', () => {
    const arrows = { gradient: [2, 0], velocity: [-0.5, 0.01], step: [-0.5, -0.01] } as const;
    const { container } = setup({
      trajectories: [
        trajectory([0, 0], { arrows }),
        trajectory([0, 0], { label: 'B', arrows }),
        trajectory([0, 0], { label: 'C', arrows }),
      ],
      gradientScale: 0.4,
    });
    // jsdom has no text layout: each label is estimated at 11 px per line and 0.62 em per character.
    const boxes = [...container.querySelectorAll<SVGTextElement>('.dl-arrow-label')]
      .filter(
        (t) =>
          t.getAttribute('display') !== 'none' &&
          t.closest('.dl-arrow')?.getAttribute('display') !== 'none',
      )
      .map((t) => {
        const w = Math.ceil((t.textContent ?? '').length * 0.62 * 11) + 2;
        const x = Number(t.getAttribute('x'));
        const y = Number(t.getAttribute('y'));
        return { x0: x - w / 2, x1: x + w / 2, y0: y - 7, y1: y + 7 };
      });
    expect(boxes.length).toBeGreaterThanOrEqual(6);
    for (let a = 0; a < boxes.length; a++) {
      for (let b = a + 1; b < boxes.length; b++) {
        const p = boxes[a]!;
        const q = boxes[b]!;
        const apart = p.x1 <= q.x0 + 1 || q.x1 <= p.x0 + 1 || p.y1 <= q.y0 + 1 || q.y1 <= p.y0 + 1;
        expect(apart, `labels ${a} and ${b} overlap`).toBe(true);
      }
    }
  });

  it('marks a diverged run at its last finite point', () => {
    const { container } = setup({
      trajectories: [trajectory([0, 0, NaN, NaN], { diverged: true })],
    });
    const marker = container.querySelector('.dl-run-marker');
    expect(marker?.getAttribute('transform')).toBe('rotate(45 100 100)');
    expect(container.querySelector('.dl-run > title')?.textContent).toContain('diverged');
  });

  it('click sets the start in data coordinates', () => {
    const { svg, onStartChange } = setup();
    fireEvent.click(svg, client(150, 50));
    expect(onStartChange).toHaveBeenCalledWith([1, 1]);
    fireEvent.click(svg, client(-20, 50)); // on the y axis: ignored
    expect(onStartChange).toHaveBeenCalledTimes(1);
  });

  it('arrow keys move the focusable start point by 1/50 of the view (×5 with Shift)', () => {
    const { onStartChange } = setup();
    const marker = screen.getByRole('button', { name: /Start point x = -1.5, y = 1.5/ });
    marker.focus();
    fireEvent.keyDown(marker, { key: 'ArrowRight' });
    expect(onStartChange).toHaveBeenLastCalledWith([-1.5 + 0.08, 1.5]);
    fireEvent.keyDown(marker, { key: 'ArrowDown', shiftKey: true });
    expect(onStartChange).toHaveBeenLastCalledWith([-1.5, 1.5 - 0.4]);
    // Announced for screen readers: f(−1.5, 1.1) = 2.5² + 2·1.6² = 6.25 + 5.12 = 11.37.
    const live = document.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toBe('Start x = -1.5, y = 1.1, f = 11.37');
  });

  it('dragging the start marker moves the start; dragging the map pans it', () => {
    const { svg, onStartChange, onViewBoxChange, container } = setup();
    const marker = container.querySelector('.dl-start circle') as SVGCircleElement;
    fireEvent.pointerDown(marker, { ...client(25, 25), pointerId: 1, button: 0 });
    fireEvent.pointerMove(svg, { ...client(50, 150), pointerId: 1 });
    expect(onStartChange).toHaveBeenLastCalledWith([-1, -1]);
    fireEvent.pointerUp(svg, { ...client(50, 150), pointerId: 1 });
    fireEvent.click(svg, client(50, 150)); // the click ending a drag is not a new start
    expect(onStartChange).toHaveBeenCalledTimes(1);

    fireEvent.pointerDown(svg, { ...client(100, 100), pointerId: 2, button: 0 });
    fireEvent.pointerMove(svg, { ...client(101, 101), pointerId: 2 }); // below the drag threshold
    expect(onViewBoxChange).not.toHaveBeenCalled();
    fireEvent.pointerMove(svg, { ...client(120, 90), pointerId: 2 });
    // Drag (+20, −10) px at 50 px/unit: x view moves −0.4, y view moves −0.2.
    const box = onViewBoxChange.mock.lastCall?.[0] as ViewBox;
    expect(box.xMin).toBeCloseTo(-2.4, 12);
    expect(box.xMax).toBeCloseTo(1.6, 12);
    expect(box.yMin).toBeCloseTo(-2.2, 12);
    expect(box.yMax).toBeCloseTo(1.8, 12);
    fireEvent.pointerUp(svg, { ...client(120, 90), pointerId: 2 });
    fireEvent.click(svg, client(120, 90));
    expect(onStartChange).toHaveBeenCalledTimes(1);
  });

  it('zooms with the buttons about the centre and resets the view', () => {
    const { onViewBoxChange, surface } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    const zoomed = onViewBoxChange.mock.lastCall?.[0] as ViewBox;
    expect(zoomed.xMin).toBeCloseTo(-2 / 1.5, 12);
    expect(zoomed.yMax).toBeCloseTo(2 / 1.5, 12);
    fireEvent.click(screen.getByRole('button', { name: 'Zoom out' }));
    expect((onViewBoxChange.mock.lastCall?.[0] as ViewBox).xMax).toBeCloseTo(3, 12);
    fireEvent.click(screen.getByRole('button', { name: 'Reset view' }));
    expect(onViewBoxChange).toHaveBeenLastCalledWith(surface.viewBox);
  });

  it('wheel zoom keeps the point under the cursor in place', () => {
    const { svg, onViewBoxChange, surface } = setup();
    fireEvent.wheel(svg, { ...client(150, 50), deltaY: -100 });
    const box = onViewBoxChange.mock.lastCall?.[0] as ViewBox;
    expect(box.xMax - box.xMin).toBeLessThan(4);
    const [x, y] = pixelToData(box, SIZE, 150, 50);
    expect(x).toBeCloseTo(1, 12);
    expect(y).toBeCloseTo(1, 12);
    expect(surface.viewBox.xMin).toBe(-2);
  });

  it('hover shows coordinates and f', () => {
    const { svg, container } = setup();
    fireEvent.pointerMove(svg, client(150, 50));
    // f(1, 1) = 0 + 2·1.5² = 4.5
    expect(container.querySelector('.dl-plot-readout')?.textContent).toBe('x = 1, y = 1: f = 4.5');
    fireEvent.pointerLeave(svg);
    expect(container.querySelector('.dl-plot-readout')?.textContent).toBe('');
  });

  it('recomputes the field only when the surface, view or size change', () => {
    const { surface, rerender, props, source } = setup({ trajectories: [trajectory([0, 0])] });
    const sampled = surface.calls;
    expect(sampled).toBeGreaterThanOrEqual(2500); // 50 × 50 grid
    rerender(<ContourPlot {...props} viewBox={{ ...props.viewBox }} />);
    source.setState([trajectory([0, 0, 1, 1])], true);
    act(() => vi.advanceTimersToNextFrame());
    // Only the start marker's label and the run's title evaluate f now.
    expect(surface.calls - sampled).toBeLessThan(10);
    rerender(<ContourPlot {...props} viewBox={{ xMin: -1, xMax: 1, yMin: -1, yMax: 1 }} />);
    expect(surface.calls - sampled).toBeGreaterThan(2500);
  });

  it('unsubscribes and cancels its pending frame on unmount', () => {
    const { source, unmount } = setup({ trajectories: [trajectory([0, 0])] });
    source.setState([trajectory([0, 0, 1, 1])], true);
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
    source.setState([trajectory([0, 0])], true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('moves the stale field with a pan and recomputes it once when the drag ends', () => {
    const surface = makeSurface();
    function Controlled() {
      const [viewBox, setViewBox] = useState<ViewBox>(surface.viewBox);
      return (
        <ContourPlot
          surface={surface}
          viewBox={viewBox}
          onViewBoxChange={setViewBox}
          start={[0, 0]}
          onStartChange={() => {}}
          width={WIDTH}
          height={HEIGHT}
          resolution={4}
        />
      );
    }
    const { container } = render(<Controlled />);
    const svg = container.querySelector('svg:not(.dl-contour-layer)') as SVGSVGElement;
    const contours = () => container.querySelector('.dl-contours')?.getAttribute('transform');
    expect(contours()).toBe('translate(0,0) scale(1,1)');
    const sampled = surface.calls;
    fireEvent.pointerDown(svg, { ...client(100, 100), pointerId: 1, button: 0 });
    fireEvent.pointerMove(svg, { ...client(130, 80), pointerId: 1 });
    fireEvent.pointerMove(svg, { ...client(140, 70), pointerId: 1 });
    // The old field follows the pointer: +40 px, −30 px; nothing was resampled.
    expect(contours()).toBe('translate(40,-30) scale(1,1)');
    const canvas = container.querySelector('canvas.dl-heatmap') as HTMLCanvasElement;
    expect(canvas.style.transform).toBe('translate(40px, -30px) scale(1, 1)');
    expect(surface.calls - sampled).toBeLessThan(10);
    // The x axis already shows the new view: x from −2.8 to 1.2 → two ticks a step of 2 apart: −2, 0.
    const xTicks = [...container.querySelectorAll('.dl-axis-x g text')].map((t) => t.textContent);
    expect(xTicks).toEqual(['-2', '0']);
    fireEvent.pointerUp(svg, { ...client(140, 70), pointerId: 1 });
    expect(contours()).toBe('translate(0,0) scale(1,1)');
    expect(surface.calls - sampled).toBeGreaterThan(2500);
  });

  it('wheel zoom scales the stale field and recomputes after the wheel settles', () => {
    vi.useFakeTimers({
      toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout', 'clearTimeout'],
    });
    const surface = makeSurface();
    function Controlled() {
      const [viewBox, setViewBox] = useState<ViewBox>(surface.viewBox);
      return (
        <ContourPlot
          surface={surface}
          viewBox={viewBox}
          onViewBoxChange={setViewBox}
          start={[0, 0]}
          onStartChange={() => {}}
          width={WIDTH}
          height={HEIGHT}
          resolution={4}
        />
      );
    }
    const { container } = render(<Controlled />);
    const svg = container.querySelector('svg:not(.dl-contour-layer)') as SVGSVGElement;
    const sampled = surface.calls;
    // deltaY −100·0.0015 → factor e^0.15 about the centre: scale e^0.15 ≈ 1.1618, shift 100·(1 − 1.1618).
    fireEvent.wheel(svg, { ...client(100, 100), deltaY: -100 });
    const t = container.querySelector('.dl-contours')?.getAttribute('transform') ?? '';
    const [tx, ty, sx, sy] = (t.match(/-?\d[\d.]*(?:e-?\d+)?/g) ?? []).map(Number);
    expect(sx).toBeCloseTo(Math.exp(0.15), 5);
    expect(sy).toBeCloseTo(Math.exp(0.15), 5);
    expect(tx).toBeCloseTo(100 * (1 - Math.exp(0.15)), 2);
    expect(ty).toBeCloseTo(100 * (1 - Math.exp(0.15)), 2);
    expect(surface.calls - sampled).toBeLessThan(10);
    act(() => vi.advanceTimersByTime(200));
    expect(container.querySelector('.dl-contours')?.getAttribute('transform')).toBe(
      'translate(0,0) scale(1,1)',
    );
    expect(surface.calls - sampled).toBeGreaterThan(2500);
  });
});

describe('ContourPlot in Simplified Chinese', () => {
  afterEach(() => {
    act(() => setLocale('en'));
  });

  it('rewords its description, run titles and arrow tooltips when the language switches', () => {
    setLocale('en');
    const surface = makeSurface();
    const source = createStore<readonly TrajectoryView[]>()(() => [
      // One point at (1, 1): f = 0 + 2·1.5² = 4.5; no step completed yet.
      // −∇f = (−2, 0), |∇f| = 2; −g_B = (−1, 1), |g_B| = √2 = 1.41421; the velocity (0.5, 0)
      // is 25 px long; the step (10, 0) would be 500 px and is drawn shortened to 120 px.
      trajectory([1, 1], {
        arrows: { gradient: [2, 0], batchGradient: [1, -1], velocity: [0.5, 0], step: [10, 0] },
      }),
      // Diverged after one step: the last finite point (0, 0), f = 1 + 2·0.5² = 1.5.
      trajectory([0, 0, NaN, NaN], { label: 'momentum', diverged: true }),
      trajectory([], { label: 'Adam' }),
    ]);
    const { container } = render(
      <ContourPlot
        surface={surface}
        title="测试碗"
        viewBox={surface.viewBox}
        onViewBoxChange={() => {}}
        trajectories={source}
        start={[-1.5, 1.5]}
        onStartChange={() => {}}
        width={WIDTH}
        height={HEIGHT}
        gradientScale={0.4}
      />,
    );
    const runTitles = () =>
      [...container.querySelectorAll('.dl-run > title')].map((t) => t.textContent);
    const arrow = (kind: string) => container.querySelector(`.dl-arrow-${kind} title`)?.textContent;
    expect(runTitles()).toEqual([
      'SGD: 0 steps, at (1, 1), f = 4.5',
      'momentum: 1 steps, at (0, 0), f = 1.5, diverged',
      'Adam: no points yet',
    ]);
    expect(arrow('velocity')).toBe('SGD velocity (0.5, 0), length 0.5');

    act(() => setLocale('zh-CN'));
    expect(runTitles()).toEqual([
      'SGD：已走 0 步，位于 (1, 1)，f = 4.5',
      'momentum：已走 1 步，位于 (0, 0)，f = 1.5，已发散',
      'Adam：还没有数据点',
    ]);
    expect(arrow('gradient')).toBe('SGD 负梯度 −∇f = (-2, 0)，|∇f| = 2');
    expect(arrow('batchGradient')).toBe('SGD 小批量负梯度 −g_B = (-1, 1)，|g_B| = 1.41421');
    expect(arrow('velocity')).toBe('SGD 速度 (0.5, 0)，长度 0.5');
    expect(arrow('step')).toBe('SGD 这一步的位移 (10, 0)，长度 10（绘制时已缩短）');
    // The box [−2, 2]² fills the 200 × 200 px plot as it is; the minimum (1, −0.5) is inside it,
    // so the 14 levels are spaced logarithmically.
    expect(screen.getByRole('group', { name: '测试碗等高线图' })).toBeTruthy();
    expect(screen.getByRole('img', { name: /等高线图/ }).getAttribute('aria-label')).toBe(
      '测试碗的等高线图，f(x, y) = (x − 1)² + 2(y + 0.5)²，x 从 -2 到 2，y 从 -2 到 2；' +
        '14 条按对数间距分布的等高线；临界点：全局极小值位于 (1, -0.5)，f = 0；局部极小值位于 (-1, 1)，f = 3',
    );
  });

  it('spaces levels evenly where the view holds no minimum, and says so', () => {
    setLocale('zh-CN');
    const surface = makeSurface();
    // x from 2 to 6: f grows to the right everywhere, its lowest value is on the left edge.
    render(
      <ContourPlot
        surface={surface}
        viewBox={{ xMin: 2, xMax: 6, yMin: -2, yMax: 2 }}
        onViewBoxChange={() => {}}
        start={[3, 0]}
        onStartChange={() => {}}
        width={WIDTH}
        height={HEIGHT}
      />,
    );
    expect(document.querySelector('.dl-legend > text')?.textContent).toBe('f');
    expect(screen.getByRole('img', { name: /等高线图/ }).getAttribute('aria-label')).toMatch(
      /；14 条等间距的等高线；/,
    );
  });

  it('labels a logarithmic colour legend in the UI language', () => {
    setLocale('zh-CN');
    const surface = makeSurface();
    const { container } = render(
      <ContourPlot
        surface={surface}
        viewBox={surface.viewBox}
        onViewBoxChange={() => {}}
        start={[-1.5, 1.5]}
        onStartChange={() => {}}
        width={WIDTH}
        height={HEIGHT}
      />,
    );
    expect(container.querySelector('.dl-legend > text')?.textContent).toBe('f（对数）');
    expect(screen.getByRole('img', { name: /等高线图/ }).getAttribute('aria-label')).toMatch(
      /^Test bowl的等高线图.*；14 条按对数间距分布的等高线；/,
    );
  });
});
