/**
 * The first visit's card: what to press first, and two ways in — lesson 1, or the ravine
 * demo (SGD against momentum) playing at an animated pace. It sits in a corner away from the
 * map's plotting area, closes with its × or Escape, and once closed or used never comes back
 * (remembered in localStorage; without storage it simply shows again next time).
 */
import { useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/index.ts';
import { DEFAULT_SPEED } from '../../store/labStore.ts';
import { PRESETS, loadPreset } from '../workspaces.ts';
import { useClassroom } from './ClassroomContext.tsx';
import { rememberWelcomed, welcomedBefore } from './welcome.ts';

export function WelcomeCard(props: {
  /** How the demo's experiment is fetched (tests pass their own). */
  readonly fetchJson?: (url: string) => Promise<unknown>;
}) {
  const t = useT();
  const { stores, open, select } = useClassroom();
  const [shown, setShown] = useState(() => !welcomedBefore());
  if (!shown) return null;

  const close = () => {
    rememberWelcomed();
    setShown(false);
  };
  const startLesson = async () => {
    close();
    // The lessons are fetched on first use, outside the first screen's budget.
    const [{ LESSONS }, { goToLessonStep }] = await Promise.all([
      import('../../core/lessons/index.ts'),
      import('./lessonNavigation.ts'),
    ]);
    const first = LESSONS[0];
    if (first) goToLessonStep(open, first.id, 0);
  };
  const watchDemo = async () => {
    close();
    const preset = PRESETS.find((p) => p.file === 'ravine-sgd-vs-momentum.json');
    if (!preset) return;
    const result = await loadPreset(preset, props.fetchJson);
    select('explorer');
    const store = stores.get('explorer');
    if (result.ok) store.getState().loadExperiment(result.value);
    // Motion is the point: an animated pace even if Maximum was chosen before.
    if (store.getState().speed === null) store.getState().setSpeed(DEFAULT_SPEED);
    store.getState().play();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    close();
  };

  return (
    <section className="dl-welcome" aria-labelledby="dl-welcome-title" onKeyDown={onKeyDown}>
      <div className="dl-welcome-header">
        <h2 id="dl-welcome-title">{t('welcome.title')}</h2>
        <button
          type="button"
          className="dl-icon-button"
          aria-label={t('welcome.close')}
          title={t('welcome.close')}
          onClick={close}
        >
          ×
        </button>
      </div>
      <p>{t('welcome.body')}</p>
      <div className="dl-welcome-actions">
        <button type="button" className="dl-primary" onClick={() => void startLesson()}>
          {t('welcome.lesson')}
        </button>
        <button type="button" onClick={() => void watchDemo()}>
          {t('welcome.demo')}
        </button>
      </div>
    </section>
  );
}
