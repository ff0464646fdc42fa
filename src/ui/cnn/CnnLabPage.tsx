/**
 * The CNN lab: a small convnet learning MNIST digits (or generated shapes) live, one worker
 * per run, two or more optimizers side by side from the same initial weights on the same
 * batches. Controls on the left (network and data, runs with their hyperparameters); on the
 * right playback, the architecture, the step cursor, filters, the probe and its activations,
 * the curves, the confusion matrices and the current mistakes.
 */
import { ErrorBanner } from '../ErrorBanner.tsx';
import { PlaybackBar } from '../PlaybackBar.tsx';
import { PresetPicker } from '../PresetPicker.tsx';
import { RunsPanel } from '../runs/RunsPanel.tsx';
import { useLab } from '../../store/useLab.ts';
import { CnnCharts } from './CnnCharts.tsx';
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

export function CnnLabPage(props: { readonly fetchJson?: (url: string) => Promise<unknown> }) {
  const t = useCnnT();
  const problem = useLab((s) => s.experiment.problem);
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
        <CnnSetupPanel problem={problem} />
        <RunsPanel facts={null} />
      </div>
      <div className="dl-main">
        <PlaybackBar />
        <ErrorBanner />
        <DatasetStatus />
        <ArchitectureStrip spec={problem.architecture} classes={classes} />
        <StepCursor />
        <FiltersView spec={problem.architecture} classes={classes} />
        <ProbePanel classNames={classNames} />
        <ActivationsView spec={problem.architecture} classes={classes} />
        <CnnCharts spec={problem.architecture} classes={classes} />
        <div className="dl-columns">
          <ConfusionView classNames={classNames} />
          <MisclassifiedGallery classNames={classNames} />
        </div>
      </div>
    </div>
  );
}
