/**
 * React glue of the workspaces: reading the store's live series at human speed, throttled
 * callbacks for sliders, and the current problem's surface.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Surface } from '../core/surfaces/surface.ts';
import type { LabState, LabStore } from '../store/labStore.ts';
import type { LivePace } from '../store/liveSlice.ts';
import { useLab, useLabDerived } from '../store/useLab.ts';
import type { RunHistory } from '../store/runHistory.ts';
import { problemSurface } from './problemSurface.ts';

/**
 * A value computed from the live series for text and tables that people read (plots redraw
 * themselves): refreshed at one of the store's paces while training streams (`text` unless
 * told, see LIVE_PACE_MS), and re-rendering only when it changes by `equal` (default Object.is).
 */
export function useLiveValue<T>(
  compute: (live: RunHistory) => T,
  equal: (a: T, b: T) => boolean = Object.is,
  pace: LivePace = 'text',
): T {
  const read = useCallback((s: LabStore) => compute(s.live), [compute]);
  return useLabDerived(PACE_KEYS[pace], read, equal);
}

const PACE_KEYS: Record<LivePace, (state: LabState) => readonly unknown[]> = {
  map: (state) => [state.pulse.map],
  chart: (state) => [state.pulse.chart],
  text: (state) => [state.pulse.text],
};

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
