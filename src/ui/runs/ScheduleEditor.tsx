/**
 * A run's learning-rate schedule: its kind, its fields, warm-up, and a preview of η(t) over the
 * step budget with the run's current step marked.
 */
import { useId } from 'react';
import type { RunConfig, ScheduleConfig, ScheduleKind } from '../../core/config/experiment.ts';
import { SCHEDULE_DEFAULTS, SCHEDULE_KINDS, learningRate } from '../../core/schedules/index.ts';
import { scheduleTitle, useT } from '../../i18n/index.ts';
import { formatReadout } from '../../core/numbers.ts';
import { NumberField, SelectField } from '../controls/fields.tsx';
import { useLiveValue } from '../hooks.ts';
import { scheduleFields } from './fieldSpecs.ts';

interface ScheduleEditorProps {
  readonly run: RunConfig;
  readonly steps: number;
  readonly color: string;
  readonly onChange: (schedule: ScheduleConfig) => void;
}

export function ScheduleEditor(props: ScheduleEditorProps) {
  const { run, steps, color, onChange } = props;
  const t = useT();
  const schedule = run.schedule;
  const options = SCHEDULE_KINDS.map((kind) => ({ value: kind, label: scheduleTitle(kind, t) }));
  const setKind = (kind: ScheduleKind) =>
    onChange({
      ...SCHEDULE_DEFAULTS[kind],
      warmupSteps: Math.min(schedule.warmupSteps, steps),
      warmupStartFactor: schedule.warmupStartFactor,
    });
  const setField = (key: string, value: number) =>
    onChange({ ...schedule, [key]: value } as ScheduleConfig);
  return (
    <fieldset className="dl-schedule">
      <legend>{t('schedule.legend')}</legend>
      <SelectField
        label={t('schedule.label')}
        value={schedule.kind}
        options={options}
        onChange={setKind}
      />
      {scheduleFields(schedule.kind, t).map((spec) =>
        spec.kind === 'number' ? (
          <NumberField
            key={spec.key}
            label={spec.label}
            hint={spec.hint}
            value={(schedule as unknown as Record<string, number>)[spec.key] ?? 0}
            min={spec.bounds.min}
            // Warm-up within the run: the one cross-field bound a schedule has.
            max={spec.key === 'warmupSteps' ? steps : spec.bounds.max}
            integer={spec.integer}
            accepts={spec.accepts}
            onCommit={(v) => setField(spec.key, v)}
          />
        ) : null,
      )}
      <SchedulePreview
        schedule={schedule}
        baseLr={run.optimizer.lr}
        steps={steps}
        label={run.label}
        color={color}
      />
    </fieldset>
  );
}

const PREVIEW_W = 220;
const PREVIEW_H = 56;
const PREVIEW_POINTS = 120;

/** η(t) for t = 0…steps as a small line, with the current step marked. */
export function SchedulePreview(props: {
  readonly schedule: ScheduleConfig;
  readonly baseLr: number;
  readonly steps: number;
  /** The run whose current step is marked. */
  readonly label: string;
  readonly color: string;
}) {
  const { schedule, baseLr, steps, label, color } = props;
  const t = useT();
  const currentStep = useLiveValue((live) => live.currentStep(label));
  const titleId = useId();
  const ts: number[] = [];
  for (let k = 0; k <= PREVIEW_POINTS; k++) ts.push(Math.round((k * steps) / PREVIEW_POINTS));
  const etas = ts.map((t) => learningRate(schedule, baseLr, t));
  const top = Math.max(...etas.filter(Number.isFinite), 0) || 1;
  const x = (t: number) => 2 + (t / Math.max(1, steps)) * (PREVIEW_W - 4);
  const y = (eta: number) => PREVIEW_H - 2 - (eta / top) * (PREVIEW_H - 4);
  const d = ts
    .map((t, i) => `${i === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(etas[i]!).toFixed(1)}`)
    .join('');
  const now = Math.min(Math.max(currentStep, 0), steps);
  const etaEnd = learningRate(schedule, baseLr, steps);
  const description = t('schedule.preview', {
    start: formatReadout(etas[0]!),
    end: formatReadout(etaEnd),
    steps,
    peak: formatReadout(top),
    now,
    current: formatReadout(learningRate(schedule, baseLr, now)),
  });
  return (
    <figure className="dl-schedule-preview">
      <svg width={PREVIEW_W} height={PREVIEW_H} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{description}</title>
        <line
          x1={0}
          x2={PREVIEW_W}
          y1={PREVIEW_H - 2}
          y2={PREVIEW_H - 2}
          stroke="currentColor"
          strokeOpacity={0.4}
        />
        <path d={d} fill="none" stroke={color} strokeWidth={2} />
        <line
          className="dl-schedule-now"
          x1={x(now)}
          x2={x(now)}
          y1={0}
          y2={PREVIEW_H}
          stroke="currentColor"
          strokeDasharray="2 2"
        />
      </svg>
      <figcaption>
        {t('schedule.caption', {
          start: formatReadout(etas[0]!),
          end: formatReadout(etaEnd),
          steps,
        })}
      </figcaption>
    </figure>
  );
}
