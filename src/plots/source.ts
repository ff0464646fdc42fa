/**
 * What a live plot reads: a value and a way to hear of its changes, the readable half of a
 * zustand store (`StoreApi<T>` is one, so tests and static data pass `createStore(() => value)`).
 * The app's sources are views of the lab store (ui/liveViews.ts, ui/cnn/cnnSources.ts), told of
 * changes at the store's paces; plots redraw through the draw queue (useLiveDraw).
 */
export interface LiveSource<T> {
  /** The current value; cheap, called at most once per animation frame by a plot. */
  getState(): T;
  /** Calls `listener` after every change; returns the function that unsubscribes it. */
  subscribe(listener: () => void): () => void;
}
