/**
 * The workspaces of the app shell and their stores. Each workspace keeps its own store (and
 * so its own experiment, history and worker) for as long as the page lives, so switching tabs
 * never loses a run. Stores are created on first use, outside React, so StrictMode's double
 * rendering cannot spawn a second worker.
 */
import type { Experiment } from '../core/config/experiment.ts';
import { configIssue } from '../core/config/issue.ts';
import {
  parseExperiment,
  validateExperiment,
  type ValidationResult,
} from '../core/config/validate.ts';
import type { PlainMessageKey } from '../i18n/index.ts';
import { createLabStore, type LabStore, type LabStoreOptions } from '../store/labStore.ts';

/** Workspaces that exist today; "Lessons" joins this list when it is built. */
export type WorkspaceId = 'explorer' | 'batch' | 'cnn';

/** A workspace tab; its title and summary are the i18n keys `workspace.<id>.title` / `.summary`. */
export interface WorkspaceInfo {
  readonly id: WorkspaceId;
}

export const WORKSPACES: readonly WorkspaceInfo[] = [
  { id: 'explorer' },
  { id: 'batch' },
  { id: 'cnn' },
];

/** An example experiment from public/examples, offered as a preset in its workspace. */
export interface PresetInfo {
  readonly file: string;
  /** The message key of its title. */
  readonly title: PlainMessageKey;
  readonly workspace: WorkspaceId;
}

export const PRESETS: readonly PresetInfo[] = [
  { file: 'ravine-sgd-vs-momentum.json', title: 'presets.ravine', workspace: 'explorer' },
  { file: 'rosenbrock-momentum.json', title: 'presets.rosenbrock', workspace: 'explorer' },
  { file: 'adaptive-beale.json', title: 'presets.beale', workspace: 'explorer' },
  { file: 'batch-vs-minibatch.json', title: 'presets.batch', workspace: 'batch' },
  { file: 'mnist-sgd-vs-momentum.json', title: 'presets.mnist', workspace: 'cnn' },
  { file: 'mnist-step-decay.json', title: 'presets.mnistStepDecay', workspace: 'cnn' },
  { file: 'mnist-warmup.json', title: 'presets.mnistWarmup', workspace: 'cnn' },
  {
    file: 'mnist-edge-of-stability.json',
    title: 'presets.mnistEdgeOfStability',
    workspace: 'cnn',
  },
];

/**
 * Fetches and validates an example from `examples/` next to the page. Network and parse
 * failures come back as a validation issue, never as a thrown error.
 */
export async function loadPreset(
  preset: PresetInfo,
  fetchJson: (url: string) => Promise<unknown> = defaultFetchJson,
): Promise<ValidationResult<Experiment>> {
  let json: unknown;
  try {
    json = await fetchJson(`examples/${preset.file}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [
        configIssue('', {
          code: 'unreadable',
          params: { reason },
        }),
      ],
    };
  }
  return validateExperiment(json);
}

async function defaultFetchJson(url: string): Promise<unknown> {
  const response = await fetch(new URL(url, document.baseURI));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

/**
 * Each workspace's experiment when the page opens. They are the examples "Ravine: SGD vs
 * momentum" and "Full batch, mini-batch 8 and stochastic" (public/examples), inlined so the
 * first paint needs no request.
 */
export const INITIAL_EXPERIMENTS: { readonly [K in WorkspaceId]: Experiment } = {
  explorer: parseExperiment({
    version: 1,
    problem: {
      kind: 'surface',
      surface: 'quadratic',
      params: { conditionNumber: 50, rotation: 30 },
    },
    steps: 200,
    seed: 1,
    runs: [
      { label: 'SGD', optimizer: { kind: 'sgd', lr: 1.5 } },
      { label: 'momentum', optimizer: { kind: 'momentum', lr: 1.5, momentum: 0.6 } },
    ],
  }),
  batch: parseExperiment({
    version: 1,
    problem: { kind: 'regression', samples: 64, noise: 0.8, start: [-2, 3] },
    steps: 150,
    seed: 4,
    runs: [
      { label: 'full batch', batchSize: 'all', optimizer: { kind: 'sgd', lr: 0.1 } },
      { label: 'mini-batch 8', batchSize: 8, optimizer: { kind: 'sgd', lr: 0.1 } },
      { label: 'stochastic', batchSize: 1, optimizer: { kind: 'sgd', lr: 0.1 } },
    ],
  }),
  // The classic net on MNIST, one pass over 8,000 digits in 400 steps of 20, then more.
  cnn: parseExperiment({
    version: 1,
    problem: { kind: 'cnn', dataset: 'mnist', trainSize: 8000, testSize: 1000, evalEvery: 100 },
    steps: 2000,
    seed: 3,
    runs: [
      { label: 'SGD', batchSize: 20, optimizer: { kind: 'sgd', lr: 0.01 } },
      {
        label: 'momentum',
        batchSize: 20,
        optimizer: { kind: 'momentum', lr: 0.01, momentum: 0.9 },
      },
    ],
  }),
};

/**
 * Entries of history kept per run: recent steps at full resolution, older ones decimated.
 * 2048 is four times the width of a chart in pixels, and keeps the per-frame cost of six runs
 * (copying, decimating, drawing) well inside a frame.
 */
export const SERIES_CAPACITY = 2048;

/** The stores of the workspaces, created on first use. */
export interface WorkspaceStores {
  get(id: WorkspaceId): LabStore;
  /** Stops every worker (page teardown, tests). */
  dispose(): void;
}

export function createWorkspaceStores(
  options: Omit<LabStoreOptions, 'initial'>,
  initial: { readonly [K in WorkspaceId]: Experiment } = INITIAL_EXPERIMENTS,
): WorkspaceStores {
  const stores = new Map<WorkspaceId, LabStore>();
  return {
    get(id) {
      let store = stores.get(id);
      if (!store) {
        store = createLabStore({
          seriesCapacity: SERIES_CAPACITY,
          ...options,
          initial: initial[id],
        });
        stores.set(id, store);
      }
      return store;
    },
    dispose() {
      for (const store of stores.values()) store.client.dispose();
      stores.clear();
    },
  };
}
