/**
 * The step scrubber of the surface explorer and the batch lab: a slider over the steps taken so
 * far. Dragged back to step k, the map (paths, markers, arrows), the curves' marker, the theory
 * and the data view show step k; "Branch from here" adds a run that goes on from the chosen
 * run's θ_k and optimizer state at k, with its settings open to change ("what if η had been
 * lowered at step 40?"). At its right end, or after Play or Step, the views are live again.
 */
import { useId, useState } from 'react';
import { MAX_RUNS } from '../../core/config/experiment.ts';
import { useT } from '../../i18n/index.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { useLiveValue } from '../hooks.ts';

export function StepScrubber() {
  const t = useT();
  const store = useLabStore();
  const id = useId();
  const shown = useLab((s) => s.shownStep);
  const labels = useLab((s) => s.experiment.runs.map((r) => r.label).join('\u0000'));
  const list = labels === '' ? [] : labels.split('\u0000');
  const [chosen, setChosen] = useState<string | null>(null);
  const parent = chosen !== null && list.includes(chosen) ? chosen : list[0];
  // The furthest step any run has reached: the scrubber's right end (live).
  const furthest = useLiveValue((live) => {
    let step = 0;
    for (const label of store.getState().experiment.runs.map((r) => r.label))
      step = Math.max(step, live.currentStep(label));
    return step;
  });
  const parentStep = useLiveValue((live) => (parent === undefined ? 0 : live.currentStep(parent)));
  const value = Math.min(shown ?? furthest, furthest);
  const canBranch = parent !== undefined && list.length < MAX_RUNS && value <= parentStep;

  const show = (step: number) => store.getState().setShownStep(step >= furthest ? null : step);
  const branch = () => {
    if (parent !== undefined) store.getState().branchRun(parent, value);
  };

  return (
    <div className="dl-scrubber" role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={id}>
        {t('scrub.label')}
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={Math.max(1, furthest)}
        step={1}
        value={value}
        disabled={furthest < 1}
        aria-valuetext={t('scrub.value', { step: value, last: furthest })}
        onChange={(e) => show(Number(e.target.value))}
      />
      <span className="dl-scrubber-step">{t('scrub.value', { step: value, last: furthest })}</span>
      <button
        type="button"
        aria-pressed={shown === null}
        onClick={() => store.getState().setShownStep(null)}
      >
        {t('scrub.live')}
      </button>
      {list.length > 1 && (
        <select
          aria-label={t('scrub.parent')}
          value={parent}
          onChange={(e) => setChosen(e.target.value)}
        >
          {list.map((label) => (
            <option key={label} value={label}>
              {label}
            </option>
          ))}
        </select>
      )}
      <button
        type="button"
        onClick={branch}
        disabled={!canBranch}
        title={list.length >= MAX_RUNS ? t('scrub.full', { max: MAX_RUNS }) : undefined}
      >
        {t('scrub.branch')}
      </button>
    </div>
  );
}
