/**
 * What classroom components need of the app shell: the workspace stores, the active
 * workspace, and a way to show another one. `open` loads an experiment into the workspace
 * for its problem kind (surface → explorer, regression → batch lab, CNN → CNN lab) and shows
 * it. The provider also keeps every store that has been shown autosaved.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  type ReactNode,
} from 'react';
import { useStore } from 'zustand';
import type { Experiment } from '../../core/config/experiment.ts';
import { workspaceOf } from '../../core/lessons/lesson.ts';
import type { LabStore } from '../../store/labStore.ts';
import {
  ExperimentStorage,
  browserStorage,
  flushOnPageHide,
  startAutosave,
  type Autosave,
} from '../../store/persistence.ts';
import type { WorkspaceId, WorkspaceStores } from '../workspaces.ts';
import { sharePayload } from '../../store/experimentJson.ts';
import { classroomStore, clearNotices, notify, type ClassroomState } from './classroomStore.ts';
import { forgetShareHash, shareErrorNotice } from './startup.ts';

export interface ClassroomApi {
  readonly stores: WorkspaceStores;
  readonly active: WorkspaceId;
  select(id: WorkspaceId): void;
  /** Loads `experiment` into its workspace and shows that workspace. */
  open(experiment: Experiment): WorkspaceId;
  /** The active workspace's store. */
  readonly store: LabStore;
  readonly storage: ExperimentStorage;
}

const ClassroomContext = createContext<ClassroomApi | null>(null);

export function useClassroom(): ClassroomApi {
  const api = useContext(ClassroomContext);
  if (!api) throw new Error('useClassroom needs a <ClassroomProvider>');
  return api;
}

/** Reads the classroom store from React. */
export function useClassroomState<T>(selector: (state: ClassroomState) => T): T {
  return useStore(classroomStore, selector);
}

let sharedStorage: ExperimentStorage | null = null;

/** The page's experiment storage (localStorage when the browser allows it). */
export function pageStorage(): ExperimentStorage {
  sharedStorage ??= new ExperimentStorage(browserStorage());
  return sharedStorage;
}

export function ClassroomProvider(props: {
  readonly stores: WorkspaceStores;
  readonly active: WorkspaceId;
  readonly select: (id: WorkspaceId) => void;
  /** Storage for autosave and saved experiments (tests pass their own). */
  readonly storage?: ExperimentStorage;
  readonly children: ReactNode;
}) {
  const { stores, active, select } = props;
  const storage = props.storage ?? pageStorage();
  const store = stores.get(active);

  // Autosave each workspace from the moment it is first shown, until the shell goes away.
  const autosaves = useRef(new Map<LabStore, Autosave>());
  useEffect(() => {
    if (autosaves.current.has(store) || !storage.available) return;
    const autosave = startAutosave(store, storage, active, {
      onProblem(problem) {
        if (problem === 'full') notify({ tone: 'warning', key: 'storage.autosaveFull' });
        else if (problem === null) clearNotices('storage.autosaveFull');
      },
    });
    autosaves.current.set(store, autosave);
    // An experiment loaded just before the workspace was shown (a lesson step, a file) counts.
    storage.writeAutosave(active, store.getState().experiment);
  }, [store, storage, active]);
  useEffect(() => {
    const all = autosaves.current;
    const stopFlushing =
      typeof window === 'undefined'
        ? () => {}
        : flushOnPageHide([{ flush: () => all.forEach((a) => a.flush()) }]);
    return () => {
      stopFlushing();
      for (const autosave of all.values()) autosave.stop();
      all.clear();
    };
  }, []);

  // The shell's `select` may change identity on every render; `open` need not.
  const latestSelect = useRef(select);
  useEffect(() => {
    latestSelect.current = select;
  });
  const stableSelect = useCallback((id: WorkspaceId) => latestSelect.current(id), []);
  const open = useCallback(
    (experiment: Experiment) => {
      const id = workspaceOf(experiment.problem.kind);
      stores.get(id).getState().loadExperiment(experiment);
      latestSelect.current(id);
      return id;
    },
    [stores],
  );
  // A share link pasted into the address bar of an open page arrives as a hash change.
  useEffect(() => {
    const onHashChange = async () => {
      if (sharePayload(location.hash) === null) return;
      const shared = (await import('../../store/share.ts')).readShareHash(location.hash);
      if (!shared) return;
      forgetShareHash();
      if (shared.ok) open(shared.value);
      else notify(shareErrorNotice(shared.error, 'pastedLink'));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [open]);

  const api = useMemo<ClassroomApi>(
    () => ({ stores, active, select: stableSelect, store, storage, open }),
    [stores, active, stableSelect, store, storage, open],
  );
  return <ClassroomContext.Provider value={api}>{props.children}</ClassroomContext.Provider>;
}
