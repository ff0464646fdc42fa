/**
 * The app shell: a header with the workspace tabs, and the active workspace with its own
 * store. Later workspaces (CNN lab, Lessons) join WORKSPACES when they exist.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { useT } from './i18n/index.ts';
import { LabStoreContext } from './store/useLab.ts';
import { BatchLabPage } from './ui/batch/BatchLabPage.tsx';
import { ClassroomArea, ClassroomTools } from './ui/classroom/Classroom.tsx';
import { ClassroomProvider } from './ui/classroom/ClassroomContext.tsx';
import { SafeArea } from './ui/classroom/SafeArea.tsx';
import { CnnLabPage } from './ui/cnn/CnnLabPage.tsx';
import { ExplorerPage } from './ui/explorer/ExplorerPage.tsx';
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
        <header className="dl-header">
          <h1 className="dl-title">{t('app.title')}</h1>
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
            <ClassroomTools />
          </SafeArea>
        </header>
        <main>
          <SafeArea area="classroom">
            <ClassroomArea />
          </SafeArea>
          <div id={panelId} role="tabpanel" aria-labelledby={tabId(active)} tabIndex={-1}>
            <LabStoreContext.Provider value={store}>
              <SafeArea area="workspace" key={active}>
                {active === 'explorer' ? (
                  <ExplorerPage {...fetchJson} />
                ) : active === 'batch' ? (
                  <BatchLabPage {...fetchJson} />
                ) : (
                  <CnnLabPage {...fetchJson} />
                )}
              </SafeArea>
            </LabStoreContext.Provider>
          </div>
        </main>
      </div>
    </ClassroomProvider>
  );
}
