/**
 * The race's results: per run, the steps it took to bring the loss to a threshold, its final
 * and best loss, its status, and on data problems the samples it processed.
 */
import { optimizerTitle, useT, type Translate } from '../../i18n/index.ts';
import type { RunStatus } from '../../core/run/trainer.ts';
import { useCallback, useId, useState } from 'react';
import { formatReadout } from '../../core/numbers.ts';
import type { RunHistory } from '../../store/runHistory.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { NumberField } from '../controls/fields.tsx';
import { useLiveValue } from '../hooks.ts';
import { bestLoss, stepsToThreshold } from '../math/results.ts';
import type { SurfaceFacts } from './useTheory.ts';

/** One row of the table, as plain values. */
export interface ResultRow {
  readonly label: string;
  readonly steps: number;
  readonly reached: number | null;
  readonly finalLoss: number;
  readonly best: number;
  readonly samples: number;
  /** The loss ran away (grew or fell by 10¹² times its start) while staying finite. */
  readonly blewUp: boolean;
}

/** A finite loss this many times its start (in magnitude, at least 1) counts as a blow-up. */
export const BLOW_UP_RATIO = 1e12;

/** The default threshold: 10⁻³ above the global minimum's value when known, else 10⁻³. */
function statusWord(status: RunStatus, t: Translate): string {
  return status === 'running'
    ? t('status.running')
    : status === 'finished'
      ? t('status.finishedWord')
      : t('status.divergedWord');
}

export function defaultThreshold(facts: SurfaceFacts | null): number {
  const fStar = facts?.surface.criticalPoints.find((p) => p.kind === 'global')?.value;
  return Number(((fStar ?? 0) + 1e-3).toPrecision(6));
}

export function ResultsTable(props: {
  readonly facts: SurfaceFacts | null;
  readonly showSamples?: boolean;
}) {
  const t = useT();
  const { facts, showSamples = false } = props;
  const store = useLabStore();
  const headingId = useId();
  const runs = useLab((s) => s.experiment.runs);
  const views = useLab((s) => s.runs);
  const fallback = defaultThreshold(facts);
  const [chosen, setChosen] = useState<{
    readonly surface: unknown;
    readonly value: number;
  } | null>(null);
  const threshold = chosen && chosen.surface === facts?.surface ? chosen.value : fallback;

  const compute = useCallback(
    (live: RunHistory): ResultRow[] =>
      store.getState().experiment.runs.map((run) => {
        const series = live.series(run.label);
        const n = series.count;
        const loss = series.column('loss');
        return {
          label: run.label,
          steps: Math.max(0, series.lastStep()),
          reached: stepsToThreshold(series.column('step'), loss, n, threshold),
          finalLoss: n > 0 ? loss[n - 1]! : NaN,
          best: bestLoss(loss, n),
          samples: n > 0 ? series.column('samplesSeen')[n - 1]! : NaN,
          blewUp: n > 0 && Math.abs(loss[n - 1]!) > BLOW_UP_RATIO * Math.max(1, Math.abs(loss[0]!)),
        };
      }),
    [store, threshold],
  );
  const rows = useLiveValue(compute, sameRows);

  return (
    <section className="dl-panel dl-results" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('results.title')}</h2>
      <NumberField
        label={t('results.threshold')}
        hint={t('results.thresholdHint')}
        value={threshold}
        onCommit={(value) => setChosen({ surface: facts?.surface, value })}
      />
      <div className="dl-table-wrap" role="group" aria-label={t('results.table')} tabIndex={0}>
        <table className="dl-table">
          <caption className="dl-visually-hidden">{t('results.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.run')}</th>
              <th scope="col">{t('results.optimizer')}</th>
              <th scope="col">{t('results.status')}</th>
              <th scope="col">{t('results.stepsTo', { threshold: formatReadout(threshold) })}</th>
              <th scope="col">{t('results.final')}</th>
              <th scope="col">{t('results.best')}</th>
              <th scope="col">{t('results.taken')}</th>
              {showSamples && <th scope="col">{t('results.samples')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const run = runs.find((r) => r.label === row.label);
              const status = row.blewUp ? 'diverged' : (views[row.label]?.status ?? 'running');
              // A run that ran away reached nothing, however low its loss went.
              const reached = row.blewUp ? null : row.reached;
              return (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <td>{run ? optimizerTitle(run.optimizer.kind, t) : ''}</td>
                  <td>{statusWord(status, t)}</td>
                  <td>
                    {reached !== null
                      ? reached
                      : status === 'running'
                        ? t('results.notYet')
                        : t('results.never')}
                  </td>
                  <td>
                    {row.steps === 0 && Number.isNaN(row.finalLoss)
                      ? '—'
                      : formatReadout(row.finalLoss)}
                  </td>
                  <td>{Number.isNaN(row.best) ? '—' : formatReadout(row.best)}</td>
                  <td>{row.steps}</td>
                  {showSamples && (
                    <td>{Number.isFinite(row.samples) ? formatReadout(row.samples) : '—'}</td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const ROW_KEYS = ['label', 'steps', 'reached', 'finalLoss', 'best', 'samples', 'blewUp'] as const;

function sameRows(a: readonly ResultRow[], b: readonly ResultRow[]): boolean {
  return (
    a.length === b.length && a.every((row, i) => ROW_KEYS.every((k) => Object.is(row[k], b[i]![k])))
  );
}
