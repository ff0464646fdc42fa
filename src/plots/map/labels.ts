/**
 * Placing the arrows' labels so that no two overlap: each label tries spots around its arrow's
 * tip — straight ahead first, then turned further and further away — and takes the first spot
 * that is free; a label with no free spot is left out (its arrow keeps its tooltip).
 */
import type { Vec2 } from '../viewport.ts';

/** An axis-aligned box in pixels: top-left corner and size. */
export interface LabelBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A label to place at the tip of an arrow. */
export interface LabelRequest {
  /** The arrow's tip, in pixels. */
  readonly tip: Vec2;
  /** The arrow's direction in pixels (any length). */
  readonly direction: Vec2;
  readonly width: number;
  readonly height: number;
}

/** Gap between a tip and the nearest edge of its label, in pixels. */
const GAP = 3;
/** Turns tried away from the arrow's direction, in degrees, in order of preference. */
const TURNS = [0, 45, -45, 90, -90, 135, -135, 180];

/** Whether two boxes share any area (touching edges do not count). */
export function boxesOverlap(a: LabelBox, b: LabelBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The box of a label of `width` × `height` whose nearest edge is `gap` pixels from `tip` in
 * direction (ux, uy) (a unit vector).
 */
function boxToward(tip: Vec2, ux: number, uy: number, width: number, height: number, gap: number) {
  // Distance from the box's centre to its edge along u.
  const reach = Math.abs(ux) * (width / 2) + Math.abs(uy) * (height / 2);
  const cx = tip[0] + ux * (gap + reach);
  const cy = tip[1] + uy * (gap + reach);
  return { x: cx - width / 2, y: cy - height / 2, width, height };
}

/**
 * Boxes for `requests`, in order, none overlapping another or any of `obstacles`; null for a
 * label that found no free spot. Spots: at {@link GAP}, then one and two label heights further, in
 * the arrow's direction turned by each of {@link TURNS}.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  obstacles: readonly LabelBox[] = [],
): (LabelBox | null)[] {
  const taken: LabelBox[] = [...obstacles];
  return requests.map((r) => {
    const length = Math.hypot(r.direction[0], r.direction[1]);
    const [dx, dy] = length > 0 ? [r.direction[0] / length, r.direction[1] / length] : [1, 0];
    for (const gap of [GAP, GAP + r.height, GAP + 2 * r.height]) {
      for (const turn of TURNS) {
        const a = (turn * Math.PI) / 180;
        const ux = dx * Math.cos(a) - dy * Math.sin(a);
        const uy = dx * Math.sin(a) + dy * Math.cos(a);
        const box = boxToward(r.tip, ux, uy, r.width, r.height, gap);
        if (taken.some((t) => boxesOverlap(t, box))) continue;
        taken.push(box);
        return box;
      }
    }
    return null;
  });
}

/**
 * Estimated size of a one-line label of `chars` characters in a font of `fontPx` pixels. A
 * subscript (the B of −g_B, lowered by 0.35 em) reaches below the line: the box, centred on
 * the label, grows by that much at both ends (measured overlaps of 0.9 px without it).
 */
export function labelSize(
  chars: number,
  fontPx: number,
  subscript = false,
): { width: number; height: number } {
  return {
    width: Math.ceil(chars * 0.62 * fontPx) + 2,
    height: Math.ceil(fontPx * (subscript ? 1.8 : 1.25)),
  };
}
