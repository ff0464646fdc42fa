/**
 * A value computed from the store's CNN data for text and small React views (predictions,
 * confusion matrices, the gallery): recomputed when inspections or evaluations arrive, the
 * cursor moves or the runs change (`inspectionsView`), re-rendering only when it changed by
 * `equal`, and not at all while its section is out of sight (it catches up on return).
 * Plots subscribe themselves instead.
 */
import { useCallback, useContext } from 'react';
import type { LabState, LabStore } from '../../store/labStore.ts';
import { useLabDerived } from '../../store/useLab.ts';
import { inspectionsView } from './cnnSources.ts';
import { OnScreenContext } from './useOnScreen.ts';

const PAUSED: readonly unknown[] = ['paused'];

export function useInspectionValue<T>(
  compute: (store: LabStore) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T {
  const active = useContext(OnScreenContext);
  const key = useCallback(
    (state: LabState) => (active ? inspectionsView(state) : PAUSED),
    [active],
  );
  return useLabDerived(key, compute, equal);
}
