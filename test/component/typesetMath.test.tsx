// @vitest-environment jsdom
/**
 * Formulas are typeset as MathML (temml), not shown as TeX or plain-text strings: in a lesson's
 * text, in the theory panel and in field hints. Built as DOM nodes, so no inline style
 * attribute and no HTML string is involved (the strict CSP holds).
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import temml from 'temml';
import { describe, expect, it } from 'vitest';
import { LESSONS, findLesson } from '../../src/core/lessons/index.ts';
import { parseMarkup } from '../../src/core/lessons/markup.ts';
import { RichText } from '../../src/ui/RichText.tsx';
import { renderApp, setUpUiTests } from './uiSupport.tsx';

setUpUiTests();

/** The leaves of a MathML tree as tag:text, spacing elements left out. */
function leaves(math: Element): string[] {
  return [...math.querySelectorAll('mi, mo, mn, mtext')]
    .filter((e) => e.children.length === 0)
    .map((e) => `${e.localName}:${e.textContent}`);
}

describe('typeset mathematics', () => {
  it('renders the update rule of lesson 1 as MathML with the right structure', async () => {
    const narration = findLesson('gradient-descent')!.steps[0]!.narration.en;
    const line = narration.split('\n\n').find((p) => p.includes('\\leftarrow'))!;
    const { container } = render(
      <p>
        <RichText text={line} />
      </p>,
    );
    const math = await waitFor(() => {
      const m = [...container.querySelectorAll('math')].find((e) => e.textContent?.includes('←'));
      expect(m).toBeDefined();
      return m!;
    });
    // θ ← θ − η ∇f(θ), read off the formula itself.
    expect(leaves(math)).toEqual([
      'mi:θ',
      'mo:←',
      'mi:θ',
      'mo:−',
      'mi:η',
      'mo:∇',
      'mi:f',
      'mo:(',
      'mi:θ',
      'mo:)',
    ]);
    // The prose around it stays prose; no TeX source is left on the page.
    expect(container.textContent).toContain('Gradient descent takes a step the other way');
    expect(container.textContent).not.toMatch(/\$|\\leftarrow|\\theta/);
    expect(container.querySelector('[style]:not(math *, math)')).toBeNull();
  });

  it('keeps the punctuation after a formula on its line, and nothing else', async () => {
    const { container } = render(
      <p>
        <RichText text={'with $\\eta$, the rate, and $x$ alone; then $y$。下一句'} />
      </p>,
    );
    await waitFor(() => expect(container.querySelectorAll('math')).toHaveLength(3));
    const glued = [...container.querySelectorAll('.dl-nowrap')];
    // η with its comma, y with the Chinese full stop; x is followed by a space, not glued.
    expect(glued.map((g) => g.textContent)).toEqual(['η,', 'y。']);
    expect(glued.every((g) => g.querySelector('math'))).toBe(true);
    // The words themselves are all there, once, in order.
    expect(container.textContent).toBe('with η, the rate, and x alone; then y。下一句');
  });

  it('typesets every formula of the lesson catalogue without an error', () => {
    let count = 0;
    const visit = (value: unknown): void => {
      if (typeof value === 'string') {
        for (const run of parseMarkup(value))
          if (run.kind === 'math') {
            count++;
            expect(() => temml.renderToString(run.value, { throwOnError: true })).not.toThrow();
          }
      } else if (value && typeof value === 'object')
        for (const [key, child] of Object.entries(value)) if (key !== 'experiment') visit(child);
    };
    visit(LESSONS);
    expect(count).toBeGreaterThan(50);
  });

  it('shows the Hessian as a symmetric 2×2 matrix and λmax with a subscript in the theory panel', async () => {
    renderApp({
      experiments: {
        explorer: {
          problem: { kind: 'surface', surface: 'rosenbrock', start: [1, 1] },
          steps: 10,
          runs: [{ label: 'SGD', optimizer: { kind: 'sgd', lr: 0.001 } }],
        },
      },
    });
    const theory = screen.getByRole('region', { name: 'Theory' });
    // Rosenbrock at (1, 1): H = [[802, −400], [−400, 200]].
    const table = await waitFor(() => {
      const t = theory.querySelector('math mtable');
      expect(t).not.toBeNull();
      return t!;
    });
    const cells = [...table.querySelectorAll('mtr')].map((row) =>
      [...row.querySelectorAll('mtd')].map((cell) => cell.textContent?.trim()),
    );
    expect(cells).toEqual([
      ['802', '−400'],
      ['−400', '200'],
    ]);
    const subscripts = [...theory.querySelectorAll('msub')].map((s) =>
      s.textContent?.replace('\u2061', ''),
    );
    expect(subscripts).toContain('λmax');
    expect(within(theory).queryByText(/\\lambda/)).toBeNull();
  });
});
