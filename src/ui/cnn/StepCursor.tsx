/**
 * The shared step cursor: a slider over the steps at which the runs were looked at (their
 * recorded frames), so the filters, activations, predictions and confusion matrices of every
 * run can be scrubbed back to the same step while training goes on; "Live" follows training.
 */
import { useCallback, useId } from 'react';
import type { LabStore } from '../../store/labStore.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { sameArray } from '../hooks.ts';
import { useCnnT } from './cnnMessages.ts';
import { shownStep } from './cnnSources.ts';
import { useRunLabels } from './FiltersView.tsx';
import { useInspectionValue } from './useInspectionValue.ts';

/** Index of the largest entry of ascending `steps` ≤ `step` (0 when none is). */
export function floorIndex(steps: readonly number[], step: number): number {
  let found = 0;
  for (let i = 0; i < steps.length; i++) if (steps[i]! <= step) found = i;
  return found;
}

export function StepCursor() {
  const t = useCnnT();
  const store = useLabStore();
  const labels = useRunLabels();
  const cursor = useLab((s) => s.cursor);
  const id = useId();
  const steps = useInspectionValue(
    useCallback((s: LabStore) => s.cnn.inspectedSteps(labels), [labels]),
    sameArray,
  );
  const live = useInspectionValue(useCallback((s: LabStore) => shownStep(s), []));
  const index = cursor === null ? steps.length - 1 : floorIndex(steps, cursor);
  const setCursor = (step: number | null) => store.getState().setCursor(step);
  const at = steps[Math.max(0, index)];
  return (
    <div className="dl-panel dl-step-cursor" role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={id}>
        {t('cnn.cursor.label')}
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
          at === undefined ? t('cnn.cursor.empty') : t('cnn.cursor.value', { step: at })
        }
        onChange={(e) => setCursor(steps[Number(e.target.value)] ?? null)}
      />
      <button type="button" aria-pressed={cursor === null} onClick={() => setCursor(null)}>
        {t('cnn.cursor.live')}
      </button>
      {/* Not a live region: while training it changes several times a second. */}
      <span className="dl-hint">
        {cursor !== null
          ? t('cnn.cursor.at', { step: cursor })
          : live === null
            ? t('cnn.cursor.live')
            : t('cnn.cursor.liveAt', { step: live })}
        {steps.length > 0 &&
          t('cnn.cursor.recorded', {
            count: steps.length,
            first: steps[0]!,
            last: steps[steps.length - 1]!,
          })}
      </span>
    </div>
  );
}
