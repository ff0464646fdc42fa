/**
 * What the held-out evaluations show: every run's confusion matrix (rows = true class), and a
 * gallery of the held-out images the network currently gets wrong — most confident mistakes
 * first — each a button that makes it the probe image. They change only at evaluation steps,
 * so unlike the live views they keep up even when scrolled out of sight.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { CnnEvaluation } from '../../core/cnn/trainer.ts';
import { MatrixPlot } from '../../plots/MatrixPlot.tsx';
import type { EvaluationEntry } from '../../store/cnnHistory.ts';
import type { LabStore } from '../../store/labStore.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { SelectField } from '../controls/fields.tsx';
import { useCnnT } from './cnnMessages.ts';
import { shownInspection } from './cnnSources.ts';
import { paintGray } from './DigitPad.tsx';
import { useRunLabels } from './FiltersView.tsx';
import { percent } from './ProbePanel.tsx';
import { RunName } from './RunName.tsx';
import { useInspectionValue } from './useInspectionValue.ts';

function sameEvaluation(a: EvaluationEntry | null, b: EvaluationEntry | null): boolean {
  return a === b || (a !== null && b !== null && a.step === b.step && a.accuracy === b.accuracy);
}

/** Matrix axis labels: the class names when short, else class numbers (with a key below). */
export function shortClassNames(classNames: readonly string[]): {
  labels: string[];
  key: string | null;
} {
  const short = classNames.every((n) => n.length <= 2);
  return short
    ? { labels: [...classNames], key: null }
    : {
        labels: classNames.map((_, i) => String(i)),
        key: classNames.map((n, i) => `${i} ${n}`).join(', '),
      };
}

function RunConfusion(props: {
  readonly label: string;
  readonly index: number;
  readonly classNames: readonly string[];
}) {
  const { label, index, classNames } = props;
  const t = useCnnT();
  const evaluation = useInspectionValue(
    useCallback(
      (store: LabStore) => store.cnn.evaluationAt(label, store.getState().cursor),
      [label],
    ),
    sameEvaluation,
  );
  const { labels } = shortClassNames(classNames);
  return (
    <div className="dl-run-column">
      <RunName label={label} index={index} step={evaluation?.step ?? null} />
      {evaluation ? (
        <MatrixPlot
          matrix={evaluation.confusion}
          title={t('cnn.confusion.title', {
            run: label,
            accuracy: percent(evaluation.accuracy),
            step: evaluation.step,
          })}
          rowLabels={labels}
          columnLabels={labels}
          rowTitle={t('cnn.confusion.true')}
          columnTitle={t('cnn.confusion.predicted')}
          cellSize={classNames.length > 8 ? 22 : 26}
        />
      ) : (
        <p className="dl-hint">{t('cnn.confusion.none')}</p>
      )}
    </div>
  );
}

export function ConfusionView(props: { readonly classNames: readonly string[] }) {
  const { classNames } = props;
  const t = useCnnT();
  const labels = useRunLabels();
  const headingId = useId();
  const { key } = shortClassNames(classNames);
  return (
    <section className="dl-panel dl-confusion" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('cnn.confusion.heading')}</h2>
      <p className="dl-hint">
        {t('cnn.confusion.hint')} {key && t('cnn.confusion.key', { key })}
      </p>
      <div className="dl-side-by-side">
        {labels.map((label, index) => (
          <RunConfusion key={label} label={label} index={index} classNames={classNames} />
        ))}
      </div>
    </section>
  );
}

function MistakeImage(props: { readonly pixels: Float32Array }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const size = Math.round(Math.sqrt(props.pixels.length));
  useEffect(() => paintGray(ref.current, props.pixels, size, size), [props.pixels, size]);
  return (
    <canvas
      ref={ref}
      width={size}
      height={size}
      aria-hidden="true"
      style={{
        width: size * 2,
        height: size * 2,
        imageRendering: 'pixelated',
        background: '#000',
        display: 'block',
      }}
    />
  );
}

function sameMistakes(a: CnnEvaluation | null, b: CnnEvaluation | null): boolean {
  return (
    a === b ||
    (a !== null &&
      b !== null &&
      a.step === b.step &&
      a.misclassified.length === b.misclassified.length)
  );
}

export function MisclassifiedGallery(props: { readonly classNames: readonly string[] }) {
  const t = useCnnT();
  const labels = useRunLabels();
  const headingId = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const label = chosen !== null && labels.includes(chosen) ? chosen : (labels[0] ?? '');
  return (
    <section className="dl-panel dl-gallery" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('cnn.mistakes.heading')}</h2>
      {labels.length > 1 && (
        <SelectField
          label={t('cnn.mistakes.of')}
          value={label}
          options={labels.map((l) => ({ value: l, label: l }))}
          onChange={setChosen}
        />
      )}
      <Mistakes label={label} classNames={props.classNames} />
    </section>
  );
}

function Mistakes(props: { readonly label: string; readonly classNames: readonly string[] }) {
  const { label, classNames } = props;
  const t = useCnnT();
  const store = useLabStore();
  const testSize = useLab((s) =>
    s.experiment.problem.kind === 'cnn' ? s.experiment.problem.testSize : 0,
  );
  const evaluation = useInspectionValue(
    useCallback((s: LabStore) => shownInspection(s, label)?.evaluation ?? null, [label]),
    sameMistakes,
  );
  const name = (k: number) => classNames[k] ?? String(k);
  const size = 28 * 28;
  if (evaluation === null) return <p className="dl-hint">{t('cnn.mistakes.none')}</p>;
  if (evaluation.misclassified.length === 0) {
    return <p>{t('cnn.mistakes.zero', { step: evaluation.step })}</p>;
  }
  return (
    <>
      <p className="dl-hint">
        {t('cnn.mistakes.hint', {
          count: evaluation.misclassified.length,
          run: label,
          total: testSize,
          step: evaluation.step,
        })}
      </p>
      <ul className="dl-mistakes">
        {evaluation.misclassified.map((m, j) => (
          <li key={`${m.index}`}>
            <button
              type="button"
              aria-label={t('cnn.mistakes.button', {
                n: m.index + 1,
                label: name(m.label),
                predicted: name(m.predicted),
                probability: percent(m.confidence),
              })}
              onClick={() => store.getState().setProbe({ kind: 'test', index: m.index })}
            >
              <MistakeImage pixels={evaluation.images.subarray(j * size, (j + 1) * size)} />
              <span aria-hidden="true" className="dl-mistake-caption">
                {name(m.label)} → {name(m.predicted)} ({percent(m.confidence)})
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
