/** The page's entry: one store per workspace, each training in its own Web Worker. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createWorkspaceStores } from './ui/workspaces.ts';
import './styles.css';

const stores = createWorkspaceStores({
  createWorker: () =>
    new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module' }),
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App stores={stores} />
    </StrictMode>,
  );
}
