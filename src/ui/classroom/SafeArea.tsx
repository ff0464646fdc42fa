/**
 * An error boundary around one top-level area of the page (the header's tools, the classroom
 * area, a workspace). A failure there is said in words, the rest of the page keeps working,
 * and the learner can set aside the stored data the area reads (the saved list, or the
 * workspace's autosave) and try again. Nothing is deleted: set-aside data stay downloadable.
 */
import { Component, type ReactNode } from 'react';
import { useT } from '../../i18n/index.ts';
import { plainMessage } from '../ErrorBanner.tsx';
import { INITIAL_EXPERIMENTS } from '../workspaces.ts';
import { openPanel } from './classroomStore.ts';
import { useClassroom } from './ClassroomContext.tsx';

export type PageArea = 'tools' | 'classroom' | 'workspace';

export function SafeArea(props: { readonly area: PageArea; readonly children: ReactNode }) {
  const { storage, stores, active } = useClassroom();
  const setAside =
    props.area === 'workspace'
      ? () => {
          storage.setAutosaveAside(active);
          stores.get(active).getState().loadExperiment(INITIAL_EXPERIMENTS[active]);
        }
      : () => {
          storage.setSavedAside();
          openPanel(null);
        };
  return (
    <AreaBoundary area={props.area} setAside={setAside}>
      {props.children}
    </AreaBoundary>
  );
}

interface BoundaryProps {
  readonly area: PageArea;
  readonly setAside: () => void;
  readonly children: ReactNode;
}

class AreaBoundary extends Component<BoundaryProps, { error: string | null }> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown): { error: string } {
    return { error: plainMessage(error instanceof Error ? error.message : String(error)) };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <AreaFailed
        area={this.props.area}
        error={this.state.error}
        retry={() => this.setState({ error: null })}
        setAside={() => {
          this.props.setAside();
          this.setState({ error: null });
        }}
      />
    );
  }
}

function AreaFailed(props: {
  readonly area: PageArea;
  readonly error: string;
  readonly retry: () => void;
  readonly setAside: () => void;
}) {
  const t = useT();
  return (
    <div className="dl-banner dl-banner-error" role="alert">
      <p>
        <strong>{t(`app.areaFailed.${props.area}`)}</strong> {props.error}
      </p>
      <button type="button" onClick={props.retry}>
        {t('app.tryAgain')}
      </button>{' '}
      <button type="button" onClick={props.setAside}>
        {t(props.area === 'workspace' ? 'app.setAsideAutosave' : 'app.setAsideSaved')}
      </button>
    </div>
  );
}
