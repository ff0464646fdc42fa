/**
 * Shared setup of the UI component tests: the real app (or a workspace page) over stores whose
 * workers are FakeWorkers running the real TrainingHost and trainers, so every control really
 * trains. jsdom has no canvas: the heatmap's 2D context is stubbed to null.
 */
import { cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import { App } from '../../src/App.tsx';
import { preloadAllParts } from '../../src/ui/lazyPart.tsx';
import { preloadExporters } from '../../src/ui/classroom/ExportMenu.tsx';
import type { Experiment } from '../../src/core/config/experiment.ts';
import type { FetchBytes } from '../../src/store/datasetLoader.ts';
import { parseExperiment } from '../../src/core/config/validate.ts';
import {
  INITIAL_EXPERIMENTS,
  createWorkspaceStores,
  type WorkspaceId,
} from '../../src/ui/workspaces.ts';
import { FakeWorker } from '../support/fakeWorker.ts';

/**
 * jsdom gives MathML elements no `style` (browsers do: MathML Core); temml sets a few spacing
 * styles through it (the CSSOM, which the CSP allows), so they get a plain object here.
 */
function styleMathMl(): void {
  if ('style' in Element.prototype) return;
  const styles = new WeakMap<Element, Record<string, string>>();
  Object.defineProperty(Element.prototype, 'style', {
    configurable: true,
    get(this: Element) {
      let style = styles.get(this);
      if (!style) styles.set(this, (style = {}));
      return style;
    },
  });
}

/** Installs the jsdom stubs and cleans up after each test of the calling file. */
export function setUpUiTests(): void {
  styleMathMl();
  // The parts the page fetches on first use render at once here (lazyPart.test covers loading).
  beforeAll(() => Promise.all([preloadAllParts(), preloadExporters()]));
  // The fake workers train on real timers: on a loaded 2-core machine a step and its frame can
  // take longer than waitFor's default 1 s (seen in a full run), so it may wait 5 s.
  configure({ asyncUtilTimeout: 5000 });
  beforeEach(() => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });
  afterEach(() => {
    cleanup();
    for (const dispose of disposers.splice(0)) dispose();
    vi.restoreAllMocks();
  });
}

const disposers: Array<() => void> = [];

export interface Rendered {
  readonly workers: FakeWorker[];
  readonly stores: ReturnType<typeof createWorkspaceStores>;
}

/** Renders the whole app; `experiments` replace the workspaces' initial experiments. */
export function renderApp(
  options: {
    readonly workspace?: WorkspaceId;
    readonly experiments?: Partial<Record<WorkspaceId, unknown>>;
    readonly fetchJson?: (url: string) => Promise<unknown>;
    /** How the CNN lab downloads MNIST (default: the browser's fetch, which jsdom lacks). */
    readonly fetchBytes?: FetchBytes;
    /** Makes each worker (default: a plain FakeWorker); may throw, as `new Worker` can. */
    readonly newWorker?: () => FakeWorker;
  } = {},
): Rendered {
  const workers: FakeWorker[] = [];
  const initial: Record<WorkspaceId, Experiment> = { ...INITIAL_EXPERIMENTS };
  for (const [id, json] of Object.entries(options.experiments ?? {})) {
    initial[id as WorkspaceId] = parseExperiment(json);
  }
  const stores = createWorkspaceStores(
    {
      createWorker: () => {
        const worker = options.newWorker?.() ?? new FakeWorker();
        workers.push(worker);
        return worker;
      },
      nextFrame: (callback) => setTimeout(callback, 0),
      ...(options.fetchBytes ? { fetchBytes: options.fetchBytes } : {}),
    },
    initial,
  );
  disposers.push(() => stores.dispose());
  render(
    <App
      stores={stores}
      {...(options.workspace ? { initialWorkspace: options.workspace } : {})}
      {...(options.fetchJson ? { fetchJson: options.fetchJson } : {})}
    />,
  );
  return { workers, stores };
}

/** The "Step N of M" counter's N. */
export function stepCounter(): number {
  const text = document.querySelector('.dl-step-counter')?.textContent ?? '';
  const match = /Step (\d+) of/.exec(text);
  if (!match) throw new Error(`no step counter in "${text}"`);
  return Number(match[1]);
}

/** Waits until the step counter satisfies `predicate`. */
export async function waitForStep(
  predicate: (step: number) => boolean,
  timeout = 5000,
): Promise<void> {
  await waitFor(() => expect(predicate(stepCounter())).toBe(true), { timeout });
}

/** The region of the run panel labelled `label`. */
export function runPanel(label: string): HTMLElement {
  return screen.getByRole('region', { name: label });
}
