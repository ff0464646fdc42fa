/**
 * The surface explorer: optimizers racing on a 2D loss surface. Controls on the left; the map,
 * the curves, the theory and the results on the right.
 */
import { Charts } from '../analysis/Charts.tsx';
import { ResultsTable } from '../analysis/ResultsTable.tsx';
import { SurfaceMap } from '../analysis/SurfaceMap.tsx';
import { TheoryPanel } from '../analysis/TheoryPanel.tsx';
import { useSurfaceFacts } from '../analysis/useTheory.ts';
import { ErrorBanner } from '../ErrorBanner.tsx';
import { PlaybackBar } from '../PlaybackBar.tsx';
import { PresetPicker } from '../PresetPicker.tsx';
import { RunsPanel } from '../runs/RunsPanel.tsx';
import { ProblemPanel } from './ProblemPanel.tsx';

export function ExplorerPage(props: { readonly fetchJson?: (url: string) => Promise<unknown> }) {
  const facts = useSurfaceFacts();
  return (
    <div className="dl-workspace dl-explorer">
      <div className="dl-sidebar">
        <PresetPicker
          workspace="explorer"
          {...(props.fetchJson ? { fetchJson: props.fetchJson } : {})}
        />
        <ProblemPanel />
        <RunsPanel facts={facts} />
      </div>
      <div className="dl-main">
        <PlaybackBar />
        <ErrorBanner />
        {facts && <SurfaceMap facts={facts} />}
        <Charts facts={facts} />
        <div className="dl-columns">
          <TheoryPanel facts={facts} />
          <ResultsTable facts={facts} />
        </div>
      </div>
    </div>
  );
}
