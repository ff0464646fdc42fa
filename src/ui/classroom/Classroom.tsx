/**
 * The classroom's pieces of the app shell: the tools in the header (lessons, share, export,
 * open file, saved experiments, shortcuts, language), and the area above the workspace
 * (notices, the open panel); the lesson in progress is a column of its own (LessonPlayer). Also the page-wide keyboard shortcuts,
 * the run-status live region and presenter mode.
 */
import { useEffect, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useT } from '../../i18n/index.ts';
import { classroomStore, openPanel, setPresenter, type ClassroomPanel } from './classroomStore.ts';
import { useClassroom, useClassroomState } from './ClassroomContext.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { ImportButton } from './ImportButton.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Notices } from './Notices.tsx';
import { RunStatusAnnouncer } from './RunStatusAnnouncer.tsx';
import { ShareButton } from './ShareButton.tsx';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { shortcutFor } from './shortcuts.ts';
import { LessonCatalog, SavedExperiments, Welcome } from '../parts.ts';
import { welcomedBefore } from './welcome.ts';
import './classroom.css';
import './print.css';

function PanelToggle(props: {
  readonly panel: Exclude<ClassroomPanel, null>;
  readonly controls: string;
  readonly label: string;
}) {
  const open = useClassroomState((s) => s.panel === props.panel);
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls={props.controls}
      data-panel-toggle={props.panel}
      onClick={() => openPanel(open ? null : props.panel)}
    >
      {props.label}
    </button>
  );
}

/** The id of the panel area, shared by the toggles and the area. */
const PANEL_AREA_ID = 'dl-classroom-panel';

/** The classroom's tools, for the header. */
export function ClassroomTools(props: { readonly id?: string }) {
  const t = useT();
  const presenter = useClassroomState((s) => s.presenter);
  return (
    <div className="dl-classroom-tools" id={props.id}>
      {presenter ? (
        <button type="button" className="dl-presenter-keep" onClick={() => setPresenter(false)}>
          {t('lesson.presenterExit')}
        </button>
      ) : (
        <>
          <PanelToggle panel="lessons" controls={PANEL_AREA_ID} label={t('lesson.title')} />
          <ShareButton />
          <ExportMenu />
          <ImportButton />
          <PanelToggle panel="saved" controls={PANEL_AREA_ID} label={t('saved.open')} />
          <PanelToggle panel="shortcuts" controls={PANEL_AREA_ID} label={t('shortcuts.open')} />
        </>
      )}
      <LanguageSwitch />
    </div>
  );
}

/** Notices and the open panel, for the top of the workspace area. */
export function ClassroomArea() {
  const { store } = useClassroom();
  const panel = useClassroomState((s) => s.panel);
  usePageShortcuts();
  usePresenterClass();
  // The card's code is fetched only on a first visit.
  const [firstVisit] = useState(() => !welcomedBefore());

  // Escape closes the open panel and returns focus to its toggle.
  const onKeyDown = (event: ReactKeyboardEvent) => {
    if (event.key !== 'Escape' || panel === null) return;
    event.stopPropagation();
    openPanel(null);
    document.querySelector<HTMLElement>(`[data-panel-toggle="${panel}"]`)?.focus();
  };

  return (
    <div className="dl-classroom-area">
      <RunStatusAnnouncer store={store} />
      <Notices />
      {firstVisit && <Welcome.Component />}
      <div id={PANEL_AREA_ID} onKeyDown={onKeyDown}>
        {panel === 'lessons' && <LessonCatalog.Component />}
        {panel === 'saved' && <SavedExperiments.Component />}
        {panel === 'shortcuts' && <ShortcutsHelp onClose={() => openPanel(null)} />}
      </div>
    </div>
  );
}

/** Space / → / R / ? / Page Down / Page Up, for the whole page. */
function usePageShortcuts(): void {
  const { store, open } = useClassroom();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { lesson, presenter } = classroomStore.getState();
      const action = shortcutFor(event, lesson !== null, presenter);
      if (!action) {
        if (event.key === 'Escape' && classroomStore.getState().presenter) setPresenter(false);
        return;
      }
      event.preventDefault();
      const state = store.getState();
      switch (action) {
        case 'playPause':
          if (state.playing) state.pause();
          else if (Object.values(state.runs).some((r) => r.status === 'running')) state.play();
          break;
        case 'step':
          if (Object.values(state.runs).some((r) => r.status === 'running')) state.step(1);
          break;
        case 'reset':
          state.reset();
          break;
        case 'help':
          openPanel(classroomStore.getState().panel === 'shortcuts' ? null : 'shortcuts');
          break;
        case 'nextStep':
        case 'previousStep':
          // A lesson is open, so its player (and the lesson code) has been fetched.
          void import('./lessonNavigation.ts').then((m) =>
            m.moveLessonStep(open, action === 'nextStep' ? 1 : -1),
          );
          break;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [store, open]);
}

/** Presenter mode is a class on <html>, so large type and high contrast reach every part of the page. */
function usePresenterClass(): void {
  const presenter = useClassroomState((s) => s.presenter);
  useEffect(() => {
    document.documentElement.classList.toggle('dl-presenter', presenter);
    return () => document.documentElement.classList.remove('dl-presenter');
  }, [presenter]);
}
