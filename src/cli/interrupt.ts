/**
 * SIGINT and SIGTERM as a request to stop: the work in progress finishes its step, what was
 * computed is written, and the process exits with 128 + the signal's number. A second signal
 * ends the process at once.
 */
const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;
type StopSignal = keyof typeof SIGNALS;

export class Interrupt {
  /** The signal that asked to stop, or null. */
  signal: StopSignal | null = null;
  private readonly handlers = new Map<StopSignal, () => void>();

  constructor() {
    for (const signal of Object.keys(SIGNALS) as StopSignal[]) {
      const handler = () => {
        if (this.signal !== null) process.exit(128 + SIGNALS[signal]);
        this.signal = signal;
      };
      this.handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }

  /** The exit code for the signal received (130 for SIGINT, 143 for SIGTERM). */
  get exitCode(): number {
    return this.signal === null ? 0 : 128 + SIGNALS[this.signal];
  }

  dispose(): void {
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
  }
}
