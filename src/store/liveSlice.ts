/**
 * The one path of live data to the screen. Worker frames are written into the run and CNN
 * histories (bounded, mutable buffers: no copies per step); the store then says that they moved
 * by bumping a count per pace, at most once per LIVE_PACE_MS whatever the number of frames,
 * always after the newest one. Plots subscribe to the store and redraw through the draw queue
 * (plots/frame.ts) when their pace's count moves; text and tables read through `useLiveValue`
 * (a zustand selector keyed on the `text` pace). Nothing re-renders per worker step.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { LabState, LivePace, LiveSlice } from './labState.ts';

export type { LivePace, LiveSlice } from './labState.ts';

/**
 * Least time between two counts of each pace, in ms. Frames arrive up to 60 times a second;
 * redrawing six trajectories and three charts of six series that often, or re-rendering text
 * people read, costs more main-thread time than the eye gains.
 */
export const LIVE_PACE_MS: Readonly<Record<LivePace, number>> = {
  /** The loss map and the data scatter (25 per second). */
  map: 40,
  /** Line charts (10 per second). */
  chart: 100,
  /** Numbers and tables that people read (4 per second). */
  text: 250,
};

const PACES = Object.keys(LIVE_PACE_MS) as LivePace[];

export function createLiveSlice(
  now: () => number = () => performance.now(),
): StateCreator<LabState, [], [], LiveSlice> {
  return (set, get) => {
    const last: Record<LivePace, number> = { map: -Infinity, chart: -Infinity, text: -Infinity };
    const due = new Set<LivePace>();
    const count = (pace: LivePace) => {
      due.delete(pace);
      last[pace] = now();
      const pulse = get().pulse;
      set({ pulse: { ...pulse, [pace]: pulse[pace] + 1 } });
    };
    return {
      pulse: { map: 0, chart: 0, text: 0 },
      inspections: 0,
      liveMoved() {
        for (const pace of PACES) {
          if (due.has(pace)) continue;
          due.add(pace);
          setTimeout(() => count(pace), Math.max(0, LIVE_PACE_MS[pace] - (now() - last[pace])));
        }
      },
      liveReset() {
        const { map, chart, text } = get().pulse;
        set({ pulse: { map: map + 1, chart: chart + 1, text: text + 1 } });
      },
    };
  };
}
