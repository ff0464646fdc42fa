/**
 * A progress line on standard error, only when it is a terminal (a log file or a pipe gets
 * nothing): rewritten in place at most once a second, cleared at the end.
 */
const INTERVAL_MS = 1000;

export class Progress {
  private lastShown = 0;
  private shown = false;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly started = Date.now(),
  ) {}

  private get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  /** Shows `step` (the slowest run's) if a second has passed since the last update. */
  update(step: number): void {
    const now = Date.now();
    if (!this.enabled || now - this.lastShown < INTERVAL_MS) return;
    this.lastShown = now;
    this.shown = true;
    const seconds = ((now - this.started) / 1000).toFixed(0);
    this.stream.write(
      `\r\x1b[Kdescent-lab: step ${step} of ${this.total} (${seconds} s; Ctrl+C stops)`,
    );
  }

  /** Removes the progress line, so what follows starts on a clean line. */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
