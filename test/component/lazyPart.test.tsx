// @vitest-environment jsdom
/**
 * A part fetched on first use: a placeholder in its place while it loads, the part when it
 * arrives, and a message with a retry (never a blank area) when it cannot be fetched.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyPart } from '../../src/ui/lazyPart.tsx';

afterEach(cleanup);

/** A load the test resolves or rejects by hand. */
function controlledLoad() {
  const attempts: Array<{
    resolve: (c: (p: { name: string }) => string) => void;
    reject: (e: Error) => void;
  }> = [];
  const load = () =>
    new Promise<(p: { name: string }) => string>((resolve, reject) => {
      attempts.push({ resolve, reject });
    });
  return { load, attempts };
}

describe('lazyPart', () => {
  it('holds the place while loading, then shows the part with its props', async () => {
    const { load, attempts } = controlledLoad();
    const part = lazyPart(load, { className: 'dl-workspace-placeholder' });
    const { container } = render(<part.Component name="explorer" />);
    const placeholder = screen.getByRole('status');
    expect(placeholder.className).toBe('dl-workspace-placeholder dl-part-loading');
    expect(placeholder.textContent).toBe('Loading…');
    expect(attempts).toHaveLength(1);
    await act(async () => attempts[0]!.resolve((p) => `part for ${p.name}`));
    expect(container.textContent).toBe('part for explorer');
    // Once in, it renders at once, without a placeholder.
    cleanup();
    const again = render(<part.Component name="again" />);
    expect(again.container.textContent).toBe('part for again');
    expect(attempts).toHaveLength(1);
  });

  it('says so when the part cannot be fetched, and fetches again on retry', async () => {
    const { load, attempts } = controlledLoad();
    const part = lazyPart(load, { className: 'dl-panel', as: 'section' });
    const { container } = render(<part.Component name="lessons" />);
    await act(async () => attempts[0]!.reject(new Error('Failed to fetch')));
    const alert = screen.getByRole('alert');
    expect(alert.tagName).toBe('SECTION');
    expect(alert.textContent).toMatch(/could not be fetched .* Check the connection/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(attempts).toHaveLength(2);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    await act(async () => attempts[1]!.resolve((p) => `part for ${p.name}`));
    expect(container.textContent).toBe('part for lessons');
  });
});
