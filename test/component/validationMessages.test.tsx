// @vitest-environment jsdom
/**
 * Validation messages follow the UI language: a rejected edit in the error banner, an invalid
 * file's notice and a broken example's status are kept as coded issues and re-worded when the
 * language is switched while they are on screen.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../src/i18n/index.ts';
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

/** English prose a Chinese message must not contain. */
const ENGLISH = /\b(must|got|finite|numbers|within|not applied|an array)\b/;

describe('validation messages in the UI language', () => {
  it('a rejected edit in the error banner is re-worded when the language switches', async () => {
    const { stores } = renderApp();
    // |x| ≤ 1e6: a start at x = 5,000,000 is refused by validation.
    const startX = screen.getByRole('spinbutton', { name: 'Start x' });
    fireEvent.input(startX, { target: { value: '5000000' } });
    fireEvent.keyDown(startX, { key: 'Enter' });
    const banner = await screen.findByText('That change was not applied:');
    const alert = banner.closest('[role="alert"]') as HTMLElement;
    expect(alert.textContent).toContain(
      'That change was not applied: problem.start: must be two finite numbers [x, y] within ±1,000,000 (got an array of 2)',
    );
    expect(stores.get('explorer').getState().experiment.problem).toMatchObject({
      start: expect.not.arrayContaining([5_000_000]),
    });

    act(() => setLocale('zh-CN'));
    const chinese = screen.getByText('此修改未被应用：').closest('[role="alert"]') as HTMLElement;
    expect(chinese.textContent).toContain(
      '字段 problem.start：必须是两个有限数值 [x, y]，且绝对值不超过 1,000,000（实际为含 2 项的数组）',
    );
    expect(chinese.textContent).not.toMatch(ENGLISH);
    expect(within(chinese).getByRole('button', { name: '关闭' })).toBeTruthy();

    act(() => setLocale('en'));
    expect(screen.getByText('That change was not applied:')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('That change was not applied:')).toBeNull();
    expect(stores.get('explorer').getState().editError).toBeNull();
  });

  it('an invalid file’s notice lists its issues in the current language', async () => {
    renderApp();
    fireEvent.change(screen.getByLabelText('Experiment file (JSON)'), {
      target: {
        files: [
          new File(
            ['{"problem":{"kind":"surface","surface":"beale"},"steps":"many","runs":[]}'],
            'bad.json',
          ),
        ],
      },
    });
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('“bad.json”'));
    const items = () =>
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent);
    expect(items()).toEqual([
      'steps: must be a finite number (got "many")',
      'runs: must be a list of 1 to 6 runs (got an array of 0)',
    ]);

    act(() => setLocale('zh-CN'));
    expect(items()).toEqual([
      '字段 steps：必须是有限的数值（实际为 "many"）',
      '字段 runs：必须是包含 1 到 6 项的运行列表（实际为含 0 项的数组）',
    ]);
  });

  it('an example that fails validation says why, in the current language', async () => {
    renderApp({
      // Every example comes back with a learning rate out of range.
      fetchJson: () =>
        Promise.resolve({
          problem: { kind: 'surface', surface: 'beale' },
          runs: [{ label: 'SGD', optimizer: { kind: 'sgd', lr: -1 } }],
        }),
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Example' }), {
      target: { value: 'ravine-sgd-vs-momentum.json' },
    });
    const status = await screen.findByText(/^Could not open/);
    expect(status.textContent).toBe(
      'Could not open “Ravine: SGD vs momentum”: runs[0].optimizer.lr: must be ≥ 0 and ≤ 1,000,000 (got -1)',
    );
    act(() => setLocale('zh-CN'));
    expect(status.textContent).toContain(
      '字段 runs[0].optimizer.lr：必须 ≥ 0 且 ≤ 1,000,000（实际为 -1）',
    );
    expect(status.textContent).not.toMatch(ENGLISH);
  });
});
