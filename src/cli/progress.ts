/**
 * A progress line on standard error, only when it is a terminal (a log file or a pipe gets
 * nothing): rewritten in place at most once a second, cleared at the end.
 */
import { formatNumber } from '../core/numbers.ts';

const INTERVAL_MS = 1000;

/** What the progress line writes to: standard error, or a test's stand-in. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export class Progress {
  private readonly started: number;
  private lastShown: number;
  private shown = false;

  /** `clock` gives milliseconds (Date.now by default; tests pass their own). */
  constructor(
    private readonly total: number,
    private readonly stream: ProgressStream = process.stderr,
    private readonly clock: () => number = Date.now,
  ) {
    this.started = clock();
    // The first line appears after a second: short runs print no progress at all.
    this.lastShown = this.started;
  }

  private get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  /** Shows `step` (the slowest run's) if a second has passed since the last update. */
  update(step: number): void {
    const now = this.clock();
    if (!this.enabled || now - this.lastShown < INTERVAL_MS) return;
    this.lastShown = now;
    this.shown = true;
    const seconds = Math.floor((now - this.started) / 1000);
    this.stream.write(
      `\r\x1b[Kdescent-lab: step ${formatNumber(step, 'integer')} of ${formatNumber(this.total, 'integer')} (${seconds} s; Ctrl+C stops)`,
    );
  }

  /** Removes the progress line, so what follows starts on a clean line. */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
