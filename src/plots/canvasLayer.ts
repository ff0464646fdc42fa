/**
 * Canvas layers for the plots' long live lines (trajectories, chart series). An SVG path of
 * thousands of vertices costs the browser a parse, a layout and a repaint of the whole SVG on
 * every frame; a canvas stroke of the same vertices is a few milliseconds. A canvas layer
 * registers how to draw itself as SVG, so exported pictures keep the lines as vectors.
 */

/** A stroked polyline of a vector layer: its path and how to paint it. */
export interface VectorStroke {
  /** SVG path data, in the canvas's CSS pixels. */
  readonly d: string;
  readonly color: string;
  readonly width: number;
  /** SVG stroke-dasharray; '' for solid. */
  readonly dash?: string;
  readonly opacity?: number;
}

const vectorLayers = new WeakMap<HTMLCanvasElement, () => readonly VectorStroke[]>();

/** Tells picture export how to draw `canvas` as vectors (called with the current content). */
export function setVectorLayer(
  canvas: HTMLCanvasElement,
  strokes: () => readonly VectorStroke[],
): void {
  vectorLayers.set(canvas, strokes);
}

/** The vector strokes `canvas` registered, or null for a canvas that is a raster by nature. */
export function vectorLayerOf(canvas: HTMLCanvasElement): readonly VectorStroke[] | null {
  return vectorLayers.get(canvas)?.() ?? null;
}

/**
 * Makes `canvas` a cleared `width` × `height` CSS-pixel drawing surface at the screen's pixel
 * ratio (sharp on high-DPI screens and projectors), its context scaled to CSS pixels; null where
 * there is no 2D context (jsdom, locked-down browsers).
 */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
): CanvasRenderingContext2D | null {
  const ratio = Math.min(3, Math.max(1, globalThis.devicePixelRatio || 1));
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  // Resizing a canvas clears it and is costly; only resize when the size changed.
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  return context;
}

/** An SVG stroke-dasharray ("6 3", "6,3", "") as a canvas line dash ([6, 3], []). */
export function lineDash(dash: string): number[] {
  const values = dash
    .split(/[\s,]+/)
    .filter((part) => part !== '')
    .map(Number);
  return values.every((v) => Number.isFinite(v) && v >= 0) ? values : [];
}
