/**
 * What theory says at the selected run's current point: the Hessian and its eigenvalues, the
 * stability limit of the run's own method (GD, heavy ball or Nesterov) against its η, and — on a quadratic — the
 * optimal step and momentum (with a button that applies them) and the convergence rate
 * predicted for the run's settings beside the rate measured from its trajectory.
 */
import { useT } from '../../i18n/index.ts';
import { useId, useState } from 'react';
import type { RunConfig } from '../../core/config/experiment.ts';
import { OPTIMIZER_DEFAULTS } from '../../core/optimizers/index.ts';
import { SCHEDULE_DEFAULTS } from '../../core/schedules/index.ts';
import { formatReadout } from '../../core/numbers.ts';
import type { RunHistory } from '../../store/runHistory.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { SelectField } from '../controls/fields.tsx';
import { useLiveValue } from '../hooks.ts';
import { distancesToNearest } from '../math/results.ts';
import { RichText } from '../RichText.tsx';
import { Tex } from '../Tex.tsx';
import { measuredRate, predictedRate, stepsToShrink } from '../math/theory.ts';
import { useRunTheory, type SurfaceFacts } from './useTheory.ts';

/** A readout inside TeX: upright and whole ("1.2e−5" stays one token), with a real minus sign. */
function texNumber(value: number): string {
  return `\\text{${formatReadout(value).replace(/-/g, '−')}}`;
}

/** The formulas the panel quotes, in TeX (one copy for every language; its text fills them in). */
const FORMULA = {
  gd: String.raw`$\eta < 2/\lambda_{\max}$`,
  heavyBall: String.raw`$\eta < 2(1 + \gamma)/\lambda_{\max}$`,
  nesterov: String.raw`$\eta < 2(1 + \gamma)/\bigl((1 + 2\gamma)\,\lambda_{\max}\bigr)$`,
  optimalStep: String.raw`$\eta^* = 4/\bigl(\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}}\bigr)^2$`,
  optimalMomentum: String.raw`$\gamma^* = \left(\frac{\sqrt{\kappa} - 1}{\sqrt{\kappa} + 1}\right)^2$`,
  gdStep: String.raw`$\eta = 2/(\lambda_{\min} + \lambda_{\max})$`,
} as const;

/** Steps of history the measured rate is fitted over. */
const RATE_WINDOW = 20;

export function TheoryPanel(props: { readonly facts: SurfaceFacts | null }) {
  const t = useT();
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
  const measured = useLiveValue((live: RunHistory) => {
    if (!minima || minima.length === 0) return null;
    // Only the newest entries matter (they are at full resolution in the buffer).
    const series = live.series(label);
    const from = Math.max(0, series.count - 4 * RATE_WINDOW);
    const n = series.count - from;
    const d = distancesToNearest(series.column('params').subarray(2 * from), n, minima);
    const rate = measuredRate(series.column('step').subarray(from), d, n, RATE_WINDOW);
    return rate === null ? null : Number(rate.toPrecision(4));
  });

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
      <h2 id={headingId}>{t('theory.title')}</h2>
      <SelectField
        label={t('theory.run')}
        value={label}
        options={labels.map((l) => ({ value: l, label: l }))}
        onChange={setChosen}
        hint={t('theory.runHint')}
      />
      {!theory || !c ? (
        <p className="dl-hint">{t('theory.undefined')}</p>
      ) : (
        <>
          <dl className="dl-facts">
            <dt>{t('theory.point', { step: theory.step })}</dt>
            <dd>
              ({formatReadout(theory.point[0])}, {formatReadout(theory.point[1])})
            </dd>
            <dt>{t('theory.hessian')}</dt>
            <dd>
              <Tex
                tex={`H = \\begin{pmatrix} ${texNumber(c.hessian[0])} & ${texNumber(c.hessian[1])} \\\\ ${texNumber(c.hessian[1])} & ${texNumber(c.hessian[2])} \\end{pmatrix}`}
              />
            </dd>
            <dt>{t('theory.eigenvalues')}</dt>
            <dd>
              <Tex
                tex={
                  `\\lambda_{\\min} = ${texNumber(c.lambdaMin)},\\ \\lambda_{\\max} = ${texNumber(c.lambdaMax)}` +
                  (c.lambdaMin > 0
                    ? `,\\ \\kappa = \\lambda_{\\max}/\\lambda_{\\min} = ${texNumber(c.lambdaMax / c.lambdaMin)}`
                    : '')
                }
              />
              {c.lambdaMin < 0 && <>{t('theory.negative')}</>}
            </dd>
            <dt>{t('theory.limit')}</dt>
            <dd>
              {theory.limitMethod === null ? (
                t('theory.noMethodLimit')
              ) : Number.isFinite(theory.limit) ? (
                <>
                  <RichText
                    text={t(`theory.limitValue.${theory.limitMethod}`, {
                      formula: FORMULA[theory.limitMethod],
                      limit: formatReadout(theory.limit),
                      lr: formatReadout(theory.lr),
                      gamma: formatReadout(
                        run.optimizer.kind === 'momentum' ? run.optimizer.momentum : 0,
                      ),
                    })}
                  />{' '}
                  <strong>{unstable ? t('theory.above') : t('theory.below')}</strong>
                </>
              ) : (
                t('theory.noLimit')
              )}
            </dd>
          </dl>
          {facts.quadratic && theory.optimal ? (
            <div className="dl-optimal">
              <h3>{t('theory.optimal')}</h3>
              <dl className="dl-facts">
                <dt>
                  <RichText text={t('theory.optimalStep', { formula: FORMULA.optimalStep })} />
                </dt>
                <dd>{formatReadout(theory.optimal.lr)}</dd>
                <dt>
                  <RichText
                    text={t('theory.optimalMomentum', { formula: FORMULA.optimalMomentum })}
                  />
                </dt>
                <dd>{formatReadout(theory.optimal.momentum)}</dd>
                <dt>{t('theory.bestRates')}</dt>
                <dd>
                  <RichText
                    text={t('theory.bestRatesValue', {
                      rate: formatReadout(theory.optimal.rate),
                      gdFormula: FORMULA.gdStep,
                      gdLr: formatReadout(theory.optimal.gdLr),
                      gdRate: formatReadout(theory.optimal.gdRate),
                    })}
                  />
                </dd>
              </dl>
              <button
                type="button"
                onClick={() => apply(theory.optimal!.lr, theory.optimal!.momentum)}
              >
                {t('theory.apply')}
              </button>
              <span className="dl-hint"> {t('theory.applyHint', { label })}</span>
              <h3>{t('theory.rate')}</h3>
              <dl className="dl-facts">
                <dt>{t('theory.predicted')}</dt>
                <dd>
                  {predicted === null
                    ? t('theory.noPrediction')
                    : predicted < 1
                      ? t('theory.predictedValue', {
                          rate: formatReadout(Number(predicted.toPrecision(4))),
                          steps: stepsToShrink(predicted, 1e-6),
                        })
                      : t('theory.diverges', {
                          rate: formatReadout(Number(predicted.toPrecision(4))),
                        })}
                </dd>
                <dt>{t('theory.measured', { window: RATE_WINDOW })}</dt>
                <dd>
                  {measured === null
                    ? t('theory.notEnough')
                    : t('theory.measuredValue', { rate: formatReadout(measured) })}
                </dd>
              </dl>
            </div>
          ) : (
            <p className="dl-hint">{t('theory.notQuadratic')}</p>
          )}
        </>
      )}
    </section>
  );
}
