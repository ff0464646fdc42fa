// @vitest-environment jsdom
/**
 * The CNN lab's views, each fed recorded frames and inspections with known values through the
 * real client and store (a stub worker stands in for training): what each view renders — names,
 * numbers, legends, painted colours — and what its controls send.
 */
import {
  act,
  cleanup,
  configure,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { interpolateRdBu } from 'd3-scale-chromatic';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ARCHITECTURE, SMALL_ARCHITECTURE } from '../../src/core/cnn/architecture.ts';
import { parseRgb, sequentialMap } from '../../src/plots/palette.ts';
import { LabStoreContext } from '../../src/store/useLab.ts';
import { CnnLabPage } from '../../src/ui/cnn/CnnLabPage.tsx';
import { ArchitectureStrip } from '../../src/ui/cnn/CnnSetupPanel.tsx';
import { cnnHarness, fakeCanvas, record, tinyInspection, type CnnHarness } from './cnnFixtures.ts';

// Views refresh a few times a second; a busy machine may take longer than the default 1 s.
configure({ asyncUtilTimeout: 5000 });

let painted: ReturnType<typeof fakeCanvas>;
beforeEach(() => {
  painted = fakeCanvas();
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Renders the lab with the tab called `tab` open (the views below the curves are in tabs). */
function renderLab(h: CnnHarness, tab = 'Filters') {
  const rendered = render(
    <LabStoreContext.Provider value={h.store}>
      <CnnLabPage />
    </LabStoreContext.Provider>,
  );
  fireEvent.click(screen.getByRole('tab', { name: tab }));
  return rendered;
}

/** Initial frames of both runs: the store then asks each for its first inspection. */
function start(h: CnnHarness) {
  act(() => {
    h.frame('SGD', [], { truncatedAfter: -1 });
    h.frame('momentum', [], { truncatedAfter: -1 });
  });
}

/** Draws everything queued for the next animation frame. */
function nextFrame() {
  act(() => vi.advanceTimersToNextFrame());
}

/**
 * Waits until `check` passes, drawing animation frames meanwhile: views repaint on the next
 * frame after their turn (tile views take turns, a few per 16 ms).
 */
async function repainted<T>(check: () => T): Promise<T> {
  let value: T | undefined;
  await waitFor(() => {
    nextFrame();
    value = check();
  });
  return value as T;
}

/** Waits until a line chart has drawn its curves from the newest frames (they redraw throttled). */
async function chartDrawn(name: string, points: number) {
  await waitFor(() => {
    nextFrame();
    const path = screen.getByRole('figure', { name }).querySelector('path.dl-series');
    const d = path?.getAttribute('d') ?? '';
    expect(d.startsWith('M') ? d.split('L').length : 0).toBe(points);
  });
}

const legend = (figure: HTMLElement) =>
  [...figure.querySelectorAll('.dl-tiles-legend span')].map((s) => s.textContent);
const figureOf = (name: string) =>
  screen.getByRole('group', { name }).closest('figure') as HTMLElement;

/** SGD's conv1 weights: filter 1 runs from −0.5 up, filter 2 all 0.25 (largest |w| 0.5). */
const SGD_WEIGHTS = [
  -0.5,
  -0.375,
  -0.25,
  -0.125,
  0,
  0.125,
  0.25,
  0.375,
  0.5,
  ...Array(9).fill(0.25),
];
/** Momentum's: the same with filter 1's last weight 0.75 (largest |w| 0.75). */
const MOMENTUM_WEIGHTS = [...SGD_WEIGHTS.slice(0, 8), 0.75, ...Array(9).fill(0.25)];

describe('architecture strip', () => {
  it('lists every layer with its output shape and parameters (classic net: 5,994)', () => {
    render(<ArchitectureStrip spec={DEFAULT_ARCHITECTURE} classes={10} />);
    // conv1 8·(5·5 + 1) = 208; conv2 16·(8·25 + 1) = 3,216; dense 10·(4·4·16 + 1) = 2,570.
    expect(screen.getByText(/5,994 parameters, 0.79 million multiply-adds/)).toBeTruthy();
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'input28×28×1',
      'conv15×5 conv, 8 filters, pad 228×28×8208 parameters',
      'relu1ReLU28×28×8',
      'maxPool1max-pool 2×214×14×8',
      'conv25×5 conv, 16 filters, pad 214×14×163,216 parameters',
      'relu2ReLU14×14×16',
      'maxPool2max-pool 3×34×4×16',
      'densedense → 10 classes, softmax1×1×102,570 parameters',
    ]);
  });

  it('the small net: conv 4 stride 2, 2,074 parameters', () => {
    render(<ArchitectureStrip spec={SMALL_ARCHITECTURE} classes={10} />);
    // conv1 4·26 = 104 → 14×14×4 → pool 7×7×4 = 196 inputs → dense 10·197 = 1,970.
    expect(screen.getByText(/2,074 parameters/)).toBeTruthy();
    expect(screen.getByText('5×5 conv, 4 filters, stride 2, pad 2')).toBeTruthy();
    expect(screen.getByText('7×7×4')).toBeTruthy();
  });
});

describe('filters', () => {
  it('shows each run’s filters on one shared scale, painted with the diverging map', async () => {
    const h = cnnHarness();
    renderLab(h);
    start(h);
    expect(h.inspects('SGD').map((c) => c.probe)).toEqual([0]);
    act(() => {
      h.answer('SGD', tinyInspection({ step: 0, weights: SGD_WEIGHTS }));
      h.answer(
        'momentum',
        tinyInspection({ step: 0, weights: MOMENTUM_WEIGHTS, states: { velocity: 0.125 } }),
      );
    });
    const sgd = await repainted(() => screen.getByRole('group', { name: 'conv1 filters of SGD' }));
    expect(
      within(sgd)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['SGD, conv1 filter 1', 'SGD, conv1 filter 2']);
    // One scale for both runs: the larger |w| is momentum's 0.75.
    await repainted(() => {
      expect(legend(figureOf('conv1 filters of SGD'))).toEqual(['−0.75', '0', '+0.75']);
      expect(legend(figureOf('conv1 filters of momentum'))).toEqual(['−0.75', '0', '+0.75']);
    });
    // SGD filter 1, top-left weight −0.5 on [−0.75, 0.75]: t = ½ − 0.5/1.5 = 1/6 (RdBu reversed).
    const canvas = within(sgd)
      .getByRole('button', { name: 'SGD, conv1 filter 1' })
      .querySelector('canvas')!;
    const tile = painted.images.get(canvas)!;
    expect([tile.width, tile.height]).toEqual([3, 3]);
    const expected = parseRgb(interpolateRdBu(1 - Math.round((256 * 1) / 6) / 256));
    expect(Array.from(tile.data.slice(0, 3))).toEqual([...expected]);
    // The centre weight 0 is white.
    expect(Array.from(tile.data.slice(16, 19))).toEqual([...parseRgb(interpolateRdBu(0.5))]);

    await userEvent.click(screen.getByRole('checkbox', { name: 'One colour scale for every run' }));
    await repainted(() =>
      expect(legend(figureOf('conv1 filters of SGD'))).toEqual(['−0.5', '0', '+0.5']),
    );
  });

  it('a selected filter shows its weights, gradient and velocity with their norms, for every run', async () => {
    const h = cnnHarness();
    renderLab(h);
    start(h);
    act(() => {
      h.answer('SGD', tinyInspection({ step: 0, weights: SGD_WEIGHTS, gradient: 0.5 }));
      h.answer(
        'momentum',
        tinyInspection({
          step: 0,
          weights: MOMENTUM_WEIGHTS,
          gradient: 0.5,
          states: { velocity: 0.125 },
        }),
      );
    });
    const button = await repainted(() =>
      screen.getByRole('button', { name: 'momentum, conv1 filter 2' }),
    );
    await userEvent.click(button);
    expect(button.getAttribute('aria-pressed')).toBe('true');
    const detail = await screen.findByRole('group', { name: 'conv1 filter 2 of every run' });
    await waitFor(() => expect(detail.querySelectorAll('.dl-filter-part')).toHaveLength(5));
    nextFrame();
    // Filter 2: nine weights 0.25 → ‖θ‖ = 3·0.25 = 0.75; gradient 0.5 → 1.5; velocity 0.125 → 0.375.
    await waitFor(() =>
      expect(
        within(detail)
          .getAllByText(/‖·‖ =/)
          .map((e) => e.textContent),
      ).toEqual(['‖·‖ = 0.75', '‖·‖ = 1.5', '‖·‖ = 0.75', '‖·‖ = 1.5', '‖·‖ = 0.375']),
    );
    const captions = [...detail.querySelectorAll('figcaption')].map((f) => f.textContent);
    expect(captions).toEqual([
      'weights θ',
      'gradient ∇θ',
      'Feature map of conv1 filter 2 on the probe image, SGD',
      'weights θ',
      'gradient ∇θ',
      'velocity v',
      'Feature map of conv1 filter 2 on the probe image, momentum',
    ]);
    // The feature map is channel 2 of conv1's output (every pixel (1 + 1) · 0.5 = 1), not
    // channel 1 (0.5): its 28 × 28 map on the scale [0, 1].
    const map = within(detail).getByRole('img', {
      name: /^Feature map of conv1 filter 2 on the probe image, SGD: 1 map/,
    }) as HTMLCanvasElement;
    expect([map.width, map.height]).toEqual([28, 28]);
    await repainted(() =>
      expect(
        [...map.closest('figure')!.querySelectorAll('.dl-tiles-legend span')].map(
          (e) => e.textContent,
        ),
      ).toEqual(['0', '0.5', '1']),
    );
  });
});

describe('step cursor and side-by-side step', () => {
  it('shows runs at the same step live, and scrubs back through recorded inspections', async () => {
    const h = cnnHarness();
    renderLab(h);
    start(h);
    act(() => {
      h.answer('SGD', tinyInspection({ step: 0, weights: SGD_WEIGHTS }));
      h.answer('momentum', tinyInspection({ step: 0, weights: MOMENTUM_WEIGHTS }));
    });
    act(() => {
      h.frame(
        'SGD',
        [0, 1, 2, 3, 4].map((t) => record('SGD', t, 1, 0.5)),
      );
      h.frame(
        'momentum',
        [0, 1, 2, 3, 4].map((t) => record('momentum', t, 1, 0.5)),
      );
      h.store.getState().inspectNow();
    });
    const doubled = SGD_WEIGHTS.map((w) => 2 * w);
    // Only SGD has answered for step 5: both runs are still shown at step 0, side by side.
    act(() => h.answer('SGD', tinyInspection({ step: 5, weights: doubled })));
    await repainted(() => {
      expect(screen.getByText(/Live: every run shown at step 0/)).toBeTruthy();
      expect(legend(figureOf('conv1 filters of SGD'))).toEqual(['−0.75', '0', '+0.75']);
    });
    act(() => h.answer('momentum', tinyInspection({ step: 5, weights: MOMENTUM_WEIGHTS })));
    // SGD's doubled weights reach |w| = 1.
    await repainted(() => {
      expect(screen.getByText(/Live: every run shown at step 5/)).toBeTruthy();
      expect(legend(figureOf('conv1 filters of SGD'))).toEqual(['−1', '0', '+1']);
    });

    const slider = screen.getByRole('slider', { name: 'Step cursor' });
    expect(slider.getAttribute('max')).toBe('1'); // recorded steps 0 and 5
    expect(slider.getAttribute('aria-valuetext')).toBe('step 5');
    fireEvent.input(slider, { target: { value: '0' } });
    expect(h.store.getState().cursor).toBe(0);
    await repainted(() =>
      expect(legend(figureOf('conv1 filters of SGD'))).toEqual(['−0.75', '0', '+0.75']),
    );
    await waitFor(() => expect(screen.getAllByText('· step 0').length).toBeGreaterThan(0));
    const live = screen.getByRole('button', { name: 'Live' });
    expect(live.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(live);
    expect(h.store.getState().cursor).toBeNull();
  });
});

describe('probe and prediction', () => {
  it('shows each run’s prediction and probabilities, and Next asks for the next held-out image', async () => {
    const h = cnnHarness();
    renderLab(h, 'Probe and feature maps');
    start(h);
    // Class 3 ("diagonal ╱") at 60 %, the image is a 5 ("vertical edge").
    act(() => {
      h.answer('SGD', tinyInspection({ step: 0, label: 5 }));
      h.answer(
        'momentum',
        tinyInspection({ step: 0, label: 5, probabilities: [0, 0, 0, 0, 0, 1, 0, 0] }),
      );
    });
    await waitFor(() =>
      expect(screen.getAllByText(/^Predicts/).map((p) => p.textContent)).toEqual([
        'Predicts diagonal ╱ (60.0 %) — wrong, it is vertical edge',
        'Predicts vertical edge (100.0 %) — right',
      ]),
    );
    const table = screen.getByRole('table', { name: 'Class probabilities given by SGD' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(8);
    expect(rows[3]!.textContent).toBe('diagonal ╱60.0 % predicted');
    expect(rows[5]!.textContent).toBe('vertical edge10.0 % true');
    expect(rows[0]!.textContent).toBe('horizontal bar5.0 %');

    await userEvent.click(screen.getByRole('button', { name: 'Next image' }));
    expect(h.store.getState().probe).toEqual({ kind: 'test', index: 1 });
    expect(h.inspects('SGD').at(-1)!.probe).toBe(1);
    expect(h.inspects('momentum').at(-1)!.probe).toBe(1);
    expect(
      (screen.getByRole('spinbutton', { name: 'Held-out image number' }) as HTMLInputElement).value,
    ).toBe('2');
  });
});

describe('activation maps', () => {
  it('shows every layer of every run with its shape, one scale per layer', async () => {
    const h = cnnHarness();
    renderLab(h, 'Probe and feature maps');
    start(h);
    act(() => {
      h.answer('SGD', tinyInspection({ step: 0, activation: 0.5 }));
      h.answer('momentum', tinyInspection({ step: 0, activation: 2 }));
    });
    nextFrame();
    const names = ['conv1 (28×28×2)', 'relu1 (28×28×2)', 'maxPool1 (14×14×2)', 'dense (1×1×8)'];
    /** The canvas of one layer's maps, by the start of its accessible name. */
    const maps = (name: string) => {
      const found = screen
        .getAllByRole('img')
        .find((el) => el.getAttribute('aria-label')?.startsWith(`${name}: `));
      if (!found) throw new Error(`no maps named ${name}`);
      return found;
    };
    // Both runs' maps painted (views take turns, a few per frame).
    await repainted(() => {
      expect(legend(maps('conv1 (28×28×2), momentum').closest('figure')!)).toEqual(['0', '2', '4']);
      expect(legend(maps('dense (1×1×8), momentum').closest('figure')!)[0]).not.toBe('');
    });
    for (const name of names) {
      expect(maps(`${name}, SGD`)).toBeTruthy();
      expect(maps(`${name}, momentum`)).toBeTruthy();
    }
    expect(maps('conv1 (28×28×2), SGD').getAttribute('aria-label')).toBe(
      'conv1 (28×28×2), SGD: 2 channel maps, dark = 0, bright = strong',
    );
    // Channel c holds (c + 1)·a: SGD 0.5 and 1, momentum 2 and 4; scales start at 0.
    const figure = (name: string) => maps(name).closest('figure') as HTMLElement;
    expect(legend(figure('conv1 (28×28×2), SGD'))).toEqual(['0', '0.5', '1']);
    expect(legend(figure('conv1 (28×28×2), momentum'))).toEqual(['0', '2', '4']);
    // Both channels share one canvas, side by side one pixel apart: 28 + 1 + 28 wide. Channel 1
    // (0.5 on [0, 1]) is mid viridis, channel 2 (1) the top of the scale, the gap transparent.
    const conv = painted.images.get(maps('conv1 (28×28×2), SGD') as HTMLCanvasElement)!;
    expect([conv.width, conv.height]).toEqual([57, 28]);
    expect(Array.from(conv.data.slice(0, 4))).toEqual([...sequentialMap.rgb(0.5), 255]);
    expect(Array.from(conv.data.slice(28 * 4, 29 * 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(conv.data.slice(29 * 4, 30 * 4))).toEqual([...sequentialMap.rgb(1), 255]);
    // The output layer is one strip of 8 class scores.
    expect(painted.images.get(maps('dense (1×1×8), SGD') as HTMLCanvasElement)!.width).toBe(8);
  });
});

describe('curves', () => {
  it('draws raw and smoothed loss, batch and held-out accuracy, with exact values on the keyboard', async () => {
    const h = cnnHarness();
    renderLab(h);
    start(h);
    act(() => {
      h.frame('SGD', [
        record('SGD', 0, 2, 0.1, { testAccuracy: 0.25 }),
        record('SGD', 1, 1, 0.2),
        record('SGD', 2, 1, 0.3),
        record('SGD', 3, 0.5, 0.4),
      ]);
    });
    await chartDrawn('Loss (cross-entropy)', 4);
    await chartDrawn('Accuracy', 4);
    const lossChart = screen.getByRole('figure', { name: 'Loss (cross-entropy)' });
    expect(
      [...lossChart.querySelectorAll('.dl-chart-legend li')].map((li) => li.textContent),
    ).toEqual(['SGD (raw)', 'SGD (smoothed)', 'momentum (raw)', 'momentum (smoothed)']);
    const svg = within(lossChart).getByRole('group');
    act(() => svg.focus());
    fireEvent.keyDown(svg, { key: 'End' });
    // Smoothing 0.9 with bias correction at step 3:
    // (0.9³·0.1·2 + 0.9²·0.1·1 + 0.9·0.1·1 + 0.1·0.5) / (1 − 0.9⁴) = 0.3668 / 0.3439 = 1.06659.
    const readout = document.getElementById(svg.getAttribute('aria-describedby')!)!;
    expect(readout.textContent).toBe(
      'step 3: SGD (raw) 0.5; SGD (smoothed) 1.06659; momentum (raw) —; momentum (smoothed) —',
    );
    const accuracyChart = screen.getByRole('figure', { name: 'Accuracy' });
    expect(
      [...accuracyChart.querySelectorAll('.dl-chart-legend li')].map((li) => li.textContent),
    ).toContain('SGD held-out');
    const accSvg = within(accuracyChart).getByRole('group');
    act(() => accSvg.focus());
    fireEvent.keyDown(accSvg, { key: 'Home' });
    const accReadout = document.getElementById(accSvg.getAttribute('aria-describedby')!)!;
    expect(accReadout.textContent).toContain('SGD held-out 0.25');
  });

  it('reads the curves against samples processed or compute time as well as steps', async () => {
    const h = cnnHarness();
    renderLab(h);
    start(h);
    // The fake worker reports 10 samples and 0.05 s of compute per step (cnnFixtures).
    act(() => {
      h.frame(
        'SGD',
        [0, 1, 2, 3].map((step) => record('SGD', step, 1 / (step + 1), 0.5)),
      );
    });
    await chartDrawn('Loss (cross-entropy)', 4);
    const lossChart = screen.getByRole('figure', { name: 'Loss (cross-entropy)' });
    const svg = within(lossChart).getByRole('group');
    const readoutAtEnd = () => {
      act(() => svg.focus());
      fireEvent.keyDown(svg, { key: 'End' });
      return document.getElementById(svg.getAttribute('aria-describedby')!)!.textContent ?? '';
    };
    expect(readoutAtEnd()).toMatch(/^step 3: SGD \(raw\) 0\.25;/);
    fireEvent.click(screen.getByRole('radio', { name: 'Samples processed' }));
    await waitFor(() => {
      nextFrame();
      expect(readoutAtEnd()).toMatch(/^samples processed 30: SGD \(raw\) 0\.25;/);
    });
    fireEvent.click(screen.getByRole('radio', { name: 'Compute time' }));
    // Step 3 is the fourth step: 4 × 0.05 s = 0.2 s of SGD's own compute.
    await waitFor(() => {
      nextFrame();
      expect(readoutAtEnd()).toMatch(/^seconds of the run's own compute 0\.2: SGD \(raw\) 0\.25;/);
    });
    expect(
      lossChart
        .querySelector('.dl-axis-x')!
        .textContent!.includes("seconds of the run's own compute"),
    ).toBe(true);
  });

  it('per-layer statistics: every run for one tensor, or every layer of one run; live changes marked', async () => {
    const h = cnnHarness();
    renderLab(h, 'Per-layer norms');
    start(h);
    act(() => {
      h.frame('SGD', [record('SGD', 0, 1, 0.5), record('SGD', 1, 1, 0.5)], {
        events: [{ label: 'SGD', step: 1, field: 'optimizer.lr', from: '0.1', to: '0.05' }],
      });
      h.frame('momentum', [record('momentum', 0, 1, 0.5)]);
    });
    // Per-tensor statistics come with each frame's newest record: one point (step 1) so far.
    await chartDrawn('Gradient norm per layer', 1);
    const lines = screen.getByRole('combobox', { name: 'Lines' }) as HTMLSelectElement;
    expect(lines.value).toBe('tensor:conv1.weight');
    expect([...lines.options].map((o) => o.textContent)).toEqual([
      'Every layer of SGD',
      'Every layer of momentum',
      'Every run: conv1.weight',
      'Every run: conv1.bias',
      'Every run: dense.weight',
      'Every run: dense.bias',
    ]);
    const gradient = screen.getByRole('figure', { name: 'Gradient norm per layer' });
    const legendOf = (figure: HTMLElement) =>
      [...figure.querySelectorAll('.dl-chart-legend li')].map((li) => li.textContent);
    expect(legendOf(gradient)).toEqual(['SGD', 'momentum']);
    // The η change at step 1 is marked on every chart.
    expect(gradient.querySelector('.dl-event title')!.textContent).toBe(
      'SGD: η 0.1 → 0.05 (step 1)',
    );
    await userEvent.selectOptions(lines, 'run:SGD');
    await chartDrawn('Update-to-weight ratio', 1);
    expect(legendOf(screen.getByRole('figure', { name: 'Gradient norm per layer' }))).toEqual([
      'conv1.weight',
      'dense.weight',
    ]);
    const ratio = screen.getByRole('figure', { name: 'Update-to-weight ratio' });
    const svg = within(ratio).getByRole('group');
    expect(svg.getAttribute('aria-label')).toBe(
      'Update-to-weight ratio: ‖Δθ‖ / ‖θ‖ (log scale) against step. Arrow keys read the values.',
    );
    act(() => svg.focus());
    fireEvent.keyDown(svg, { key: 'End' });
    expect(document.getElementById(svg.getAttribute('aria-describedby')!)!.textContent).toBe(
      'step 1: conv1.weight 0.001; dense.weight 0.001',
    );
  });
});

describe('confusion matrix and mistakes', () => {
  const confusion = Array.from({ length: 8 }, (_, i) =>
    Array.from({ length: 8 }, (_, j) => (i === j ? 2 : i === 5 && j === 3 ? 1 : 0)),
  );

  it('shows each run’s confusion matrix of the newest evaluation with its accuracy', async () => {
    const h = cnnHarness();
    renderLab(h, 'Confusion matrix and mistakes');
    start(h);
    act(() => h.frame('SGD', [record('SGD', 4, 1, 0.5, { testAccuracy: 16 / 17, confusion })]));
    const figure = await screen.findByText('SGD: held-out accuracy 94.1 % at step 4');
    const table = within(figure.closest('figure')!).getByRole('table');
    const row5 = within(table).getAllByRole('row')[6]!; // header row, then classes 0…5
    expect(row5.textContent).toBe('True 500010200');
    expect(screen.getByText(/Classes: 0 horizontal bar, 1 vertical bar/)).toBeTruthy();
    expect(screen.getByText(/No evaluation yet: the held-out set is measured/)).toBeTruthy(); // momentum
  });

  it('lists the current mistakes, most confident first, and makes one the probe', async () => {
    const h = cnnHarness();
    renderLab(h, 'Confusion matrix and mistakes');
    start(h);
    const images = new Float32Array(2 * 784);
    images.fill(1, 0, 784); // the first mistake is all white
    act(() => {
      h.answer(
        'SGD',
        tinyInspection({
          step: 5,
          evaluation: {
            step: 4,
            accuracy: 0.9,
            confusion,
            misclassified: [
              { index: 7, label: 5, predicted: 3, confidence: 0.9 },
              { index: 2, label: 0, predicted: 1, confidence: 0.625 },
            ],
            images,
          },
        }),
      );
      h.answer('momentum', tinyInspection({ step: 5 }));
    });
    const first = await screen.findByRole('button', {
      name: 'Held-out image 8: a vertical edge taken for a diagonal ╱ with probability 90.0 %. Use as the probe image.',
    });
    expect(
      screen.getByRole('button', {
        name: /^Held-out image 3: a horizontal bar taken for a vertical bar with probability 62.5 %/,
      }),
    ).toBeTruthy();
    expect(
      screen.getByText(/The 2 most confident mistakes of SGD on the 20 held-out images at step 4/),
    ).toBeTruthy();
    // Thumbnails are painted in an effect, after the buttons appear.
    await waitFor(() => expect(painted.images.get(first.querySelector('canvas')!)).toBeDefined());
    const pixels = painted.images.get(first.querySelector('canvas')!)!;
    expect(Array.from(pixels.data.slice(0, 4))).toEqual([255, 255, 255, 255]);
    // The evaluation carried by the inspection also feeds the confusion matrix.
    expect(await screen.findByText('SGD: held-out accuracy 90.0 % at step 4')).toBeTruthy();
    await userEvent.click(first);
    expect(h.store.getState().probe).toEqual({ kind: 'test', index: 7 });
    expect(h.inspects('SGD').at(-1)!.probe).toBe(7);
  });
});
