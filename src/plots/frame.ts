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

/**
 * Time one animation frame spends on queued draws before it leaves the rest to the next frame
 * (ms). The first job of a frame always runs, so every plot keeps drawing.
 */
export const FRAME_BUDGET_MS = 8;

const drawQueue: Array<() => void> = [];
let drawFrame: FrameHandle | null = null;

/**
 * Runs `job` in an animation frame shared by every live plot of the page, oldest first, within
 * {@link FRAME_BUDGET_MS}: when many plots have new data at once, their redraws spread over
 * several frames instead of piling into one long task. Queuing a job already queued does nothing.
 */
export function queueDraw(job: () => void): void {
  if (!drawQueue.includes(job)) drawQueue.push(job);
  if (drawFrame === null) drawFrame = requestFrame(runDrawQueue);
}

/** Takes `job` off the queue (e.g. its plot unmounted); the frame is cancelled when none is left. */
export function cancelDraw(job: () => void): void {
  const i = drawQueue.indexOf(job);
  if (i >= 0) drawQueue.splice(i, 1);
  if (drawQueue.length === 0 && drawFrame !== null) {
    cancelFrame(drawFrame);
    drawFrame = null;
  }
}

function runDrawQueue(): void {
  drawFrame = null;
  const start = performance.now();
  try {
    do drawQueue.shift()?.();
    while (drawQueue.length > 0 && performance.now() - start < FRAME_BUDGET_MS);
  } finally {
    if (drawQueue.length > 0) drawFrame = requestFrame(runDrawQueue);
  }
}
