/**
 * A step's prediction: the learner picks an answer and commits it before pressing Play; once
 * every run has stopped, the outcome read off the runs is shown beside the prediction. In
 * presenter mode the question is shown large and the outcome waits for the presenter's Reveal.
 */
import { useEffect, useId, useState } from 'react';
import type { Prediction } from '../../core/lessons/index.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import type { LabStore } from '../../store/labStore.ts';
import { watchPrediction } from './checkpointFeed.ts';
import { RichText } from '../RichText.tsx';

export function PredictionBox(props: {
  readonly prediction: Prediction;
  readonly store: LabStore;
  readonly presenter: boolean;
}) {
  const { prediction, store, presenter } = props;
  const t = useT();
  const locale = useLocale();
  const name = useId();
  const [picked, setPicked] = useState<string | null>(null);
  const [committed, setCommitted] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<readonly string[] | null>(null);
  const [revealed, setRevealed] = useState(false);

  useEffect(
    () =>
      watchPrediction(store, prediction, (next) => {
        setOutcome(next);
        if (next === null) setRevealed(false);
      }),
    [store, prediction],
  );

  const labelOf = (id: string) => prediction.options.find((o) => o.id === id)?.label[locale] ?? id;
  const shown = outcome !== null && (!presenter || revealed);
  const right = committed !== null && outcome?.includes(committed);

  return (
    <fieldset className="dl-prediction">
      <legend>{t('lesson.predict')}</legend>
      <p className="dl-prediction-question">
        <RichText text={prediction.question[locale]} />
      </p>
      <div className="dl-prediction-options">
        {prediction.options.map((option) => (
          <label key={option.id}>
            <input
              type="radio"
              name={name}
              value={option.id}
              checked={(committed ?? picked) === option.id}
              disabled={committed !== null}
              onChange={() => setPicked(option.id)}
            />{' '}
            <RichText text={option.label[locale]} />
          </label>
        ))}
      </div>
      {committed === null ? (
        <p>
          <button type="button" disabled={picked === null} onClick={() => setCommitted(picked)}>
            {t('lesson.predictCommit')}
          </button>{' '}
          <span className="dl-hint">{t('lesson.predictHint')}</span>
        </p>
      ) : (
        <p>
          {t('lesson.predictYours', { answer: labelOf(committed) })}{' '}
          {outcome === null && (
            <button type="button" onClick={() => setCommitted(null)}>
              {t('lesson.predictChange')}
            </button>
          )}
        </p>
      )}
      <div role="status" className="dl-prediction-outcome">
        {outcome === null ? (
          <p className="dl-hint">{t('lesson.predictWaiting')}</p>
        ) : !shown ? (
          <button type="button" className="dl-primary" onClick={() => setRevealed(true)}>
            {t('lesson.predictReveal')}
          </button>
        ) : (
          <>
            <p>
              {outcome.length === 0
                ? t('lesson.predictNone')
                : t('lesson.predictOutcome', { answer: outcome.map(labelOf).join(', ') })}
            </p>
            {committed !== null && (
              <p className={right ? 'dl-prediction-right' : 'dl-prediction-wrong'}>
                <span aria-hidden="true">{right ? '✓ ' : '✗ '}</span>
                {right ? t('lesson.predictRight') : t('lesson.predictWrong')}
              </p>
            )}
          </>
        )}
      </div>
    </fieldset>
  );
}
