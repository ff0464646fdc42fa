/**
 * React glue shared by the plots: frame-coalesced drawing from a live source, container width.
 * The plots do not animate anything (no transitions), so there is no motion to reduce.
 */
import { useEffect, useState, type RefObject } from 'react';
import { cancelFrame, requestFrame, type FrameHandle } from './frame.ts';
import type { LiveSource } from './source.ts';

/**
 * Draws `source`'s value imperatively: once right away, then at most once per animation frame
 * after any number of changes. Re-subscribes (and redraws at once) when `source` or `draw`
 * changes, so `draw` should be memoised with useCallback over what it reads. On unmount the
 * pending frame is cancelled and the subscription dropped. Never causes a React render itself.
 */
export function useLiveDraw<T>(
  source: LiveSource<T> | null | undefined,
  draw: (value: T) => void,
): void {
  useEffect(() => {
    if (!source) return undefined;
    let pending: FrameHandle | null = null;
    let active = true;
    const run = () => {
      pending = null;
      if (active) draw(source.get());
    };
    run();
    const unsubscribe = source.subscribe(() => {
      if (pending === null && active) pending = requestFrame(run);
    });
    return () => {
      active = false;
      unsubscribe();
      if (pending !== null) cancelFrame(pending);
    };
  }, [source, draw]);
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
