/**
 * The runs of the experiment (up to six), each with its own panel, and a control to add one.
 * Colours, dash patterns and markers follow the runs' order (colour-blind-safe palette).
 * One run at a time shows its full settings; the others are compact chips (optimizer, η, γ),
 * so the rail stays short enough to keep beside the map.
 */
import { useId, useMemo, useState } from 'react';
import { MAX_RUNS, type OptimizerKind } from '../../core/config/experiment.ts';
import {
  OPTIMIZER_DEFAULTS,
  OPTIMIZER_KINDS,
  OPTIMIZER_TITLES,
} from '../../core/optimizers/index.ts';
import { safeLearningRate } from '../../core/run/defaultRates.ts';
import { SCHEDULE_DEFAULTS } from '../../core/schedules/index.ts';
import { optimizerTitle, useT } from '../../i18n/index.ts';
import { runStyle } from '../../plots/palette.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { useRunTheory, type SurfaceFacts } from '../analysis/useTheory.ts';
import { styleOfRun, uniqueLabel } from '../liveViews.ts';
import { curvatureAt } from '../math/curvature.ts';
import { suggestedLearningRate } from '../math/suggest.ts';
import { RunPanel } from './RunPanel.tsx';

export function RunsPanel(props: { readonly facts: SurfaceFacts | null }) {
  const { facts } = props;
  const t = useT();
  const store = useLabStore();
  const labels = useLab((s) => s.experiment.runs.map((r) => r.label).join('\u0000'));
  const list = labels === '' ? [] : labels.split('\u0000');
  const [kind, setKind] = useState<OptimizerKind>('momentum');
  const [chosen, setChosen] = useState<string | null>(null);
  // The chosen run while it exists, else the first; null when the person closed it.
  // A new branch opens its settings: the point of branching is to change them.
  const branches = useLab((s) => s.branches);
  const [known, setKnown] = useState(labels);
  if (known !== labels) {
    setKnown(labels);
    const before = new Set(known.split('\u0000'));
    const branched = list.find((label) => !before.has(label) && label in branches);
    if (branched) setChosen(branched);
  }
  const selected =
    chosen === '' ? null : chosen !== null && list.includes(chosen) ? chosen : list[0];
  const selectId = useId();

  const addRun = () => {
    const { experiment } = store.getState();
    const problem = experiment.problem;
    let lambdaMax = NaN;
    let span = NaN;
    if (facts && 'start' in problem) {
      lambdaMax = curvatureAt(facts.surface, problem.start[0], problem.start[1]).lambdaMax;
      const box = facts.surface.viewBox;
      span = Math.min(box.xMax - box.xMin, box.yMax - box.yMin);
    }
    const optimizer = OPTIMIZER_DEFAULTS[kind];
    // A method new to a surface gets that surface's safe default; otherwise reuse a rate.
    const lr =
      problem.kind === 'surface' && !experiment.runs.some((r) => r.optimizer.kind === kind)
        ? safeLearningRate(problem, optimizer, experiment.steps)
        : suggestedLearningRate(kind, experiment.runs, { lambdaMax, span });
    const label = uniqueLabel(OPTIMIZER_TITLES[kind], experiment);
    setChosen(label);
    store.getState().addRun({
      label,
      optimizer: { ...optimizer, lr },
      schedule: SCHEDULE_DEFAULTS.constant,
      batchSize:
        experiment.problem.kind === 'surface' ? 'all' : (experiment.runs[0]?.batchSize ?? 'all'),
    });
  };

  return (
    <section className="dl-panel dl-runs" aria-labelledby={`${selectId}-heading`}>
      <h2 id={`${selectId}-heading`}>{t('runs.title')}</h2>
      {list.map((label, index) => (
        <RunWithTheory
          key={label}
          label={label}
          index={index}
          facts={facts}
          canRemove={list.length > 1}
          expanded={label === selected}
          onToggle={() => setChosen(label === selected ? '' : label)}
        />
      ))}
      <div className="dl-add-run">
        <label htmlFor={selectId}>{t('runs.newOptimizer')}</label>
        <select
          id={selectId}
          value={kind}
          onChange={(e) => setKind(e.target.value as OptimizerKind)}
        >
          {OPTIMIZER_KINDS.map((k) => (
            <option key={k} value={k}>
              {optimizerTitle(k, t)}
            </option>
          ))}
        </select>
        <button type="button" onClick={addRun} disabled={list.length >= MAX_RUNS}>
          {t('runs.add')}
        </button>
        {list.length >= MAX_RUNS && (
          <span className="dl-hint">{t('runs.atMost', { max: MAX_RUNS })}</span>
        )}
      </div>
    </section>
  );
}

function RunWithTheory(props: {
  readonly label: string;
  readonly index: number;
  readonly facts: SurfaceFacts | null;
  readonly canRemove: boolean;
  readonly expanded: boolean;
  readonly onToggle: () => void;
}) {
  const theory = useRunTheory(props.label, props.facts);
  // Strings, not the style object: a selector must return the same value while nothing changed.
  const color = useLab((s) => styleOfRun(s, props.index).color);
  const colorName = useLab((s) => styleOfRun(s, props.index).colorName);
  const style = useMemo(
    () => ({ ...runStyle(props.index), color, colorName }),
    [props.index, color, colorName],
  );
  return (
    <RunPanel
      label={props.label}
      style={style}
      theory={theory}
      canRemove={props.canRemove}
      expanded={props.expanded}
      onToggle={props.onToggle}
    />
  );
}
