/**
 * A recording stand-in for the 2D canvas context (jsdom has none): images put with
 * putImageData, and the lines stroked since the canvas was last cleared, each as an SVG path
 * string (0.01 px) with its paint, so tests can read what a canvas layer shows.
 */
import { vi } from 'vitest';

export interface PaintedImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export interface StrokedLine {
  readonly d: string;
  readonly color: string;
  readonly width: number;
  readonly dash: readonly number[];
  readonly alpha: number;
}

export interface RecordedCanvases {
  /** The last image put on each canvas. */
  readonly images: Map<HTMLCanvasElement, PaintedImage>;
  /** The lines stroked on `canvas` since it was last cleared, in drawing order. */
  lines(canvas: Element | null | undefined): readonly StrokedLine[];
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/** Replaces HTMLCanvasElement.prototype.getContext with a recorder (undone by vi.restoreAllMocks). */
export function recordCanvases(): RecordedCanvases {
  const images = new Map<HTMLCanvasElement, PaintedImage>();
  const strokes = new Map<Element, StrokedLine[]>();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
    this: HTMLCanvasElement,
  ) {
    return recordingContext(this, images, strokes);
  } as never);
  return { images, lines: (canvas) => (canvas ? (strokes.get(canvas) ?? []) : []) };
}

function recordingContext(
  canvas: HTMLCanvasElement,
  images: Map<HTMLCanvasElement, PaintedImage>,
  strokes: Map<Element, StrokedLine[]>,
): unknown {
  let path = '';
  let dash: number[] = [];
  const context = {
    strokeStyle: '#000',
    lineWidth: 1,
    globalAlpha: 1,
    lineJoin: 'miter',
    setTransform: () => undefined,
    clearRect: () => strokes.set(canvas, []),
    beginPath: () => {
      path = '';
    },
    moveTo: (x: number, y: number) => {
      path += `M${r2(x)},${r2(y)}`;
    },
    lineTo: (x: number, y: number) => {
      path += `L${r2(x)},${r2(y)}`;
    },
    setLineDash: (segments: number[]) => {
      dash = [...segments];
    },
    stroke: () => {
      const list = strokes.get(canvas) ?? [];
      list.push({
        d: path,
        color: String(context.strokeStyle),
        width: context.lineWidth,
        dash,
        alpha: context.globalAlpha,
      });
      strokes.set(canvas, list);
    },
    createImageData: (width: number, height: number) => ({
      width,
      height,
      data: new Uint8ClampedArray(width * height * 4),
    }),
    putImageData: (image: PaintedImage) => {
      images.set(canvas, { width: image.width, height: image.height, data: image.data.slice() });
    },
  };
  return context;
}
