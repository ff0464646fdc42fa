/**
 * A value computed from the store's CNN data for text and small React views (predictions,
 * confusion matrices, the gallery): recomputed at most every `intervalMs` while training
 * streams, re-rendering only when it changed by `equal`, and not at all while its section is
 * out of sight. Plots subscribe themselves instead.
 */
import { useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LabStore } from '../../store/labStore.ts';
import { useLabStore } from '../../store/useLab.ts';
import { subscribeCnn } from './cnnSources.ts';
import { OnScreenContext } from './useOnScreen.ts';

export function useCnnValue<T>(
  compute: (store: LabStore) => T,
  equal: (a: T, b: T) => boolean = Object.is,
  intervalMs = 120,
): T {
  const store = useLabStore();
  // Out of sight (see OnScreenContext) the value is not refreshed; it catches up on return.
  const active = useContext(OnScreenContext);
  const [version, setVersion] = useState(0);
  const value = useMemo(() => {
    void version;
    return compute(store);
  }, [compute, store, version]);
  const latest = useRef({ compute, equal, value });
  useLayoutEffect(() => {
    latest.current = { compute, equal, value };
  });
  useEffect(() => {
    if (!active) return undefined;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastRun = 0;
    const refresh = () => {
      timer = null;
      lastRun = Date.now();
      const { compute: read, equal: same, value: shown } = latest.current;
      if (!same(shown, read(store))) setVersion((v) => v + 1);
    };
    const unsubscribe = subscribeCnn(store, () => {
      if (timer !== null) return;
      timer = setTimeout(refresh, Math.max(0, intervalMs - (Date.now() - lastRun)));
    });
    refresh(); // catch up with what changed while inactive
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, intervalMs, active]);
  return value;
}
