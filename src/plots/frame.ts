/**
 * Animation-frame scheduling with a timer fallback (Node, old jsdom), read at call time so
 * tests can fake `requestAnimationFrame`.
 */

/** Opaque handle of a scheduled frame callback. */
export type FrameHandle =
  { readonly raf: number } | { readonly timer: ReturnType<typeof setTimeout> };

/** Runs `callback` before the next repaint (or after ≈16 ms where there is no repaint). */
export function requestFrame(callback: () => void): FrameHandle {
  if (typeof requestAnimationFrame === 'function') {
    return { raf: requestAnimationFrame(() => callback()) };
  }
  return { timer: setTimeout(callback, 16) };
}

/** Cancels a callback scheduled with {@link requestFrame}; harmless if it already ran. */
export function cancelFrame(handle: FrameHandle): void {
  if ('raf' in handle) {
    if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(handle.raf);
  } else {
    clearTimeout(handle.timer);
  }
}
