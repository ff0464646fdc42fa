/** The page's entry: one store per workspace, each training in its own Web Worker. */
import './ui/renderer.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { loadStartingCatalogue } from './i18n/index.ts';
import { DEFAULT_SPEED } from './store/labStore.ts';
import { pageStorage } from './ui/classroom/ClassroomContext.tsx';
import { notify } from './ui/classroom/classroomStore.ts';
import { pageStartup } from './ui/classroom/startup.ts';
import { INITIAL_EXPERIMENTS, createWorkspaceStores } from './ui/workspaces.ts';
import './fonts.css';
import './styles.css';

// A share link, else the autosaved experiments, else the defaults.
const startup = await pageStartup(pageStorage(), INITIAL_EXPERIMENTS);

const stores = createWorkspaceStores(
  {
    createWorker: () =>
      new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module' }),
    initialSpeed: DEFAULT_SPEED,
  },
  startup.initial,
);

// A Chinese page waits for its catalogue (the page's loading state) rather than flash English.
const catalogueReady = loadStartingCatalogue();

const root = document.getElementById('root');
if (root) {
  const languageUsable = await catalogueReady;
  if (!languageUsable) notify({ tone: 'error', key: 'language.failed' });
  createRoot(root).render(
    <StrictMode>
      <App
        stores={stores}
        {...(startup.workspace ? { initialWorkspace: startup.workspace } : {})}
      />
    </StrictMode>,
  );
}

// Offline after the first visit: the production build ships sw.js (build/offline.ts).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => {
      // Without it the app still works online; nothing to tell the learner.
    });
  });
}
