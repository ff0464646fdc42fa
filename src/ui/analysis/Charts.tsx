/**
 * The curves of a workspace: loss (log scale when the loss cannot go below zero), distance to
 * the nearest minimum, and η(t) — each with every run, live-change markers and exact values on
 * hover. On data problems the x axis can show samples processed instead of steps.
 *
 * The loss chart sits beside the map (LossChart); the other two further down (MoreCharts).
 * They share the x-axis choice through useChartAxis.
 */
import { useT } from '../../i18n/index.ts';
import { useId, useMemo, useState } from 'react';
import { LineChart } from '../../plots/LineChart.tsx';
import { useLabStore } from '../../store/useLab.ts';
import { CheckboxField } from '../controls/fields.tsx';
import { lineSource, type SeriesAxis } from '../liveViews.ts';
import { localizedEventSource, withShownStep } from './liveEventText.ts';
import type { SurfaceFacts } from './useTheory.ts';

/** The x axis of a workspace's charts (steps, or samples processed on data problems). */
export interface ChartAxis {
  readonly axis: SeriesAxis;
  readonly setAxis: (axis: SeriesAxis) => void;
}

export function useChartAxis(): ChartAxis {
  const [axis, setAxis] = useState<SeriesAxis>('step');
  return { axis, setAxis };
}

interface ChartsProps {
  readonly facts: SurfaceFacts | null;
  readonly axis: ChartAxis;
}

function useEvents(axis: SeriesAxis) {
  const t = useT();
  const store = useLabStore();
  return useMemo(
    () => withShownStep(store, localizedEventSource(store, t, axis), t, axis),
    [store, t, axis],
  );
}

/** The loss curves, with the log-scale switch and (on data problems) the x-axis choice. */
export function LossChart(props: ChartsProps & { readonly samplesAxis?: boolean }) {
  const t = useT();
  const { facts, samplesAxis = false } = props;
  const { axis, setAxis } = props.axis;
  const store = useLabStore();
  const axisId = useId();
  const globalValue = facts?.surface.criticalPoints.find((p) => p.kind === 'global')?.value;
  // A loss whose minimum is below zero has no log scale; unknown minima default to log.
  const logByDefault = globalValue === undefined || globalValue >= 0;
  // The person's choice holds for the surface it was made on.
  const [choice, setChoice] = useState<{ readonly surface: unknown; readonly log: boolean } | null>(
    null,
  );
  const logLoss = choice && choice.surface === facts?.surface ? choice.log : logByDefault;
  const setLogLoss = (log: boolean) => setChoice({ surface: facts?.surface, log });
  const loss = useMemo(() => lineSource(store, 'loss', axis), [store, axis]);
  const events = useEvents(axis);
  const xLabel = axis === 'step' ? t('charts.xStep') : t('charts.xSamples');

  return (
    <section className="dl-panel dl-charts dl-loss-chart" aria-label={t('charts.region')}>
      <LineChart
        title={t('charts.loss')}
        testId="loss-chart"
        series={loss}
        events={events}
        yScale={logLoss ? 'log' : 'linear'}
        xLabel={xLabel}
        yLabel="f(θ)"
      />
      <div className="dl-chart-options">
        <CheckboxField label={t('charts.logLoss')} checked={logLoss} onChange={setLogLoss} />
        {samplesAxis && (
          <div className="dl-field" role="radiogroup" aria-labelledby={`${axisId}-label`}>
            <span id={`${axisId}-label`}>{t('charts.xAxis')}</span>
            <label>
              <input
                type="radio"
                name={axisId}
                checked={axis === 'step'}
                onChange={() => setAxis('step')}
              />{' '}
              {t('charts.steps')}
            </label>
            <label>
              <input
                type="radio"
                name={axisId}
                checked={axis === 'samples'}
                onChange={() => setAxis('samples')}
              />{' '}
              {t('charts.samples')}
            </label>
          </div>
        )}
      </div>
    </section>
  );
}

/** Distance to the nearest minimum and η(t). */
export function MoreCharts(props: ChartsProps) {
  const t = useT();
  const { facts } = props;
  const { axis } = props.axis;
  const store = useLabStore();
  const minima = facts?.minima;
  const distance = useMemo(
    () => lineSource(store, 'distance', axis, minima ?? []),
    [store, axis, minima],
  );
  const lr = useMemo(() => lineSource(store, 'lr', axis), [store, axis]);
  const events = useEvents(axis);
  const xLabel = axis === 'step' ? t('charts.xStep') : t('charts.xSamples');

  return (
    <section className="dl-panel dl-charts dl-more-charts" aria-label={t('charts.moreRegion')}>
      <div className="dl-chart-grid">
        {minima && minima.length > 0 ? (
          <LineChart
            title={t('charts.distance')}
            series={distance}
            events={events}
            yScale="log"
            xLabel={xLabel}
            yLabel="‖θ − θ*‖"
          />
        ) : (
          <p className="dl-hint dl-chart-placeholder">{t('charts.noMinimum')}</p>
        )}
        <LineChart
          title={t('charts.lr')}
          series={lr}
          events={events}
          yScale="log"
          xLabel={xLabel}
          yLabel="η"
        />
      </div>
    </section>
  );
}
