/**
 * What theory says at the selected run's current point: the Hessian and its eigenvalues, the
 * stability limit of plain gradient descent against the run's η, and — on a quadratic — the
 * optimal step and momentum (with a button that applies them) and the convergence rate
 * predicted for the run's settings beside the rate measured from its trajectory.
 */
import { useId, useState } from 'react';
import type { RunConfig } from '../../core/config/experiment.ts';
import { OPTIMIZER_DEFAULTS } from '../../core/optimizers/index.ts';
import { SCHEDULE_DEFAULTS } from '../../core/schedules/index.ts';
import { formatValue } from '../../plots/scales.ts';
import type { LiveRuns } from '../../store/liveRuns.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { SelectField } from '../controls/fields.tsx';
import { useLiveValue } from '../hooks.ts';
import { distancesToNearest } from '../math/results.ts';
import { measuredRate, predictedRate, stepsToShrink } from '../math/theory.ts';
import { useRunTheory, type SurfaceFacts } from './useTheory.ts';

/** Steps of history the measured rate is fitted over. */
const RATE_WINDOW = 20;

export function TheoryPanel(props: { readonly facts: SurfaceFacts | null }) {
  const { facts } = props;
  const store = useLabStore();
  const headingId = useId();
  const labels = useLab((s) => s.experiment.runs.map((r) => r.label).join('\u0000')).split(
    '\u0000',
  );
  const [chosen, setChosen] = useState(labels[0] ?? '');
  const label = labels.includes(chosen) ? chosen : (labels[0] ?? '');
  const run = useLab((s) => s.experiment.runs.find((r) => r.label === label));
  const theory = useRunTheory(label, facts);
  const minima = facts?.minima;
  const measured = useLiveValue((live: LiveRuns) => {
    if (!minima || minima.length === 0) return null;
    // Only the newest entries matter (they are at full resolution in the buffer).
    const series = live.series(label);
    const from = Math.max(0, series.count - 4 * RATE_WINDOW);
    const n = series.count - from;
    const d = distancesToNearest(series.column('params').subarray(2 * from), n, minima);
    const rate = measuredRate(series.column('step').subarray(from), d, n, RATE_WINDOW);
    return rate === null ? null : Number(rate.toPrecision(4));
  }, 300);

  if (!facts || !run) return null;

  const apply = (lr: number, momentum: number) =>
    store.getState().updateRun(label, (r): RunConfig => ({
      ...r,
      optimizer: { ...OPTIMIZER_DEFAULTS.momentum, lr, momentum },
      schedule: SCHEDULE_DEFAULTS.constant,
    }));

  const c = theory?.curvature;
  const predicted =
    theory && c && facts.quadratic
      ? predictedRate(run.optimizer, theory.lr, [c.lambdaMin, c.lambdaMax])
      : null;
  const unstable = theory ? theory.lr >= theory.limit : false;

  return (
    <section className="dl-panel dl-theory" aria-labelledby={headingId}>
      <h2 id={headingId}>Theory</h2>
      <SelectField
        label="Run"
        value={label}
        options={labels.map((l) => ({ value: l, label: l }))}
        onChange={setChosen}
        hint="Whose current point the numbers below describe"
      />
      {!theory || !c ? (
        <p className="dl-hint">The curvature is not defined at this run’s current point.</p>
      ) : (
        <>
          <dl className="dl-facts">
            <dt>Current point θ at step {theory.step}</dt>
            <dd>
              ({formatValue(theory.point[0])}, {formatValue(theory.point[1])})
            </dd>
            <dt>Hessian H</dt>
            <dd>
              [[{formatValue(c.hessian[0])}, {formatValue(c.hessian[1])}], [
              {formatValue(c.hessian[1])}, {formatValue(c.hessian[2])}]]
            </dd>
            <dt>Eigenvalues of H</dt>
            <dd>
              λmin = {formatValue(c.lambdaMin)}, λmax = {formatValue(c.lambdaMax)}
              {c.lambdaMin > 0 && <>, κ = λmax/λmin = {formatValue(c.lambdaMax / c.lambdaMin)}</>}
              {c.lambdaMin < 0 && (
                <> — negative curvature: the surface bends down along one direction here</>
              )}
            </dd>
            <dt>Stability limit of plain gradient descent</dt>
            <dd>
              {Number.isFinite(theory.limit) ? (
                <>
                  η &lt; 2/λmax = {formatValue(theory.limit)}; this run’s η ={' '}
                  {formatValue(theory.lr)} is{' '}
                  <strong>
                    {unstable
                      ? 'above it: plain GD would blow up along the steepest direction'
                      : 'below it'}
                  </strong>
                </>
              ) : (
                'none: no direction curves upward here'
              )}
            </dd>
          </dl>
          {facts.quadratic && theory.optimal ? (
            <div className="dl-optimal">
              <h3>Optimal settings for this quadratic</h3>
              <dl className="dl-facts">
                <dt>Optimal step η* = 4/(√λmax + √λmin)²</dt>
                <dd>{formatValue(theory.optimal.lr)}</dd>
                <dt>Optimal momentum γ* = ((√κ − 1)/(√κ + 1))²</dt>
                <dd>{formatValue(theory.optimal.momentum)}</dd>
                <dt>Best rates per step</dt>
                <dd>
                  momentum with η*, γ*: {formatValue(theory.optimal.rate)}; plain GD with η =
                  2/(λmin + λmax) = {formatValue(theory.optimal.gdLr)}:{' '}
                  {formatValue(theory.optimal.gdRate)}
                </dd>
              </dl>
              <button
                type="button"
                onClick={() => apply(theory.optimal!.lr, theory.optimal!.momentum)}
              >
                Apply optimal settings
              </button>
              <span className="dl-hint">
                {' '}
                to “{label}”: momentum with η*, γ* and a constant schedule
              </span>
              <h3>Convergence rate</h3>
              <dl className="dl-facts">
                <dt>Predicted for this run’s settings</dt>
                <dd>
                  {predicted === null
                    ? 'no linear prediction for adaptive optimizers'
                    : predicted < 1
                      ? `ρ = ${formatValue(Number(predicted.toPrecision(4)))} per step: the distance to the minimum shrinks a millionfold in about ${stepsToShrink(predicted, 1e-6)} steps`
                      : `ρ = ${formatValue(Number(predicted.toPrecision(4)))} ≥ 1: the run diverges (or never settles)`}
                </dd>
                <dt>Measured over the last {RATE_WINDOW} steps</dt>
                <dd>
                  {measured === null
                    ? 'not enough steps yet'
                    : `ρ ≈ ${formatValue(measured)} per step`}
                </dd>
              </dl>
            </div>
          ) : (
            <p className="dl-hint">
              Optimal η and momentum are exact for quadratics, whose curvature is the same
              everywhere; on this surface it changes from point to point.
            </p>
          )}
        </>
      )}
    </section>
  );
}
