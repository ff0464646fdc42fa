/**
 * The curves of a workspace: loss (log scale when the loss cannot go below zero), distance to
 * the nearest minimum, and η(t) — each with every run, live-change markers and exact values on
 * hover. On data problems the x axis can show samples processed instead of steps.
 */
import { useId, useMemo, useState } from 'react';
import { LineChart } from '../../plots/LineChart.tsx';
import { useLabStore } from '../../store/useLab.ts';
import { CheckboxField } from '../controls/fields.tsx';
import { eventSource, lineSource, type SeriesAxis } from '../liveViews.ts';
import type { SurfaceFacts } from './useTheory.ts';

interface ChartsProps {
  readonly facts: SurfaceFacts | null;
  /** Offer "samples processed" as the x axis (data problems). */
  readonly samplesAxis?: boolean;
}

export function Charts(props: ChartsProps) {
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
  const events = useMemo(() => eventSource(store, axis), [store, axis]);
  const xLabel = axis === 'step' ? 'step' : 'samples processed';

  return (
    <section className="dl-panel dl-charts" aria-label="Curves">
      <div className="dl-chart-options">
        <CheckboxField label="Log scale for the loss" checked={logLoss} onChange={setLogLoss} />
        {samplesAxis && (
          <div className="dl-field" role="radiogroup" aria-labelledby={`${axisId}-label`}>
            <span id={`${axisId}-label`}>X axis</span>
            <label>
              <input
                type="radio"
                name={axisId}
                checked={axis === 'step'}
                onChange={() => setAxis('step')}
              />{' '}
              Steps
            </label>
            <label>
              <input
                type="radio"
                name={axisId}
                checked={axis === 'samples'}
                onChange={() => setAxis('samples')}
              />{' '}
              Samples processed
            </label>
          </div>
        )}
      </div>
      <div className="dl-chart-grid">
        <LineChart
          title="Loss"
          series={loss}
          events={events}
          yScale={logLoss ? 'log' : 'linear'}
          xLabel={xLabel}
          yLabel="f(θ)"
        />
        {minima && minima.length > 0 ? (
          <LineChart
            title="Distance to the nearest minimum"
            series={distance}
            events={events}
            yScale="log"
            xLabel={xLabel}
            yLabel="‖θ − θ*‖"
          />
        ) : (
          <p className="dl-hint dl-chart-placeholder">
            This surface has no known minimum, so there is no distance to plot.
          </p>
        )}
        <LineChart
          title="Learning rate η(t)"
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
