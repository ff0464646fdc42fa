/** The list of lessons to start, each with its summary and length. */
import { useId } from 'react';
import { LESSONS } from '../../core/lessons/index.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { RichText } from '../RichText.tsx';
import { openPanel } from './classroomStore.ts';
import { useClassroom } from './ClassroomContext.tsx';
import { goToLessonStep } from './lessonNavigation.ts';

export function LessonCatalog() {
  const t = useT();
  const locale = useLocale();
  const { open } = useClassroom();
  const id = useId();
  return (
    <section className="dl-panel dl-lesson-catalog" aria-labelledby={id}>
      <h2 id={id}>{t('lesson.choose')}</h2>
      <ol className="dl-lesson-list">
        {LESSONS.map((lesson) => (
          <li key={lesson.id}>
            <div>
              <h3 lang={locale}>{lesson.title[locale]}</h3>
              <p className="dl-hint">
                <RichText text={lesson.summary[locale]} /> (
                {t('lesson.count', { count: lesson.steps.length })})
              </p>
            </div>
            <button
              type="button"
              aria-label={t('lesson.startNamed', { title: lesson.title[locale] })}
              onClick={() => {
                openPanel(null);
                goToLessonStep(open, lesson.id, 0);
              }}
            >
              {t('lesson.start')}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
