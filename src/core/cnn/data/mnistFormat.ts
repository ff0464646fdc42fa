/**
 * The MNIST file the app ships (public/data/mnist.bin, written by scripts/build-mnist.mjs at
 * install time): a 32-byte header the reader checks, then the deflated labels and pixels.
 * Parsing is pure, so the same code reads the file in Node and the bytes a worker fetched.
 *
 * Layout, little-endian: "DLMNIST\0", u32 version, u32 count N, u16 rows, u16 columns,
 * u32 classes, u32 payload length, u32 FNV-1a checksum of the inflated payload, then
 * deflate(N labels, N × rows × columns pixels).
 */
import { deflateSync, inflateSync } from 'fflate';
import type { ImageDataset } from './dataset.ts';

/** Where the app serves the file, relative to the page. */
export const MNIST_URL = 'data/mnist.bin';
/** Format version this reader understands. */
export const MNIST_FORMAT_VERSION = 1;
/** Bytes of the header before the payload. */
export const MNIST_HEADER_BYTES = 32;
const MAGIC = 'DLMNIST\0';
/** Refuse headers promising more than this many pixel bytes (a corrupt count). */
const MAX_PIXEL_BYTES = 64 * 1024 * 1024;

/** The file is not a readable MNIST file; the message says what is wrong and what to do. */
export class MnistFormatError extends Error {
  constructor(message: string) {
    super(`${message} — rebuild it with \`node scripts/build-mnist.mjs --force\``);
    this.name = 'MnistFormatError';
  }
}

/** 32-bit FNV-1a hash of `bytes`. */
export function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}

/**
 * Reads an MNIST file. Throws `MnistFormatError` on a file that is too short, has the wrong
 * magic or version, a header that does not add up, a payload that is truncated, does not
 * inflate or fails its checksum, or a label outside 0 … classes − 1.
 */
export function parseMnistFile(data: ArrayBuffer | Uint8Array): ImageDataset {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length < MNIST_HEADER_BYTES) {
    throw new MnistFormatError(
      `MNIST file truncated: ${bytes.length} bytes, shorter than its ${MNIST_HEADER_BYTES}-byte header`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== MAGIC) throw new MnistFormatError('not a Descent Lab MNIST file (bad magic bytes)');
  const version = view.getUint32(8, true);
  if (version !== MNIST_FORMAT_VERSION) {
    throw new MnistFormatError(
      `MNIST file has format version ${version}; this build reads version ${MNIST_FORMAT_VERSION}`,
    );
  }
  const count = view.getUint32(12, true);
  const rows = view.getUint16(16, true);
  const columns = view.getUint16(18, true);
  const classes = view.getUint32(20, true);
  const payloadLength = view.getUint32(24, true);
  const checksum = view.getUint32(28, true);
  if (
    count === 0 ||
    rows === 0 ||
    columns === 0 ||
    classes < 2 ||
    classes > 256 ||
    count * rows * columns > MAX_PIXEL_BYTES
  ) {
    throw new MnistFormatError(
      `MNIST file header is corrupt (${count} images of ${rows}×${columns}, ${classes} classes)`,
    );
  }
  const available = bytes.length - MNIST_HEADER_BYTES;
  if (available < payloadLength) {
    throw new MnistFormatError(
      `MNIST file truncated: the header promises ${payloadLength} payload bytes, the file has ${available}`,
    );
  }
  if (available > payloadLength) {
    throw new MnistFormatError(
      `MNIST file corrupt: ${available - payloadLength} bytes after the promised ${payloadLength}-byte payload`,
    );
  }
  const expected = count * (1 + rows * columns);
  let payload: Uint8Array;
  try {
    payload = inflateSync(bytes.subarray(MNIST_HEADER_BYTES), { out: new Uint8Array(expected) });
  } catch (error) {
    throw new MnistFormatError(
      `MNIST file corrupt: the payload does not inflate (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (payload.length !== expected) {
    throw new MnistFormatError(
      `MNIST file corrupt: the payload inflates to ${payload.length} bytes, expected ${expected}`,
    );
  }
  if (fnv1a(payload) !== checksum)
    throw new MnistFormatError('MNIST file corrupt: checksum mismatch');
  const labels = payload.subarray(0, count);
  for (let i = 0; i < count; i++) {
    if (labels[i]! >= classes)
      throw new MnistFormatError(
        `MNIST file corrupt: label ${labels[i]} of image ${i} is not below ${classes}`,
      );
  }
  return {
    name: 'mnist',
    count,
    height: rows,
    width: columns,
    classes,
    classNames: Array.from({ length: classes }, (_, i) => String(i)),
    pixels: payload.subarray(count),
    labels,
  };
}

/**
 * Encodes images in the same format (the build script's twin, for tests and tools):
 * `pixels` holds labels.length × rows × columns bytes.
 */
export function encodeMnistFile(
  labels: Uint8Array,
  pixels: Uint8Array,
  rows: number,
  columns: number,
  classes: number,
): Uint8Array {
  const count = labels.length;
  const payload = new Uint8Array(count * (1 + rows * columns));
  payload.set(labels, 0);
  payload.set(pixels.subarray(0, count * rows * columns), count);
  const compressed = deflateSync(payload, { level: 6 });
  const out = new Uint8Array(MNIST_HEADER_BYTES + compressed.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, MNIST_FORMAT_VERSION, true);
  view.setUint32(12, count, true);
  view.setUint16(16, rows, true);
  view.setUint16(18, columns, true);
  view.setUint32(20, classes, true);
  view.setUint32(24, compressed.length, true);
  view.setUint32(28, fnv1a(payload), true);
  out.set(compressed, MNIST_HEADER_BYTES);
  return out;
}
