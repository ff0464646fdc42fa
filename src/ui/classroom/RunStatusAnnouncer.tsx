/**
 * An ARIA live region that says what the runs are doing — started, paused, diverged, all
 * stopped — so a screen-reader user hears what a sighted user sees on the curves. Watches the
 * store's human-speed state only (playing, run statuses), never the per-step stream.
 */
import { useEffect, useState } from 'react';
import { divergenceText, translate, translator, useLocale, type Locale } from '../../i18n/index.ts';
import type { LabState, LabStore } from '../../store/labStore.ts';

function furthestStep(store: LabStore): number {
  let furthest = 0;
  for (const run of store.getState().experiment.runs)
    furthest = Math.max(furthest, store.live.currentStep(run.label));
  return furthest;
}

/** What to announce when the store goes from `previous` to `state`, or null. */
export function announcement(
  state: LabState,
  previous: LabState,
  locale: Locale,
  step: () => number,
): string | null {
  if (state.experiment !== previous.experiment && state.runs !== previous.runs) return null;
  const lines: string[] = [];
  for (const [label, view] of Object.entries(state.runs)) {
    const before = previous.runs[label]?.status;
    if (view.status === before) continue;
    if (view.status === 'diverged') {
      const reason = view.divergence ? divergenceText(view.divergence, translator(locale)) : '';
      lines.push(translate(locale, 'status.diverged', { label, reason }));
    }
  }
  const stopped = (s: LabState) =>
    Object.values(s.runs).length > 0 && Object.values(s.runs).every((r) => r.status !== 'running');
  if (stopped(state) && !stopped(previous)) lines.push(translate(locale, 'status.allFinished'));
  else if (state.playing && !previous.playing) lines.push(translate(locale, 'status.started'));
  else if (!state.playing && previous.playing && !stopped(state))
    lines.push(translate(locale, 'status.paused', { step: step() }));
  return lines.length > 0 ? lines.join(' ') : null;
}

export function RunStatusAnnouncer(props: { readonly store: LabStore }) {
  const { store } = props;
  const locale = useLocale();
  const [message, setMessage] = useState('');
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        const text = announcement(state, previous, locale, () => furthestStep(store));
        if (text) setMessage(text);
      }),
    [store, locale],
  );
  return (
    <div className="dl-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
