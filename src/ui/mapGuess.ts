/**
 * A lesson's map prediction and the loss-surface map meet here: while a prediction asks for
 * a point, a click on the map places the learner's guess instead of moving the start; once
 * the runs have stopped (and, in presenter mode, the answer is revealed) the map rings both
 * the guess and the point the run actually reached.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export interface MapGuessState {
  /** A map prediction is open and not yet committed: clicks on the map place the guess. */
  readonly picking: boolean;
  /** The learner's point, in data units. */
  readonly guess: readonly [number, number] | null;
  /** The point the run reached, once shown. */
  readonly actual: readonly [number, number] | null;
}

const IDLE: MapGuessState = { picking: false, guess: null, actual: null };

export const mapGuessStore = createStore<MapGuessState>(() => IDLE);

export function setMapGuess(next: Partial<MapGuessState>): void {
  mapGuessStore.setState(next);
}

/** Back to no prediction (the prediction's step was left). */
export function clearMapGuess(): void {
  mapGuessStore.setState(IDLE, true);
}

export function useMapGuess<T>(select: (state: MapGuessState) => T): T {
  return useStore(mapGuessStore, select);
}
