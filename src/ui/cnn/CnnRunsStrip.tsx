/**
 * Every run in one line each, beside the curves: its optimizer, learning rate η₀ and momentum
 * (editable, live), batch size, schedule and the η it uses now — so what makes the runs differ
 * is on screen with the curves it explains. The full settings stay in the runs panel.
 */
import { useId } from 'react';
import type { OptimizerConfig, RunConfig } from '../../core/config/experiment.ts';
import { optimizerTitle, scheduleTitle, useT } from '../../i18n/index.ts';
import { formatReadout } from '../../core/numbers.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { NumberInput } from '../controls/fields.tsx';
import { useLiveValue } from '../hooks.ts';
import { useCnnT } from './cnnMessages.ts';
import { RunName } from './RunName.tsx';

/** The optimizer's momentum-like coefficient: momentum γ, else Adam's β₁; null when none. */
export function momentumOf(
  optimizer: OptimizerConfig,
): { readonly key: 'momentum' | 'beta1'; readonly value: number } | null {
  if ('momentum' in optimizer) return { key: 'momentum', value: optimizer.momentum };
  if ('beta1' in optimizer) return { key: 'beta1', value: optimizer.beta1 };
  return null;
}

function RunRow(props: { readonly run: RunConfig; readonly index: number }) {
  const { run, index } = props;
  const t = useCnnT();
  const appT = useT();
  const store = useLabStore();
  const lrNow = useLiveValue((live) => live.last(run.label)?.lr ?? NaN);
  const update = (patch: Partial<Record<string, number>>) =>
    store.getState().updateRun(run.label, (r) => ({
      ...r,
      optimizer: { ...r.optimizer, ...patch } as OptimizerConfig,
    }));
  const momentum = momentumOf(run.optimizer);
  return (
    <tr>
      <th scope="row">
        <RunName label={run.label} index={index} />
      </th>
      <td>{optimizerTitle(run.optimizer.kind, appT)}</td>
      <td>
        <NumberInput
          className="dl-number-compact"
          ariaLabel={t('cnn.runs.lrOf', { run: run.label })}
          value={run.optimizer.lr}
          min={0}
          onCommit={(lr) => update({ lr })}
        />
      </td>
      <td>
        {momentum === null ? (
          <span aria-label={t('cnn.runs.noMomentum')}>—</span>
        ) : (
          <NumberInput
            className="dl-number-compact"
            ariaLabel={t(momentum.key === 'momentum' ? 'cnn.runs.momentumOf' : 'cnn.runs.beta1Of', {
              run: run.label,
            })}
            value={momentum.value}
            min={0}
            max={0.9999}
            onCommit={(value) => update({ [momentum.key]: value })}
          />
        )}
      </td>
      <td>{run.batchSize === 'all' ? t('cnn.runs.fullBatch') : run.batchSize}</td>
      <td>
        {scheduleTitle(run.schedule.kind, appT)}
        {run.schedule.warmupSteps > 0 && t('cnn.runs.warmup', { steps: run.schedule.warmupSteps })}
      </td>
      <td className="dl-numeric">{Number.isFinite(lrNow) ? formatReadout(lrNow) : '—'}</td>
    </tr>
  );
}

export function CnnRunsStrip() {
  const t = useCnnT();
  const runs = useLab((s) => s.experiment.runs);
  const captionId = useId();
  return (
    <div className="dl-cnn-runs">
      <table className="dl-table dl-cnn-runs-table" aria-labelledby={captionId}>
        <caption id={captionId} className="dl-visually-hidden">
          {t('cnn.runs.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('cnn.runs.run')}</th>
            <th scope="col">{t('cnn.runs.optimizer')}</th>
            <th scope="col">{t('cnn.runs.lr')}</th>
            <th scope="col">{t('cnn.runs.momentum')}</th>
            <th scope="col">{t('cnn.runs.batch')}</th>
            <th scope="col">{t('cnn.runs.schedule')}</th>
            <th scope="col">{t('cnn.runs.lrNow')}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run, index) => (
            <RunRow key={run.label} run={run} index={index} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
