/**
 * The probe image every run is looked at with: a held-out image (by number, with Previous and
 * Next) or a digit the learner draws. For every run, its prediction and class probabilities,
 * updated as the network learns; then the probe's activation maps after every layer.
 */
import { useCallback, useEffect, useId, useMemo, useRef } from 'react';
import { summarizeArchitecture, type ArchitectureSpec } from '../../core/cnn/architecture.ts';
import { runStyle } from '../../plots/palette.ts';
import type { LabStore } from '../../store/labStore.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { NumberField } from '../controls/fields.tsx';
import { ChannelMaps } from './ChannelMaps.tsx';
import { activationSource, shownInspection } from './cnnSources.ts';
import { useCnnT } from './cnnMessages.ts';
import { DigitPad, paintGray } from './DigitPad.tsx';
import { DIGIT_SIZE } from './digitImage.ts';
import { useRunLabels, useShownStep } from './FiltersView.tsx';
import { RunName } from './RunName.tsx';
import { useInspectionValue } from './useInspectionValue.ts';
import { OnScreenContext, pausedWhenHidden, useOnScreen } from './useOnScreen.ts';
import { Section } from './Section.tsx';

/** What a run makes of the probe at the shown step. */
export interface Prediction {
  readonly step: number;
  readonly probabilities: readonly number[];
  readonly predicted: number;
  /** The probe's true class when it is a held-out image, else null. */
  readonly label: number | null;
}

function samePrediction(a: Prediction | null, b: Prediction | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.step === b.step &&
    a.predicted === b.predicted &&
    a.label === b.label &&
    a.probabilities.length === b.probabilities.length &&
    a.probabilities.every((p, i) => p === b.probabilities[i])
  );
}

/** Probability as a percentage with one decimal ("93.1 %"), "< 0.1 %" for tiny ones. */
export function percent(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p > 0 && p < 0.0005) return '< 0.1 %';
  return `${(100 * p).toFixed(1)} %`;
}

/**
 * Class probabilities as a table (class, bar, value); the predicted class is bold and marked
 * "predicted", the true one (when known) marked "true", so nothing depends on colour.
 */
export function ProbabilityTable(props: {
  readonly prediction: Prediction;
  readonly classNames: readonly string[];
  readonly runLabel: string;
  readonly color: string;
}) {
  const { prediction, classNames, runLabel, color } = props;
  const t = useCnnT();
  return (
    <table className="dl-probabilities">
      <caption className="dl-visually-hidden">{t('cnn.probe.table', { run: runLabel })}</caption>
      <thead className="dl-visually-hidden">
        <tr>
          <th scope="col">{t('cnn.probe.class')}</th>
          <th scope="col">{t('cnn.probe.probability')}</th>
        </tr>
      </thead>
      <tbody>
        {prediction.probabilities.map((p, k) => {
          const predicted = k === prediction.predicted;
          const truth = k === prediction.label;
          return (
            <tr key={k} className={predicted ? 'dl-predicted' : undefined} data-class={k}>
              <th scope="row">{classNames[k] ?? k}</th>
              <td>
                <span className="dl-probability-bar" aria-hidden="true">
                  <span
                    style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%`, background: color }}
                  />
                </span>
                <span className="dl-probability-value">{percent(p)}</span>
                {predicted && <span className="dl-tag">{t('cnn.probe.predictedTag')}</span>}
                {truth && <span className="dl-tag">{t('cnn.probe.trueTag')}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function RunPrediction(props: {
  readonly label: string;
  readonly index: number;
  readonly classNames: readonly string[];
}) {
  const { label, index, classNames } = props;
  const t = useCnnT();
  const prediction = useInspectionValue(
    useCallback(
      (store: LabStore): Prediction | null => {
        const inspection = shownInspection(store, label);
        if (!inspection) return null;
        const { probe } = inspection;
        return {
          step: inspection.step,
          probabilities: Array.from(probe.probabilities),
          predicted: probe.predicted,
          label: probe.label,
        };
      },
      [label],
    ),
    samePrediction,
  );
  const style = runStyle(index);
  if (!prediction) {
    return (
      <div className="dl-prediction">
        <RunName label={label} index={index} />
        <p className="dl-hint">{t('cnn.waiting')}</p>
      </div>
    );
  }
  const name = classNames[prediction.predicted] ?? String(prediction.predicted);
  const verdict =
    prediction.label === null
      ? ''
      : prediction.label === prediction.predicted
        ? t('cnn.probe.right')
        : t('cnn.probe.wrong', { name: classNames[prediction.label] ?? String(prediction.label) });
  return (
    <div className="dl-prediction">
      <RunName label={label} index={index} step={prediction.step} />
      <p className="dl-prediction-text" aria-live="polite">
        {t('cnn.probe.predicts')} <strong>{name}</strong> (
        {percent(prediction.probabilities[prediction.predicted] ?? NaN)}){verdict}
      </p>
      <ProbabilityTable
        prediction={prediction}
        classNames={classNames}
        runLabel={label}
        color={style.color}
      />
    </div>
  );
}

/** The 28 × 28 image every run is probed with, as the network receives it (drawn or held-out). */
function ProbeImage(props: { readonly label: string | undefined }) {
  const { label } = props;
  const t = useCnnT();
  const ref = useRef<HTMLCanvasElement>(null);
  const image = useInspectionValue(
    useCallback(
      (store: LabStore) =>
        label === undefined ? null : (shownInspection(store, label)?.probe.image ?? null),
      [label],
    ),
  );
  useEffect(() => {
    if (image) paintGray(ref.current, image, DIGIT_SIZE, DIGIT_SIZE);
  }, [image]);
  return (
    <figure className="dl-probe-image" data-testid="probe-image">
      {image ? (
        <canvas
          ref={ref}
          width={DIGIT_SIZE}
          height={DIGIT_SIZE}
          role="img"
          aria-label={t('cnn.probe.imageLabel')}
          className="dl-probe-canvas"
        />
      ) : (
        <p className="dl-hint">{t('cnn.waiting')}</p>
      )}
      <figcaption>{t('cnn.probe.imageCaption')}</figcaption>
    </figure>
  );
}

export function ProbePanel(props: { readonly classNames: readonly string[] }) {
  const { classNames } = props;
  const t = useCnnT();
  const store = useLabStore();
  const probe = useLab((s) => s.probe);
  const testSize = useLab((s) =>
    s.experiment.problem.kind === 'cnn' ? s.experiment.problem.testSize : 1,
  );
  const labels = useRunLabels();
  const headingId = useId();
  const modeName = useId();
  const setTest = (index: number) =>
    store.getState().setProbe({ kind: 'test', index: Math.max(0, Math.min(testSize - 1, index)) });
  const drawnMode = probe.kind === 'drawn';
  // A cleared pad probes with a blank image: the predictions then show what "nothing" looks like.
  const onDrawing = useCallback(
    (image: Float32Array | null) =>
      store.getState().setProbe({ kind: 'drawn', image: image ?? new Float32Array(784) }),
    [store],
  );
  return (
    <Section className="dl-panel dl-probe" labelledBy={headingId}>
      <h2 id={headingId}>{t('cnn.probe.heading')}</h2>
      <div className="dl-field" role="radiogroup" aria-label={t('cnn.probe.group')}>
        <label>
          <input
            type="radio"
            name={modeName}
            checked={!drawnMode}
            onChange={() => setTest(probe.kind === 'test' ? probe.index : 0)}
          />{' '}
          {t('cnn.probe.test')}
        </label>
        <label>
          <input
            type="radio"
            name={modeName}
            checked={drawnMode}
            onChange={() =>
              store.getState().setProbe({ kind: 'drawn', image: new Float32Array(784) })
            }
          />{' '}
          {t('cnn.probe.draw')}
        </label>
      </div>
      {probe.kind === 'test' ? (
        <div className="dl-probe-test">
          <NumberField
            label={t('cnn.probe.number')}
            hint={t('cnn.probe.range', { count: testSize })}
            value={probe.index + 1}
            min={1}
            max={testSize}
            integer
            onCommit={(n) => setTest(n - 1)}
          />
          <div className="dl-button-row">
            <button
              type="button"
              onClick={() => setTest(probe.index - 1)}
              disabled={probe.index <= 0}
            >
              {t('cnn.probe.previous')}
            </button>
            <button
              type="button"
              onClick={() => setTest(probe.index + 1)}
              disabled={probe.index >= testSize - 1}
            >
              {t('cnn.probe.next')}
            </button>
          </div>
        </div>
      ) : (
        <DigitPad onChange={onDrawing} />
      )}
      <div className="dl-probe-row">
        <ProbeImage label={labels[0]} />
        <div className="dl-predictions">
          {labels.map((label, index) => (
            <RunPrediction key={label} label={label} index={index} classNames={classNames} />
          ))}
        </div>
      </div>
    </Section>
  );
}

/** The probe's activation maps after every layer, the runs side by side. */
export function ActivationsView(props: {
  readonly spec: ArchitectureSpec;
  readonly classes: number;
}) {
  const { spec, classes } = props;
  const t = useCnnT();
  const labels = useRunLabels();
  const headingId = useId();
  const layers = useMemo(() => summarizeArchitecture(spec, classes), [spec, classes]);
  const sectionRef = useRef<HTMLElement>(null);
  const visible = useOnScreen(sectionRef);
  return (
    <OnScreenContext.Provider value={visible}>
      <section ref={sectionRef} className="dl-panel dl-activations" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('cnn.maps.heading')}</h2>
        <p className="dl-hint">{t('cnn.maps.hint')}</p>
        <div
          className="dl-activation-table"
          style={{ gridTemplateColumns: `repeat(${Math.max(1, labels.length)}, minmax(0, 1fr))` }}
        >
          {labels.map((label, index) => (
            <ActivationHeader key={label} label={label} index={index} />
          ))}
          {layers.map((layer) =>
            labels.map((label) => (
              <LayerMaps
                key={`${layer.name}/${label}`}
                label={label}
                layer={layer.name}
                shape={layer.output}
                visible={visible}
              />
            )),
          )}
        </div>
      </section>
    </OnScreenContext.Provider>
  );
}

function ActivationHeader(props: { readonly label: string; readonly index: number }) {
  const step = useShownStep(props.label);
  return (
    <div className="dl-activation-header">
      <RunName label={props.label} index={props.index} step={step} />
    </div>
  );
}

function LayerMaps(props: {
  readonly label: string;
  readonly layer: string;
  readonly shape: { readonly height: number; readonly width: number; readonly channels: number };
  readonly visible: boolean;
}) {
  const { label, layer, shape, visible } = props;
  const t = useCnnT();
  const store = useLabStore();
  const live = useMemo(() => activationSource(store, label, layer), [store, label, layer]);
  const source = useMemo(() => pausedWhenHidden(live, visible), [live, visible]);
  const side = Math.max(shape.height, shape.width);
  const pixelSize = side === 1 ? 10 : Math.max(2, Math.min(8, Math.round(56 / side)));
  return (
    <ChannelMaps
      source={source}
      label={t('cnn.maps.label', {
        layer,
        height: shape.height,
        width: shape.width,
        channels: shape.channels,
        run: label,
      })}
      pixelSize={pixelSize}
    />
  );
}
