/**
 * One run's panel: optimizer, learning rate (log slider with the stability limit drawn on it,
 * and a typed field), every hyperparameter of that optimizer, batch size on data problems,
 * the schedule, and its status — with the remedy when it diverged. Every edit is a live
 * change: it applies at the run's next step and is marked on the curves.
 */
import { useId, useState, type CSSProperties } from 'react';
import type { RunStatus } from '../../core/run/trainer.ts';
import type {
  OptimizerConfig,
  OptimizerKind,
  Problem,
  RunConfig,
} from '../../core/config/experiment.ts';
import { OPTIMIZER_DEFAULTS, OPTIMIZER_KINDS } from '../../core/optimizers/index.ts';
import { roundDown } from '../../core/run/defaultRates.ts';
import {
  colorName,
  divergedAtStart,
  divergenceText,
  markerName,
  optimizerTitle,
  useT,
  type Translate,
} from '../../i18n/index.ts';
import { markerPath, type RunStyle } from '../../plots/palette.ts';
import { formatReadout } from '../../core/numbers.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import type { RunTheory } from '../analysis/useTheory.ts';
import {
  CheckboxField,
  LogSliderField,
  NumberField,
  SelectField,
  SliderField,
  type SliderMark,
} from '../controls/fields.tsx';
import { useLiveValue } from '../hooks.ts';
import { LEARNING_RATE_SLIDER } from '../math/logSlider.ts';
import type { LimitMethod } from '../math/theory.ts';
import { optimizerFields, type FieldSpec } from './fieldSpecs.ts';
import { ScheduleEditor } from './ScheduleEditor.tsx';

/** Fields shown outside "More settings". */
const PRIMARY_FIELDS = new Set(['momentum', 'beta1', 'beta2', 'alpha', 'rho']);

interface RunPanelProps {
  readonly label: string;
  readonly style: RunStyle;
  /** Theory at the run's current point (for the slider's marks); null when unknown. */
  readonly theory: RunTheory | null;
  readonly canRemove: boolean;
  /** Full settings shown (default); else a compact chip: optimizer, η and γ inline. */
  readonly expanded?: boolean;
  /** Opens or closes the full settings; without it the panel cannot fold. */
  readonly onToggle?: () => void;
}

/** The slider mark of each method's stability limit, in the math's own notation. */
const LIMIT_MARK: Readonly<Record<LimitMethod, string>> = {
  gd: '2/λmax',
  heavyBall: '2(1+γ)/λmax',
  nesterov: '2(1+γ)/((1+2γ)λmax)',
};

export function RunPanel(props: RunPanelProps) {
  const { label, style, theory, canRemove, expanded = true, onToggle } = props;
  const t = useT();
  const store = useLabStore();
  const run = useLab((s) => s.experiment.runs.find((r) => r.label === label));
  const view = useLab((s) => s.runs[label]);
  const steps = useLab((s) => s.experiment.steps);
  const problem = useLab((s) => s.experiment.problem);
  const headingId = useId();
  const [moreOpen, setMoreOpen] = useState(false);
  if (!run) return null;

  const update = (edit: (r: RunConfig) => RunConfig) => store.getState().updateRun(label, edit);
  const setOptimizer = (patch: Partial<Record<string, unknown>>) =>
    update((r) => ({ ...r, optimizer: { ...r.optimizer, ...patch } as OptimizerConfig }));
  const setKind = (kind: OptimizerKind) =>
    update((r) => ({ ...r, optimizer: { ...OPTIMIZER_DEFAULTS[kind], lr: r.optimizer.lr } }));

  const optimizer = run.optimizer as unknown as Record<string, unknown>;
  const fields = optimizerFields(run.optimizer.kind, t);
  const primary = fields.filter((f) => PRIMARY_FIELDS.has(f.key));
  const secondary = fields.filter((f) => !PRIMARY_FIELDS.has(f.key));
  const status = view?.status ?? 'running';

  const marks: SliderMark[] = [];
  if (theory && Number.isFinite(theory.limit)) {
    marks.push({
      value: theory.limit,
      label: LIMIT_MARK[theory.limitMethod ?? 'gd'],
      kind: 'limit',
      description: t('run.limitMark', {
        formula: LIMIT_MARK[theory.limitMethod ?? 'gd'],
        value: formatReadout(theory.limit),
      }),
    });
  }
  if (theory?.optimal && run.optimizer.kind === 'momentum') {
    marks.push({
      value: theory.optimal.lr,
      label: 'η*',
      kind: 'target',
      description: t('run.optimalMark', { value: formatReadout(theory.optimal.lr) }),
    });
  }

  const momentum = optimizer['momentum'];
  const limit = stabilityLimitOf(run.optimizer, theory);
  const unstable = limit !== null && run.optimizer.lr > limit;
  const summary = [
    optimizerTitle(run.optimizer.kind, t),
    `η ${formatReadout(run.optimizer.lr)}`,
    ...(typeof momentum === 'number' && momentum > 0 ? [`γ ${formatReadout(momentum)}`] : []),
    ...(problem.kind === 'surface'
      ? []
      : [batchSizeLabel(run.batchSize, problemSamples(problem), t)]),
  ].join(' · ');

  return (
    <section
      className={`dl-run-panel dl-run-${status}${expanded ? '' : ' dl-run-compact'}`}
      aria-labelledby={headingId}
      style={{ '--run-color': style.color } as CSSProperties}
    >
      <header className="dl-run-header">
        <svg width={16} height={16} aria-hidden="true" className="dl-run-swatch">
          <path
            d={markerPath(style.marker, 8, 8, 6)}
            fill={style.color}
            stroke="#000"
            strokeWidth={0.8}
          />
        </svg>
        <h3 id={headingId}>{label}</h3>
        <RunStepText label={label} status={status} />
        {onToggle && (
          <button
            type="button"
            className="dl-icon-button dl-run-toggle"
            aria-expanded={expanded}
            aria-label={t('run.settingsOf', { label })}
            onClick={onToggle}
          >
            {expanded ? '▾' : '▸'}
          </button>
        )}
        <button
          type="button"
          className="dl-icon-button"
          aria-label={t('run.remove', { label })}
          title={t('run.removeTitle')}
          disabled={!canRemove}
          onClick={() => store.getState().removeRun(label)}
        >
          ✕
        </button>
      </header>
      <p className="dl-run-summary">{summary}</p>
      {expanded && (
        <p className="dl-run-style-note">
          {t('run.styleNote', {
            color: colorName(style.colorName, t),
            line: style.dash ? t('run.dashed') : t('run.solid'),
            marker: markerName(style.marker, t),
          })}
        </p>
      )}

      {status === 'diverged' && (
        <div className="dl-diverged" role="alert">
          <p>
            <strong>{t('run.diverged')}</strong>:{' '}
            {t('run.divergedRest', {
              reason: view?.divergence ? divergenceText(view.divergence, t) : t('run.nonFinite'),
            })}
          </p>
          {view?.divergence && divergedAtStart(view.divergence) ? (
            <p>{t('run.moveStart')}</p>
          ) : (
            <button type="button" onClick={() => store.getState().rewindAndHalve(label)}>
              {t('run.rewind')}
            </button>
          )}
        </div>
      )}

      {expanded && (
        <>
          <SelectField
            label={t('run.optimizer')}
            value={run.optimizer.kind}
            options={OPTIMIZER_KINDS.map((kind) => ({
              value: kind,
              label: optimizerTitle(kind, t),
            }))}
            onChange={setKind}
            hint={t('run.optimizerHint')}
          />
          <LogSliderField
            label={t('run.learningRate')}
            value={run.optimizer.lr}
            slider={LEARNING_RATE_SLIDER}
            marks={marks}
            max={1e6}
            onChange={(lr) => setOptimizer({ lr })}
          />
          {unstable && (
            <div className="dl-limit-warning">
              <p>
                {t('run.aboveLimit', {
                  lr: formatReadout(run.optimizer.lr),
                  limit: formatReadout(limit),
                })}
              </p>
              <button type="button" onClick={() => setOptimizer({ lr: roundDown(limit / 2) })}>
                {t('run.useSafe', { value: formatReadout(roundDown(limit / 2)) })}
              </button>
            </div>
          )}
          {primary.map((spec) => (
            <OptimizerField
              key={spec.key}
              spec={spec}
              value={optimizer[spec.key]}
              onChange={(v) => setOptimizer({ [spec.key]: v })}
            />
          ))}
          {problem.kind !== 'surface' && (
            <BatchSizeField
              value={run.batchSize}
              samples={problemSamples(problem)}
              onChange={(batchSize) => update((r) => ({ ...r, batchSize }))}
            />
          )}
          <details className="dl-more" onToggle={(e) => setMoreOpen(e.currentTarget.open)}>
            <summary>{t('run.more')}</summary>
            {moreOpen &&
              secondary.map((spec) => (
                <OptimizerField
                  key={spec.key}
                  spec={spec}
                  value={optimizer[spec.key]}
                  onChange={(v) => setOptimizer({ [spec.key]: v })}
                />
              ))}
            {moreOpen && (
              <ScheduleEditor
                run={run}
                steps={steps}
                color={style.color}
                onChange={(schedule) => update((r) => ({ ...r, schedule }))}
              />
            )}
          </details>
        </>
      )}
    </section>
  );
}

/**
 * The learning rate above which this run's method blows up at its current point: 2/λmax for
 * plain descent, 2(1 + γ)/λmax for the heavy ball; null for the adaptive methods (their step
 * does not scale with the curvature) or when unknown.
 */
function stabilityLimitOf(optimizer: OptimizerConfig, theory: RunTheory | null): number | null {
  if (!theory || !(theory.limit > 0) || !Number.isFinite(theory.limit)) return null;
  if (optimizer.kind === 'sgd') return theory.limit;
  if (optimizer.kind === 'momentum') return theory.limit * (1 + optimizer.momentum);
  return null;
}

/** "step 120", re-rendered on its own as training streams (the panel itself does not). */
function RunStepText(props: { readonly label: string; readonly status: RunStatus }) {
  const { label, status } = props;
  const t = useT();
  const step = useLiveValue((live) => live.currentStep(label));
  return (
    <span className="dl-run-status" aria-live="off">
      {status === 'running'
        ? t('run.atStep', { step })
        : status === 'finished'
          ? t('run.finishedAt', { step })
          : t('run.statusDiverged')}
    </span>
  );
}

/** One optimizer hyperparameter, drawn as its spec says. */
function OptimizerField(props: {
  readonly spec: FieldSpec;
  readonly value: unknown;
  readonly onChange: (value: number | boolean | string) => void;
}) {
  const { spec, value, onChange } = props;
  switch (spec.kind) {
    case 'slider':
      return (
        <SliderField
          label={spec.label}
          hint={spec.hint}
          value={Number(value)}
          min={spec.min}
          max={spec.max}
          step={spec.step}
          onChange={onChange}
        />
      );
    case 'number':
      return (
        <NumberField
          label={spec.label}
          hint={spec.hint}
          value={Number(value)}
          min={spec.bounds.min}
          max={spec.bounds.max}
          integer={spec.integer}
          accepts={spec.accepts}
          onCommit={onChange}
        />
      );
    case 'boolean':
      return (
        <CheckboxField
          label={spec.label}
          hint={spec.hint}
          checked={value === true}
          onChange={onChange}
        />
      );
    case 'choice':
      return (
        <SelectField
          label={spec.label}
          hint={spec.hint}
          value={String(value)}
          options={spec.options}
          onChange={onChange}
        />
      );
  }
}

/** Batch sizes offered: all, and powers of two below the data size (plus the current one). */
export function batchSizeOptions(samples: number, current: number | 'all'): Array<number | 'all'> {
  const sizes = new Set<number>();
  for (let k = 1; k < samples; k *= 2) sizes.add(k);
  if (typeof current === 'number') sizes.add(current);
  return ['all', ...[...sizes].sort((a, b) => b - a)];
}

/** "all 64 (full batch)", "1 (stochastic)", "8 (mini-batch)". */
function batchSizeLabel(size: number | 'all', samples: number, t: Translate): string {
  return size === 'all'
    ? t('run.batchAll', { samples })
    : size === 1
      ? t('run.batchOne')
      : t('run.batchMini', { size });
}

function problemSamples(problem: Problem): number {
  return problem.kind === 'regression'
    ? problem.samples
    : problem.kind === 'cnn'
      ? problem.trainSize
      : 0;
}

function BatchSizeField(props: {
  readonly value: number | 'all';
  readonly samples: number;
  readonly onChange: (value: number | 'all') => void;
}) {
  const { value, samples, onChange } = props;
  const t = useT();
  const options = batchSizeOptions(samples, value).map((size) => ({
    value: String(size),
    label: batchSizeLabel(size, samples, t),
  }));
  return (
    <SelectField
      label={t('run.batchSize')}
      value={String(value)}
      options={options}
      onChange={(v) => onChange(v === 'all' ? 'all' : Number(v))}
      hint={t('run.batchSizeHint')}
    />
  );
}
