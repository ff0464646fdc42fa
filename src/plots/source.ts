/** Fast-changing data reach plots through subscribe, not React re-renders. */
export interface LiveSource<T> {
  /** The current value; cheap, called at most once per animation frame by a plot. */
  get(): T;
  /** Calls `listener` after every change; returns the function that unsubscribes it. */
  subscribe(listener: () => void): () => void;
}

/**
 * A minimal writable {@link LiveSource} for tests, demos and glue code: `set` replaces the value
 * and notifies every listener synchronously (plots coalesce to one redraw per frame themselves).
 */
export function createLiveSource<T>(initial: T): LiveSource<T> & { set(value: T): void } {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next: T) {
      value = next;
      // Copy so a listener that unsubscribes during notification does not skip another.
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** A source whose value never changes (for static data passed where a live source is expected). */
export function constantSource<T>(value: T): LiveSource<T> {
  return { get: () => value, subscribe: () => () => {} };
}
