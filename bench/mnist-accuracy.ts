/**
 * The accuracy check of issue 3, too slow for the unit suite (8,000 training steps of the full
 * net plus evaluations; the suite runs a 3,000-digit version in test/unit/cnn.trainer.test.ts):
 *
 *   npx tsx bench/mnist-accuracy.ts [--seed N]
 *
 * The classic net, momentum SGD (η 0.01, γ 0.9, classic form), batch 20, one pass over 8,000
 * MNIST training digits must reach ≥ 93 % on the 2,000 held-out digits (ConvNetJS reaches
 * about 95 % on a comparable run). Prints the held-out accuracy every 100 steps and exits 1
 * if the target is missed.
 */
import { cnnEngineForNode } from '../src/cli/nodeResources.ts';
import { createCnnTrainers } from '../src/core/cnn/trainer.ts';
import { parseExperiment } from '../src/core/config/validate.ts';
import { loadMnist } from './mnistFile.ts';

const TARGET = 0.93;

function main(argv: readonly string[]): number {
  const seedAt = argv.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(argv[seedAt + 1]) : 1;
  const experiment = parseExperiment({
    problem: { kind: 'cnn', dataset: 'mnist', trainSize: 8000, testSize: 2000, evalEvery: 100 },
    steps: 400, // 400 × 20 = 8,000 digits: one pass
    seed,
    runs: [
      {
        label: 'momentum',
        batchSize: 20,
        optimizer: { kind: 'momentum', lr: 0.01, momentum: 0.9 },
      },
    ],
  });
  // The engine the app uses: WebAssembly SIMD where available.
  const engine = cnnEngineForNode();
  const [trainer] = createCnnTrainers(experiment, { mnist: loadMnist() }, { engine });
  const started = performance.now();
  let testAccuracy = 0;
  while (trainer!.status === 'running') {
    const record = trainer!.advance();
    if (record.testAccuracy !== undefined) {
      testAccuracy = record.testAccuracy;
      console.log(
        `step ${String(record.step).padStart(3)}  samples ${String(record.samplesSeen).padStart(4)}  batch loss ${record.loss.toFixed(3)}  held-out accuracy ${(100 * testAccuracy).toFixed(1)} %`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const met = testAccuracy >= TARGET;
  console.log(
    `One pass over 8,000 digits (seed ${seed}): ${(100 * testAccuracy).toFixed(1)} % on 2,000 held-out digits ` +
      `(target ≥ ${100 * TARGET} %: ${met ? 'met' : 'NOT met'}), ${seconds.toFixed(1)} s including 5 evaluations, ${engine.name} engine.`,
  );
  return met ? 0 : 1;
}

process.exit(main(process.argv.slice(2)));
