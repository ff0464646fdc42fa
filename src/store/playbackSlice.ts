/** The playback slice: play, pause, step, reset and the pace of training. */
import type { StateCreator } from 'zustand/vanilla';
import { initialRuns } from './experimentSlice.ts';
import type { LabServices, LabState, PlaybackSlice } from './labState.ts';

export function createPlaybackSlice(
  services: LabServices,
  /** Steps per second at first, null = as fast as possible. */
  initialSpeed: number | null,
): StateCreator<LabState, [], [], PlaybackSlice> {
  return (set, get) => ({
    playing: false,
    speed: initialSpeed,
    play() {
      set({ playing: true, shownStep: null });
      services.client().play();
    },
    pause() {
      set({ playing: false });
      services.client().pause();
    },
    step(count = 1) {
      set({ playing: false, shownStep: null });
      services.client().step(count);
    },
    reset() {
      services.live.clear();
      get().cnnCleared();
      get().liveReset();
      // Every run starts again from the start point: none is a branch any more.
      set({
        playing: false,
        runs: initialRuns(get().experiment),
        events: [],
        shownStep: null,
        branches: {},
      });
      services.client().reset();
      get().cnnStarted();
    },
    setSpeed(stepsPerSecond) {
      set({ speed: stepsPerSecond });
      services.client().setSpeed(stepsPerSecond);
    },
  });
}
