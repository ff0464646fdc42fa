/**
 * The curves of a workspace: loss (log scale when the loss cannot go below zero), distance to
 * the nearest minimum, and η(t) — each with every run, live-change markers and exact values on
 * hover. On data problems the x axis can show samples processed instead of steps.
 */
import { useT } from '../../i18n/index.ts';
import { useId, useMemo, useState } from 'react';
import { LineChart } from '../../plots/LineChart.tsx';
import { useLabStore } from '../../store/useLab.ts';
import { CheckboxField } from '../controls/fields.tsx';
import { lineSource, type SeriesAxis } from '../liveViews.ts';
import { localizedEventSource } from './liveEventText.ts';
import type { SurfaceFacts } from './useTheory.ts';

interface ChartsProps {
  readonly facts: SurfaceFacts | null;
  /** Offer "samples processed" as the x axis (data problems). */
  readonly samplesAxis?: boolean;
}

export function Charts(props: ChartsProps) {
  const t = useT();
  const { facts, samplesAxis = false } = props;
  const store = useLabStore();
  const axisId = useId();
  const [axis, setAxis] = useState<SeriesAxis>('step');
  const globalValue = facts?.surface.criticalPoints.find((p) => p.kind === 'global')?.value;
  // A loss whose minimum is below zero has no log scale; unknown minima default to log.
  const logByDefault = globalValue === undefined || globalValue >= 0;
  // The person's choice holds for the surface it was made on.
  const [choice, setChoice] = useState<{ readonly surface: unknown; readonly log: boolean } | null>(
    null,
  );
  const logLoss = choice && choice.surface === facts?.surface ? choice.log : logByDefault;
  const setLogLoss = (log: boolean) => setChoice({ surface: facts?.surface, log });
  const minima = facts?.minima;
  const loss = useMemo(() => lineSource(store, 'loss', axis), [store, axis]);
  const distance = useMemo(
    () => lineSource(store, 'distance', axis, minima ?? []),
    [store, axis, minima],
  );
  const lr = useMemo(() => lineSource(store, 'lr', axis), [store, axis]);
  const events = useMemo(() => localizedEventSource(store, t, axis), [store, t, axis]);
  const xLabel = axis === 'step' ? t('charts.xStep') : t('charts.xSamples');

  return (
    <section className="dl-panel dl-charts" aria-label={t('charts.region')}>
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
      <div className="dl-chart-grid">
        <LineChart
          title={t('charts.loss')}
          series={loss}
          events={events}
          yScale={logLoss ? 'log' : 'linear'}
          xLabel={xLabel}
          yLabel="f(θ)"
          testId="loss-chart"
        />
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
