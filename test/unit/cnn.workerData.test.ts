/**
 * What a CNN worker holds of the data: only the images its experiment trains and evaluates on,
 * parsed once and shared by its runs (issue 17). Before, every run built in a worker parsed the
 * whole MNIST file again: 10,000 images × 784 bytes, whatever the experiment used.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SMALL_ARCHITECTURE } from '../../src/core/cnn/architecture.ts';
import { splitDataset } from '../../src/core/cnn/data/dataset.ts';
import { parseMnistFile } from '../../src/core/cnn/data/mnistFormat.ts';
import { createCnnTrainers, dataBytes, WorkerData } from '../../src/core/cnn/trainer.ts';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { MNIST_PATH } from '../../bench/mnistFile.ts';

/** The file's bytes, as a worker receives them. */
const file = new Uint8Array(readFileSync(MNIST_PATH));

function mnistExperiment(trainSize: number, testSize: number) {
  return parseExperiment({
    problem: {
      kind: 'cnn',
      dataset: 'mnist',
      trainSize,
      testSize,
      evalEvery: 1000,
      architecture: SMALL_ARCHITECTURE,
    },
    steps: 6,
    seed: 2,
    runs: [
      { label: 'SGD', batchSize: 20, optimizer: { kind: 'sgd', lr: 0.01 } },
      {
        label: 'momentum',
        batchSize: 20,
        optimizer: { kind: 'momentum', lr: 0.01, momentum: 0.9 },
      },
    ],
  });
}

describe('the data a CNN worker holds', () => {
  it('1,000 training + 200 held-out images: 1,200 × 784 pixel bytes + 1,200 labels + 1,200 u32 indices', () => {
    const data = new WorkerData();
    const experiment = mnistExperiment(1000, 200);
    const prepared = data.of(experiment, file);
    // 940,800 + 1,200 + 4,800 (the whole file's 10,000 images would be 7,840,000 pixel bytes).
    expect(prepared.dataset.pixels.byteLength).toBe(1200 * 784);
    expect(prepared.dataset.labels.byteLength).toBe(1200);
    expect(data.bytes).toBe(946_800);
    expect(dataBytes(prepared)).toBe(946_800);
    // Parsed once: every run of the worker (and any rebuilt later) shares it.
    expect(data.of(experiment, file)).toBe(prepared);
    // Another problem in the same worker gets its own, again only what it uses.
    expect(data.of(mnistExperiment(3000, 500), file).dataset.count).toBe(3500);
  });

  it('holds the same images in the split’s order, so training is unchanged', () => {
    const experiment = mnistExperiment(1000, 200);
    const full = parseMnistFile(file);
    expect(full.count).toBe(10_000);
    const split = splitDataset(full, 1000, 200);
    const compact = new WorkerData().of(experiment, file);
    const image = (d: typeof full, i: number) => d.pixels.subarray(i * 784, (i + 1) * 784);
    for (const [set, k] of [
      ['test', 0],
      ['test', 199],
      ['train', 0],
      ['train', 999],
    ] as const) {
      const from = split[set][k]!;
      const to = compact.split[set][k]!;
      expect(compact.dataset.labels[to]).toBe(full.labels[from]);
      expect(image(compact.dataset, to)).toEqual(image(full, from));
    }
    // Six steps of both runs on the whole set and on the compact one: the same losses, bitwise.
    const losses = (data: Parameters<typeof createCnnTrainers>[1]) =>
      createCnnTrainers(experiment, data).flatMap((trainer) => {
        const out: number[] = [];
        while (trainer.status === 'running') out.push(trainer.advance().loss);
        return out;
      });
    expect(losses(compact)).toEqual(losses({ dataset: full, split }));
  });
});
