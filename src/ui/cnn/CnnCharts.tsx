/**
 * The CNN lab's curves. `CnnCurves`, always in view: batch loss (raw and smoothed), accuracy
 * (batch, smoothed, and held-out) and η(t), against steps or training images processed, with
 * live changes, schedule jumps and the step cursor marked. `LayerStatsView`, in a tab:
 * per-layer statistics on log scales — gradient norm, optimizer-state norm (velocity, Adam's
 * m…), weight norm and the update-to-weight ratio ‖Δθ‖/‖θ‖ — either every layer of one run or
 * one layer of every run.
 */
import { useId, useMemo, useRef, useState } from 'react';
import { summarizeArchitecture, type ArchitectureSpec } from '../../core/cnn/architecture.ts';
import { LineChart } from '../../plots/LineChart.tsx';
import { markerPath, runStyle } from '../../plots/palette.ts';
import type { LayerStatName } from '../../store/cnnHistory.ts';
import { useLabStore } from '../../store/useLab.ts';
import { CheckboxField, SelectField, SliderField } from '../controls/fields.tsx';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { localizedEventSource } from '../analysis/liveEventText.ts';
import { lineSource } from '../liveViews.ts';
import {
  accuracySource,
  layerStatSource,
  lossSource,
  withMarks,
  type CurveAxis,
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

const AXIS_CHOICE = {
  step: 'charts.steps',
  samples: 'charts.samples',
  seconds: 'charts.seconds',
} as const satisfies Record<CurveAxis, MessageKey>;
const AXIS_LABEL = {
  step: 'charts.xStep',
  samples: 'charts.xSamples',
  seconds: 'charts.xSeconds',
} as const satisfies Record<CurveAxis, MessageKey>;

/** Height of the curves that share the first screen with the controls. */
const CURVE_HEIGHT = 190;

export function CnnCurves() {
  const t = useCnnT();
  const appT = useT();
  const store = useLabStore();
  const headingId = useId();
  const axisId = useId();
  const [smoothing, setSmoothing] = useState(0.9);
  const [logLoss, setLogLoss] = useState(true);
  const [axis, setAxis] = useState<CurveAxis>('step');

  // Out of sight, the curves stop redrawing; they catch up when scrolled back into view.
  const sectionRef = useRef<HTMLElement>(null);
  const visible = useOnScreen(sectionRef);
  const events = useMemo(
    () => withMarks(store, localizedEventSource(store, appT, axis), t, axis),
    [store, appT, t, axis],
  );
  const loss = useMemo(
    () =>
      pausedWhenHidden(
        lossSource(store, () => smoothing, t, axis),
        visible,
      ),
    [store, smoothing, visible, t, axis],
  );
  const accuracy = useMemo(
    () =>
      pausedWhenHidden(
        accuracySource(store, () => smoothing, t, axis),
        visible,
      ),
    [store, smoothing, visible, t, axis],
  );
  const lr = useMemo(
    () => pausedWhenHidden(lineSource(store, 'lr', axis), visible),
    [store, visible, axis],
  );
  const xLabel = appT(AXIS_LABEL[axis]);

  return (
    <section
      ref={sectionRef}
      className="dl-panel dl-charts dl-cnn-curves"
      aria-labelledby={headingId}
    >
      <div className="dl-cnn-curves-head">
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
          <div className="dl-field" role="radiogroup" aria-labelledby={`${axisId}-label`}>
            <span id={`${axisId}-label`}>{appT('charts.xAxis')}</span>
            {(['step', 'samples', 'seconds'] as const).map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name={axisId}
                  checked={axis === value}
                  onChange={() => setAxis(value)}
                />{' '}
                {appT(AXIS_CHOICE[value])}
              </label>
            ))}
          </div>
        </div>
      </div>
      <div className="dl-cnn-curve-row">
        <div data-testid="cnn-loss-chart">
          <LineChart
            title={t('cnn.curves.loss')}
            series={loss}
            events={events}
            yScale={logLoss ? 'log' : 'linear'}
            xLabel={xLabel}
            yLabel={t('cnn.curves.lossAxis')}
            height={CURVE_HEIGHT}
          />
        </div>
        <div data-testid="cnn-accuracy-chart">
          <LineChart
            title={t('cnn.curves.accuracy')}
            series={accuracy}
            events={events}
            yScale="linear"
            xLabel={xLabel}
            yLabel={t('cnn.curves.accuracyAxis')}
            height={CURVE_HEIGHT}
          />
        </div>
        <div data-testid="cnn-lr-chart">
          <LineChart
            title={appT('charts.lr')}
            series={lr}
            events={events}
            yScale="log"
            xLabel={xLabel}
            yLabel="η"
            height={CURVE_HEIGHT}
          />
        </div>
      </div>
      <CurveKey />
    </section>
  );
}

/** One key for the three curves: each run's line and marker, and what pale and strong lines are. */
function CurveKey() {
  const t = useCnnT();
  const labels = useRunLabels();
  return (
    <ul className="dl-curve-key" aria-label={t('cnn.curves.key')}>
      {labels.map((label, index) => {
        const style = runStyle(index);
        return (
          <li key={label}>
            <svg width={28} height={12} aria-hidden="true">
              <line
                x1={1}
                x2={27}
                y1={6}
                y2={6}
                stroke={style.color}
                strokeWidth={2}
                strokeDasharray={style.dash || undefined}
              />
              <path d={markerPath(style.marker, 14, 6, 4)} fill={style.color} />
            </svg>
            {label}
          </li>
        );
      })}
      <li>{t('cnn.curves.keyLines')}</li>
    </ul>
  );
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

export function LayerStatsView(props: {
  readonly spec: ArchitectureSpec;
  readonly classes: number;
}) {
  const { spec, classes } = props;
  const t = useCnnT();
  const appT = useT();
  const store = useLabStore();
  const labels = useRunLabels();
  const headingId = useId();
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
  const sectionRef = useRef<HTMLElement>(null);
  const visible = useOnScreen(sectionRef);
  const events = useMemo(
    () => withMarks(store, localizedEventSource(store, appT), t),
    [store, appT, t],
  );
  const stats = useMemo(
    () =>
      LAYER_CHARTS.map((c) => ({
        ...c,
        source: pausedWhenHidden(layerStatSource(store, c.stat, lines, weights), visible),
      })),
    [store, lines, weights, visible],
  );
  return (
    <section ref={sectionRef} className="dl-panel dl-charts" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('cnn.curves.perLayer')}</h2>
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
            xLabel={t('cnn.curves.step')}
            yLabel={c.y}
            height={200}
          />
        ))}
      </div>
      <p className="dl-hint">{t('cnn.curves.ratioHint')}</p>
    </section>
  );
}
