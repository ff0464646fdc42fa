/**
 * The CNN lab: a small convnet learning MNIST digits (or generated shapes) live, one worker
 * per run, two or more optimizers side by side from the same initial weights on the same
 * batches. Controls on the left (runs with their hyperparameters, network and data). On the
 * right, the story on one screen: playback, the architecture, every run's η and momentum and
 * the loss, accuracy and η(t) curves; below them the step cursor and, one click away in tabs,
 * the filters, the probe and its feature maps, per-layer statistics and the held-out
 * evaluation (confusion matrices, current mistakes).
 */
import { useT } from '../../i18n/index.ts';
import { ErrorBanner } from '../ErrorBanner.tsx';
import { PlaybackBar } from '../PlaybackBar.tsx';
import { PresetPicker } from '../PresetPicker.tsx';
import { RunsPanel } from '../runs/RunsPanel.tsx';
import { useLab } from '../../store/useLab.ts';
import { CnnCurves, LayerStatsView } from './CnnCharts.tsx';
import { CnnRunsStrip } from './CnnRunsStrip.tsx';
import { CnnTabs } from './CnnTabs.tsx';
import { useCnnT } from './cnnMessages.ts';
import {
  ArchitectureStrip,
  CnnSetupPanel,
  DatasetStatus,
  datasetClasses,
} from './CnnSetupPanel.tsx';
import { ConfusionView, MisclassifiedGallery } from './EvaluationViews.tsx';
import { FiltersView } from './FiltersView.tsx';
import { ActivationsView, ProbePanel } from './ProbePanel.tsx';
import { StepCursor } from './StepCursor.tsx';
import './cnn.css';
import { Sharpness, Sweep } from '../analysis/analysisParts.ts';

export function CnnLabPage(props: { readonly fetchJson?: (url: string) => Promise<unknown> }) {
  const t = useCnnT();
  const appT = useT();
  const problem = useLab((s) => s.experiment.problem);
  // Measured sharpness sits beside the loss curves; unmeasured, its setting waits below the views.
  const sharpnessOn = useLab((s) => s.experiment.sharpnessEvery !== undefined);
  const presets = (
    <PresetPicker workspace="cnn" {...(props.fetchJson ? { fetchJson: props.fetchJson } : {})} />
  );
  if (problem.kind !== 'cnn') {
    return (
      <div className="dl-workspace dl-cnn">
        <div className="dl-sidebar">{presets}</div>
        <div className="dl-main">
          <p className="dl-banner dl-banner-warning">{t('cnn.notCnn')}</p>
        </div>
      </div>
    );
  }
  const classNames = datasetClasses(problem.dataset, t);
  const classes = classNames.length;
  return (
    <div className="dl-workspace dl-cnn">
      <div className="dl-sidebar">
        {presets}
        <RunsPanel facts={null} />
        <CnnSetupPanel problem={problem} />
      </div>
      <div className="dl-main">
        <PlaybackBar />
        <ErrorBanner />
        <DatasetStatus />
        <ArchitectureStrip spec={problem.architecture} classes={classes} />
        <CnnRunsStrip />
        <CnnCurves />
        {sharpnessOn && <Sharpness.Component />}
        <StepCursor />
        <CnnTabs
          label={t('cnn.tabs.label')}
          tabs={[
            {
              id: 'filters',
              title: t('cnn.tabs.filters'),
              content: () => <FiltersView spec={problem.architecture} classes={classes} />,
            },
            {
              id: 'probe',
              title: t('cnn.tabs.probe'),
              content: () => (
                <>
                  <ProbePanel classNames={classNames} />
                  <ActivationsView spec={problem.architecture} classes={classes} />
                </>
              ),
            },
            {
              id: 'layers',
              title: t('cnn.tabs.layers'),
              content: () => <LayerStatsView spec={problem.architecture} classes={classes} />,
            },
            {
              id: 'evaluation',
              title: t('cnn.tabs.evaluation'),
              content: () => (
                <div className="dl-columns">
                  <ConfusionView classNames={classNames} />
                  <MisclassifiedGallery classNames={classNames} />
                </div>
              ),
            },
            { id: 'sweep', title: appT('sweep.title'), content: () => <Sweep.Component /> },
          ]}
        />
        {!sharpnessOn && <Sharpness.Component />}
      </div>
    </div>
  );
}
