/**
 * Error along each eigendirection, for quadratics and the line fit: |component of θ_t − θ*|
 * along the Hessian's steep (λmax) and flat (λmin) eigenvectors over steps, on a log scale, for
 * one run — each beside the line linear theory predicts for it (dashed: |c_0|·Π ρ_i(η_t)),
 * and the measured rate per direction beside the predicted one.
 */
import { useCallback, useId, useMemo, useState } from 'react';
import {
  directionRate,
  linearMethod,
  momentumOf,
  type LinearMethod,
} from '../../core/analysis/rateMap.ts';
import { useT } from '../../i18n/index.ts';
import { LineChart, type LineSeriesView } from '../../plots/LineChart.tsx';
import { RUN_STYLES } from '../../plots/palette.ts';
import { formatValue } from '../../plots/scales.ts';
import type { LiveSource } from '../../plots/source.ts';
import type { LiveRuns } from '../../store/liveRuns.ts';
import type { LabStore } from '../../store/labStore.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { SelectField } from '../controls/fields.tsx';
import { useLiveValue } from '../hooks.ts';
import { CHART_REDRAW_MS, subscribeBoth } from '../liveViews.ts';
import { curvatureAt, type Curvature } from '../math/curvature.ts';
import { eigenComponents, predictedComponents } from '../math/eigenError.ts';
import type { Point } from '../math/results.ts';
import { measuredRate } from '../math/theory.ts';
import type { SurfaceFacts } from './useTheory.ts';

/** Steps of history each measured rate is fitted over. */
const RATE_WINDOW = 20;

/** The two directions: steep in vermillion with triangles, flat in blue with circles. */
const DIRECTIONS = [
  { key: 'steep', style: RUN_STYLES[1]!, marker: 'triangle' },
  { key: 'flat', style: RUN_STYLES[0]!, marker: 'circle' },
] as const;

interface Direction {
  readonly lambda: number;
  readonly vector: readonly [number, number];
}

function directionsOf(c: Curvature): readonly [Direction, Direction] {
  return [
    { lambda: c.lambdaMax, vector: c.vMax },
    { lambda: c.lambdaMin, vector: c.vMin },
  ];
}

/** The measured and predicted components of run `label` along both directions. */
function eigenErrorSource(
  store: LabStore,
  label: string,
  minimum: Point,
  directions: readonly [Direction, Direction],
  names: readonly string[],
): LiveSource<readonly LineSeriesView[]> {
  const scratch: Float64Array[] = [];
  const buffer = (i: number, n: number) => {
    const b = scratch[i];
    if (b && b.length >= n) return b;
    return (scratch[i] = new Float64Array(Math.max(64, n)));
  };
  return {
    get() {
      const run = store.getState().experiment.runs.find((r) => r.label === label);
      const series = store.live.series(label);
      const count = series.count;
      const steps = series.column('step');
      const method = run ? linearMethod(run.optimizer) : null;
      const gamma = run ? momentumOf(run.optimizer) : 0;
      const views: LineSeriesView[] = [];
      directions.forEach((d, i) => {
        const { style, marker } = DIRECTIONS[i]!;
        const measured = eigenComponents(
          series.column('params'),
          count,
          minimum,
          d.vector,
          buffer(2 * i, count),
        );
        views.push({
          label: names[2 * i]!,
          color: style.color,
          dash: '',
          marker,
          x: steps,
          y: measured,
          count,
        });
        if (method && count > 0)
          views.push({
            label: names[2 * i + 1]!,
            color: style.color,
            dash: '6 4',
            x: steps,
            y: predictedComponents(
              steps,
              series.column('lr'),
              count,
              measured[0]!,
              (lr) => directionRate(method, lr, gamma, d.lambda),
              buffer(2 * i + 1, count),
            ),
            count,
          });
      });
      return views;
    },
    subscribe: (listener) => subscribeBoth(store, listener, CHART_REDRAW_MS),
  };
}

export function EigenErrorChart(props: { readonly facts: SurfaceFacts }) {
  const { facts } = props;
  const t = useT();
  const store = useLabStore();
  const headingId = useId();
  const labels = useLab((s) => s.experiment.runs.map((r) => r.label).join('\u0000')).split(
    '\u0000',
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const label = chosen !== null && labels.includes(chosen) ? chosen : (labels[0] ?? '');
  const optimizer = useLab((s) => s.experiment.runs.find((r) => r.label === label)?.optimizer);
  const minimum = facts.minima[0];
  const curvature = useMemo(
    () => (minimum ? curvatureAt(facts.surface, minimum[0], minimum[1]) : null),
    [facts.surface, minimum],
  );
  const directions = useMemo(() => (curvature ? directionsOf(curvature) : null), [curvature]);
  const names = useMemo(
    () =>
      directions
        ? directions.flatMap((d, i) => {
            const lambda = formatValue(Number(d.lambda.toPrecision(4)));
            const which = i === 0 ? 'steep' : 'flat';
            return [t(`eigenError.${which}`, { lambda }), t(`eigenError.${which}Predicted`)];
          })
        : [],
    [directions, t],
  );
  const source = useMemo(
    () =>
      minimum && directions ? eigenErrorSource(store, label, minimum, directions, names) : null,
    [store, label, minimum, directions, names],
  );
  const method: LinearMethod | null = optimizer ? linearMethod(optimizer) : null;
  const gamma = optimizer ? momentumOf(optimizer) : 0;

  // Measured rate per direction over the newest steps, beside the predicted one at η_t.
  const readRates = useCallback(
    (live: LiveRuns): string => {
      if (!minimum || !directions) return '';
      const series = live.series(label);
      const from = Math.max(0, series.count - 4 * RATE_WINDOW);
      const n = series.count - from;
      const steps = series.column('step').subarray(from);
      const lr = series.column('lr')[series.count - 1] ?? optimizer?.lr ?? NaN;
      return directions
        .map((d) => {
          const c = eigenComponents(
            series.column('params').subarray(2 * from),
            n,
            minimum,
            d.vector,
          );
          const measured = measuredRate(steps, c, n, RATE_WINDOW);
          const predicted = method ? directionRate(method, lr, gamma, d.lambda) : null;
          return `${measured === null ? '' : measured.toPrecision(4)}|${predicted === null ? '' : predicted.toPrecision(4)}`;
        })
        .join(';');
    },
    [minimum, directions, label, optimizer, method, gamma],
  );
  const rates = useLiveValue(readRates, 300);

  if (!facts.quadratic || !source || !directions) return null;
  const rows = rates.split(';').map((row) => row.split('|'));

  return (
    <section className="dl-panel dl-charts dl-eigen-error" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('eigenError.title')}</h2>
      <SelectField
        label={t('eigenError.run')}
        value={label}
        options={labels.map((l) => ({ value: l, label: l }))}
        onChange={setChosen}
      />
      <LineChart
        title={t('eigenError.chart', { label })}
        testId="eigen-error-chart"
        series={source}
        yScale="log"
        xLabel={t('charts.xStep')}
        yLabel="|vᵢᵀ(θ − θ*)|"
      />
      <dl className="dl-facts dl-eigen-rates">
        {directions.map((d, i) => {
          const [measured, predicted] = rows[i] ?? [];
          return (
            <div key={i}>
              <dt>{names[2 * i]}</dt>
              <dd>
                {t('eigenError.rates', {
                  measured: measured ? formatValue(Number(measured)) : '—',
                  predicted: predicted ? formatValue(Number(predicted)) : '—',
                })}
              </dd>
            </div>
          );
        })}
      </dl>
      <p className="dl-hint">{method ? t('eigenError.hint') : t('eigenError.adaptive')}</p>
    </section>
  );
}
