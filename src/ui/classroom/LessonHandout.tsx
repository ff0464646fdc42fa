/**
 * The whole lesson as a worksheet, for print only (the print stylesheet shows it in place of
 * the interactive step): every step's narration and task, each prediction with its options and
 * room to answer, each goal with room for what the learner saw. Formulas render as on screen.
 */
import type { Lesson } from '../../core/lessons/index.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { Paragraphs } from './Paragraphs.tsx';
import { RichText } from '../RichText.tsx';

/** Ruled space to write in. */
function AnswerSpace(props: { readonly label: string; readonly lines: number }) {
  return (
    <div className="dl-handout-answer">
      <p>{props.label}</p>
      {Array.from({ length: props.lines }, (_, i) => (
        <div key={i} className="dl-handout-line" />
      ))}
    </div>
  );
}

export function LessonHandout(props: { readonly lesson: Lesson; readonly current: number }) {
  const t = useT();
  const locale = useLocale();
  const { lesson, current } = props;
  return (
    <div className="dl-lesson-handout" data-testid="lesson-handout">
      <p className="dl-handout-summary">
        <RichText text={lesson.summary[locale]} />
      </p>
      {lesson.steps.map((step, i) => (
        <section key={step.id} className="dl-handout-step">
          <h3>{t('lesson.handoutStep', { step: i + 1, title: step.title[locale] })}</h3>
          <Paragraphs text={step.narration} locale={locale} />
          <p>
            <strong>{t('lesson.task')}: </strong>
            <RichText text={step.task[locale]} />
          </p>
          {step.prediction && (
            <div className="dl-handout-prediction">
              <p>
                <strong>{t('lesson.predict')}: </strong>
                <RichText text={step.prediction.question[locale]} />
              </p>
              {step.prediction.kind === 'choice' ? (
                <ul className="dl-handout-options">
                  {step.prediction.options.map((o) => (
                    <li key={o.id}>
                      <span aria-hidden="true">☐ </span>
                      <RichText text={o.label[locale]} />
                    </li>
                  ))}
                </ul>
              ) : (
                <AnswerSpace label={t('lesson.handoutPoint')} lines={1} />
              )}
              <AnswerSpace label={t('lesson.handoutAnswer')} lines={3} />
            </div>
          )}
          {step.checkpoint.kind !== 'none' && (
            <p>
              <strong>{t('lesson.checkpoint')}: </strong>
              {step.goal[locale]}
            </p>
          )}
          <AnswerSpace label={t('lesson.handoutObserved')} lines={2} />
          {i === current && <p className="dl-handout-figure-note">{t('lesson.handoutFigure')}</p>}
        </section>
      ))}
    </div>
  );
}
