/**
 * The surface explorer: optimizers racing on a 2D loss surface. The map with Play beside the
 * loss chart, the runs rail (one run's full settings, the others as chips) and the problem;
 * further curves, the theory and the results below the chart (see the grid in styles.css).
 */
import { LossChart, MoreCharts, useChartAxis } from '../analysis/Charts.tsx';
import { ResultsTable } from '../analysis/ResultsTable.tsx';
import { SurfaceMap } from '../analysis/SurfaceMap.tsx';
import { TheoryPanel } from '../analysis/TheoryPanel.tsx';
import { useSurfaceFacts } from '../analysis/useTheory.ts';
import { RateMap } from '../parts.ts';
import { ErrorBanner } from '../ErrorBanner.tsx';
import { PlaybackBar } from '../PlaybackBar.tsx';
import { PresetPicker } from '../PresetPicker.tsx';
import { RunsPanel } from '../runs/RunsPanel.tsx';
import { ProblemPanel } from './ProblemPanel.tsx';

export function ExplorerPage(props: { readonly fetchJson?: (url: string) => Promise<unknown> }) {
  const facts = useSurfaceFacts();
  const axis = useChartAxis();
  return (
    <div className="dl-workspace dl-explorer">
      <div className="dl-stage">
        <PlaybackBar />
        <ErrorBanner />
        {facts && <SurfaceMap facts={facts} />}
      </div>
      <div className="dl-rail">
        <RunsPanel facts={facts} />
        <ProblemPanel />
        <PresetPicker
          workspace="explorer"
          {...(props.fetchJson ? { fetchJson: props.fetchJson } : {})}
        />
      </div>
      <LossChart facts={facts} axis={axis} />
      <div className="dl-more">
        {facts && <RateMap.Component facts={facts} />}
        <MoreCharts facts={facts} axis={axis} />
        <TheoryPanel facts={facts} />
        <ResultsTable facts={facts} />
      </div>
    </div>
  );
}
