/**
 * A step's prediction: the learner picks an answer — an option, or a point on the map — and
 * commits it before pressing Play; once every run has stopped, the outcome read off the runs
 * is shown beside the prediction. In presenter mode the question is shown large and the
 * outcome waits for the presenter's Reveal.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import {
  guessIsRight,
  type ChoicePrediction,
  type PointPrediction,
  type Prediction,
} from '../../core/lessons/index.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { formatReadout as formatValue } from '../../core/numbers.ts';
import type { LabStore } from '../../store/labStore.ts';
import { clearMapGuess, setMapGuess, useMapGuess } from '../mapGuess.ts';
import { watchPointPrediction, watchPrediction } from './checkpointFeed.ts';
import { RichText } from '../RichText.tsx';

interface PredictionProps<P extends Prediction> {
  readonly prediction: P;
  readonly store: LabStore;
  readonly presenter: boolean;
}

export function PredictionBox(props: PredictionProps<Prediction>) {
  const { prediction } = props;
  return prediction.kind === 'choice' ? (
    <ChoicePredictionBox {...props} prediction={prediction} />
  ) : (
    <PointPredictionBox {...props} prediction={prediction} />
  );
}

function ChoicePredictionBox(props: PredictionProps<ChoicePrediction>) {
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
        <CommittedAnswer
          answer={labelOf(committed)}
          onChange={outcome === null ? () => setCommitted(null) : null}
        />
      )}
      <OutcomeStatus waiting={outcome === null} shown={shown} reveal={() => setRevealed(true)}>
        {outcome && (
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
      </OutcomeStatus>
    </fieldset>
  );
}

const point = (p: readonly [number, number]) => `(${formatValue(p[0])}, ${formatValue(p[1])})`;

/** A coordinate typed by the learner: a finite number, or null while the field is unfinished. */
function parseCoordinate(text: string): number | null {
  const value = Number(text.trim().replace('−', '-'));
  return text.trim() !== '' && Number.isFinite(value) ? value : null;
}

/**
 * "Where will it go?": a click on the map (or two typed coordinates, for the keyboard) places
 * the guess; once the runs stop, the map rings the guess and the point the run reached.
 */
function PointPredictionBox(props: PredictionProps<PointPrediction>) {
  const { prediction, store, presenter } = props;
  const t = useT();
  const locale = useLocale();
  const guess = useMapGuess((s) => s.guess);
  const [committed, setCommitted] = useState(false);
  const [outcome, setOutcome] = useState<readonly [number, number] | null>(null);
  const [revealed, setRevealed] = useState(false);
  // The typed fields follow map clicks, but keep what the learner is typing until it parses.
  const [typed, setTyped] = useState<{
    readonly text: readonly [string, string];
    readonly for: readonly [number, number] | null;
  }>({ text: ['', ''], for: null });
  if (typed.for !== guess)
    setTyped({
      text:
        guess && !sameGuess(typed.text, guess)
          ? [formatValue(guess[0]), formatValue(guess[1])]
          : typed.text,
      for: guess,
    });
  const xId = useId();
  const yId = useId();

  useEffect(
    () =>
      watchPointPrediction(store, prediction, (next) => {
        setOutcome(next);
        if (next === null) setRevealed(false);
      }),
    [store, prediction],
  );
  useEffect(() => clearMapGuess, []);
  const shown = outcome !== null && (!presenter || revealed);
  useEffect(() => setMapGuess({ picking: !committed }), [committed]);
  useEffect(() => setMapGuess({ actual: shown ? outcome : null }), [shown, outcome]);
  const type = (axis: 0 | 1, text: string) => {
    const next: [string, string] = axis === 0 ? [text, typed.text[1]] : [typed.text[0], text];
    setTyped({ text: next, for: typed.for });
    const x = parseCoordinate(next[0]);
    const y = parseCoordinate(next[1]);
    if (x !== null && y !== null) setMapGuess({ guess: [x, y] });
  };
  const right = committed && guess && outcome && guessIsRight(prediction, guess, outcome);

  return (
    <fieldset className="dl-prediction dl-prediction-point">
      <legend>{t('lesson.predict')}</legend>
      <p className="dl-prediction-question">
        <RichText text={prediction.question[locale]} />
      </p>
      {!committed ? (
        <>
          <p className="dl-hint">{t('lesson.predictPointHint')}</p>
          <p className="dl-prediction-coords">
            <label htmlFor={xId}>{t('lesson.predictPointX')}</label>
            <input
              id={xId}
              type="text"
              inputMode="decimal"
              size={6}
              value={typed.text[0]}
              onChange={(e) => type(0, e.target.value)}
            />
            <label htmlFor={yId}>{t('lesson.predictPointY')}</label>
            <input
              id={yId}
              type="text"
              inputMode="decimal"
              size={6}
              value={typed.text[1]}
              onChange={(e) => type(1, e.target.value)}
            />
          </p>
          <p>
            <button type="button" disabled={guess === null} onClick={() => setCommitted(true)}>
              {t('lesson.predictCommit')}
            </button>{' '}
            <span className="dl-hint">{t('lesson.predictHint')}</span>
          </p>
        </>
      ) : (
        <CommittedAnswer
          answer={guess ? point(guess) : ''}
          onChange={outcome === null ? () => setCommitted(false) : null}
        />
      )}
      <OutcomeStatus waiting={outcome === null} shown={shown} reveal={() => setRevealed(true)}>
        {outcome && (
          <>
            <p>
              {t('lesson.predictPointOutcome', { point: point(outcome) })}{' '}
              {t('lesson.predictPointRadius', { radius: formatValue(prediction.radius) })}
            </p>
            {committed && guess && (
              <p className={right ? 'dl-prediction-right' : 'dl-prediction-wrong'}>
                <span aria-hidden="true">{right ? '✓ ' : '✗ '}</span>
                {t('lesson.predictPointDistance', {
                  distance: formatValue(Math.hypot(guess[0] - outcome[0], guess[1] - outcome[1])),
                })}{' '}
                {right ? t('lesson.predictRight') : t('lesson.predictWrong')}
              </p>
            )}
          </>
        )}
      </OutcomeStatus>
    </fieldset>
  );
}

/** The learner's committed answer, with "Change" until the run has answered. */
function CommittedAnswer(props: {
  readonly answer: string;
  readonly onChange: (() => void) | null;
}) {
  const t = useT();
  return (
    <p>
      {t('lesson.predictYours', { answer: props.answer })}{' '}
      {props.onChange && (
        <button type="button" onClick={props.onChange}>
          {t('lesson.predictChange')}
        </button>
      )}
    </p>
  );
}

/**
 * The outcome area, announced as it changes: waiting for the run, then (in presenter mode,
 * until revealed) a button that shows it, then the outcome itself (`children`).
 */
function OutcomeStatus(props: {
  readonly waiting: boolean;
  readonly shown: boolean;
  readonly reveal: () => void;
  readonly children: ReactNode;
}) {
  const t = useT();
  return (
    <div role="status" className="dl-prediction-outcome">
      {props.waiting ? (
        <p className="dl-hint">{t('lesson.predictWaiting')}</p>
      ) : !props.shown ? (
        <button type="button" className="dl-primary" onClick={props.reveal}>
          {t('lesson.predictReveal')}
        </button>
      ) : (
        props.children
      )}
    </div>
  );
}

/** Whether typed text already says `guess` (so a click does not rewrite what is being typed). */
function sameGuess(typed: readonly [string, string], guess: readonly [number, number]): boolean {
  return parseCoordinate(typed[0]) === guess[0] && parseCoordinate(typed[1]) === guess[1];
}
