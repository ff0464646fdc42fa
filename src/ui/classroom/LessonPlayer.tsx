/**
 * The lesson in progress, docked above the workspace: where we are ("Step 2 of 5"), the
 * narration, the task, and the checkpoint, which turns to "Reached!" by itself when the runs
 * get there (and then shows why it happened). Previous / Next never wait for a checkpoint: a
 * teacher decides the pace. Presenter mode enlarges all of it for a projector.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { findLesson, workspaceOf } from '../../core/lessons/index.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { watchCheckpoint } from './checkpointFeed.ts';
import { PredictionBox } from './PredictionBox.tsx';
import { LessonHandout } from './LessonHandout.tsx';
import { Paragraphs } from './Paragraphs.tsx';
import { RichText } from '../RichText.tsx';
import { notify, setLessonProgress, setPresenter } from './classroomStore.ts';
import { useClassroom, useClassroomState } from './ClassroomContext.tsx';
import { goToLessonStep, stepExperiment } from './lessonNavigation.ts';

export function LessonPlayer() {
  const t = useT();
  const locale = useLocale();
  const { stores, open } = useClassroom();
  const progress = useClassroomState((s) => s.lesson);
  const presenter = useClassroomState((s) => s.presenter);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const lesson = progress ? findLesson(progress.lessonId) : undefined;
  // Remembered progress is checked here, where the lessons are: a step past the end is the last.
  const index = lesson && progress ? Math.min(progress.step, lesson.steps.length - 1) : 0;
  const step = lesson?.steps[index];
  const stepKey = lesson && step ? `${lesson.id}/${step.id}` : '';
  // Steps whose checkpoint was reached during this visit (for the progress dots).
  const [reached, setReached] = useState<ReadonlySet<string>>(new Set());

  const workspace = step
    ? workspaceOf(
        ((step.experiment as { problem?: { kind?: unknown } }).problem?.kind ?? 'surface') as
          'surface' | 'regression' | 'cnn',
      )
    : null;

  useEffect(() => {
    if (!step || !workspace) return undefined;
    return watchCheckpoint(stores.get(workspace), step.checkpoint, () =>
      setReached((set) => new Set(set).add(stepKey)),
    );
  }, [stores, step, workspace, stepKey]);

  // Entering presenter mode puts focus on the lesson's heading, so a clicker's keys and a
  // screen reader start from the lesson, not from the button that was just pressed.
  useEffect(() => {
    if (presenter) headingRef.current?.focus();
  }, [presenter]);

  // A remembered lesson that no longer exists is forgotten.
  const unknown = progress !== null && !lesson;
  useEffect(() => {
    if (unknown) setLessonProgress(null);
  }, [unknown]);

  if (!lesson || !step || !progress) return null;
  const count = lesson.steps.length;
  const isReached = reached.has(stepKey) || step.checkpoint.kind === 'none';
  const go = (target: number) => goToLessonStep(open, lesson.id, target);

  return (
    <section
      className={`dl-lesson${presenter ? ' dl-lesson-presenter' : ''}`}
      aria-labelledby={headingId}
      lang={locale}
    >
      <header className="dl-lesson-header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {lesson.title[locale]}
        </h2>
        <p className="dl-lesson-progress">
          {t('lesson.progress', { step: index + 1, steps: count })}
        </p>
        <ol className="dl-lesson-dots" aria-label={t('lesson.stepsLabel')}>
          {lesson.steps.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                aria-current={i === index ? 'step' : undefined}
                aria-label={t('lesson.goToStep', { step: i + 1 })}
                className={reached.has(`${lesson.id}/${s.id}`) ? 'dl-dot-reached' : undefined}
                onClick={() => go(i)}
              >
                {i + 1}
              </button>
            </li>
          ))}
        </ol>
        <div className="dl-lesson-modes">
          <button type="button" onClick={() => window.print()}>
            {t('lesson.print')}
          </button>
          <button type="button" aria-pressed={presenter} onClick={() => setPresenter(!presenter)}>
            {presenter ? t('lesson.presenterExit') : t('lesson.presenter')}
          </button>
          <button type="button" onClick={() => setLessonProgress(null)}>
            {t('lesson.exit')}
          </button>
        </div>
      </header>

      <h3 className="dl-lesson-step-title">{step.title[locale]}</h3>
      <div className="dl-lesson-narration" data-testid="lesson-text">
        <Paragraphs text={step.narration} locale={locale} />
      </div>
      <div className="dl-lesson-task">
        <h4>{t('lesson.task')}</h4>
        <p>
          <RichText text={step.task[locale]} />
        </p>
        {step.prediction && workspace && (
          <PredictionBox
            key={stepKey}
            prediction={step.prediction}
            store={stores.get(workspace)}
            presenter={presenter}
          />
        )}
      </div>
      <div className={`dl-lesson-checkpoint${isReached ? ' dl-reached' : ''}`}>
        <h4>{t('lesson.checkpoint')}</h4>
        {step.checkpoint.kind === 'none' ? (
          <p>{t('lesson.checkpointNone')}</p>
        ) : (
          <>
            <p>
              <RichText text={step.goal[locale]} />
            </p>
            <p role="status" className="dl-checkpoint-status">
              <span aria-hidden="true">{isReached ? '✓ ' : '○ '}</span>
              {isReached ? t('lesson.checkpointReached') : t('lesson.checkpointWaiting')}
            </p>
          </>
        )}
        {isReached && step.checkpoint.kind !== 'none' && (
          <div className="dl-lesson-explanation">
            <Paragraphs text={step.explanation} locale={locale} />
          </div>
        )}
      </div>

      <LessonHandout lesson={lesson} current={index} />

      <nav className="dl-lesson-nav" aria-label={t('lesson.title')}>
        <button type="button" onClick={() => go(index - 1)} disabled={index === 0}>
          {t('lesson.previous')}
        </button>
        <button
          type="button"
          onClick={() => {
            const experiment = stepExperiment(step);
            if (experiment) open(experiment);
          }}
        >
          {t('lesson.reload')}
        </button>
        {index < count - 1 ? (
          <button type="button" className="dl-primary" onClick={() => go(index + 1)}>
            {t('lesson.next')}
          </button>
        ) : (
          <button
            type="button"
            className="dl-primary"
            onClick={() => {
              setLessonProgress(null);
              notify({ tone: 'info', key: 'lesson.completed' });
            }}
          >
            {t('lesson.finish')}
          </button>
        )}
      </nav>
    </section>
  );
}
