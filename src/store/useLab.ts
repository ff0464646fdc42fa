/** React access to the lab store: `useLab(selector)` re-renders only when the slice changes. */
import { createContext, useContext, useRef } from 'react';
import { useStore } from 'zustand';
import type { LabState, LabStore } from './labStore.ts';

export const LabStoreContext = createContext<LabStore | null>(null);

export function useLabStore(): LabStore {
  const store = useContext(LabStoreContext);
  if (!store) throw new Error('useLabStore needs a <LabStoreContext.Provider>');
  return store;
}

export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(useLabStore(), selector);
}

/**
 * A value computed from the store and its live histories, read through the store like any
 * selector: recomputed only when an entry of `key(state)` changes (or `compute` is a new
 * function), and re-rendering only when the result changed by `equal`. Live values key on a
 * pace of `pulse` (liveSlice.ts): a burst of worker frames costs one computation, and at most
 * one render, per pace interval.
 */
export function useLabDerived<T>(
  key: (state: LabState) => readonly unknown[],
  compute: (store: LabStore) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T {
  const store = useLabStore();
  // The selector's cache, as zustand's useShallow keeps one: the snapshot stays stable between
  // key changes even though the histories it reads are mutable.
  const cache = useRef<{ key: readonly unknown[]; compute: typeof compute; value: T } | null>(null);
  return useStore(store, (state) => {
    const k = key(state);
    const cached = cache.current;
    if (cached && cached.compute === compute && sameEntries(cached.key, k)) return cached.value;
    const value = compute(store);
    const kept = cached && equal(cached.value, value) ? cached.value : value;
    cache.current = { key: k, compute, value: kept };
    return kept;
  });
}

function sameEntries(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}
