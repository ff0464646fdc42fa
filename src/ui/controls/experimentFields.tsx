/** Fields every workspace's problem panel shares: the start point and the step budget. */
import { MAX_STEPS } from '../../core/config/experiment.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { NumberField } from './fields.tsx';

/** The shared start point of every run, as two typed fields (the map sets it by click too). */
export function StartFields(props: {
  readonly legend: string;
  readonly labels: readonly [string, string];
  readonly start: readonly [number, number];
}) {
  const store = useLabStore();
  const { legend, labels, start } = props;
  return (
    <fieldset className="dl-start-fields">
      <legend>{legend}</legend>
      <NumberField
        label={labels[0]}
        value={start[0]}
        onCommit={(a) => store.getState().setStart([a, start[1]])}
      />
      <NumberField
        label={labels[1]}
        value={start[1]}
        onCommit={(b) => store.getState().setStart([start[0], b])}
      />
    </fieldset>
  );
}

/** Steps each run takes before it stops (1 … MAX_STEPS). */
export function StepBudgetField(props: { readonly label: string; readonly hint?: string }) {
  const store = useLabStore();
  const steps = useLab((s) => s.experiment.steps);
  return (
    <NumberField
      label={props.label}
      {...(props.hint === undefined ? {} : { hint: props.hint })}
      value={steps}
      min={1}
      max={MAX_STEPS}
      integer
      onCommit={(n) => store.getState().editExperiment((e) => ({ ...e, steps: n }))}
    />
  );
}
