/**
 * Error along each eigendirection, for quadratics and the line fit: for every run, |component
 * of θ_t − θ*| along the Hessian's steep (λmax) and flat (λmin) eigenvectors over steps, on a
 * log scale, each beside the line linear theory predicts for it (dashed: |c_0|·Π ρ_i(η_s)), and
 * under each run's chart its measured rate per direction beside the predicted one. One small
 * chart per run, the directions styled alike in all of them, so runs compare at a glance: the
 * flat direction sets the pace; momentum speeds it up and lets the steep one oscillate.
 */
import { useCallback, useId, useMemo } from 'react';
import { shallow } from 'zustand/vanilla/shallow';
import { directionRate, linearMethod, momentumOf } from '../../core/analysis/rateMap.ts';
import type { OptimizerConfig } from '../../core/config/experiment.ts';
import { formatReadout } from '../../core/numbers.ts';
import { useT } from '../../i18n/index.ts';
import { LineChart, type LineSeriesView } from '../../plots/LineChart.tsx';
import { RUN_STYLES } from '../../plots/palette.ts';
import type { LiveSource } from '../../plots/source.ts';
import type { LabStore } from '../../store/labStore.ts';
import type { RunHistory } from '../../store/runHistory.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { useLiveValue } from '../hooks.ts';
import { runsAt } from '../liveViews.ts';
import { curvatureAt } from '../math/curvature.ts';
import { eigenComponents, predictedComponents } from '../math/eigenError.ts';
import type { Point } from '../math/results.ts';
import { measuredRate } from '../math/theory.ts';
import type { SurfaceFacts } from './useTheory.ts';

/** Steps of history each measured rate is fitted over. */
const RATE_WINDOW = 20;

/** A Hessian eigendirection at the minimum: its curvature and unit vector. */
export interface EigenDirection {
  readonly lambda: number;
  readonly vector: readonly [number, number];
}

/**
 * How the two directions are drawn in every run's chart: steep in vermillion with triangles,
 * flat in blue with circles (Okabe–Ito), measured solid and predicted dashed.
 */
const DIRECTION_STYLES = [
  { color: RUN_STYLES[1]!.color, marker: 'triangle' },
  { color: RUN_STYLES[0]!.color, marker: 'circle' },
] as const;
const PREDICTED_DASH = '6 4';

/**
 * The lines of one run's chart: per direction the measured |vᵢᵀ(θ_t − θ*)| and, for methods
 * with a linear iteration (GD, heavy ball, Nesterov), the prediction from its first value.
 * `names` holds [measured, predicted] per direction.
 */
export function eigenErrorViews(
  live: RunHistory,
  label: string,
  optimizer: OptimizerConfig | undefined,
  minimum: Point,
  directions: readonly EigenDirection[],
  names: readonly (readonly [string, string])[],
  scratch: Float64Array[] = [],
): LineSeriesView[] {
  const buffer = (i: number, n: number) => {
    const b = scratch[i];
    if (b && b.length >= n) return b;
    return (scratch[i] = new Float64Array(Math.max(64, n)));
  };
  const series = live.series(label);
  const count = series.count;
  const steps = series.column('step');
  const method = optimizer ? linearMethod(optimizer) : null;
  const gamma = optimizer ? momentumOf(optimizer) : 0;
  const views: LineSeriesView[] = [];
  directions.forEach((d, i) => {
    const { color, marker } = DIRECTION_STYLES[i % 2]!;
    const [measuredName, predictedName] = names[i]!;
    const measured = eigenComponents(
      series.column('params'),
      count,
      minimum,
      d.vector,
      buffer(2 * i, count),
    );
    views.push({ label: measuredName, color, dash: '', marker, x: steps, y: measured, count });
    if (method && count > 0)
      views.push({
        label: predictedName,
        color,
        dash: PREDICTED_DASH,
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
}

/** The views of run `label` as a live source: redrawn on frames and on config changes. */
function eigenErrorSource(
  store: LabStore,
  label: string,
  minimum: Point,
  directions: readonly EigenDirection[],
  names: readonly (readonly [string, string])[],
): LiveSource<readonly LineSeriesView[]> {
  const scratch: Float64Array[] = [];
  return {
    getState: () =>
      eigenErrorViews(
        store.live,
        label,
        store.getState().experiment.runs.find((r) => r.label === label)?.optimizer,
        minimum,
        directions,
        names,
        scratch,
      ),
    subscribe: (listener) => store.subscribe(runsAt('chart'), listener, { equalityFn: shallow }),
  };
}

/** One run's chart and, under it, its measured and predicted rate per direction. */
function RunEigenError(props: {
  readonly label: string;
  readonly minimum: Point;
  readonly directions: readonly EigenDirection[];
  readonly names: readonly (readonly [string, string])[];
}) {
  const { label, minimum, directions, names } = props;
  const t = useT();
  const store = useLabStore();
  const optimizer = useLab((s) => s.experiment.runs.find((r) => r.label === label)?.optimizer);
  const source = useMemo(
    () => eigenErrorSource(store, label, minimum, directions, names),
    [store, label, minimum, directions, names],
  );

  // Measured rate per direction over the newest steps, beside the predicted one at η_t.
  const readRates = useCallback(
    (live: RunHistory): string => {
      const series = live.series(label);
      const from = Math.max(0, series.count - 4 * RATE_WINDOW);
      const n = series.count - from;
      const steps = series.column('step').subarray(from);
      const lr = series.column('lr')[series.count - 1] ?? optimizer?.lr ?? NaN;
      const method = optimizer ? linearMethod(optimizer) : null;
      const gamma = optimizer ? momentumOf(optimizer) : 0;
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
    [label, optimizer, minimum, directions],
  );
  const rows = useLiveValue(readRates)
    .split(';')
    .map((row) => row.split('|'));

  return (
    <div className="dl-eigen-run" data-run={label}>
      <LineChart
        title={t('eigenError.chart', { label })}
        testId="eigen-error-chart"
        series={source}
        yScale="log"
        height={180}
        xLabel={t('charts.xStep')}
        yLabel="|vᵢᵀ(θ − θ*)|"
      />
      <dl className="dl-facts dl-eigen-rates">
        {directions.map((_, i) => {
          const [measured, predicted] = rows[i] ?? [];
          return (
            <div key={i}>
              <dt>{names[i]![0]}</dt>
              <dd>
                {t('eigenError.rates', {
                  measured: measured ? formatReadout(Number(measured)) : '—',
                  predicted: predicted ? formatReadout(Number(predicted)) : '—',
                })}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}

export function EigenErrorChart(props: { readonly facts: SurfaceFacts }) {
  const { facts } = props;
  const t = useT();
  const headingId = useId();
  const labels = useLab((s) => s.experiment.runs.map((r) => r.label).join('\u0000')).split(
    '\u0000',
  );
  const adaptive = useLab((s) => s.experiment.runs.some((r) => !linearMethod(r.optimizer)));
  const minimum = facts.minima[0];
  const directions = useMemo((): readonly EigenDirection[] | null => {
    if (!minimum) return null;
    const c = curvatureAt(facts.surface, minimum[0], minimum[1]);
    return [
      { lambda: c.lambdaMax, vector: c.vMax },
      { lambda: c.lambdaMin, vector: c.vMin },
    ];
  }, [facts.surface, minimum]);
  const names = useMemo(
    () =>
      (directions ?? []).map((d, i) => {
        const lambda = formatReadout(Number(d.lambda.toPrecision(4)));
        const which = i === 0 ? 'steep' : 'flat';
        return [t(`eigenError.${which}`, { lambda }), t(`eigenError.${which}Predicted`)] as const;
      }),
    [directions, t],
  );

  if (!facts.quadratic || !minimum || !directions) return null;
  return (
    <section className="dl-panel dl-charts dl-eigen-error" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('eigenError.title')}</h2>
      <p className="dl-hint">{t('eigenError.hint')}</p>
      {adaptive && <p className="dl-hint">{t('eigenError.adaptive')}</p>}
      {labels.map((label) => (
        <RunEigenError
          key={label}
          label={label}
          minimum={minimum}
          directions={directions}
          names={names}
        />
      ))}
    </section>
  );
}
