/**
 * Parts of the page fetched when first shown (the CNN lab, the lessons, the classroom panels),
 * so the first screen loads only what it shows. While a part loads, a placeholder holds its
 * place (the caller's class gives it the part's size, so nothing jumps when it arrives); if its
 * script cannot be fetched (offline with an old cache, a dropped connection) the learner is
 * told so in words, with a button that tries again — never a blank area.
 */
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { useT } from '../i18n/index.ts';

export interface LazyPart<P> {
  /** Renders the part, or its placeholder while it loads, or the failure with a retry. */
  readonly Component: (props: P) => ReactNode;
  /** Starts fetching the part (again, after a failure); resolves when it can render at once. */
  preload(): Promise<void>;
}

export interface LazyPartOptions {
  /** Classes of the placeholder and of the failure message (they take the part's place). */
  readonly className: string;
  /** The element that stands in for the part (default a div). */
  readonly as?: 'div' | 'section' | 'span';
}

/** Every part made here, so tests (and a warm start) can fetch them all up front. */
const parts: Array<LazyPart<never>> = [];

export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  options: LazyPartOptions,
): LazyPart<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<void> | null = null;
  const listeners = new Set<() => void>();

  const preload = (): Promise<void> => {
    pending ??= load().then(
      (component) => {
        loaded = component;
        for (const listener of listeners) listener();
      },
      (error: unknown) => {
        pending = null; // The next attempt fetches again.
        throw error;
      },
    );
    return pending;
  };

  function Part(props: P): ReactNode {
    const t = useT();
    const [failed, setFailed] = useState(false);
    const [, setArrived] = useState(0);
    useEffect(() => {
      if (loaded || failed) return undefined;
      const arrived = () => setArrived((n) => n + 1);
      listeners.add(arrived);
      preload().catch(() => setFailed(true));
      return () => {
        listeners.delete(arrived);
      };
    }, [failed]);

    const Loaded = loaded;
    if (Loaded) return <Loaded {...props} />;
    const Box = options.as ?? 'div';
    if (failed) {
      return (
        <Box className={`${options.className} dl-part-failed`} role="alert">
          <span>{t('app.partFailed')}</span>{' '}
          <button type="button" onClick={() => setFailed(false)}>
            {t('app.tryAgain')}
          </button>
        </Box>
      );
    }
    return (
      <Box className={`${options.className} dl-part-loading`} role="status" aria-busy="true">
        <span className="dl-part-loading-text">{t('app.partLoading')}</span>
      </Box>
    );
  }

  const part: LazyPart<P> = { Component: Part, preload };
  parts.push(part as LazyPart<never>);
  return part;
}

/** Fetches every lazy part (tests render them at once; nothing else needs to wait). */
export function preloadAllParts(): Promise<void> {
  return Promise.all(parts.map((p) => p.preload())).then(() => undefined);
}
