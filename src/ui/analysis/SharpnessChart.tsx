/**
 * Sharpness beside the loss: each run's recorded λmax (the experiment's `sharpnessEvery`) with
 * the largest λmax its step tolerates, limit(η_t) drawn dashed along the run's own η(t) — 2/η
 * for gradient descent, 2(1 + γ)/η for the heavy ball, Nesterov's own — so a class can watch
 * full-batch gradient descent sharpen until it meets 2/η and hover there (the edge of
 * stability). The field beside it turns the measurement on or off.
 */
import { useMemo } from 'react';
import { shallow } from 'zustand/vanilla/shallow';
import { SHARPNESS_SAMPLES, sharpnessLimit } from '../../core/analysis/sharpness.ts';
import { MAX_STEPS } from '../../core/config/experiment.ts';
import { useT } from '../../i18n/index.ts';
import { LineChart, type LineSeriesView } from '../../plots/LineChart.tsx';
import { runStyle } from '../../plots/palette.ts';
import type { LiveSource } from '../../plots/source.ts';
import type { LabStore } from '../../store/labStore.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { NumberField } from '../controls/fields.tsx';
import { runsAt } from '../liveViews.ts';

/** Each run's sharpness points and its limit along its η(t). */
function sharpnessSource(
  store: LabStore,
  limitLabel: (run: string) => string,
): LiveSource<readonly LineSeriesView[]> {
  return {
    getState() {
      const views: LineSeriesView[] = [];
      store.getState().experiment.runs.forEach((run, index) => {
        const style = runStyle(index);
        const series = store.live.series(run.label);
        const { steps, values } = series.sharpness();
        views.push({
          label: run.label,
          color: style.color,
          dash: style.dash,
          marker: style.marker,
          x: Float64Array.from(steps),
          y: Float64Array.from(values),
          count: steps.length,
        });
        if (sharpnessLimit(run.optimizer, 1) === null) return;
        const stepColumn = series.column('step');
        const lr = series.column('lr');
        const limit = new Float64Array(series.count);
        for (let i = 0; i < series.count; i++)
          limit[i] = sharpnessLimit(run.optimizer, lr[i]!) ?? NaN;
        views.push({
          label: limitLabel(run.label),
          color: style.color,
          dash: '6 4',
          x: stepColumn,
          y: limit,
          count: series.count,
        });
      });
      return views;
    },
    subscribe: (listener) => store.subscribe(runsAt('chart'), listener, { equalityFn: shallow }),
  };
}

export function SharpnessChart() {
  const t = useT();
  const store = useLabStore();
  const every = useLab((s) => s.experiment.sharpnessEvery);
  const kind = useLab((s) => s.experiment.problem.kind);
  const source = useMemo(
    () => sharpnessSource(store, (run) => t('sharpness.limit', { run })),
    [store, t],
  );
  const setEvery = (value: number) =>
    store.getState().editExperiment((e) => {
      const { sharpnessEvery: _old, ...rest } = e;
      return value > 0 ? { ...rest, sharpnessEvery: value } : rest;
    });

  return (
    <section className="dl-panel dl-charts dl-sharpness" aria-label={t('sharpness.title')}>
      {every !== undefined ? (
        <>
          <LineChart
            title={t('sharpness.title')}
            testId="sharpness-chart"
            series={source}
            yScale="linear"
            xLabel={t('charts.xStep')}
            yLabel="λmax"
          />
          <p className="dl-hint">
            {kind === 'cnn'
              ? t('sharpness.cnn', { every, samples: SHARPNESS_SAMPLES })
              : t('sharpness.exact', { every })}
          </p>
        </>
      ) : (
        <p className="dl-hint">{t('sharpness.off')}</p>
      )}
      <NumberField
        label={t('sharpness.every')}
        hint={t('sharpness.everyHint')}
        value={every ?? 0}
        min={0}
        max={MAX_STEPS}
        integer
        onCommit={setEvery}
      />
    </section>
  );
}
