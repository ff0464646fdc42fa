import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cancelDraw, FRAME_BUDGET_MS, queueDraw } from '../../src/plots/frame.ts';

/** A fake animation-frame clock: frames run when the test says, jobs advance the time. */
let now = 0;
let frames: Array<() => void> = [];
beforeEach(() => {
  now = 0;
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => {
    frames[id - 1] = () => undefined;
  });
  vi.spyOn(performance, 'now').mockImplementation(() => now);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function nextFrame(): void {
  const pending = frames;
  frames = [];
  for (const frame of pending) frame();
}

describe('queueDraw', () => {
  it('runs jobs oldest first and leaves the rest to the next frame once the budget is spent', () => {
    expect(FRAME_BUDGET_MS).toBe(8);
    const ran: string[] = [];
    const job = (name: string, ms: number) => () => {
      ran.push(name);
      now += ms;
    };
    const a = job('a', 5);
    const b = job('b', 5);
    const c = job('c', 1);
    queueDraw(a);
    queueDraw(b);
    queueDraw(c);
    queueDraw(a); // already queued: no second run
    expect(ran).toEqual([]);
    nextFrame();
    // a ends at 5 ms (< 8: go on), b at 10 ms (≥ 8: stop).
    expect(ran).toEqual(['a', 'b']);
    nextFrame();
    expect(ran).toEqual(['a', 'b', 'c']);
    nextFrame();
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('always runs the first job of a frame, however long it takes', () => {
    const ran: string[] = [];
    queueDraw(() => {
      ran.push('slow');
      now += 100;
    });
    queueDraw(() => ran.push('next'));
    nextFrame();
    expect(ran).toEqual(['slow']);
    nextFrame();
    expect(ran).toEqual(['slow', 'next']);
  });

  it('a cancelled job does not run, and no frame is left waiting for nothing', () => {
    const job = vi.fn();
    queueDraw(job);
    cancelDraw(job);
    nextFrame();
    expect(job).not.toHaveBeenCalled();
    // A new job after the cancel is scheduled again.
    const other = vi.fn();
    queueDraw(other);
    nextFrame();
    expect(other).toHaveBeenCalledTimes(1);
  });
});
