// @vitest-environment jsdom
/**
 * No English left in the Simplified-Chinese UI. Each workspace is driven in zh-CN through the
 * states a learner meets — runs stepping, a live change, a diverged run, chart and map
 * readouts, every classroom panel, a lesson, notices, a rejected edit, a stopped worker, a
 * failed download, the CNN lab's views — and every text node and every aria-label, title,
 * placeholder, aria-roledescription, aria-valuetext and alt on the page is searched for English
 * words (three or more Latin letters) after removing the run labels (names the learner or the
 * example chose) and the few Latin tokens in ALLOWED (test/support/englishWords.mjs, shared with
 * the browser pass), each there for the reason it gives.
 */
import { readFileSync } from 'node:fs';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/core/lessons/index.ts';
import { setLocale } from '../../src/i18n/index.ts';
import { zhCN } from '../../src/i18n/messages/zhCN.ts';
import { cnnZhCN } from '../../src/ui/cnn/cnnMessages.ts';
import { classroomStore } from '../../src/ui/classroom/classroomStore.ts';
import type { LabStore } from '../../src/store/labStore.ts';
import type { WorkspaceId } from '../../src/ui/workspaces.ts';
import { tinyExperiment } from './cnnFixtures.ts';
import { englishWords, pageTexts } from '../support/englishWords.mjs';
import { renderApp, setUpUiTests, type Rendered } from './uiSupport.tsx';

setUpUiTests();

beforeEach(() => {
  localStorage.clear();
  classroomStore.setState({ lesson: null, presenter: false, panel: null, notices: [] });
  setLocale('zh-CN');
});
afterEach(() => {
  setLocale('en');
});

/** Collects what the page shows in English, across the states a scenario visits. */
class EnglishFinder {
  readonly found = new Map<string, string>();
  /** Every run label seen so far: curves drawn before a reload may still name old runs. */
  private readonly seen = new Set<string>();
  constructor(
    private readonly rendered: Rendered,
    private readonly workspaces: readonly WorkspaceId[],
  ) {}

  /** Run labels of the visited workspaces' experiments: names, not UI words. */
  private labels(): string[] {
    for (const id of this.workspaces)
      for (const run of this.rendered.stores.get(id).getState().experiment.runs)
        this.seen.add(run.label);
    return [...this.seen];
  }

  scan(state: string): void {
    const labels = this.labels();
    for (const { where, text } of pageTexts()) {
      const words = englishWords(text, labels);
      if (words.length > 0 && !this.found.has(text))
        this.found.set(text, `${state}, ${where}: [${words.join(' ')}]`);
    }
  }

  /** "text — where: [words]" per offending text, for a readable failure. */
  report(): string[] {
    return [...this.found].map(([text, where]) => `${text}  —  ${where}`);
  }
}

const click = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));
/** Where each run of `store` stands on the page (records held, newest step). */
const progress = (store: LabStore) =>
  store
    .getState()
    .experiment.runs.map(
      (r) => `${store.live.series(r.label).count}@${store.live.last(r.label)?.step}`,
    )
    .join();

/** Steps every running run `n` times, one step at a time, waiting for each to arrive. */
async function step(store: LabStore, n: number): Promise<void> {
  for (let k = 0; k < n; k++) {
    const before = progress(store);
    const button = screen.getByRole('button', { name: '单步' }) as HTMLButtonElement;
    if (button.disabled) return;
    fireEvent.click(button);
    await waitFor(() => expect(progress(store)).not.toBe(before), { timeout: 5000 });
  }
}

/** Focuses every chart (its readout appears) and leaves it again, scanning in between. */
function readCharts(finder: EnglishFinder, state: string): void {
  let read = 0;
  for (const chart of document.querySelectorAll<SVGSVGElement>('.dl-line-chart svg[tabindex]')) {
    const readout = chart.closest('figure')?.querySelector('.dl-plot-readout');
    fireEvent.focus(chart);
    fireEvent.keyDown(chart, { key: 'Home' });
    finder.scan(`${state}, chart readout`);
    fireEvent.keyDown(chart, { key: 'End' });
    finder.scan(`${state}, chart readout`);
    if (readout?.textContent) read++;
    fireEvent.blur(chart);
  }
  expect(read, 'charts that showed a readout').toBeGreaterThan(0);
}

/** The texts of the elements matching `selector`. */
const texts = (selector: string) =>
  [...document.querySelectorAll(selector)].map((e) => e.textContent ?? '');

/** Moves the pointer over the middle of the map, so its f(x, y) readout shows. */
function hoverMap(): void {
  const svg = document.querySelector('.dl-contour-plot svg:not(.dl-contour-layer)');
  if (svg) fireEvent.pointerMove(svg, { clientX: 150, clientY: 120, pointerId: 1 });
}

/** Opens each classroom panel in turn (lessons, saved, shortcuts, export), scanning each. */
async function visitPanels(finder: EnglishFinder, state: string): Promise<void> {
  click('课程');
  finder.scan(`${state}, lessons panel`);
  click('已保存');
  const saved = screen.getByRole('region', { name: '已保存的实验' });
  fireEvent.click(within(saved).getByRole('button', { name: '保存当前实验' }));
  finder.scan(`${state}, saved panel`);
  click('快捷键');
  finder.scan(`${state}, shortcuts panel`);
  fireEvent.keyDown(document.body, { key: 'Escape' });
  click('导出');
  finder.scan(`${state}, export menu`);
  fireEvent.click(screen.getAllByRole('button', { name: /导出为 SVG/ })[0]!);
  await waitFor(() => expect(document.querySelector('.dl-export [role="status"]')?.textContent));
  finder.scan(`${state}, export done`);
  // jsdom cannot draw: a PNG fails, and says why.
  fireEvent.click(screen.getAllByRole('button', { name: /导出为 PNG/ })[0]!);
  await waitFor(() =>
    expect(document.querySelector('.dl-export [role="status"]')?.textContent).toMatch(/失败/),
  );
  finder.scan(`${state}, export failed`);
  click('导出');
}

function expectNoEnglish(finder: EnglishFinder): void {
  expect(finder.report()).toEqual([]);
}

describe('the Simplified-Chinese UI has no English left', () => {
  it('ALLOWED removes only what it names', () => {
    expect(englishWords('动量（Momentum）与 SGD 的 Hessian 矩阵 λmax', [])).toEqual([]);
    expect(englishWords('Contour map of 峡谷', [])).toEqual(['Contour', 'map']);
    expect(englishWords('full batch：已走 2 步', ['full batch'])).toEqual([]);
    expect(englishWords('2 steps, diverged', [])).toEqual(['steps', 'diverged']);
    expect(englishWords('导出 data.json', [])).toEqual(['data']);
    expect(englishWords('函数如 sin、log；x cos θ + log(y)', [])).toEqual([]);
    expect(englishWords('f (log)', [])).toEqual(['log']);
  });

  it('in every message of the Chinese catalogues', () => {
    const found = Object.entries({ ...zhCN, ...cnnZhCN }).flatMap(([key, message]) => {
      const words = englishWords(message.replace(/\{\w+\}/g, ' '), []);
      return words.length > 0 ? [`${key}: ${message} [${words.join(' ')}]`] : [];
    });
    expect(found).toEqual([]);
  });

  it('in every lesson’s Chinese text', () => {
    const found: string[] = [];
    let texts = 0;
    for (const lesson of LESSONS) {
      const labels = lesson.steps.flatMap((step) => {
        const experiment = step.experiment as { runs?: Array<{ label?: unknown }> };
        return (experiment.runs ?? []).map((r) => String(r.label));
      });
      const visit = (value: unknown, path: string): void => {
        if (typeof value !== 'object' || value === null) return;
        const record = value as Record<string, unknown>;
        const zh = record['zh-CN'];
        if (typeof zh === 'string' && typeof record['en'] === 'string') {
          texts++;
          const words = englishWords(zh, labels);
          if (words.length > 0) found.push(`${path}: ${zh} [${words.join(' ')}]`);
          return;
        }
        for (const [key, child] of Object.entries(record))
          if (key !== 'experiment') visit(child, `${path}.${key}`);
      };
      visit(lesson, lesson.id);
    }
    expect(found).toEqual([]);
    // Titles, summaries, narrations, tasks and checkpoints of ten lessons were all read.
    expect(texts).toBeGreaterThan(100);
  });

  // Each workspace scan is a long scenario: 15 s alone, over 30 s on a loaded 2-core machine.
  // The bound only stops a hang; nothing here measures speed.
  it('in the surface explorer', async () => {
    const rendered = renderApp({
      fetchJson: async (url) => JSON.parse(readFileSync(`public/${url}`, 'utf8')) as unknown,
    });
    const store = rendered.stores.get('explorer');
    act(() => store.getState().setSpeed(null)); // the blow-up below comes sooner
    const finder = new EnglishFinder(rendered, ['explorer']);
    finder.scan('start');

    await step(store, 3);
    // A live change of each kind the curves mark: a number, a switch, a schedule.
    act(() => {
      store.getState().updateRun('SGD', (r) => ({ ...r, optimizer: { ...r.optimizer, lr: 1.2 } }));
      store.getState().updateRun('momentum', (r) => ({
        ...r,
        optimizer: { kind: 'momentum', lr: 1.2, momentum: 0.6, nesterov: true } as never,
        schedule: { ...r.schedule, kind: 'exponential', gamma: 0.99 } as never,
      }));
    });
    await step(store, 2);
    for (const details of document.querySelectorAll('details')) details.open = true;
    hoverMap();
    // The scenario reaches what it means to read: live-change markers, arrows' tooltips.
    await waitFor(() => {
      expect(texts('.dl-event title').join()).toMatch(/由 .* 改为/);
      expect(texts('.dl-arrow-gradient title').join()).toContain('负梯度');
      expect(texts('.dl-arrow-velocity title').join()).toContain('速度');
    });
    finder.scan('stepped, changed live');
    readCharts(finder, 'stepped');

    // SGD diverges: its panel, the map, the table and the live region say so.
    act(() => {
      store.getState().updateRun('SGD', (r) => ({ ...r, optimizer: { ...r.optimizer, lr: 500 } }));
    });
    // At η = 500 the iterates grow several hundredfold a step and overflow within the budget:
    // ask for all the remaining steps at once and wait for the state, instead of clicking Step
    // against a timeout (some fifty clicks, which a loaded machine cannot make in time).
    act(() => store.getState().step(200));
    await waitFor(() => expect(store.getState().runs['SGD']?.status).toBe('diverged'), {
      timeout: 8000,
    });
    // The map redraws a few times a second: wait for it to mark the diverged run.
    await waitFor(() => expect(texts('.dl-run > title').join()).toContain('已发散'));
    finder.scan('diverged');
    readCharts(finder, 'diverged');

    await visitPanels(finder, 'explorer');

    // An example, a rejected edit, a stopped worker.
    fireEvent.change(screen.getByRole('combobox', { name: '示例' }), {
      target: { value: 'rosenbrock-momentum.json' },
    });
    await waitFor(() => expect(screen.getByText(/已载入|已加载/)).toBeTruthy());
    finder.scan('example loaded');
    act(() => {
      store.getState().editExperiment((e) => ({ ...e, steps: -1 }));
    });
    finder.scan('rejected edit');
    act(() => store.client.crash());
    await waitFor(() => expect(store.getState().workerError).not.toBeNull());
    finder.scan('worker stopped');
    click('重新启动');

    // A custom formula, then a broken one: the error and the last good map.
    fireEvent.change(screen.getByRole('combobox', { name: '曲面' }), {
      target: { value: 'custom' },
    });
    finder.scan('custom formula');
    fireEvent.input(screen.getByRole('textbox', { name: /公式/ }), {
      target: { value: 'x^2 + Y*(y' },
    });
    finder.scan('broken formula');

    // A lesson, then the notices of sharing and of files.
    click('课程');
    fireEvent.click(screen.getAllByRole('button', { name: /^开始课程/ })[0]!);
    finder.scan('lesson');
    fireEvent.click(screen.getByRole('button', { name: '下一步' }));
    finder.scan('lesson, step 2');
    click('退出课程');
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new Error('denied')) },
      configurable: true,
    });
    click('分享链接');
    await screen.findByRole('textbox', { name: '此实验的链接' });
    finder.scan('share link by hand');
    act(() => {
      location.hash = 'e=not*base64';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    finder.scan('damaged link');
    fireEvent.change(screen.getByLabelText('实验文件（JSON）'), {
      target: {
        files: [
          new File(
            // The learner's own words in it (file name, values) are Chinese here.
            ['{"problem":{"kind":"surface","surface":"beale"},"steps":"很多","runs":[]}'],
            '坏文件.json',
          ),
        ],
      },
    });
    await waitFor(() => expect(screen.getAllByRole('alert').length).toBeGreaterThan(0));
    await waitFor(() => expect(document.body.textContent).toContain('坏文件.json'));
    finder.scan('bad file');

    expectNoEnglish(finder);
  }, 90_000);

  it('in the batch lab', async () => {
    const rendered = renderApp({ workspace: 'batch' });
    const store = rendered.stores.get('batch');
    const finder = new EnglishFinder(rendered, ['batch']);
    finder.scan('start');
    await step(store, 3);
    // Live changes of a batch size (to the full batch) and of a switch.
    act(() => {
      store.getState().updateRun('mini-batch 8', (r) => ({ ...r, batchSize: 'all' }));
      store.getState().updateRun('stochastic', (r) => ({
        ...r,
        optimizer: { kind: 'momentum', lr: 0.1, momentum: 0.5, nesterov: false } as never,
      }));
    });
    await step(store, 2);
    act(() => {
      store.getState().updateRun('stochastic', (r) => ({
        ...r,
        optimizer: { ...r.optimizer, nesterov: true } as never,
      }));
    });
    await step(store, 2);
    hoverMap();
    await waitFor(() => {
      expect(texts('.dl-event title').join()).toContain('批量大小');
      expect(texts('.dl-arrow-batchGradient title').join()).toContain('小批量');
    });
    finder.scan('stepped, changed live');
    readCharts(finder, 'steps axis');
    fireEvent.click(screen.getByRole('radio', { name: '处理的样本数' }));
    await step(store, 1);
    finder.scan('samples axis');
    readCharts(finder, 'samples axis');
    const highlight = screen.getByRole('combobox', { name: /高亮/ }) as HTMLSelectElement;
    for (const option of [...highlight.options]) {
      fireEvent.change(highlight, { target: { value: option.value } });
      finder.scan(`highlight ${option.value}`);
    }
    await visitPanels(finder, 'batch');
    expectNoEnglish(finder);
  }, 90_000);

  it('in the CNN lab', async () => {
    const rendered = renderApp({ workspace: 'cnn', experiments: { cnn: tinyExperiment() } });
    const store = rendered.stores.get('cnn');
    const finder = new EnglishFinder(rendered, ['cnn']);
    finder.scan('start');
    await step(store, 6);
    // Filters, probe predictions and the confusion matrix arrive with inspections; each view
    // below the curves is in a tab.
    const tab = (name: string) => fireEvent.click(screen.getByRole('tab', { name }));
    await waitFor(() => expect(document.querySelector('.dl-filter-grid button')).toBeTruthy(), {
      timeout: 8000,
    });
    finder.scan('stepped');
    fireEvent.click(document.querySelector<HTMLButtonElement>('.dl-filter-grid button')!);
    finder.scan('filter selected');
    readCharts(finder, 'stepped');
    tab('混淆矩阵与错例');
    await waitFor(() => expect(document.querySelector('.dl-matrix-plot')).toBeTruthy(), {
      timeout: 8000,
    });
    finder.scan('evaluation');
    tab('各层范数');
    readCharts(finder, 'per-layer norms');
    const lines = screen.getByRole('combobox', { name: '曲线' }) as HTMLSelectElement;
    for (const option of [...lines.options]) {
      fireEvent.change(lines, { target: { value: option.value } });
      finder.scan(`lines ${option.value}`);
    }
    tab('探测图像与特征图');
    finder.scan('probe');
    fireEvent.click(screen.getByRole('radio', { name: /自己画/ }));
    finder.scan('drawing pad');
    await visitPanels(finder, 'cnn');
    expectNoEnglish(finder);
  }, 90_000);

  it('in the CNN lab when the MNIST download fails', async () => {
    const rendered = renderApp({
      workspace: 'cnn',
      fetchBytes: () => Promise.reject(new Error('HTTP 404')),
    });
    const finder = new EnglishFinder(rendered, ['cnn']);
    await screen.findByRole('button', { name: /重试/ });
    finder.scan('download failed');
    expectNoEnglish(finder);
  });
});
