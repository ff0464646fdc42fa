/**
 * "Sweep η": every run of the workspace's experiment replayed at log-spaced learning rates in
 * parallel workers, all else equal; final and best loss against η (and held-out accuracy on
 * CNNs), divergence marked; a click loads that η into its run. Progress, Pause and Cancel while
 * it runs. The replays run in their own workers, apart from the live runs.
 */
import { createContext, useContext, useEffect, useId, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import {
  MAX_SWEEP_RATES,
  appSweepExperiment,
  defaultSweepRange,
  sweepRangeIssue,
  withLearningRate,
  type SweepPoint,
} from '../../core/analysis/sweep.ts';
import { useT } from '../../i18n/index.ts';
import { runStyle } from '../../plots/palette.ts';
import { createSweepStore } from '../../store/sweepStore.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { sweepWorkerCount, type SweepWorkerLike } from '../../worker/sweepClient.ts';
import { CheckboxField, NumberField } from '../controls/fields.tsx';
import { SweepChart, type SweepSeries } from './SweepChart.tsx';

/** Most rates the panel offers (the CLI allows MAX_SWEEP_RATES). */
const MAX_PANEL_RATES = Math.min(40, MAX_SWEEP_RATES);
const DEFAULT_RATES = 13;

/** How the panel starts a sweep worker (tests give a fake). */
export const SweepWorkerContext = createContext<() => SweepWorkerLike>(
  () =>
    new Worker(new URL('../../worker/sweepWorker.ts', import.meta.url), {
      type: 'module',
    }) as unknown as SweepWorkerLike,
);

export function SweepPanel() {
  const t = useT();
  const lab = useLabStore();
  const createWorker = useContext(SweepWorkerContext);
  const workers = sweepWorkerCount();
  const sweep = useMemo(() => createSweepStore({ createWorker, workers }), [createWorker, workers]);
  useEffect(() => () => sweep.getState().cancel(), [sweep]);
  const state = useStore(sweep);
  const experiment = useLab((s) => s.experiment);
  const headingId = useId();

  const suggested = defaultSweepRange(experiment);
  const [range, setRange] = useState<{ min: number; max: number; count: number } | null>(null);
  const { min, max } = range ?? suggested;
  const count = range?.count ?? DEFAULT_RATES;
  const [effective, setEffective] = useState(false);
  const hasMomentum = experiment.runs.some((r) => r.optimizer.kind === 'momentum');
  const rangeIssue = sweepRangeIssue(min, max, count);
  const cnn = experiment.problem.kind === 'cnn';
  const active = state.status === 'running' || state.status === 'paused';

  const start = () =>
    sweep
      .getState()
      .start(
        experiment,
        { min, max, count, comparison: effective ? 'effective' : 'same' },
        lab.getState().cnnMnist(),
      );
  const pick = (runLabel: string, lr: number) =>
    lab.getState().updateRun(runLabel, (run) => withLearningRate(run, lr));

  const series = useMemo((): SweepSeries[] => {
    const byLabel = new Map<string, SweepSeries & { points: SweepPoint[] }>();
    state.jobs.forEach((job, i) => {
      const point = state.points[i];
      let entry = byLabel.get(job.label);
      if (!entry) {
        const twin = job.label !== experiment.runs[job.runIndex]?.label;
        const runLabel = state.jobs.find((j) => j.runIndex === job.runIndex)!.label;
        entry = { label: job.label, runLabel, style: runStyle(job.runIndex), twin, points: [] };
        byLabel.set(job.label, entry);
      }
      if (point) entry.points.push(point);
    });
    return [...byLabel.values()].map((s) => ({
      ...s,
      points: [...s.points].sort((a, b) => a.lr - b.lr),
    }));
  }, [state.jobs, state.points, experiment.runs]);
  const sweptRange = useMemo((): [number, number] => {
    const rates = state.jobs.map((j) => j.lr);
    return rates.length > 0 ? [Math.min(...rates), Math.max(...rates)] : [min, max];
  }, [state.jobs, min, max]);

  const replays = state.jobs.length;
  const replaysDone = state.points.filter((p) => p !== null).length;
  const totalSteps = replays * state.budget;
  const percent = totalSteps > 0 ? Math.floor((100 * state.stepsDone) / totalSteps) : 0;
  const hasAccuracy = series.some((s) => s.points.some((p) => p.testAccuracy !== undefined));
  const budgetSteps = appSweepExperiment(experiment).steps;

  return (
    <section className="dl-panel dl-sweep" aria-labelledby={headingId} data-testid="sweep-panel">
      <h2 id={headingId}>{t('sweep.title')}</h2>
      <p className="dl-hint">{t('sweep.intro', { workers })}</p>
      <p className="dl-hint">
        {cnn
          ? t('sweep.budget.cnn', { steps: budgetSteps, total: experiment.steps })
          : t('sweep.budget.full', { steps: budgetSteps })}
      </p>
      <div className="dl-sweep-controls">
        <NumberField
          label={t('sweep.from')}
          value={min}
          min={0}
          accepts={(v) => v > 0}
          onCommit={(v) => setRange({ min: v, max, count })}
          disabled={active}
        />
        <NumberField
          label={t('sweep.to')}
          value={max}
          min={0}
          accepts={(v) => v > 0}
          onCommit={(v) => setRange({ min, max: v, count })}
          disabled={active}
        />
        <NumberField
          label={t('sweep.count')}
          value={count}
          min={2}
          max={MAX_PANEL_RATES}
          integer
          onCommit={(v) => setRange({ min, max, count: v })}
          disabled={active}
        />
      </div>
      {hasMomentum && (
        <CheckboxField
          label={t('sweep.effective')}
          hint={t('sweep.effectiveHint')}
          checked={effective}
          onChange={setEffective}
        />
      )}
      {rangeIssue !== null && (
        <p className="dl-error-text" role="alert">
          {t('sweep.badRange', { max: MAX_PANEL_RATES })}
        </p>
      )}
      <div className="dl-sweep-buttons">
        <button
          type="button"
          className="dl-primary"
          onClick={start}
          disabled={active || rangeIssue !== null}
        >
          {t('sweep.start')}
        </button>
        {state.status === 'paused' ? (
          <button type="button" onClick={() => sweep.getState().resume()}>
            {t('sweep.resume')}
          </button>
        ) : (
          <button type="button" onClick={() => sweep.getState().pause()} disabled={!active}>
            {t('sweep.pause')}
          </button>
        )}
        <button type="button" onClick={() => sweep.getState().cancel()} disabled={!active}>
          {t('sweep.cancel')}
        </button>
      </div>
      {state.status !== 'idle' && (
        <div className="dl-sweep-status">
          <progress
            max={100}
            value={percent}
            aria-label={t('sweep.progress')}
            data-testid="sweep-progress"
          />
          <p role="status" aria-live="polite">
            {state.status === 'failed'
              ? t('sweep.failed', { message: state.error ?? '' })
              : state.status === 'cancelled'
                ? t('sweep.cancelled', { done: replaysDone, total: replays })
                : state.status === 'finished'
                  ? t('sweep.finished', { total: replays })
                  : t(state.status === 'paused' ? 'sweep.pausedText' : 'sweep.progressText', {
                      done: replaysDone,
                      total: replays,
                      percent,
                    })}
          </p>
        </div>
      )}
      {replaysDone > 0 && (
        <>
          <SweepChart
            title={t('sweep.chart')}
            series={series}
            range={sweptRange}
            measure="loss"
            onPick={pick}
            testId="sweep-chart"
          />
          {hasAccuracy && (
            <SweepChart
              title={t('sweep.accuracyChart')}
              series={series}
              range={sweptRange}
              measure="accuracy"
              onPick={pick}
              testId="sweep-accuracy-chart"
            />
          )}
          <p className="dl-hint">{t('sweep.divergedHint')}</p>
        </>
      )}
    </section>
  );
}
