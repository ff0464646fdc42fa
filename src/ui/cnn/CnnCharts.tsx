/**
 * The CNN lab's curves: batch loss (raw and smoothed), accuracy (batch, smoothed, and
 * held-out), and per-layer statistics on log scales — gradient norm, optimizer-state norm
 * (velocity, Adam's m…), weight norm and the update-to-weight ratio ‖Δθ‖/‖θ‖ — either every
 * layer of one run or one layer of every run. Live changes and the step cursor are marked.
 */
import { useId, useMemo, useRef, useState } from 'react';
import { summarizeArchitecture, type ArchitectureSpec } from '../../core/cnn/architecture.ts';
import { LineChart } from '../../plots/LineChart.tsx';
import type { LayerStatName } from '../../store/cnnLive.ts';
import { useLabStore } from '../../store/useLab.ts';
import { CheckboxField, SelectField, SliderField } from '../controls/fields.tsx';
import { useT } from '../../i18n/index.ts';
import { localizedEventSource } from '../analysis/liveEventText.ts';
import {
  accuracySource,
  layerStatSource,
  lossSource,
  withCursor,
  type LayerLines,
} from './cnnSources.ts';
import { useCnnT, type CnnMessageKey } from './cnnMessages.ts';
import { useRunLabels } from './FiltersView.tsx';
import { pausedWhenHidden, useOnScreen } from './useOnScreen.ts';

/** Parameter tensors of a spec in the model's order: conv1.weight, conv1.bias, …, dense.bias. */
export function parameterTensors(spec: ArchitectureSpec, classes: number): string[] {
  return summarizeArchitecture(spec, classes)
    .filter((s) => s.parameters > 0)
    .flatMap((s) => [`${s.name}.weight`, `${s.name}.bias`]);
}

const LAYER_CHARTS: ReadonlyArray<{
  readonly stat: LayerStatName;
  readonly title: CnnMessageKey;
  readonly y: string;
}> = [
  { stat: 'gradNorm', title: 'cnn.curves.gradNorm', y: '‖∇θ‖' },
  { stat: 'stateNorm', title: 'cnn.curves.stateNorm', y: '‖v‖' },
  { stat: 'weightNorm', title: 'cnn.curves.weightNorm', y: '‖θ‖' },
  { stat: 'updateRatio', title: 'cnn.curves.updateRatio', y: '‖Δθ‖ / ‖θ‖' },
];

export function CnnCharts(props: { readonly spec: ArchitectureSpec; readonly classes: number }) {
  const { spec, classes } = props;
  const t = useCnnT();
  const store = useLabStore();
  const labels = useRunLabels();
  const headingId = useId();
  const [smoothing, setSmoothing] = useState(0.9);
  const [logLoss, setLogLoss] = useState(true);
  const tensors = useMemo(() => parameterTensors(spec, classes), [spec, classes]);
  const weights = useMemo(() => tensors.filter((name) => name.endsWith('.weight')), [tensors]);
  const [linesChoice, setLinesChoice] = useState<string | null>(null);
  const options = [
    ...labels.map((label) => ({
      value: `run:${label}`,
      label: t('cnn.curves.everyLayer', { run: label }),
    })),
    ...tensors.map((tensor) => ({
      value: `tensor:${tensor}`,
      label: t('cnn.curves.everyRun', { tensor }),
    })),
  ];
  const fallback =
    labels.length > 1 ? `tensor:${weights[0] ?? tensors[0] ?? ''}` : `run:${labels[0] ?? ''}`;
  const choice =
    linesChoice !== null && options.some((o) => o.value === linesChoice) ? linesChoice : fallback;
  const lines: LayerLines = useMemo(
    () =>
      choice.startsWith('run:')
        ? { by: 'tensor', run: choice.slice(4) }
        : { by: 'run', tensor: choice.slice(7) },
    [choice],
  );

  // Out of sight, the curves stop redrawing; they catch up when scrolled back into view.
  const sectionRef = useRef<HTMLElement>(null);
  const visible = useOnScreen(sectionRef);
  const appT = useT();
  const events = useMemo(
    () => withCursor(store, localizedEventSource(store, appT), t),
    [store, appT, t],
  );
  const loss = useMemo(
    () =>
      pausedWhenHidden(
        lossSource(store, () => smoothing, t),
        visible,
      ),
    [store, smoothing, visible, t],
  );
  const accuracy = useMemo(
    () =>
      pausedWhenHidden(
        accuracySource(store, () => smoothing, t),
        visible,
      ),
    [store, smoothing, visible, t],
  );
  const stats = useMemo(
    () =>
      LAYER_CHARTS.map((c) => ({
        ...c,
        source: pausedWhenHidden(layerStatSource(store, c.stat, lines, weights), visible),
      })),
    [store, lines, weights, visible],
  );
  const step = t('cnn.curves.step');

  return (
    <section ref={sectionRef} className="dl-panel dl-charts" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('cnn.curves.heading')}</h2>
      <div className="dl-chart-options">
        <SliderField
          label={t('cnn.curves.smoothing')}
          hint={t('cnn.curves.smoothingHint')}
          value={smoothing}
          min={0}
          max={0.99}
          step={0.01}
          onChange={setSmoothing}
        />
        <CheckboxField label={t('cnn.curves.logLoss')} checked={logLoss} onChange={setLogLoss} />
      </div>
      <div className="dl-chart-grid">
        <LineChart
          title={t('cnn.curves.loss')}
          series={loss}
          events={events}
          yScale={logLoss ? 'log' : 'linear'}
          xLabel={step}
          yLabel={t('cnn.curves.lossAxis')}
        />
        <LineChart
          title={t('cnn.curves.accuracy')}
          series={accuracy}
          events={events}
          yScale="linear"
          xLabel={step}
          yLabel={t('cnn.curves.accuracyAxis')}
        />
      </div>
      <h3>{t('cnn.curves.perLayer')}</h3>
      <SelectField
        label={t('cnn.curves.lines')}
        value={choice}
        options={options}
        onChange={setLinesChoice}
      />
      <div className="dl-chart-grid">
        {stats.map((c) => (
          <LineChart
            key={c.stat}
            title={t(c.title)}
            series={c.source}
            events={events}
            yScale="log"
            xLabel={step}
            yLabel={c.y}
            height={200}
          />
        ))}
      </div>
      <p className="dl-hint">{t('cnn.curves.ratioHint')}</p>
    </section>
  );
}
