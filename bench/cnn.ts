/**
 * CNN benchmark (issues 3 and 17): training and inference samples per second of Descent Lab
 * (the WebAssembly-SIMD engine the app uses, and its plain-JS fallback), ConvNetJS 0.3.0 and
 * TensorFlow.js 4.22 on its CPU backend, same network, same MNIST digits, batch 20 and batch 1;
 * GFLOP/s from the network's multiply-adds; the memory one CNN run holds; and Descent Lab's
 * heap before and after 10,000 training steps.
 *
 * Fairness: the engines take turns in short slices over several rounds, so a busy machine
 * slows all of them alike; each is warmed up first (JIT, tfjs kernels); inputs are prepared
 * outside the timings for every engine. TensorFlow.js is so slow at training that it gets only
 * a few batches; the table says how many samples each engine was timed on.
 */
import { availableParallelism, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { cnnEngineForNode } from '../src/cli/nodeResources.ts';
import { summarizeArchitecture } from '../src/core/cnn/architecture.ts';
import {
  JS_ENGINE,
  type CnnEngine,
  type EngineName as CoreEngineName,
} from '../src/core/cnn/engine.ts';
import {
  HELD_OUT,
  benchData,
  BENCH_ARCHITECTURE,
  convnetjs,
  descentLab,
  ENGINES,
  loadTf,
  tfjsCpu,
  type Engine,
  type EngineName,
} from './cnnPeers.ts';
import { loadMnist } from './mnistFile.ts';
import { splitDataset } from '../src/core/cnn/data/dataset.ts';
import { dataBytes, onlyWhatIsUsed } from '../src/core/cnn/trainer.ts';

export interface CnnBenchOptions {
  /** Shorter slices and a 1,000-step memory run, for a smoke test. Default false. */
  readonly quick?: boolean;
  /** Where the human-readable table goes. */
  readonly log: (line: string) => void;
}

type Rates = Record<EngineName, number>;

/** One measured configuration: samples per second per engine and how many samples were timed. */
export interface CnnMeasurement {
  readonly batchSize: number;
  /** Samples per wall-clock second. */
  readonly samplesPerSec: Rates;
  /** Samples per second of this process's CPU time: what the engine would do on an idle machine. */
  readonly cpuSamplesPerSec: Rates;
  readonly samplesTimed: Rates;
}

export interface CnnMemory {
  /**
   * What one more CNN run holds, MB (the data is shared): `total` (the network's buffers, the
   * optimizer's state, the trainer's copies), of which `network`, and JS `heap` objects.
   */
  readonly perRunMB: { readonly total: number; readonly network: number; readonly heap: number };
  /**
   * The images a CNN worker holds for its runs, MB: only the split it trains and evaluates on
   * (pixels, labels, indices), against the whole file's parsed set it held before. A page runs
   * each CNN run in a worker of its own, so one run costs `total + workerData`.
   */
  readonly workerDataMB: { readonly used: number; readonly wholeFile: number };
  readonly steps: number;
  readonly batchSize: number;
  /** Heap in use after a full GC, MB, before the first and after the last step. */
  readonly heapBeforeMB: number;
  readonly heapAfterMB: number;
  /** Largest heap after GC at any of the checkpoints, MB. */
  readonly heapMaxMB: number;
  /** Typed-array memory (outside the JS heap) before and after, MB. */
  readonly arrayBuffersBeforeMB: number;
  readonly arrayBuffersAfterMB: number;
}

/** The final JSON fields of this section (the first two in the format issue 3 fixes). */
export interface CnnBenchResult {
  readonly cnnTrain: CnnMeasurement;
  readonly cnnInfer: CnnMeasurement;
  readonly cnnTrainBatch1: CnnMeasurement;
  readonly cnnInferBatch1: CnnMeasurement;
  /** Multiply-adds per image: forward pass, and a whole training step counted densely. */
  readonly cnnMacs: { readonly forward: number; readonly training: number };
  readonly cnnMemory: CnnMemory;
  /** Held-out accuracy of Descent Lab's network after each timed training (a sanity check). */
  readonly cnnHeldOutAccuracy: { readonly batch20: number; readonly batch1: number };
  /** Highest 1-minute load average seen (at the start or the end of the section). */
  readonly cnnLoadAverage: number;
  /** The engine behind "descent-lab": "wasm-simd", or "js" where WebAssembly SIMD is missing. */
  readonly cnnEngine: CoreEngineName;
}

/** Issue 17: training and inference at batch 20 at least this many times ConvNetJS. */
const TARGET = 20;
const TRAIN_SIZE = 8000;
const TEST_SIZE = 2000;
/**
 * η per batch size, for every engine: 0.01 at batch 20 and the same step per sample at
 * batch 1. (η 0.01 at batch 1 kills the ReLUs within a few hundred steps, and a dead network
 * is a fast one for an engine that skips zeros: it would flatter Descent Lab.)
 */
const LEARNING_RATE: Readonly<Record<number, number>> = { 20: 0.01, 1: 0.0005 };

/** Exposes V8's `gc()` without a command-line flag, for heap readings after a full collection. */
function getGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** CPU seconds this process has used (all engines run on its one JavaScript thread). */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

async function runFor(
  engine: Engine,
  mode: 'train' | 'infer',
  seconds: number,
  minCalls: number,
): Promise<{ calls: number; seconds: number; cpu: number }> {
  const start = performance.now();
  const cpuStart = cpuSeconds();
  let calls = 0;
  while (calls < minCalls || performance.now() - start < seconds * 1000) {
    await (mode === 'train' ? engine.train() : engine.infer());
    calls++;
  }
  return { calls, seconds: (performance.now() - start) / 1000, cpu: cpuSeconds() - cpuStart };
}

/** Most training batches TensorFlow.js takes per configuration: each takes seconds. */
const TFJS_TRAIN_BATCHES = 3;

/**
 * Round-robin timing: every round gives each engine one slice of `slice` seconds (at least one
 * call), so load from other processes falls on all engines alike. TensorFlow.js trains one
 * batch per round, in the first TFJS_TRAIN_BATCHES rounds only.
 */
async function measure(
  engines: readonly Engine[],
  mode: 'train' | 'infer',
  batch: number,
  rounds: number,
  slice: number,
): Promise<CnnMeasurement> {
  for (const engine of engines) await runFor(engine, mode, slice, 1); // warm-up
  const zeros = (): Rates => Object.fromEntries(ENGINES.map((name) => [name, 0])) as Rates;
  const calls = zeros();
  const seconds = zeros();
  const cpu = zeros();
  for (let round = 0; round < rounds; round++) {
    for (const engine of engines) {
      const slow = engine.name === 'tfjs-cpu' && mode === 'train';
      if (slow && round >= TFJS_TRAIN_BATCHES) continue;
      const timed = await runFor(engine, mode, slow ? 0 : slice, 1);
      calls[engine.name] += timed.calls;
      seconds[engine.name] += timed.seconds;
      cpu[engine.name] += timed.cpu;
    }
  }
  const rate = (name: EngineName): number => (calls[name] * batch) / seconds[name];
  const cpuRate = (name: EngineName): number => (calls[name] * batch) / cpu[name];
  const timed = (name: EngineName): number => calls[name] * batch;
  const each = (f: (name: EngineName) => number): Rates =>
    Object.fromEntries(ENGINES.map((name) => [name, f(name)])) as Rates;
  return {
    batchSize: batch,
    samplesPerSec: each(rate),
    cpuSamplesPerSec: each(cpuRate),
    samplesTimed: each(timed),
  };
}

/**
 * What one more Descent Lab trainer holds (after GC, the data already loaded), and its heap
 * after GC before and after `steps` training steps.
 */
function measureMemory(
  data: ReturnType<typeof benchData>,
  steps: number,
  batch: number,
  cnnEngine: CnnEngine,
): CnnMemory {
  const gc = getGc();
  const reading = (): { heap: number; buffers: number } => {
    gc();
    gc();
    const usage = process.memoryUsage();
    return { heap: usage.heapUsed / 2 ** 20, buffers: usage.arrayBuffers / 2 ** 20 };
  };
  const empty = reading();
  const engine = descentLab(data, batch, TRAIN_SIZE, LEARNING_RATE[batch]!, cnnEngine);
  engine.train(); // allocate whatever is allocated lazily
  const before = reading();
  const model = engine.trainer.model;
  const network = model.bytes / 2 ** 20;
  let max = before.heap;
  const checkpoints = 5;
  for (let i = 1; i <= steps; i++) {
    engine.trainer.advance(); // the record is dropped, as a worker drops it after posting
    if (i % (steps / checkpoints) === 0 && i < steps) max = Math.max(max, reading().heap);
  }
  const after = reading();
  const full = data.dataset;
  const used = dataBytes(
    onlyWhatIsUsed({ dataset: full, split: splitDataset(full, TRAIN_SIZE, TEST_SIZE) }),
  );
  return {
    workerDataMB: {
      used: used / 2 ** 20,
      wholeFile: (full.pixels.byteLength + full.labels.byteLength) / 2 ** 20,
    },
    perRunMB: {
      // Node's arrayBuffers count typed arrays but not WebAssembly memories: add the network's.
      total: before.buffers - empty.buffers + (model.engine === 'wasm-simd' ? network : 0),
      network,
      heap: before.heap - empty.heap,
    },
    steps,
    batchSize: batch,
    heapBeforeMB: before.heap,
    heapAfterMB: after.heap,
    heapMaxMB: Math.max(max, after.heap),
    arrayBuffersBeforeMB: before.buffers,
    arrayBuffersAfterMB: after.buffers,
  };
}

const fmt = (v: number, digits = 0): string =>
  v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const rateText = (v: number): string => (v >= 100 ? fmt(v) : fmt(v, 1));
const gflops = (macs: number, rate: number): string => fmt((2 * macs * rate) / 1e9, 2);
const ratio = (a: number, b: number): string => `${fmt(a / b, a / b >= 100 ? 0 : 1)}×`;

export async function runCnnBench({
  quick = false,
  log,
}: CnnBenchOptions): Promise<CnnBenchResult> {
  const started = performance.now();
  const data = benchData(loadMnist(), TRAIN_SIZE, TEST_SIZE);
  const summary = summarizeArchitecture(BENCH_ARCHITECTURE, 10);
  const parameters = summary.reduce((s, l) => s + l.parameters, 0);
  await loadTf();
  const rounds = quick ? 2 : 6;
  const slice = quick ? 0.2 : 0.6;
  const loadBefore = loadavg()[0]!;

  const results: CnnMeasurement[] = [];
  const accuracy: number[] = [];
  let macs = { forward: 0, training: 0 };
  const engine = cnnEngineForNode();
  for (const batch of [20, 1]) {
    const lr = LEARNING_RATE[batch]!;
    const dl = descentLab(data, batch, TRAIN_SIZE, lr, engine);
    macs = { forward: dl.trainer.model.forwardMacs, training: dl.trainer.model.trainingMacs };
    const engines: Engine[] = [
      dl,
      descentLab(data, batch, TRAIN_SIZE, lr, JS_ENGINE, 'descent-lab-js'),
      convnetjs(data, batch, lr),
      await tfjsCpu(data, batch, lr),
    ];
    results.push(await measure(engines, 'train', batch, rounds, slice));
    // Inference runs on the network just trained; check that it learned (a dead network would
    // be all zeros, which Descent Lab's sparse paths would skip).
    accuracy.push(dl.trainer.evaluate().accuracy);
    results.push(await measure(engines, 'infer', batch, rounds, slice / 2));
  }
  const [train20, infer20, train1, infer1] = results as [
    CnnMeasurement,
    CnnMeasurement,
    CnnMeasurement,
    CnnMeasurement,
  ];
  const memory = measureMemory(data, quick ? 1000 : 10_000, 1, engine);

  log(
    `CNN benchmark: the classic MNIST net (conv 5×5×8 pad 2 → ReLU → max-pool 2 → conv 5×5×16 pad 2 → ReLU → max-pool 3 → dense 10 → softmax; ` +
      `${fmt(parameters)} parameters), momentum SGD γ 0.9 with η 0.01 at batch 20 and 0.0005 at batch 1 (the same step per sample; the same for every engine), real MNIST digits (${fmt(TRAIN_SIZE)} training, ${fmt(TEST_SIZE)} held out).`,
  );
  log(
    `Multiply-adds per image: ${fmt(macs.forward)} forward, ${fmt(macs.training)} per training sample counted densely (forward, weight and input gradients); ` +
      'GFLOP/s = 2 × those × samples/s for every engine. Descent Lab skips the zero entries of ∂L/∂y that ReLU and max-pooling leave, so its backward pass does fewer.',
  );
  log(
    `descent-lab runs the ${engine.name === 'wasm-simd' ? 'WebAssembly-SIMD engine' : 'plain-JS engine (no WebAssembly SIMD here)'}, as the app does; descent-lab-js is its plain-JS fallback.`,
  );
  log('');
  log(
    '| measure | batch | descent-lab | descent-lab-js | convnetjs | tfjs-cpu | descent-lab ÷ convnetjs | descent-lab ÷ tfjs-cpu |',
  );
  log('|---|---|---|---|---|---|---|---|');
  const row = (label: string, m: CnnMeasurement, perSample: number): void => {
    const r = m.samplesPerSec;
    const cell = (name: EngineName): string =>
      `${rateText(r[name])}/s (${gflops(perSample, r[name])} GFLOP/s)`;
    log(
      `| ${label} | ${m.batchSize} | ${ENGINES.map(cell).join(' | ')} | ${ratio(r['descent-lab'], r.convnetjs)} | ${ratio(r['descent-lab'], r['tfjs-cpu'])} |`,
    );
  };
  row('training samples', train20, macs.training);
  row('inference samples', infer20, macs.forward);
  row('training samples', train1, macs.training);
  row('inference samples', infer1, macs.forward);
  log('');
  const timed = (m: CnnMeasurement): string =>
    ENGINES.map((name) => `${name} ${fmt(m.samplesTimed[name])}`).join(', ');
  log(
    `Samples timed (after warm-up), training batch 20: ${timed(train20)}; inference batch 20: ${timed(infer20)};`,
  );
  log(
    `  training batch 1: ${timed(train1)}; inference batch 1: ${timed(infer1)}. tfjs-cpu trains too slowly for more: fewer samples, same method.`,
  );
  const cpuLine = (label: string, m: CnnMeasurement): string => {
    const r = m.cpuSamplesPerSec;
    return `${label} ${ENGINES.map((name) => `${name} ${rateText(r[name])}`).join(', ')} (${ratio(r['descent-lab'], r.convnetjs)} ConvNetJS)`;
  };
  log(
    `Per CPU-second of this process (unaffected by other processes): ${cpuLine('training batch 20:', train20)}; ${cpuLine('inference batch 20:', infer20)};`,
  );
  log(`  ${cpuLine('training batch 1:', train1)}; ${cpuLine('inference batch 1:', infer1)}.`);
  const target = (what: string, value: number): string =>
    `${what} ${ratio(value, 1)} ConvNetJS (target ≥ ${TARGET}×): ${value >= TARGET ? 'met' : 'NOT met'}`;
  log(
    `Descent Lab's network after its timed training (inference was timed on it): ${fmt(100 * accuracy[0]!, 1)} % (batch 20) and ` +
      `${fmt(100 * accuracy[1]!, 1)} % (batch 1) on ${HELD_OUT} held-out digits, so the zeros it skips are those of a network that learns.`,
  );
  log(
    target(
      'Training at batch 20:',
      train20.samplesPerSec['descent-lab'] / train20.samplesPerSec.convnetjs,
    ),
  );
  log(
    target(
      'Inference at batch 20:',
      infer20.samplesPerSec['descent-lab'] / infer20.samplesPerSec.convnetjs,
    ),
  );
  const growth = memory.heapAfterMB - memory.heapBeforeMB;
  log(
    `Memory per CNN run in the page (a worker each): ${fmt(memory.perRunMB.total + memory.workerDataMB.used, 2)} MB of typed arrays — ` +
      `the run's ${fmt(memory.perRunMB.total, 2)} MB below and ${fmt(memory.workerDataMB.used, 2)} MB of data: the ${fmt(TRAIN_SIZE)} training and ${fmt(TEST_SIZE)} held-out images it uses ` +
      `(784 B each, labels and indices; a worker keeps only these, the whole file parsed is ${fmt(memory.workerDataMB.wholeFile, 2)} MB).`,
  );
  log(
    `Memory of one CNN run (trainer, network and optimizer on the ${engine.name} engine; the data is shared): ` +
      `${fmt(memory.perRunMB.total, 2)} MB of buffers (the network's ${fmt(memory.perRunMB.network, 2)} MB, the optimizer's state and the trainer's copies) and ${fmt(memory.perRunMB.heap, 2)} MB of heap.`,
  );
  log(
    `Memory, Descent Lab, ${fmt(memory.steps)} training steps at batch ${memory.batchSize} (records dropped as a worker drops them after posting): ` +
      `heap after GC ${fmt(memory.heapBeforeMB, 1)} MB → ${fmt(memory.heapAfterMB, 1)} MB (${growth >= 0 ? '+' : ''}${fmt(growth, 2)} MB; max ${fmt(memory.heapMaxMB, 1)} MB at 5 checkpoints), ` +
      `typed arrays ${fmt(memory.arrayBuffersBeforeMB, 1)} MB → ${fmt(memory.arrayBuffersAfterMB, 1)} MB.`,
  );
  const load = Math.max(loadBefore, loadavg()[0]!);
  log(
    `(CNN section: ${fmt((performance.now() - started) / 1000, 0)} s. Load average up to ${fmt(load, 1)} on ${availableParallelism()} CPUs` +
      (load > availableParallelism() * 0.75
        ? ': other processes were busy, so every engine ran slower than on an idle machine; the ratios come from interleaved slices.)'
        : '.)'),
  );
  return {
    cnnTrain: train20,
    cnnInfer: infer20,
    cnnTrainBatch1: train1,
    cnnInferBatch1: infer1,
    cnnMacs: macs,
    cnnMemory: memory,
    cnnLoadAverage: load,
    cnnHeldOutAccuracy: { batch20: accuracy[0]!, batch1: accuracy[1]! },
    cnnEngine: engine.name,
  };
}

export interface EngineRate {
  readonly engine: string;
  readonly batchSize: number;
  readonly samplesPerSec: number;
  /** Per CPU-second of this process: what the engine does when it has a core to itself. */
  readonly cpuSamplesPerSec: number;
}

/**
 * Descent Lab's engine alone, training the page's default CNN run (the classic net, batch 20,
 * MNIST): the rate the browser tests hold the page's training rate against.
 */
export async function runEngineRate({
  quick = false,
  log,
}: CnnBenchOptions): Promise<{ engineRate: EngineRate }> {
  const data = benchData(loadMnist(), TRAIN_SIZE, TEST_SIZE);
  const engine = cnnEngineForNode();
  const batchSize = 20;
  const dl = descentLab(data, batchSize, TRAIN_SIZE, LEARNING_RATE[batchSize]!, engine);
  await runFor(dl, 'train', 0.5, 1); // warm-up
  const timed = await runFor(dl, 'train', quick ? 2 : 5, 1);
  const rate: EngineRate = {
    engine: engine.name,
    batchSize,
    samplesPerSec: (timed.calls * batchSize) / timed.seconds,
    cpuSamplesPerSec: (timed.calls * batchSize) / timed.cpu,
  };
  log(
    `Descent Lab's ${engine.name} engine, training batch ${batchSize}: ${rateText(rate.samplesPerSec)} samples/s ` +
      `(${rateText(rate.cpuSamplesPerSec)} per CPU-second; load average ${loadavg()[0]!.toFixed(1)}).`,
  );
  return { engineRate: rate };
}
