/** Reads the MNIST file the install step builds (public/data/mnist.bin), for the bench, tests and CLI. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImageDataset } from '../src/core/cnn/data/dataset.ts';
import { parseMnistFile } from '../src/core/cnn/data/mnistFormat.ts';

/** Absolute path of public/data/mnist.bin. */
export const MNIST_PATH = fileURLToPath(new URL('../public/data/mnist.bin', import.meta.url));

let cached: ImageDataset | null = null;

/** The 10,000 MNIST digits, parsed once per process. */
export function loadMnist(path: string = MNIST_PATH): ImageDataset {
  if (path === MNIST_PATH && cached) return cached;
  if (!existsSync(path)) {
    throw new Error(
      `${path} not found: run \`npm install\` or \`node scripts/build-mnist.mjs\` to build it`,
    );
  }
  const dataset = parseMnistFile(readFileSync(path));
  if (path === MNIST_PATH) cached = dataset;
  return dataset;
}
