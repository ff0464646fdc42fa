import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/progress.ts';

/** A stand-in for standard error that records every write, and a clock the test moves. */
function terminal(isTTY: boolean) {
  const writes: string[] = [];
  let now = 50_000;
  return {
    stream: { isTTY, write: (text: string) => writes.push(text) },
    writes,
    clock: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

const CLEAR_LINE = '\r\x1b[K';

describe('the CLI progress line', () => {
  it('writes nothing at all when standard error is not a terminal (a pipe or a log file)', () => {
    const tty = terminal(false);
    const progress = new Progress(1000, tty.stream, tty.clock);
    for (let step = 0; step < 1000; step += 10) {
      tty.advance(700);
      progress.update(step);
    }
    progress.clear();
    expect(tty.writes).toEqual([]);
  });

  it('on a terminal rewrites one line at most once per second, counting from the start', () => {
    const tty = terminal(true);
    const progress = new Progress(10_000_000, tty.stream, tty.clock);
    // 0.25 s apart: the updates at 1.0 s and 2.0 s are shown, the other six are not.
    for (let i = 1; i <= 8; i++) {
      tty.advance(250);
      progress.update(i * 3);
    }
    expect(tty.writes).toEqual([
      `${CLEAR_LINE}descent-lab: step 12 of 10,000,000 (1 s; Ctrl+C stops)`,
      `${CLEAR_LINE}descent-lab: step 24 of 10,000,000 (2 s; Ctrl+C stops)`,
    ]);
    // Each write starts at the beginning of the line and erases it: never a newline.
    expect(tty.writes.join('')).not.toContain('\n');
  });

  it('a run shorter than a second prints no progress and leaves nothing to clear', () => {
    const tty = terminal(true);
    const progress = new Progress(100, tty.stream, tty.clock);
    tty.advance(999);
    progress.update(99);
    progress.clear();
    expect(tty.writes).toEqual([]);
  });

  it('clears the line at the end, once, so the next message starts on a clean line', () => {
    const tty = terminal(true);
    const progress = new Progress(500, tty.stream, tty.clock);
    tty.advance(1500);
    progress.update(120);
    progress.clear();
    progress.clear();
    expect(tty.writes).toEqual([
      `${CLEAR_LINE}descent-lab: step 120 of 500 (1 s; Ctrl+C stops)`,
      CLEAR_LINE,
    ]);
  });
});
