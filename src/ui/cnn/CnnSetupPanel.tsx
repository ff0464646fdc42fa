/**
 * The CNN problem: data set (MNIST digits or generated shapes), architecture (the classic net
 * or a smaller one for slow machines), how many images train and are held out, how often the
 * held-out set is evaluated, and the step budget. Every change restarts the runs from the
 * same initial weights.
 */
import { useId } from 'react';
import {
  DEFAULT_ARCHITECTURE,
  SMALL_ARCHITECTURE,
  summarizeArchitecture,
  type ArchitectureSpec,
  type LayerSpec,
  type LayerSummary,
} from '../../core/cnn/architecture.ts';
import { SHAPE_CLASSES } from '../../core/cnn/data/shapes.ts';
import type { CnnProblem } from '../../core/config/experiment.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { NumberField, SelectField } from '../controls/fields.tsx';

/** The architectures offered; an experiment file may bring its own ("custom"). */
export const ARCHITECTURES: ReadonlyArray<{
  readonly id: 'classic' | 'small';
  readonly title: string;
  readonly spec: ArchitectureSpec;
}> = [
  { id: 'classic', title: 'Classic: conv 8 → conv 16 (default)', spec: DEFAULT_ARCHITECTURE },
  { id: 'small', title: 'Small: conv 4, stride 2 (for slow machines)', spec: SMALL_ARCHITECTURE },
];

/** Training / held-out sizes a data set starts with (the config's defaults). */
const SIZES = {
  mnist: { trainSize: 8000, testSize: 2000 },
  shapes: { trainSize: 2000, testSize: 500 },
} as const;

/** Number of classes and their names for a data set. */
export function datasetClasses(dataset: CnnProblem['dataset']): readonly string[] {
  return dataset === 'mnist' ? ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] : SHAPE_CLASSES;
}

function sameSpec(a: ArchitectureSpec, b: ArchitectureSpec): boolean {
  return JSON.stringify(a.layers) === JSON.stringify(b.layers);
}

/** "5×5 conv, 8 filters, pad 2", "max-pool 2×2", … */
export function describeLayer(spec: LayerSpec | null, summary: LayerSummary): string {
  if (spec === null) return `dense → ${summary.output.channels} classes, softmax`;
  switch (spec.type) {
    case 'conv':
      return `${spec.size}×${spec.size} conv, ${spec.filters} filters${spec.stride > 1 ? `, stride ${spec.stride}` : ''}${spec.pad > 0 ? `, pad ${spec.pad}` : ''}`;
    case 'maxPool':
    case 'avgPool':
      return `${spec.type === 'maxPool' ? 'max' : 'average'}-pool ${spec.size}×${spec.size}${spec.stride !== spec.size ? `, stride ${spec.stride}` : ''}`;
    case 'relu':
      return 'ReLU';
    case 'tanh':
      return 'tanh';
    case 'leakyRelu':
      return `leaky ReLU (slope ${spec.slope})`;
    case 'flatten':
      return 'flatten';
    case 'dense':
      return `dense, ${spec.units} units`;
  }
}

const count = (n: number) => n.toLocaleString('en-US');

/** The network as a strip of layers: what each does, its output shape and parameter count. */
export function ArchitectureStrip(props: {
  readonly spec: ArchitectureSpec;
  readonly classes: number;
}) {
  const { spec, classes } = props;
  const summary = summarizeArchitecture(spec, classes);
  const parameters = summary.reduce((sum, s) => sum + s.parameters, 0);
  const macs = summary.reduce((sum, s) => sum + s.macs, 0);
  const [h, w, c] = spec.input;
  const captionId = useId();
  return (
    <figure className="dl-architecture" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        Network: {count(parameters)} parameters, {(macs / 1e6).toFixed(2)} million multiply-adds per
        image
      </figcaption>
      <ol className="dl-architecture-strip">
        <li className="dl-layer dl-layer-input">
          <span className="dl-layer-name">input</span>
          <span className="dl-layer-shape">
            {h}×{w}×{c}
          </span>
        </li>
        {summary.map((s, i) => (
          <li key={s.name} className={`dl-layer dl-layer-${s.type}`}>
            <span className="dl-layer-name">{s.name}</span>
            <span className="dl-layer-what">{describeLayer(spec.layers[i] ?? null, s)}</span>
            <span className="dl-layer-shape">
              {s.output.height}×{s.output.width}×{s.output.channels}
            </span>
            {s.parameters > 0 && (
              <span className="dl-layer-params">{count(s.parameters)} parameters</span>
            )}
          </li>
        ))}
      </ol>
    </figure>
  );
}

export function CnnSetupPanel(props: { readonly problem: CnnProblem }) {
  const { problem } = props;
  const store = useLabStore();
  const steps = useLab((s) => s.experiment.steps);
  const headingId = useId();
  const set = (patch: Partial<CnnProblem>) => store.getState().setProblem({ ...problem, ...patch });
  const current = ARCHITECTURES.find((a) => sameSpec(a.spec, problem.architecture));
  const architectureOptions = [
    ...ARCHITECTURES.map((a) => ({ value: a.id as string, label: a.title })),
    ...(current ? [] : [{ value: 'custom', label: 'Custom (from the experiment)' }]),
  ];
  const maxTotal = problem.dataset === 'mnist' ? 10_000 : 25_000;
  return (
    <section className="dl-panel dl-problem" aria-labelledby={headingId}>
      <h2 id={headingId}>Network and data</h2>
      <SelectField
        label="Data set"
        value={problem.dataset}
        options={[
          { value: 'mnist', label: 'MNIST handwritten digits' },
          { value: 'shapes', label: 'Generated shapes (fast, no download)' },
        ]}
        onChange={(dataset) => set({ dataset, ...SIZES[dataset] })}
      />
      <SelectField
        label="Architecture"
        value={current?.id ?? 'custom'}
        options={architectureOptions}
        onChange={(id) => {
          const chosen = ARCHITECTURES.find((a) => a.id === id);
          if (chosen) set({ architecture: chosen.spec });
        }}
      />
      <NumberField
        label="Training images"
        value={problem.trainSize}
        min={1}
        max={maxTotal - problem.testSize}
        integer
        onCommit={(trainSize) => set({ trainSize })}
      />
      <NumberField
        label="Held-out images"
        value={problem.testSize}
        min={1}
        max={maxTotal - problem.trainSize}
        integer
        onCommit={(testSize) => set({ testSize })}
      />
      <NumberField
        label="Evaluate every (steps)"
        hint="Held-out accuracy and the confusion matrix are measured this often, and at the last step."
        value={problem.evalEvery}
        min={1}
        max={10_000_000}
        integer
        onCommit={(evalEvery) => set({ evalEvery })}
      />
      <NumberField
        label="Step budget"
        value={steps}
        min={1}
        max={10_000_000}
        integer
        onCommit={(n) => store.getState().editExperiment((e) => ({ ...e, steps: n }))}
      />
      <p className="dl-hint">
        Every run starts from the same initial weights and sees the same batches.
      </p>
    </section>
  );
}

/** The MNIST download: progress while it runs; on failure the reason and what to do. */
export function DatasetStatus() {
  const store = useLabStore();
  const dataset = useLab((s) => s.dataset);
  const needed = useLab(
    (s) => s.experiment.problem.kind === 'cnn' && s.experiment.problem.dataset === 'mnist',
  );
  if (dataset.status === 'loading') {
    const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
    const percent = dataset.total
      ? Math.min(100, Math.round((100 * dataset.received) / dataset.total))
      : null;
    return (
      <div className="dl-banner dl-dataset-progress" role="status">
        <label>
          Loading the MNIST digits…{' '}
          {percent === null
            ? `${mb(dataset.received)} MB`
            : `${percent}% of ${mb(dataset.total!)} MB`}
          <progress
            max={dataset.total ?? undefined}
            value={dataset.total ? Math.min(dataset.received, dataset.total) : undefined}
          />
        </label>
        <span className="dl-hint">
          Training starts when they are in (press Play now to start at once then).
        </span>
      </div>
    );
  }
  if (dataset.status === 'error' && needed) {
    return (
      <div className="dl-banner dl-banner-error" role="alert">
        <p>
          <strong>No data to train on:</strong> {dataset.error}. Check the connection and retry, or
          train on the generated shapes, which need no download.
        </p>
        <button type="button" onClick={() => void store.getState().loadDataset()}>
          Retry
        </button>
        <button
          type="button"
          onClick={() => {
            const { experiment, setProblem } = store.getState();
            if (experiment.problem.kind === 'cnn')
              setProblem({ ...experiment.problem, dataset: 'shapes', ...SIZES.shapes });
          }}
        >
          Use the shapes instead
        </button>
      </div>
    );
  }
  return null;
}
