/** React access to the lab store: `useLab(selector)` re-renders only when the slice changes. */
import { createContext, useContext } from 'react';
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
