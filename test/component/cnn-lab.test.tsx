// @vitest-environment jsdom
/**
 * The CNN lab as a learner meets it: drawing a digit (pointer and keyboard) becomes a centred
 * 28 × 28 probe sent to every run; the MNIST download shows its progress and, failing, its
 * remedies; a diverged run and a dead worker are reported with what to do; and the whole
 * page passes axe's accessibility rules with every control named.
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
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { setLocale } from '../../src/i18n/index.ts';
import type { FetchBytes } from '../../src/store/datasetLoader.ts';
import { LabStoreContext } from '../../src/store/useLab.ts';
import { CnnLabPage } from '../../src/ui/cnn/CnnLabPage.tsx';
import { inkMoments } from '../../src/ui/cnn/digitImage.ts';
import type { WorkerCommand } from '../../src/worker/protocol.ts';
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

function start(h: CnnHarness) {
  act(() => {
    h.frame('SGD', [], { truncatedAfter: -1 });
    h.frame('momentum', [], { truncatedAfter: -1 });
    h.answer('SGD', tinyInspection({ step: 0 }));
    h.answer('momentum', tinyInspection({ step: 0, states: { velocity: 0 } }));
  });
}

/** The drawn probe the store holds. */
function drawnProbe(h: CnnHarness): Float32Array {
  const probe = h.store.getState().probe;
  if (probe.kind !== 'drawn') throw new Error('the probe is not a drawing');
  return probe.image;
}

/** Rows of a 28 × 28 image holding any ink. */
function inkedRows(image: Float32Array): number[] {
  const rows: number[] = [];
  for (let y = 0; y < 28; y++)
    if (image.subarray(y * 28, y * 28 + 28).some((v) => v > 0)) rows.push(y);
  return rows;
}

describe('draw a digit', () => {
  it('a stroke drawn with the pointer becomes a centred 28 × 28 probe for every run', async () => {
    const h = cnnHarness();
    renderLab(h, 'Probe and feature maps');
    start(h);
    await userEvent.click(screen.getByRole('radio', { name: 'Draw one' }));
    const pad = screen.getByRole('application', { name: 'Drawing pad' });
    const clear = screen.getByRole('button', { name: 'Clear drawing' }) as HTMLButtonElement;
    expect(clear.disabled).toBe(true);
    // A vertical stroke in the left third of the pad (jsdom lays the 224-px pad out at 0, 0).
    fireEvent.pointerDown(pad, { clientX: 50, clientY: 30, button: 0, pointerId: 1 });
    for (let y = 50; y <= 190; y += 20)
      fireEvent.pointerMove(pad, { clientX: 50, clientY: y, pointerId: 1 });
    fireEvent.pointerUp(pad, { clientX: 50, clientY: 190, pointerId: 1 });
    const image = drawnProbe(h);
    const { mass, cx, cy } = inkMoments(image, 28, 28);
    expect(mass).toBeGreaterThan(20);
    // Centred by its centre of mass, wherever it was drawn; the long side spans 20 rows.
    expect(cx).toBeCloseTo(14, 1);
    expect(cy).toBeCloseTo(14, 1);
    expect(inkedRows(image)).toEqual(Array.from({ length: 20 }, (_, i) => 4 + i));
    expect(Math.max(...image)).toBeCloseTo(1, 6);
    // Sent to both runs as pixels (once the request already in flight is answered).
    for (const label of ['SGD', 'momentum']) {
      act(() => h.answer(label, tinyInspection({ step: 0 })));
      expect(h.inspects(label).at(-1)!.probe).toBe(image);
    }
    // The preview shows it as the network sees it: the centre pixel is white.
    const preview = screen.getByRole('img', {
      name: /The drawing as the network sees it/,
    }) as HTMLCanvasElement;
    const pixels = painted.images.get(preview)!;
    expect(pixels.width).toBe(28);
    expect(pixels.data[4 * (14 * 28 + 14)]).toBe(Math.round(255 * image[14 * 28 + 14]!));
    expect(clear.disabled).toBe(false);
    await userEvent.click(clear);
    expect(inkMoments(drawnProbe(h), 28, 28).mass).toBe(0);
    expect(clear.disabled).toBe(true);
  });

  it('draws with the keyboard: arrows move the pen, Space puts it down and lifts it, Delete clears', async () => {
    const h = cnnHarness();
    renderLab(h, 'Probe and feature maps');
    start(h);
    await userEvent.click(screen.getByRole('radio', { name: 'Draw one' }));
    const pad = screen.getByRole('application', { name: 'Drawing pad' });
    act(() => pad.focus());
    fireEvent.keyDown(pad, { key: 'ArrowUp', shiftKey: true }); // pen up, from the centre 16 ink px up
    fireEvent.keyDown(pad, { key: ' ' });
    expect(screen.getByText(/Pen down/)).toBeTruthy();
    for (let i = 0; i < 3; i++) fireEvent.keyDown(pad, { key: 'ArrowDown', shiftKey: true });
    fireEvent.keyDown(pad, { key: ' ' });
    expect(screen.getByText(/Pen up/)).toBeTruthy();
    // A vertical bar: centred, 20 rows tall, a little over 2 pixels wide.
    const image = drawnProbe(h);
    const { cx, cy } = inkMoments(image, 28, 28);
    expect(cx).toBeCloseTo(14, 1);
    expect(cy).toBeCloseTo(14, 1);
    expect(inkedRows(image)).toHaveLength(20);
    fireEvent.keyDown(pad, { key: 'Delete' });
    expect(inkMoments(drawnProbe(h), 28, 28).mass).toBe(0);
  });
});

describe('MNIST download', () => {
  const mnist = parseExperiment({
    problem: { kind: 'cnn', dataset: 'mnist', trainSize: 100, testSize: 20 },
    steps: 10,
    seed: 1,
    runs: [
      { label: 'SGD', optimizer: { kind: 'sgd', lr: 0.1 } },
      { label: 'momentum', optimizer: { kind: 'momentum', lr: 0.1 } },
    ],
  });

  it('shows progress, then on failure the reason with Retry and the shapes as remedies', async () => {
    let progress: (received: number, total: number | null) => void = () => {};
    let fail: (error: Error) => void = () => {};
    const fetchBytes: FetchBytes = (_url, onProgress) =>
      new Promise((_resolve, reject) => {
        progress = onProgress;
        fail = reject;
      });
    const h = cnnHarness(mnist, { fetchBytes });
    renderLab(h);
    expect(h.workers).toHaveLength(0); // nothing trains before the data is in
    act(() => progress(830_000, 1_660_000));
    const status = document.querySelector('.dl-dataset-progress') as HTMLElement;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toContain('Loading the MNIST digits… 50% of 1.7 MB');
    const bar = within(status).getByRole('progressbar');
    expect(bar.getAttribute('value')).toBe('830000');
    expect(bar.getAttribute('max')).toBe('1660000');
    await act(async () => fail(new Error('HTTP 500 Internal Server Error')));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'No data to train on: could not load the MNIST digits (data/mnist.bin): HTTP 500 Internal Server Error.',
    );
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: 'Use the shapes instead' }));
    const problem = h.store.getState().experiment.problem;
    expect(problem).toMatchObject({
      kind: 'cnn',
      dataset: 'shapes',
      trainSize: 2000,
      testSize: 500,
    });
    expect(h.workers.length).toBeGreaterThan(0);
    const init = h.workers[0]!.commands[0] as Extract<WorkerCommand, { type: 'init' }>;
    expect(init.experiment.problem).toMatchObject({ dataset: 'shapes' });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('failures', () => {
  it('a diverged run says why and offers to rewind with half the learning rate', async () => {
    const h = cnnHarness();
    renderLab(h);
    start(h);
    const reason = 'loss became Infinity at step 31 with η = 0.1';
    const divergence = { quantity: 'loss', value: 'Infinity', step: 31, lr: 0.1 } as const;
    act(() => {
      h.frame(
        'momentum',
        [
          record('momentum', 30, 2, 0.1),
          record('momentum', 31, Infinity, 0, { diverged: true, divergence }),
        ],
        {
          status: 'diverged',
          divergence,
        },
      );
    });
    const panel = screen.getByRole('region', { name: 'momentum' });
    const alert = within(panel).getByRole('alert');
    expect(alert.textContent).toContain(`This run diverged: ${reason}. The others keep running.`);
    await userEvent.click(within(alert).getByRole('button', { name: 'Rewind and halve η' }));
    const rewind = h.worker('momentum').commands.find((c) => c.type === 'rewind') as Extract<
      WorkerCommand,
      { type: 'rewind' }
    >;
    expect(rewind).toMatchObject({ label: 'momentum', step: 21 });
    expect(rewind.run!.optimizer.lr).toBe(0.05);
    expect(h.worker('SGD').commands.some((c) => c.type === 'rewind')).toBe(false);
  });

  it('a worker that dies is reported; Restart brings the runs back and they are inspected again', async () => {
    const h = cnnHarness();
    renderLab(h);
    start(h);
    const dead = h.worker('SGD');
    act(() => dead.onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Training stopped. the training worker stopped: out of memory. Your settings and curves are kept.Restart',
    );
    await userEvent.click(within(alert).getByRole('button', { name: 'Restart' }));
    expect(dead.terminated).toBe(true);
    expect(h.worker('SGD')).not.toBe(dead);
    act(() => h.frame('SGD', [], { truncatedAfter: -1 }));
    expect(h.inspects('SGD')).toHaveLength(1);
  });
});

describe('views out of sight', () => {
  it('stop repainting and refreshing, and catch up when scrolled back into view', async () => {
    // Fake time for every timer, frame and clock: "a hidden view does not change" is checked
    // once every pending timer and frame has run out, so a late frame cannot decide it.
    vi.useFakeTimers();
    const observers: Array<{ callback: IntersectionObserverCallback; element: Element | null }> =
      [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        element: Element | null = null;
        constructor(readonly callback: IntersectionObserverCallback) {
          observers.push(this);
        }
        observe(element: Element) {
          this.element = element;
        }
        disconnect() {}
      },
    );
    try {
      const h = cnnHarness();
      renderLab(h);
      start(h); // default weights (i − 9)/10: largest |w| 0.9
      const legendOf = () =>
        [
          ...screen
            .getByRole('group', { name: 'conv1 filters of SGD' })
            .closest('figure')!
            .querySelectorAll('.dl-tiles-legend span'),
        ].map((e) => e.textContent);
      const prediction = () => screen.getAllByText(/^Predicts/)[0]!.textContent;
      const show = (selector: string, visible: boolean) => {
        const observer = observers.find((o) => o.element?.matches(selector));
        act(() =>
          observer!.callback(
            [{ isIntersecting: visible } as IntersectionObserverEntry],
            observer as never,
          ),
        );
      };
      /** Runs every pending timer and frame (and those they start) until none is left. */
      const runOut = async () => {
        await act(() => vi.runAllTimersAsync());
        expect(vi.getTimerCount()).toBe(0);
      };
      await runOut();
      expect(legendOf()).toEqual(['−0.9', '0', '+0.9']);
      show('.dl-filters', false);
      act(() => h.store.getState().inspectNow());
      const doubled = Array.from({ length: 18 }, (_, i) => (i - 9) / 5);
      act(() => {
        h.answer(
          'SGD',
          tinyInspection({ step: 3, weights: doubled, probabilities: [1, 0, 0, 0, 0, 0, 0, 0] }),
        );
        h.answer('momentum', tinyInspection({ step: 3, weights: doubled }));
      });
      await runOut();
      expect(legendOf()).toEqual(['−0.9', '0', '+0.9']);
      show('.dl-filters', true);
      await runOut();
      expect(legendOf()).toEqual(['−1.8', '0', '+1.8']);
      // The probe panel, in its own tab, likewise holds back while out of sight.
      fireEvent.click(screen.getByRole('tab', { name: 'Probe and feature maps' }));
      await runOut();
      expect(prediction()).toMatch(/^Predicts horizontal bar/);
      show('.dl-probe', false);
      act(() => h.store.getState().inspectNow());
      act(() => {
        h.answer('SGD', tinyInspection({ step: 6, probabilities: [0, 1, 0, 0, 0, 0, 0, 0] }));
        h.answer('momentum', tinyInspection({ step: 6 }));
      });
      await runOut();
      expect(prediction()).toMatch(/^Predicts horizontal bar/);
      show('.dl-probe', true);
      await runOut();
      expect(prediction()).toMatch(/^Predicts vertical bar/);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('language', () => {
  it('speaks Simplified Chinese when the learner switches, live', async () => {
    const h = cnnHarness();
    renderLab(h);
    start(h);
    act(() => setLocale('zh-CN'));
    try {
      expect(screen.getByRole('heading', { name: '卷积核' })).toBeTruthy();
      await waitFor(() => {
        act(() => vi.advanceTimersToNextFrame());
        expect(screen.getByRole('group', { name: 'SGD 的 conv1 卷积核' })).toBeTruthy();
      });
      expect(screen.getByRole('button', { name: 'SGD，conv1 卷积核 1' })).toBeTruthy();
      fireEvent.click(screen.getByRole('tab', { name: '探测图像与特征图' }));
      expect(screen.getByRole('heading', { name: '探测图像与预测' })).toBeTruthy();
      // The default probe prediction: class 3 of the shapes, at 60 %.
      await waitFor(() =>
        expect(screen.getAllByText(/^预测为/)[0]!.textContent).toBe('预测为 斜线 ╱ (60.0 %)'),
      );
      expect(screen.getByRole('slider', { name: '步游标' })).toBeTruthy();
    } finally {
      act(() => setLocale('en'));
    }
    expect(screen.getByRole('heading', { name: 'Probe image and prediction' })).toBeTruthy();
  });
});

describe('accessibility', () => {
  it('every control has a name and the page passes axe (colour contrast aside: jsdom has no layout)', async () => {
    const h = cnnHarness();
    const { container } = renderLab(h);
    start(h);
    act(() => {
      h.frame('SGD', [
        record('SGD', 0, 2, 0.1, {
          testAccuracy: 0.25,
          confusion: [
            [1, 0],
            [0, 1],
          ],
        }),
        record('SGD', 1, 1.5, 0.2),
      ]);
    });
    await waitFor(() => {
      act(() => vi.advanceTimersToNextFrame());
      // Each run: the weights tile and the change tile of filter 1.
      expect(screen.getAllByRole('button', { name: /conv1 filter 1/ })).toHaveLength(4);
    });
    for (const role of [
      'button',
      'slider',
      'spinbutton',
      'combobox',
      'checkbox',
      'radio',
    ] as const) {
      for (const element of screen.queryAllByRole(role)) {
        const name = element.getAttribute('aria-label') ?? element.textContent ?? '';
        const labelled = element.id ? container.querySelector(`label[for="${element.id}"]`) : null;
        const wrapped = element.closest('label');
        expect(
          name.trim() !== '' ||
            labelled !== null ||
            wrapped !== null ||
            element.hasAttribute('aria-labelledby'),
        ).toBe(true);
      }
    }
    vi.useRealTimers();
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
  });
});
