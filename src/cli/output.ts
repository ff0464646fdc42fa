/**
 * Lines to standard output with back-pressure: text is gathered into large writes, and when
 * the stream's buffer is full the producer waits for it to drain, so memory stays bounded
 * however much is produced. A closed pipe (`| head`) is a normal end; any other write error
 * (a full disk) is kept for the caller to report.
 */
import { CliError, EXIT } from './errors.ts';

/** Bytes gathered before a write. */
const CHUNK = 1 << 16;

export class LineOutput {
  private chunks: string[] = [];
  private size = 0;
  private closedByReader = false;
  private error: NodeJS.ErrnoException | null = null;

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') this.closedByReader = true;
      else this.error ??= error;
    });
  }

  /** True once nothing more can be written: the reader went away, or writing failed. */
  get stopped(): boolean {
    return this.closedByReader || this.error !== null;
  }

  /** Queues one line; call `flush` when `full`. */
  line(text: string): void {
    this.chunks.push(text, '\n');
    this.size += text.length + 1;
  }

  /** Whether enough is queued to be written now. */
  get full(): boolean {
    return this.size >= CHUNK;
  }

  /** Writes what is queued, waiting while the stream's buffer is full. */
  async flush(): Promise<void> {
    if (this.size === 0 || this.stopped) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    if (!this.stream.write(text)) await this.settled('drain');
  }

  /** Writes the rest and waits until it has left the process; throws on a write error. */
  async end(): Promise<void> {
    await this.flush();
    if (!this.stopped) await new Promise<void>((resolve) => this.stream.write('', () => resolve()));
    if (this.error)
      throw new CliError(
        `cannot write the output (${this.error.code ?? this.error.message})`,
        EXIT.failure,
      );
  }

  /** Resolves on `event`, or as soon as the stream fails or closes. */
  private settled(event: 'drain'): Promise<void> {
    const stream = this.stream;
    return new Promise((resolve) => {
      const done = () => {
        stream.off(event, done);
        stream.off('error', done);
        stream.off('close', done);
        resolve();
      };
      stream.on(event, done);
      stream.on('error', done);
      stream.on('close', done);
    });
  }
}
