/**
 * Zoom and pan of a 2D plot: wheel zoom about the pointer, drag to pan, zoom buttons. During a
 * gesture the expensive field layers stay computed for the view they were frozen at (and are
 * moved by an exact pixel transform); they are recomputed once when the gesture ends.
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { ViewBox } from '../../core/surfaces/surface.ts';
import { panViewBox, zoomViewBox, type Size } from '../viewport.ts';

const DRAG_THRESHOLD_PX = 3;
const WHEEL_ZOOM_PER_PX = 0.0015;
/** Quiet time after the last wheel event before the field is recomputed. */
const WHEEL_SETTLE_MS = 150;

interface Pan {
  readonly pointerId: number;
  readonly x0: number;
  readonly y0: number;
  readonly box0: ViewBox;
  moved: boolean;
}

export interface PanZoom {
  /** The view the field layers are computed for: frozen during a gesture, else the view. */
  readonly fieldBox: ViewBox;
  /** Zooms by `factor` (> 1 zooms in) about the plot's centre. */
  zoomBy(factor: number): void;
  /** Starts a pan at plot-area pixel (px, py). */
  startPan(pointerId: number, px: number, py: number): void;
  /** Follows a pan; false when `pointerId` is not panning. */
  movePan(pointerId: number, px: number, py: number): boolean;
  /** Ends a pan; true when it moved the view (the click that follows is not a click). */
  endPan(pointerId: number): boolean;
}

/**
 * Pan and zoom of `box` (the view as drawn, on a plot area of `size`) through
 * `onViewBoxChange`. `svgRef` receives wheel events; `margin` is where its plot area starts.
 */
export function usePanZoom(options: {
  readonly svgRef: RefObject<SVGSVGElement | null>;
  readonly margin: { readonly left: number; readonly top: number };
  readonly box: ViewBox;
  readonly size: Size;
  readonly onViewBoxChange: (box: ViewBox) => void;
}): PanZoom {
  const { svgRef, margin, box, size, onViewBoxChange } = options;
  const [frozen, setFrozen] = useState<ViewBox | null>(null);
  const pan = useRef<Pan | null>(null);
  const wheelTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Latest values for the native wheel listener, which outlives a render.
  const latest = useRef({ box, size, onViewBoxChange });
  useLayoutEffect(() => {
    latest.current = { box, size, onViewBoxChange };
  });
  useEffect(
    () => () => {
      if (wheelTimer.current !== null) clearTimeout(wheelTimer.current);
    },
    [],
  );

  // Wheel zoom needs a non-passive native listener to keep the page from scrolling.
  const { left, top } = margin;
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return undefined;
    const onWheel = (event: WheelEvent) => {
      const { box: b, size: s, onViewBoxChange: change } = latest.current;
      const rect = svg.getBoundingClientRect();
      const px = event.clientX - rect.left - left;
      const py = event.clientY - rect.top - top;
      if (px < 0 || py < 0 || px > s.width || py > s.height) return;
      event.preventDefault();
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? s.height : 1;
      const factor = Math.exp(-event.deltaY * unit * WHEEL_ZOOM_PER_PX);
      setFrozen((current) => current ?? b);
      if (wheelTimer.current !== null) clearTimeout(wheelTimer.current);
      wheelTimer.current = setTimeout(() => {
        wheelTimer.current = null;
        setFrozen(null);
      }, WHEEL_SETTLE_MS);
      change(zoomViewBox(b, [px, py], factor, s));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [svgRef, left, top]);

  return {
    fieldBox: frozen ?? box,
    zoomBy: (factor) =>
      onViewBoxChange(zoomViewBox(box, [size.width / 2, size.height / 2], factor, size)),
    startPan(pointerId, px, py) {
      pan.current = { pointerId, x0: px, y0: py, box0: box, moved: false };
    },
    movePan(pointerId, px, py) {
      const p = pan.current;
      if (!p || p.pointerId !== pointerId) return false;
      const dx = px - p.x0;
      const dy = py - p.y0;
      if (!p.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return true;
      if (!p.moved) setFrozen((current) => current ?? p.box0);
      p.moved = true;
      onViewBoxChange(panViewBox(p.box0, [dx, dy], size));
      return true;
    },
    endPan(pointerId) {
      const p = pan.current;
      if (!p || p.pointerId !== pointerId) return false;
      pan.current = null;
      if (p.moved) setFrozen(null);
      return p.moved;
    },
  };
}
