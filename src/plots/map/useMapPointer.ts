/**
 * The map's pointer: a click sets the start, dragging the start marker moves it, dragging the
 * map pans it (through usePanZoom), and hovering reads f at the pointer into a readout.
 */
import { useRef, type MouseEvent, type PointerEvent, type RefObject } from 'react';
import type { ViewBox } from '../../core/surfaces/surface.ts';
import { formatReadout } from '../../core/numbers.ts';
import { pixelToData, type Size } from '../viewport.ts';
import { START_MARKER_ATTRIBUTE } from './StartPoint.tsx';
import type { PanZoom } from './usePanZoom.ts';

/** The svg's pointer handlers. */
export interface MapPointerHandlers {
  onPointerDown(event: PointerEvent<SVGSVGElement>): void;
  onPointerMove(event: PointerEvent<SVGSVGElement>): void;
  onPointerUp(event: PointerEvent<SVGSVGElement>): void;
  onPointerCancel(event: PointerEvent<SVGSVGElement>): void;
  onPointerLeave(): void;
  onClick(event: MouseEvent<SVGSVGElement>): void;
}

export function useMapPointer(options: {
  readonly svgRef: RefObject<SVGSVGElement | null>;
  readonly readoutRef: RefObject<HTMLElement | null>;
  readonly margin: { readonly left: number; readonly top: number };
  readonly box: ViewBox;
  readonly size: Size;
  readonly panZoom: PanZoom;
  readonly onStartChange: (start: [number, number]) => void;
  /** When set, a click calls this (a lesson asks for a point) instead of moving the start. */
  readonly onPick?: ((point: [number, number]) => void) | undefined;
  /** f at a point, for the readout. */
  readonly value: (x: number, y: number) => number;
  readonly xLabel: string;
  readonly yLabel: string;
}): MapPointerHandlers {
  const { svgRef, readoutRef, margin, box, size, panZoom, onStartChange, value } = options;
  const startDrag = useRef<number | null>(null);
  const suppressClick = useRef(false);

  const toPlot = (event: { clientX: number; clientY: number }): [number, number] => {
    const rect = svgRef.current?.getBoundingClientRect();
    return [
      event.clientX - (rect?.left ?? 0) - margin.left,
      event.clientY - (rect?.top ?? 0) - margin.top,
    ];
  };
  const inside = (px: number, py: number) =>
    px >= 0 && py >= 0 && px <= size.width && py <= size.height;

  const showReadout = (px: number, py: number) => {
    const el = readoutRef.current;
    if (!el) return;
    if (!inside(px, py)) {
      el.textContent = '';
      return;
    }
    const [x, y] = pixelToData(box, size, px, py);
    const { xLabel, yLabel } = options;
    el.textContent = `${xLabel} = ${formatReadout(x)}, ${yLabel} = ${formatReadout(y)}: f = ${formatReadout(value(x, y))}`;
  };

  const endDrag = (event: PointerEvent<SVGSVGElement>) => {
    const wasStart = startDrag.current === event.pointerId;
    if (wasStart) startDrag.current = null;
    const panned = panZoom.endPan(event.pointerId);
    suppressClick.current = wasStart || panned;
    if (event.currentTarget.hasPointerCapture?.(event.pointerId)) {
      event.currentTarget.releasePointerCapture(event.pointerId);
    }
  };

  return {
    onPointerDown(event) {
      if (event.button !== 0) return;
      const [px, py] = toPlot(event);
      if ((event.target as Element).closest?.(`[${START_MARKER_ATTRIBUTE}]`)) {
        startDrag.current = event.pointerId;
      } else if (inside(px, py)) panZoom.startPan(event.pointerId, px, py);
      else return;
      event.currentTarget.setPointerCapture?.(event.pointerId);
    },
    onPointerMove(event) {
      const [px, py] = toPlot(event);
      showReadout(px, py);
      if (startDrag.current === event.pointerId) onStartChange(pixelToData(box, size, px, py));
      else panZoom.movePan(event.pointerId, px, py);
    },
    onPointerUp: endDrag,
    onPointerCancel: endDrag,
    onPointerLeave: () => showReadout(-1, -1),
    onClick(event) {
      // The click that ends a drag is not a new start.
      if (suppressClick.current) {
        suppressClick.current = false;
        return;
      }
      const [px, py] = toPlot(event);
      if (inside(px, py)) (options.onPick ?? onStartChange)(pixelToData(box, size, px, py));
    },
  };
}
