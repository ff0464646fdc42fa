// @vitest-environment jsdom
/**
 * The classroom over the real app: lessons driving the workspaces, language switch, share
 * link, file import, saved experiments, keyboard shortcuts and the run-status live region.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateExperiment } from '../../src/core/config/validate.ts';
import { findLesson } from '../../src/core/lessons/index.ts';
import { setLocale } from '../../src/i18n/index.ts';
import { encodeExperiment, readShareHash } from '../../src/store/share.ts';
import { classroomStore } from '../../src/ui/classroom/classroomStore.ts';
import { renderApp, setUpUiTests } from './uiSupport.tsx';

setUpUiTests();

beforeEach(() => {
  localStorage.clear();
  classroomStore.setState({ lesson: null, presenter: false, panel: null, notices: [] });
  setLocale('en');
});
afterEach(() => {
  setLocale('en');
});

const lessonRegion = () => screen.getByRole('region', { name: /^(Gradient descent|梯度下降)$/ });

function stepConfig(lessonId: string, index: number) {
  const result = validateExperiment(findLesson(lessonId)!.steps[index]!.experiment);
  if (!result.ok) throw new Error('invalid lesson step');
  return result.value;
}

describe('lessons', () => {
  it('walk a lesson: load each step’s experiment, detect the checkpoint, go on and back', async () => {
    const { stores } = renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Lessons' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start lesson: Gradient descent' }));
    const lesson = lessonRegion();
    expect(within(lesson).getByText('Step 1 of 3')).toBeTruthy();
    expect(
      within(lesson).getByRole('heading', { name: 'Downhill, one step at a time' }),
    ).toBeTruthy();
    expect(stores.get('explorer').getState().experiment).toEqual(stepConfig('gradient-descent', 0));
    expect(within(lesson).getByText('Not reached yet')).toBeTruthy();
    // Play (from the keyboard) until the checkpoint "loss below 0.05" is detected.
    fireEvent.keyDown(document.body, { key: ' ' });
    await waitFor(() => expect(within(lesson).getByText('Reached!')).toBeTruthy(), {
      timeout: 8000,
    });
    expect(within(lesson).getByText(/Each step is perpendicular/)).toBeTruthy();
    fireEvent.click(within(lesson).getByRole('button', { name: 'Next' }));
    expect(within(lesson).getByText('Step 2 of 3')).toBeTruthy();
    expect(stores.get('explorer').getState().experiment).toEqual(stepConfig('gradient-descent', 1));
    expect(within(lesson).getByText('Not reached yet')).toBeTruthy();
    expect(
      within(lesson).getByRole('button', { name: 'Go to step 2' }).getAttribute('aria-current'),
    ).toBe('step');
    fireEvent.keyDown(document.body, { key: 'PageUp' });
    expect(await within(lesson).findByText('Step 1 of 3')).toBeTruthy();
    // The progress survives a reload.
    expect(JSON.parse(localStorage.getItem('descent-lab.lesson')!)).toEqual({
      lessonId: 'gradient-descent',
      step: 0,
    });
    fireEvent.click(within(lesson).getByRole('button', { name: 'Leave lesson' }));
    expect(screen.queryByRole('region', { name: 'Gradient descent' })).toBeNull();
  });

  it('records a prediction before Play and shows it against the outcome; presenter mode reveals on demand', async () => {
    renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Lessons' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start lesson: Gradient descent' }));
    const lesson = lessonRegion();
    fireEvent.click(within(lesson).getByRole('button', { name: 'Go to step 2' }));
    const box = within(lesson).getByRole('group', { name: 'Predict' });
    const commit = within(box).getByRole('button', { name: 'Commit prediction' });
    expect((commit as HTMLButtonElement).disabled).toBe(true);
    // The wrong answer: along the shallow direction η = 0.05 shrinks by 0.9875, η = 0.3 by 0.925.
    fireEvent.click(within(box).getByRole('radio', { name: 'η = 0.05' }));
    fireEvent.click(commit);
    expect(within(box).getByText('Your prediction: η = 0.05.')).toBeTruthy();
    expect((within(box).getByRole('radio', { name: 'η = 0.3' }) as HTMLInputElement).disabled).toBe(
      true,
    );
    act(() => classroomStore.setState({ presenter: true }));
    fireEvent.keyDown(document.body, { key: ' ' });
    // Presenter mode: the answer waits for the runs to end, then for Reveal.
    const reveal = await waitFor(
      () => within(box).getByRole('button', { name: 'Reveal the answer' }),
      { timeout: 20000 },
    );
    expect(within(box).queryByText(/What happened/)).toBeNull();
    fireEvent.click(reveal);
    expect(within(box).getByText('What happened: η = 0.3.')).toBeTruthy();
    expect(within(box).getByText(/Not what you predicted/)).toBeTruthy();
  }, 30000);

  it('asks for a point on the map: a click (or typed coordinates) places the guess, not the start', async () => {
    const { stores } = renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Lessons' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start lesson: When momentum hurts' }));
    const lesson = screen.getByRole('region', { name: 'When momentum hurts' });
    const box = within(lesson).getByRole('group', { name: 'Predict' });
    const commit = within(box).getByRole('button', { name: 'Commit prediction' });
    expect((commit as HTMLButtonElement).disabled).toBe(true);
    const startBefore = stores.get('explorer').getState().experiment.problem;
    // A click on the map places the guess (ringed and named on the map) and moves no start.
    await waitFor(() => expect(document.querySelector('.dl-map-picking')).toBeTruthy());
    const map = screen.getByTestId('loss-map').querySelector(':scope > svg')!;
    fireEvent.click(map, { clientX: 200, clientY: 120 });
    expect(stores.get('explorer').getState().experiment.problem).toEqual(startBefore);
    expect(screen.getByRole('img', { name: /^Your prediction \(/ })).toBeTruthy();
    // The keyboard way: type the coordinates (they replace the clicked point).
    fireEvent.input(within(box).getByRole('textbox', { name: 'Your point’s x' }), {
      target: { value: '3.5' },
    });
    fireEvent.input(within(box).getByRole('textbox', { name: 'Your point’s y' }), {
      target: { value: '-1.6' },
    });
    expect(screen.getByRole('img', { name: 'Your prediction (3.5, -1.6)' })).toBeTruthy();
    fireEvent.click(commit);
    expect(within(box).getByText('Your prediction: (3.5, -1.6).')).toBeTruthy();
    // Committed: clicks move the start again.
    fireEvent.keyDown(document.body, { key: ' ' });
    // Hand-traced heavy ball (η = 0.5, γ = 0.9, κ = 1) from x = −4: −2, 0.8, 2.92, 3.368, 2.088…
    // so the swing turns round at (3.368, −1.684), 0.18 from the guess (radius 1.1).
    await waitFor(
      () => expect(within(box).getByText(/What happened: the run reached/)).toBeTruthy(),
      {
        timeout: 20000,
      },
    );
    expect(within(box).getByText(/\(3\.37, -1\.68\)|\(3\.368, -1\.684\)/)).toBeTruthy();
    expect(within(box).getByText(/Your prediction was right/)).toBeTruthy();
    // The map draws the outcome in an effect, a frame after the text.
    expect(await screen.findByRole('img', { name: /^Where the run went \(3\.37?/ })).toBeTruthy();
  }, 30000);

  it('switches to the workspace a step needs', async () => {
    const { stores } = renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Lessons' }));
    fireEvent.click(screen.getByRole('button', { name: /Start lesson: Batch, mini-batch/ }));
    expect(screen.getByRole('tab', { name: 'Batch lab' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(stores.get('batch').getState().experiment).toEqual(stepConfig('batch-size', 0));
  });

  it('speaks Chinese after the switch, lesson and all', () => {
    renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Lessons' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start lesson: Gradient descent' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), {
      target: { value: 'zh-CN' },
    });
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(localStorage.getItem('descent-lab.locale')).toBe('zh-CN');
    const lesson = lessonRegion();
    expect(within(lesson).getByText('第 1 步，共 3 步')).toBeTruthy();
    expect(within(lesson).getByRole('heading', { name: '一步一步走下坡' })).toBeTruthy();
    expect(within(lesson).getByRole('button', { name: '下一步' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '分享链接' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: '语言' })).toBeTruthy();
  });

  it('has a presenter mode with large type that Escape leaves', () => {
    renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Lessons' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start lesson: Gradient descent' }));
    fireEvent.click(screen.getByRole('button', { name: 'Presenter mode' }));
    expect(document.documentElement.classList.contains('dl-presenter')).toBe(true);
    // Controls are minimal: the share and export tools give way to one exit button.
    expect(screen.queryByRole('button', { name: 'Share link' })).toBeNull();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(document.documentElement.classList.contains('dl-presenter')).toBe(false);
  });
});

describe('keyboard shortcuts', () => {
  it('Space plays and pauses, → steps, R resets — but not while typing', async () => {
    const { stores } = renderApp();
    const store = stores.get('explorer');
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(store.getState().playing).toBe(true);
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(store.getState().playing).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Saved' }));
    const name = screen.getByRole('textbox', { name: 'Name' });
    fireEvent.keyDown(name, { key: ' ' });
    fireEvent.keyDown(name, { key: 'r' });
    expect(store.getState().playing).toBe(false);
    const step = vi.spyOn(store.getState(), 'step');
    const reset = vi.spyOn(store.getState(), 'reset');
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    fireEvent.keyDown(document.body, { key: 'r' });
    expect(step).toHaveBeenCalledWith(1);
    expect(reset).toHaveBeenCalledTimes(1);
    // A focused button keeps its own Space.
    fireEvent.keyDown(screen.getByRole('button', { name: 'Share link' }), { key: ' ' });
    expect(store.getState().playing).toBe(false);
  });

  it('? shows the list of shortcuts', () => {
    renderApp();
    fireEvent.keyDown(document.body, { key: '?' });
    const list = screen.getByRole('region', { name: 'Keyboard shortcuts' });
    expect(within(list).getByText('Play or pause')).toBeTruthy();
    expect(within(list).getByText('Space')).toBeTruthy();
    fireEvent.click(within(list).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Keyboard shortcuts' })).toBeNull();
  });

  it('announces started, paused and diverged in a live region', async () => {
    const { stores } = renderApp({
      experiments: {
        explorer: {
          problem: { kind: 'surface', surface: 'quadratic', params: { conditionNumber: 10 } },
          steps: 1_000_000,
          runs: [
            { label: 'slow', optimizer: { kind: 'sgd', lr: 0.01 } },
            { label: 'too fast', optimizer: { kind: 'sgd', lr: 3 } },
          ],
        },
      },
    });
    const live = () =>
      [...document.querySelectorAll('[aria-live="polite"]')].map((e) => e.textContent).join(' ');
    // As fast as it goes, so the blow-up comes within the wait below.
    act(() => stores.get('explorer').getState().setSpeed(null));
    fireEvent.keyDown(document.body, { key: ' ' });
    await waitFor(() => expect(live()).toContain('Training started.'));
    await waitFor(() => expect(live()).toMatch(/Run “too fast” diverged: loss became Infinity/), {
      timeout: 8000,
    });
    fireEvent.keyDown(document.body, { key: ' ' });
    await waitFor(() => expect(live()).toMatch(/Paused at step \d/));
  });
});

describe('sharing and files', () => {
  it('copies a link that opens the exact experiment', async () => {
    const { stores } = renderApp();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.click(screen.getByRole('button', { name: 'Share link' }));
    await waitFor(() => expect(screen.getByText(/Link copied/)).toBeTruthy());
    const url = new URL((writeText.mock.calls[0] as unknown as [string])[0]);
    expect(readShareHash(url.hash)).toEqual({
      ok: true,
      value: stores.get('explorer').getState().experiment,
    });
  });

  it('shows the link to copy by hand when the clipboard refuses', async () => {
    renderApp();
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new Error('denied')) },
      configurable: true,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Share link' }));
    const field = (await screen.findByRole('textbox', {
      name: 'Link to this experiment',
    })) as HTMLInputElement;
    expect(field.value).toMatch(/#e=[A-Za-z0-9_-]+$/);
  });

  it('opens a pasted link, and refuses a damaged one with a message', async () => {
    const { stores } = renderApp();
    const experiment = stepConfig('batch-size', 0);
    act(() => {
      location.hash = `e=${encodeExperiment(experiment)}`;
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    // The link codec is fetched on the first link read, then the experiment opens.
    await waitFor(() => expect(stores.get('batch').getState().experiment).toEqual(experiment));
    expect(screen.getByRole('tab', { name: 'Batch lab' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(location.hash).toBe('');
    act(() => {
      location.hash = 'e=not*base64';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    const said = (await screen.findByRole('alert')).textContent;
    expect(said).toMatch(/could not be opened.*damaged/s);
    // What happened: the experiment on screen stays (not "the default experiment is shown").
    expect(said).toContain('the experiment on screen is unchanged');
    expect(said).not.toContain('default experiment');
    expect(stores.get('batch').getState().experiment).toEqual(experiment);
  });

  const upload = (file: File) =>
    fireEvent.change(screen.getByLabelText('Experiment file (JSON)'), {
      target: { files: [file] },
    });

  it('imports an experiment file into its workspace', async () => {
    const { stores } = renderApp();
    const experiment = stepConfig('batch-size', 0);
    upload(new File([JSON.stringify(experiment)], 'race.json', { type: 'application/json' }));
    await waitFor(() => expect(stores.get('batch').getState().experiment).toEqual(experiment));
    expect(screen.getByText('Opened “race.json”.')).toBeTruthy();
  });

  it('refuses an invalid or oversized file, naming the field, and keeps the experiment', async () => {
    const { stores } = renderApp();
    const before = stores.get('explorer').getState().experiment;
    upload(
      new File(
        ['{"problem":{"kind":"surface","surface":"beale"},"steps":"many","runs":[]}'],
        'bad.json',
      ),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/“bad.json” was not opened/);
    expect(alert.textContent).toContain('steps: must be a finite number');
    const big = new File(['x'.repeat(300 * 1024)], 'big.json');
    upload(big);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/300 kB/));
    expect(stores.get('explorer').getState().experiment).toBe(before);
  });
});

describe('saved experiments', () => {
  it('save, rename, open and delete (with a second press)', async () => {
    const { stores } = renderApp();
    const store = stores.get('explorer');
    const original = store.getState().experiment;
    fireEvent.click(screen.getByRole('button', { name: 'Saved' }));
    const panel = screen.getByRole('region', { name: 'Saved experiments' });
    expect(within(panel).getByText('No saved experiments yet.')).toBeTruthy();
    fireEvent.input(within(panel).getByRole('textbox', { name: 'Name' }), {
      target: { value: 'Ravine demo' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save current' }));
    expect(within(panel).getByText('Saved “Ravine demo”.')).toBeTruthy();
    expect(within(panel).getByText('Ravine demo', { selector: '.dl-saved-name' })).toBeTruthy();

    fireEvent.click(within(panel).getByRole('button', { name: 'Rename Ravine demo' }));
    fireEvent.input(within(panel).getByRole('textbox', { name: 'New name for “Ravine demo”' }), {
      target: { value: 'Valley' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Rename' }));
    expect(within(panel).getByText('Valley', { selector: '.dl-saved-name' })).toBeTruthy();

    store.getState().loadExperiment(stepConfig('gradient-descent', 0));
    fireEvent.click(within(panel).getByRole('button', { name: 'Open Valley' }));
    expect(store.getState().experiment).toEqual(original);

    fireEvent.click(within(panel).getByRole('button', { name: 'Delete Valley' }));
    expect(within(panel).getByText('Delete “Valley”? This cannot be undone.')).toBeTruthy();
    expect(within(panel).getByText('Valley', { selector: '.dl-saved-name' })).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: 'Delete Valley' }));
    expect(within(panel).getByText('No saved experiments yet.')).toBeTruthy();
  });

  it('a failing area says so, the rest keeps working, and its data can be set aside', () => {
    const { stores } = renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Saved' }));
    const panel = screen.getByRole('region', { name: 'Saved experiments' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save current' }));
    fireEvent.click(screen.getByRole('button', { name: 'Saved' }));
    // Any failure while drawing the list (here: the date formatter) stays inside its area.
    const format = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function () {
      return {
        format() {
          throw new RangeError('Invalid time value');
        },
      } as unknown as Intl.DateTimeFormat;
    });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    fireEvent.click(screen.getByRole('button', { name: 'Saved' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(
      'This part of the page could not be shown: Invalid time value',
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Batch lab' }));
    expect(screen.getByRole('tab', { name: 'Batch lab' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(stores.get('batch').getState().experiment.problem.kind).toBe('regression');
    fireEvent.click(
      within(alert).getByRole('button', { name: 'Set the saved experiments aside and try again' }),
    );
    format.mockRestore();
    quiet.mockRestore();
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Saved' }));
    const reopened = screen.getByRole('region', { name: 'Saved experiments' });
    expect(within(reopened).getByText(/1 saved entries could not be read/)).toBeTruthy();
    expect(within(reopened).getByRole('button', { name: 'Download them' })).toBeTruthy();
  });

  it('says so when storage is full, and keeps the experiment', () => {
    renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Saved' }));
    const panel = screen.getByRole('region', { name: 'Saved experiments' });
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    fireEvent.input(within(panel).getByRole('textbox', { name: 'Name' }), {
      target: { value: 'Big' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save current' }));
    expect(within(panel).getByText(/Storage is full, so “Big” was not saved/)).toBeTruthy();
    setItem.mockRestore();
  });

  it('autosaves the current experiment a moment after a change', async () => {
    const { stores } = renderApp();
    const experiment = stepConfig('gradient-descent', 1);
    act(() => stores.get('explorer').getState().loadExperiment(experiment));
    await waitFor(
      () => {
        const saved = JSON.parse(localStorage.getItem('descent-lab.autosave.explorer') ?? '{}') as {
          experiment?: unknown;
        };
        expect(saved.experiment).toEqual(experiment);
      },
      { timeout: 3000 },
    );
  });
});

describe('export menu', () => {
  it('offers the experiment, the histories and every plot on screen', async () => {
    const { stores } = renderApp();
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:test';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(screen.getAllByRole('button', { name: /as SVG$/ }).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Run histories (.csv)' }));
    await waitFor(() => expect(screen.getByText(/Nothing to export yet/)).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Experiment (.json)' }));
    await waitFor(() =>
      expect(screen.getByText(/Saved descent-lab-quadratic-.*\.json/)).toBeTruthy(),
    );
    expect(JSON.parse(await blobs[0]!.text())).toEqual(
      stores.get('explorer').getState().experiment,
    );
    act(() => stores.get('explorer').getState().step(3));
    await waitFor(() => expect(stores.get('explorer').live.series('SGD').count).toBeGreaterThan(0));
    fireEvent.click(screen.getByRole('button', { name: 'Run histories (.csv)' }));
    await waitFor(() => expect(blobs).toHaveLength(2));
    const csv = await blobs[1]!.text();
    expect(csv.split('\n')[0]).toMatch(/^run,step,loss,params_0,params_1,grad_0,grad_1,lr/);
    expect(csv).toMatch(/\nSGD,0,/);
  });
});
