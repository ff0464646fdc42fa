/**
 * React glue of the workspaces: reading the store's live series at human speed, throttled
 * callbacks for sliders, and the current problem's surface.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Surface } from '../core/surfaces/surface.ts';
import { useLab, useLabStore } from '../store/useLab.ts';
import type { LiveRuns } from '../store/liveRuns.ts';
import { problemSurface } from './problemSurface.ts';

/**
 * A value computed from the live series, refreshed at most every `intervalMs` (default 200)
 * while training streams, and re-rendering only when it changes (`equal`, default Object.is).
 * For text and tables that people read, not for plots (those subscribe themselves).
 */
export function useLiveValue<T>(
  compute: (live: LiveRuns) => T,
  intervalMs = 200,
  equal: (a: T, b: T) => boolean = Object.is,
): T {
  const store = useLabStore();
  // Bumped when a frame changed the value; the render recomputes it.
  const [version, setVersion] = useState(0);
  const value = useMemo(() => {
    void version;
    return compute(store.live);
  }, [compute, store, version]);
  const latest = useRef({ compute, equal, value });
  useLayoutEffect(() => {
    latest.current = { compute, equal, value };
  });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastRun = 0;
    const refresh = () => {
      timer = null;
      lastRun = Date.now();
      const { compute: read, equal: same, value: shown } = latest.current;
      if (!same(shown, read(store.live))) setVersion((v) => v + 1);
    };
    const unsubscribe = store.live.subscribe(() => {
      if (timer !== null) return;
      timer = setTimeout(refresh, Math.max(0, intervalMs - (Date.now() - lastRun)));
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, intervalMs]);
  return value;
}

/** Compares two arrays of primitives element by element. */
export function sameArray<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/**
 * A callback that runs `fn` at most every `ms` milliseconds, always delivering the latest
 * arguments last (leading and trailing), so a dragged slider patches the run a few times per
 * second and ends on exactly the value it was released at.
 */
export function useThrottled<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
): (...args: A) => void {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  const state = useRef<{
    last: number;
    timer: ReturnType<typeof setTimeout> | null;
    args: A | null;
  }>({
    last: 0,
    timer: null,
    args: null,
  });
  useEffect(
    () => () => {
      const s = state.current;
      if (s.timer !== null) clearTimeout(s.timer);
      if (s.args) latest.current(...s.args);
    },
    [],
  );
  return useMemo(
    () =>
      (...args: A) => {
        const s = state.current;
        const now = Date.now();
        s.args = args;
        if (s.timer !== null) return;
        const fire = () => {
          s.timer = null;
          s.last = Date.now();
          const pending = s.args;
          s.args = null;
          if (pending) latest.current(...pending);
        };
        const wait = ms - (now - s.last);
        if (wait <= 0) fire();
        else s.timer = setTimeout(fire, wait);
      },
    [ms],
  );
}

/** The surface (or regression loss over (w, b)) of the current experiment, rebuilt only when the problem changes. */
export function useSurface(): Surface | null {
  const problem = useLab((s) => s.experiment.problem);
  const seed = useLab((s) => s.experiment.seed);
  return useMemo(() => problemSurface(problem, seed), [problem, seed]);
}

/** Whether the user asked the system for reduced motion. */
export function usePrefersReducedMotion(): boolean {
  const query = useMemo(
    () =>
      typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null,
    [],
  );
  const [reduced, setReduced] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return undefined;
    const onChange = () => setReduced(query.matches);
    query.addEventListener?.('change', onChange);
    return () => query.removeEventListener?.('change', onChange);
  }, [query]);
  return reduced;
}
