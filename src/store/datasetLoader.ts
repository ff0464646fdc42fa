/**
 * The MNIST file the CNN lab trains on is fetched once per page, with progress, and its bytes
 * are handed to every training worker (which parse and check them). The main thread only
 * checks the 32-byte header, so a wrong file fails with a message at once and no long task
 * inflates 8 MB on the page's thread.
 */
import {
  MNIST_FORMAT_VERSION,
  MNIST_HEADER_BYTES,
  MNIST_URL,
} from '../core/cnn/data/mnistFormat.ts';

/** Where the download is: not asked for, under way, done, or failed with a message. */
export type DatasetStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface DatasetState {
  readonly status: DatasetStatus;
  /** Bytes received so far. */
  readonly received: number;
  /** Bytes expected (Content-Length), null when the server did not say. */
  readonly total: number | null;
  /** What went wrong, in words, when status is "error". */
  readonly error: string | null;
}

export const DATASET_IDLE: DatasetState = { status: 'idle', received: 0, total: null, error: null };

/** Fetches `url` and reports (received, total) bytes as they arrive. */
export type FetchBytes = (
  url: string,
  onProgress: (received: number, total: number | null) => void,
) => Promise<ArrayBuffer>;

/** The page's address, against which `data/mnist.bin` is resolved (null outside a page). */
function pageUrl(): string | null {
  const doc = (globalThis as { document?: { baseURI?: string } }).document;
  return doc?.baseURI ?? (globalThis as { location?: { href?: string } }).location?.href ?? null;
}

/** `fetch` with progress from the response body's stream (one chunk when there is none). */
export const fetchWithProgress: FetchBytes = async (url, onProgress) => {
  const base = pageUrl();
  const response = await fetch(base === null ? url : new URL(url, base));
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  if (!response.body) {
    const buffer = await response.arrayBuffer();
    onProgress(buffer.byteLength, total);
    return buffer;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress(received, total);
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes.buffer;
};

/** Downloads in flight or done, by URL: every store of the page shares one. */
const downloads = new Map<
  string,
  {
    promise: Promise<ArrayBuffer>;
    listeners: Set<(received: number, total: number | null) => void>;
  }
>();

/** `fetchWithProgress`, but one download per URL for the whole page (a failed one is forgotten). */
export const fetchOnce: FetchBytes = (url, onProgress) => {
  let download = downloads.get(url);
  if (!download) {
    const listeners = new Set<(received: number, total: number | null) => void>();
    const promise = fetchWithProgress(url, (received, total) => {
      for (const listener of listeners) listener(received, total);
    });
    download = { promise, listeners };
    downloads.set(url, download);
    promise.catch(() => downloads.delete(url));
  }
  download.listeners.add(onProgress);
  return download.promise;
};

/**
 * Null when `bytes` start like a Descent Lab MNIST file of the version this build reads and
 * are as long as the header says; otherwise what is wrong. (The workers check the rest.)
 */
export function checkMnistHeader(bytes: ArrayBuffer): string | null {
  if (bytes.byteLength < MNIST_HEADER_BYTES) {
    return `the file has ${bytes.byteLength} bytes, fewer than its ${MNIST_HEADER_BYTES}-byte header`;
  }
  const view = new DataView(bytes);
  const magic = String.fromCharCode(...new Uint8Array(bytes, 0, 8));
  if (magic !== 'DLMNIST\0')
    return 'it is not a Descent Lab MNIST file (a web page instead of the data?)';
  const version = view.getUint32(8, true);
  if (version !== MNIST_FORMAT_VERSION) {
    return `it has format version ${version}, this page reads version ${MNIST_FORMAT_VERSION}`;
  }
  const payload = view.getUint32(24, true);
  if (bytes.byteLength !== MNIST_HEADER_BYTES + payload) {
    return `it is truncated or padded: ${bytes.byteLength} bytes, the header promises ${MNIST_HEADER_BYTES + payload}`;
  }
  return null;
}

/**
 * Downloads the MNIST file once: `load` starts the download (again after a failure) and
 * resolves with the bytes or null; concurrent calls share one download; `state` is reported
 * through `onChange` (at most one progress report per percent, to keep React renders few).
 */
export class MnistLoader {
  private bytes: ArrayBuffer | undefined;
  private pending: Promise<ArrayBuffer | null> | null = null;
  private current: DatasetState = DATASET_IDLE;

  constructor(
    private readonly onChange: (state: DatasetState) => void,
    private readonly fetchBytes: FetchBytes = fetchOnce,
    private readonly url: string = MNIST_URL,
  ) {}

  /** The file's bytes once loaded. */
  get data(): ArrayBuffer | undefined {
    return this.bytes;
  }

  get state(): DatasetState {
    return this.current;
  }

  load(): Promise<ArrayBuffer | null> {
    if (this.bytes) return Promise.resolve(this.bytes);
    if (this.pending) return this.pending;
    this.report({ status: 'loading', received: 0, total: null, error: null });
    let lastPercent = -1;
    this.pending = this.fetchBytes(this.url, (received, total) => {
      const percent =
        total === null ? Math.floor(received / 65536) : Math.floor((100 * received) / total);
      if (percent === lastPercent) return;
      lastPercent = percent;
      this.report({ status: 'loading', received, total, error: null });
    })
      .then((bytes) => {
        const problem = checkMnistHeader(bytes);
        if (problem !== null) throw new Error(problem);
        this.bytes = bytes;
        this.report({
          status: 'ready',
          received: bytes.byteLength,
          total: bytes.byteLength,
          error: null,
        });
        return bytes;
      })
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        this.report({
          ...this.current,
          status: 'error',
          error: `could not load the MNIST digits (${this.url}): ${reason}`,
        });
        return null;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  private report(state: DatasetState): void {
    this.current = state;
    this.onChange(state);
  }
}
