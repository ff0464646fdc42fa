/**
 * The CNN problem: data set (MNIST digits or generated shapes), architecture (the classic net
 * or a smaller one for slow machines), how many images train and are held out, how often the
 * held-out set is evaluated, and the step budget. Every change restarts the runs from the
 * same initial weights.
 */
import { useId, useState } from 'react';
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
import { systemErrorText, useT } from '../../i18n/index.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { NumberField, SelectField } from '../controls/fields.tsx';
import { StepBudgetField } from '../controls/experimentFields.tsx';
import { LayerExplanation } from './LayerExplanation.tsx';
import { cnnTranslator, useCnnT, type CnnMessageKey, type CnnTranslate } from './cnnMessages.ts';

/** The architectures offered; an experiment file may bring its own ("custom"). */
export const ARCHITECTURES: ReadonlyArray<{
  readonly id: 'classic' | 'small';
  readonly title: CnnMessageKey;
  readonly spec: ArchitectureSpec;
}> = [
  { id: 'classic', title: 'cnn.setup.classic', spec: DEFAULT_ARCHITECTURE },
  { id: 'small', title: 'cnn.setup.small', spec: SMALL_ARCHITECTURE },
];

const english = cnnTranslator('en');

/** Training / held-out sizes a data set starts with (the config's defaults). */
const SIZES = {
  mnist: { trainSize: 8000, testSize: 2000 },
  shapes: { trainSize: 2000, testSize: 500 },
} as const;

/** The class names of a data set, in label order (the shapes' in the UI language). */
export function datasetClasses(
  dataset: CnnProblem['dataset'],
  t: CnnTranslate = english,
): readonly string[] {
  return dataset === 'mnist'
    ? ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']
    : SHAPE_CLASSES.map((_, i) => t(`cnn.shape.${i}` as CnnMessageKey));
}

function sameSpec(a: ArchitectureSpec, b: ArchitectureSpec): boolean {
  return JSON.stringify(a.layers) === JSON.stringify(b.layers);
}

/** "5×5 conv, 8 filters, pad 2", "max-pool 2×2", … */
export function describeLayer(
  spec: LayerSpec | null,
  summary: LayerSummary,
  t: CnnTranslate = english,
): string {
  if (spec === null) return t('cnn.arch.output', { classes: summary.output.channels });
  switch (spec.type) {
    case 'conv':
      return (
        t('cnn.arch.conv', { size: spec.size, filters: spec.filters }) +
        (spec.stride > 1 ? t('cnn.arch.stride', { stride: spec.stride }) : '') +
        (spec.pad > 0 ? t('cnn.arch.pad', { pad: spec.pad }) : '')
      );
    case 'maxPool':
    case 'avgPool':
      return (
        t(spec.type === 'maxPool' ? 'cnn.arch.maxPool' : 'cnn.arch.avgPool', { size: spec.size }) +
        (spec.stride !== spec.size ? t('cnn.arch.stride', { stride: spec.stride }) : '')
      );
    case 'relu':
      return t('cnn.arch.relu');
    case 'tanh':
      return t('cnn.arch.tanh');
    case 'leakyRelu':
      return t('cnn.arch.leakyRelu', { slope: String(spec.slope) });
    case 'flatten':
      return t('cnn.arch.flatten');
    case 'dense':
      return t('cnn.arch.dense', { units: spec.units });
  }
}

/**
 * The network as a strip of layers: what each does, its output shape and parameter count. A
 * click on a layer opens, in place below the strip, what it computes on the probe image.
 */
export function ArchitectureStrip(props: {
  readonly spec: ArchitectureSpec;
  readonly classes: number;
}) {
  const { spec, classes } = props;
  const t = useCnnT();
  const summary = summarizeArchitecture(spec, classes);
  const parameters = summary.reduce((sum, s) => sum + s.parameters, 0);
  const macs = summary.reduce((sum, s) => sum + s.macs, 0);
  const [h, w, c] = spec.input;
  const captionId = useId();
  const explanationId = useId();
  const [open, setOpen] = useState<string | null>(null);
  const openIndex = summary.findIndex((s) => s.name === open);
  const opened = summary[openIndex];
  return (
    <figure className="dl-architecture" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        {t('cnn.arch.caption', { parameters, macs: (macs / 1e6).toFixed(2) })}{' '}
        <span className="dl-hint">{t('cnn.arch.explainHint')}</span>
      </figcaption>
      <ol className="dl-architecture-strip">
        <li className="dl-layer dl-layer-input">
          <span className="dl-layer-name">{t('cnn.arch.input')}</span>
          <span className="dl-layer-shape">
            {h}×{w}×{c}
          </span>
        </li>
        {summary.map((s, i) => (
          <li key={s.name} className={`dl-layer dl-layer-${s.type}`}>
            <button
              type="button"
              className="dl-layer-button"
              aria-expanded={open === s.name}
              aria-controls={open === s.name ? explanationId : undefined}
              title={t('cnn.arch.explain', { layer: s.name })}
              onClick={() => setOpen(open === s.name ? null : s.name)}
            >
              <span className="dl-layer-name">{s.name}</span>
              <span className="dl-layer-what">{describeLayer(spec.layers[i] ?? null, s, t)}</span>
              <span className="dl-layer-shape">
                {s.output.height}×{s.output.width}×{s.output.channels}
              </span>
              {s.parameters > 0 && (
                <span className="dl-layer-params">
                  {t('cnn.arch.parameters', { count: s.parameters })}
                </span>
              )}
            </button>
          </li>
        ))}
      </ol>
      {opened && (
        <LayerExplanation
          id={explanationId}
          spec={spec.layers[openIndex] ?? null}
          summary={opened}
          previous={summary[openIndex - 1] ?? null}
          input={spec.input}
          onClose={() => setOpen(null)}
        />
      )}
    </figure>
  );
}

export function CnnSetupPanel(props: { readonly problem: CnnProblem }) {
  const { problem } = props;
  const t = useCnnT();
  const store = useLabStore();
  const headingId = useId();
  const set = (patch: Partial<CnnProblem>) => store.getState().setProblem({ ...problem, ...patch });
  const current = ARCHITECTURES.find((a) => sameSpec(a.spec, problem.architecture));
  const architectureOptions = [
    ...ARCHITECTURES.map((a) => ({ value: a.id as string, label: t(a.title) })),
    ...(current ? [] : [{ value: 'custom', label: t('cnn.setup.custom') }]),
  ];
  const maxTotal = problem.dataset === 'mnist' ? 10_000 : 25_000;
  return (
    <section className="dl-panel dl-problem" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('cnn.setup.heading')}</h2>
      <SelectField
        label={t('cnn.setup.dataset')}
        value={problem.dataset}
        options={[
          { value: 'mnist', label: t('cnn.setup.mnist') },
          { value: 'shapes', label: t('cnn.setup.shapes') },
        ]}
        onChange={(dataset) => set({ dataset, ...SIZES[dataset] })}
      />
      <SelectField
        label={t('cnn.setup.architecture')}
        value={current?.id ?? 'custom'}
        options={architectureOptions}
        onChange={(id) => {
          const chosen = ARCHITECTURES.find((a) => a.id === id);
          if (chosen) set({ architecture: chosen.spec });
        }}
      />
      <NumberField
        label={t('cnn.setup.trainSize')}
        value={problem.trainSize}
        min={1}
        max={maxTotal - problem.testSize}
        integer
        onCommit={(trainSize) => set({ trainSize })}
      />
      <NumberField
        label={t('cnn.setup.testSize')}
        value={problem.testSize}
        min={1}
        max={maxTotal - problem.trainSize}
        integer
        onCommit={(testSize) => set({ testSize })}
      />
      <NumberField
        label={t('cnn.setup.evalEvery')}
        hint={t('cnn.setup.evalEveryHint')}
        value={problem.evalEvery}
        min={1}
        max={10_000_000}
        integer
        onCommit={(evalEvery) => set({ evalEvery })}
      />
      <StepBudgetField label={t('cnn.setup.steps')} />
      <p className="dl-hint">{t('cnn.setup.sameStart')}</p>
    </section>
  );
}

/** The MNIST download: progress while it runs; on failure the reason and what to do. */
export function DatasetStatus() {
  const t = useCnnT();
  const appT = useT();
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
          {t('cnn.data.loading')}{' '}
          {percent === null
            ? t('cnn.data.megabytes', { received: mb(dataset.received) })
            : t('cnn.data.percentOf', { percent: String(percent), total: mb(dataset.total!) })}
          <progress
            max={dataset.total ?? undefined}
            value={dataset.total ? Math.min(dataset.received, dataset.total) : undefined}
          />
        </label>
        <span className="dl-hint">{t('cnn.data.startsWhenIn')}</span>
      </div>
    );
  }
  if (dataset.status === 'error' && needed) {
    return (
      <div className="dl-banner dl-banner-error" role="alert">
        <p>
          <strong>{t('cnn.data.failed')}</strong> {systemErrorText(dataset.error ?? '', appT)}
          {appT('punctuation.sentenceEnd')} {t('cnn.data.remedy')}
        </p>
        <button type="button" onClick={() => void store.getState().loadDataset()}>
          {t('cnn.data.retry')}
        </button>
        <button
          type="button"
          onClick={() => {
            const { experiment, setProblem } = store.getState();
            if (experiment.problem.kind === 'cnn')
              setProblem({ ...experiment.problem, dataset: 'shapes', ...SIZES.shapes });
          }}
        >
          {t('cnn.data.useShapes')}
        </button>
      </div>
    );
  }
  return null;
}
