/**
 * React glue shared by the plots: frame-coalesced drawing from a live source, container width.
 * The plots do not animate anything (no transitions), so there is no motion to reduce.
 */
import { useEffect, useState, type RefObject } from 'react';
import { cancelDraw, queueDraw } from './frame.ts';
import type { LiveSource } from './source.ts';

/** Fired on a live plot's element to make it draw pending data now (e.g. before an export). */
export const FLUSH_EVENT = 'dl-flush';

/** Marks the elements that listen for {@link FLUSH_EVENT}. */
export const LIVE_DRAW_ATTRIBUTE = 'data-live-draw';

/** Makes every live plot in or around `root` draw its pending data now. */
export function flushLiveDraws(root: Element): void {
  const plots = [root, ...root.querySelectorAll(`[${LIVE_DRAW_ATTRIBUTE}]`)];
  for (const plot of plots) plot.dispatchEvent(new Event(FLUSH_EVENT));
}

/**
 * Draws `source`'s value imperatively: once right away, then at most once per animation frame
 * after any number of changes, taking turns with the page's other plots ({@link queueDraw}).
 * Re-subscribes (and redraws at once) when `source` or `draw` changes, so `draw` should be
 * memoised with useCallback over what it reads. On unmount the queued draw is dropped and the
 * subscription too. Never causes a React render itself.
 *
 * With `element`, changes that arrive while the element is scrolled out of view (or hidden)
 * are drawn once when it comes back: off-screen plots cost nothing while training streams.
 * A {@link FLUSH_EVENT} on the element draws them at once.
 */
export function useLiveDraw<T>(
  source: LiveSource<T> | null | undefined,
  draw: (value: T) => void,
  element?: RefObject<Element | null>,
): void {
  useEffect(() => {
    if (!source) return undefined;
    const target = element?.current ?? null;
    let active = true;
    let visible = true;
    let stale = false;
    const run = () => {
      stale = false;
      if (active) draw(source.getState());
    };
    run();
    const unsubscribe = source.subscribe(() => {
      stale = true;
      if (visible && active) queueDraw(run);
    });
    const flush = () => {
      if (!stale) return;
      cancelDraw(run);
      run();
    };
    let observer: IntersectionObserver | null = null;
    if (target && typeof IntersectionObserver !== 'undefined') {
      observer = new IntersectionObserver((entries) => {
        const entry = entries[entries.length - 1];
        if (!entry) return;
        visible = entry.isIntersecting;
        if (visible && stale) queueDraw(run);
      });
      observer.observe(target);
    }
    target?.addEventListener(FLUSH_EVENT, flush);
    target?.setAttribute(LIVE_DRAW_ATTRIBUTE, '');
    return () => {
      active = false;
      unsubscribe();
      observer?.disconnect();
      target?.removeEventListener(FLUSH_EVENT, flush);
      cancelDraw(run);
    };
  }, [source, draw, element]);
}

/**
 * The content-box width of `ref`'s element in CSS pixels, following it with a ResizeObserver
 * where one exists (not in jsdom); `fallback` until the first measurement or without observer.
 * Widths are rounded to whole pixels so sub-pixel jitter does not re-render.
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined && w > 0) setWidth(Math.round(w));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width ?? fallback;
}

/**
 * The content-box size of `ref`'s element in CSS pixels (whole pixels), following it with a
 * ResizeObserver; null until the first measurement or without an observer (jsdom).
 */
export function useElementSize(
  ref: RefObject<HTMLElement | null>,
): { width: number; height: number } | null {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver((entries) => {
      const rect = entries[0]?.contentRect;
      if (!rect) return;
      const width = Math.round(rect.width);
      const height = Math.round(rect.height);
      setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** Inline style that hides content visually but keeps it for screen readers. */
export const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

/** Font size of plot text; themes (e.g. large-text mode) override --dl-plot-font-size. */
export const PLOT_FONT = 'var(--dl-plot-font-size, 11px)';

/**
 * The plot font size in CSS pixels at `ref`'s element (--dl-plot-font-size), read again
 * whenever `measured` changes (presenter mode changes both the font and the plot's size);
 * 11 until read, or where no value is set (jsdom).
 */
export function usePlotFontPx(ref: RefObject<HTMLElement | null>, measured: unknown): number {
  const [px, setPx] = useState(11);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const value = parseFloat(getComputedStyle(element).getPropertyValue('--dl-plot-font-size'));
    if (Number.isFinite(value) && value > 0) setPx(value);
  }, [ref, measured]);
  return px;
}
