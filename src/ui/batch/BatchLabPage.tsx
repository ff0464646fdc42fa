/**
 * The batch lab: one line fit, runs with batch size all / k / 1 side by side. The data with
 * every run's current line and the current mini-batch; the loss surface over (w, b) with the
 * full-batch gradient (−∇L) beside the step the mini-batch gradient actually took; curves
 * against steps or samples processed.
 */
import { useT } from '../../i18n/index.ts';
import { useId, useMemo, useState } from 'react';
import type { RegressionProblem } from '../../core/config/experiment.ts';
import { generateRegressionData } from '../../core/problems/regression.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { EigenError, Rates, Sharpness, Sweep } from '../analysis/analysisParts.ts';
import { LossChart, MoreCharts, useChartAxis } from '../analysis/Charts.tsx';
import { ResultsTable } from '../analysis/ResultsTable.tsx';
import { SurfaceMap } from '../analysis/SurfaceMap.tsx';
import { TheoryPanel } from '../analysis/TheoryPanel.tsx';
import { useSurfaceFacts } from '../analysis/useTheory.ts';
import { NumberField, SelectField } from '../controls/fields.tsx';
import { StartFields, StepBudgetField } from '../controls/experimentFields.tsx';
import { ErrorBanner } from '../ErrorBanner.tsx';
import { PlaybackBar } from '../PlaybackBar.tsx';
import { PresetPicker } from '../PresetPicker.tsx';
import { RunsPanel } from '../runs/RunsPanel.tsx';
import { DataScatter, scatterSource } from './DataScatter.tsx';

export function BatchLabPage(props: { readonly fetchJson?: (url: string) => Promise<unknown> }) {
  const t = useT();
  const facts = useSurfaceFacts();
  const axis = useChartAxis();
  const problem = useLab((s) => s.experiment.problem);
  return (
    <div className="dl-workspace dl-batch">
      <div className="dl-stage">
        <PlaybackBar />
        <ErrorBanner />
        {facts && (
          <SurfaceMap
            facts={facts}
            xLabel="w"
            yLabel="b"
            initialArrows={{ gradient: true, velocity: false, step: true, gradientOf: 'full' }}
          />
        )}
      </div>
      <div className="dl-rail">
        <RunsPanel facts={facts} />
        {problem.kind === 'regression' && <RegressionPanel problem={problem} />}
        <PresetPicker
          workspace="batch"
          {...(props.fetchJson ? { fetchJson: props.fetchJson } : {})}
        />
      </div>
      <LossChart facts={facts} axis={axis} samplesAxis />
      <div className="dl-more">
        {problem.kind === 'regression' && <DataView problem={problem} />}
        <p className="dl-hint">{t('batch.mapHint')}</p>
        {facts && <Rates.Component facts={facts} />}
        {facts?.quadratic && <EigenError.Component facts={facts} />}
        <MoreCharts facts={facts} axis={axis} />
        <Sharpness.Component />
        <TheoryPanel facts={facts} />
        <ResultsTable facts={facts} showSamples />
        <Sweep.Component />
      </div>
    </div>
  );
}

function DataView(props: { readonly problem: RegressionProblem }) {
  const { problem } = props;
  const t = useT();
  const store = useLabStore();
  const seed = useLab((s) => s.experiment.seed);
  const runs = useLab((s) => s.experiment.runs);
  const data = useMemo(() => generateRegressionData(problem, seed), [problem, seed]);
  const firstMiniBatch = runs.find((r) => r.batchSize !== 'all')?.label ?? runs[0]?.label ?? '';
  const [chosen, setChosen] = useState<string | null>(null);
  const highlight =
    chosen !== null && runs.some((r) => r.label === chosen) ? chosen : firstMiniBatch;
  const live = useMemo(() => scatterSource(store, highlight), [store, highlight]);
  return (
    <div className="dl-data-view">
      <SelectField
        label={t('batch.highlight')}
        value={highlight}
        options={runs.map((r) => ({
          value: r.label,
          label: t('batch.runOption', {
            label: r.label,
            size: r.batchSize === 'all' ? t('batch.all') : r.batchSize,
          }),
        }))}
        onChange={setChosen}
      />
      <DataScatter problem={problem} data={data} live={live} />
    </div>
  );
}

/** The data set: size, noise, outliers, the true line; every change draws new data and restarts. */
function RegressionPanel(props: { readonly problem: RegressionProblem }) {
  const { problem } = props;
  const t = useT();
  const store = useLabStore();
  const headingId = useId();
  const set = (patch: Partial<RegressionProblem>) =>
    store.getState().setProblem({ ...problem, ...patch });
  return (
    <section className="dl-panel dl-problem" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('batch.data')}</h2>
      <p className="dl-hint">{t('batch.fit')}</p>
      <NumberField
        label={t('batch.samples')}
        value={problem.samples}
        min={2}
        max={10_000}
        integer
        onCommit={(samples) => set({ samples })}
      />
      <NumberField
        label={t('batch.noise')}
        value={problem.noise}
        min={0}
        max={100}
        onCommit={(noise) => set({ noise })}
      />
      <NumberField
        label={t('batch.outliers')}
        hint={t('batch.outliersHint')}
        value={problem.outliers}
        min={0}
        max={0.99}
        onCommit={(outliers) => set({ outliers })}
      />
      <NumberField
        label={t('batch.trueW')}
        value={problem.trueW}
        min={-1000}
        max={1000}
        onCommit={(trueW) => set({ trueW })}
      />
      <NumberField
        label={t('batch.trueB')}
        value={problem.trueB}
        min={-1000}
        max={1000}
        onCommit={(trueB) => set({ trueB })}
      />
      <StartFields
        legend={t('batch.start')}
        labels={[t('batch.startW'), t('batch.startB')]}
        start={problem.start}
      />
      <StepBudgetField label={t('problem.steps')} />
    </section>
  );
}
