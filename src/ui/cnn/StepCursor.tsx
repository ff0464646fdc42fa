/**
 * The shared step cursor: a slider over the steps at which the runs were looked at (their
 * recorded frames), so the filters, activations, predictions and confusion matrices of every
 * run can be scrubbed back to the same step while training goes on; "Live" follows training.
 */
import { useCallback, useId } from 'react';
import type { LabStore } from '../../store/labStore.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { sameArray } from '../hooks.ts';
import { shownStep } from './cnnSources.ts';
import { useRunLabels } from './FiltersView.tsx';
import { useCnnValue } from './useCnnValue.ts';

/** Index of the largest entry of ascending `steps` ≤ `step` (0 when none is). */
export function floorIndex(steps: readonly number[], step: number): number {
  let found = 0;
  for (let i = 0; i < steps.length; i++) if (steps[i]! <= step) found = i;
  return found;
}

export function StepCursor() {
  const store = useLabStore();
  const labels = useRunLabels();
  const cursor = useLab((s) => s.cursor);
  const id = useId();
  const steps = useCnnValue(
    useCallback((s: LabStore) => s.cnn.inspectedSteps(labels), [labels]),
    sameArray,
    250,
  );
  const live = useCnnValue(useCallback((s: LabStore) => shownStep(s), []));
  const index = cursor === null ? steps.length - 1 : floorIndex(steps, cursor);
  const setCursor = (step: number | null) => store.getState().setCursor(step);
  return (
    <div className="dl-panel dl-step-cursor" role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={id}>
        Step cursor
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={Math.max(0, steps.length - 1)}
        step={1}
        value={Math.max(0, index)}
        disabled={steps.length < 2}
        aria-valuetext={
          steps.length === 0 ? 'no recorded steps yet' : `step ${steps[Math.max(0, index)]}`
        }
        onChange={(e) => setCursor(steps[Number(e.target.value)] ?? null)}
      />
      <button type="button" aria-pressed={cursor === null} onClick={() => setCursor(null)}>
        Live
      </button>
      <span className="dl-hint" aria-live="polite">
        {cursor === null
          ? `Live${live === null ? '' : `: every run shown at step ${live}`}`
          : `Every run shown at its last recorded step up to ${cursor}`}
        {steps.length > 0 &&
          ` (${steps.length} recorded steps, ${steps[0]}–${steps[steps.length - 1]})`}
      </span>
    </div>
  );
}
