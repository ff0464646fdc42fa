/**
 * The app shell: a header with the workspace tabs, and the active workspace with its own
 * store. Later workspaces (CNN lab, Lessons) join WORKSPACES when they exist.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { useT } from './i18n/index.ts';
import { LabStoreContext } from './store/useLab.ts';
import { ClassroomArea, ClassroomTools } from './ui/classroom/Classroom.tsx';
import { ClassroomProvider } from './ui/classroom/ClassroomContext.tsx';
import { classroomStore } from './ui/classroom/classroomStore.ts';
import { SafeArea } from './ui/classroom/SafeArea.tsx';
import { ExplorerPage } from './ui/explorer/ExplorerPage.tsx';
import { BatchLab, CnnLab, Lesson } from './ui/parts.ts';
import { WORKSPACES, type WorkspaceId, type WorkspaceStores } from './ui/workspaces.ts';

export interface AppProps {
  readonly stores: WorkspaceStores;
  /** The workspace shown first; default the surface explorer. */
  readonly initialWorkspace?: WorkspaceId;
  /** How presets are fetched (tests pass their own). */
  readonly fetchJson?: (url: string) => Promise<unknown>;
}

export function App(props: AppProps) {
  const { stores } = props;
  const t = useT();
  const [active, setActive] = useState<WorkspaceId>(props.initialWorkspace ?? 'explorer');
  const [menuOpen, setMenuOpen] = useState(false);
  const lessonOpen = useStore(classroomStore, (s) => s.lesson !== null);
  // Whatever the menu opened (a panel, a lesson) needs the room: the menu folds again.
  useEffect(
    () =>
      classroomStore.subscribe((now, before) => {
        if (now.panel !== before.panel || now.lesson?.lessonId !== before.lesson?.lessonId)
          setMenuOpen(false);
      }),
    [],
  );
  const headerRef = useRef<HTMLElement>(null);
  const areaRef = useRef<HTMLDivElement>(null);
  useHeaderHeight(headerRef, areaRef);
  const baseId = useId();
  const tabId = (id: WorkspaceId) => `${baseId}-tab-${id}`;
  const panelId = `${baseId}-panel`;

  const select = (id: WorkspaceId) => {
    if (id === active) return;
    // A workspace out of sight stops training; its runs and curves stay as they are.
    const leaving = stores.get(active).getState();
    if (leaving.playing) leaving.pause();
    setActive(id);
  };

  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = WORKSPACES.findIndex((w) => w.id === active);
    const last = WORKSPACES.length - 1;
    const target =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (target === null) return;
    event.preventDefault();
    const next = WORKSPACES[target]!.id;
    select(next);
    document.getElementById(tabId(next))?.focus();
  };

  const store = stores.get(active);
  const fetchJson = props.fetchJson ? { fetchJson: props.fetchJson } : {};
  return (
    <ClassroomProvider stores={stores} active={active} select={select}>
      <div className="dl-app">
        <a className="dl-skip-link" href={`#${panelId}`}>
          {t('app.skipToWorkspace')}
        </a>
        <header ref={headerRef} className={`dl-header${menuOpen ? ' dl-menu-open' : ''}`}>
          <h1 className="dl-title">{t('app.title')}</h1>
          {/* On a phone the header folds into this menu. */}
          <button
            type="button"
            className="dl-menu-button"
            aria-expanded={menuOpen}
            aria-controls={`${baseId}-tools`}
            onClick={() => setMenuOpen(!menuOpen)}
          >
            {t('app.menu')}
          </button>
          <div className="dl-tabs" role="tablist" aria-label={t('app.workspaces')}>
            {WORKSPACES.map((w) => (
              <button
                key={w.id}
                id={tabId(w.id)}
                type="button"
                role="tab"
                aria-selected={w.id === active}
                aria-controls={panelId}
                tabIndex={w.id === active ? 0 : -1}
                title={t(`workspace.${w.id}.summary`)}
                onClick={() => select(w.id)}
                onKeyDown={onTabKeyDown}
              >
                {t(`workspace.${w.id}.title`)}
              </button>
            ))}
          </div>
          <SafeArea area="tools">
            <ClassroomTools id={`${baseId}-tools`} />
          </SafeArea>
        </header>
        <main>
          <div ref={areaRef}>
            <SafeArea area="classroom">
              <ClassroomArea />
            </SafeArea>
          </div>
          {/* The lesson, when one is open, is a column beside the workspace, never above it. */}
          <div className="dl-body">
            {lessonOpen && <Lesson.Component />}
            <div
              id={panelId}
              className="dl-workspace-host"
              role="tabpanel"
              aria-labelledby={tabId(active)}
              tabIndex={-1}
            >
              <LabStoreContext.Provider value={store}>
                <SafeArea area="workspace" key={active}>
                  {active === 'explorer' ? (
                    <ExplorerPage {...fetchJson} />
                  ) : active === 'batch' ? (
                    <BatchLab.Component {...fetchJson} />
                  ) : (
                    <CnnLab.Component {...fetchJson} />
                  )}
                </SafeArea>
              </LabStoreContext.Provider>
            </div>
          </div>
        </main>
      </div>
    </ClassroomProvider>
  );
}

/**
 * Publishes the height above the workspace (the header, and the notices and panels under it)
 * as --dl-header-h on <html>, so the map can be capped to the height left under it: the
 * header wraps on narrow screens, grows in presenter mode, and a notice may sit below it.
 */
function useHeaderHeight(...refs: ReadonlyArray<{ readonly current: HTMLElement | null }>): void {
  useLayoutEffect(() => {
    const elements = refs.map((r) => r.current).filter((e): e is HTMLElement => e !== null);
    const root = document.documentElement;
    const publish = () => {
      const height = elements.reduce((sum, e) => sum + e.getBoundingClientRect().height, 0);
      root.style.setProperty('--dl-header-h', `${Math.ceil(height)}px`);
    };
    publish();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(publish);
    for (const element of elements) observer.observe(element);
    return () => observer.disconnect();
    // The refs are stable objects; their elements exist once mounted.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
