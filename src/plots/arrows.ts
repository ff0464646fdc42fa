/**
 * Arrow geometry in pixels: gradient, velocity and step arrows at a run's current point.
 */
import { roundPx } from './svg.ts';
import type { Vec2 } from './viewport.ts';

/** Default longest arrow drawn, in pixels; longer ones are shortened and flagged `clipped`. */
export const DEFAULT_MAX_ARROW_PX = 120;

/**
 * Arrows shorter than this (pixels) are not drawn: near a minimum −∇f is tiny and its direction
 * is round-off, so a visible arrow would point somewhere meaningless.
 */
export const MIN_ARROW_PX = 4;

/** Pixel length of a gradient arrow whose |∇f| equals the view's typical gradient. */
export const TYPICAL_GRADIENT_PX = 40;

/**
 * Data units of gradient arrow per unit of gradient, so that |∇f| = `typicalGradient` is drawn
 * {@link TYPICAL_GRADIENT_PX} long on a view of `unitsPerPx` data units per pixel: arrow lengths
 * are proportional to |∇f|, ten times smaller than typical is 4 px. 0 (nothing drawn) when the
 * typical gradient is not positive and finite.
 */
export function gradientArrowScale(typicalGradient: number, unitsPerPx: number): number {
  if (!(typicalGradient > 0 && typicalGradient < Infinity)) return 0;
  return (TYPICAL_GRADIENT_PX * unitsPerPx) / typicalGradient;
}

/** An arrow ready to draw; all coordinates in pixels. */
export interface ArrowGeometry {
  /** SVG path of the shaft ('' when the arrow is not drawn). */
  readonly shaft: string;
  /** SVG path of the head: one open chevron, two when `clipped` ('' when not drawn). */
  readonly head: string;
  /** Where the drawn arrow ends. */
  readonly tip: Vec2;
  /** Length of the full, unclipped arrow |vector|·scale, in pixels (NaN if not finite). */
  readonly length: number;
  /** Length actually drawn, in pixels. */
  readonly drawnLength: number;
  /**
   * True when the full arrow was longer than `maxLength` and was shortened to it; the head is
   * then doubled so a shortened arrow never passes for the true one.
   */
  readonly clipped: boolean;
  /** False when there is nothing to draw: a non-finite input or an arrow shorter than `minLength`. */
  readonly visible: boolean;
}

function fmt(p: Vec2): string {
  return `${roundPx(p[0])},${roundPx(p[1])}`;
}

/**
 * An arrow from pixel `from` along the pixel-space `vector` times `scale`. Its length is capped
 * at `maxLength` pixels (default {@link DEFAULT_MAX_ARROW_PX}) with `clipped` set, and one
 * shorter than `minLength` (default {@link MIN_ARROW_PX}) is not drawn; the head's
 * size is `headSize` pixels (default 7) but at most 40% of the drawn length so short arrows
 * keep a visible shaft.
 */
export function arrowPath(
  from: Vec2,
  vector: Vec2,
  scale = 1,
  headSize = 7,
  maxLength: number = DEFAULT_MAX_ARROW_PX,
  minLength: number = MIN_ARROW_PX,
): ArrowGeometry {
  const vx = vector[0] * scale;
  const vy = vector[1] * scale;
  const length = Math.hypot(vx, vy);
  const finite = Number.isFinite(length) && Number.isFinite(from[0]) && Number.isFinite(from[1]);
  if (!finite || !(length >= minLength)) {
    return {
      shaft: '',
      head: '',
      tip: from,
      length: finite ? length : NaN,
      drawnLength: 0,
      clipped: false,
      visible: false,
    };
  }
  const clipped = length > maxLength;
  const drawnLength = clipped ? maxLength : length;
  const ux = vx / length;
  const uy = vy / length;
  const tip: Vec2 = [from[0] + ux * drawnLength, from[1] + uy * drawnLength];
  const h = Math.min(headSize, 0.4 * drawnLength);
  // Chevron arms at ±30° from the reversed direction.
  const cos = Math.cos(Math.PI / 6);
  const sin = Math.sin(Math.PI / 6);
  const chevron = (base: Vec2): string => {
    const left: Vec2 = [base[0] - h * (ux * cos - uy * sin), base[1] - h * (uy * cos + ux * sin)];
    const right: Vec2 = [base[0] - h * (ux * cos + uy * sin), base[1] - h * (uy * cos - ux * sin)];
    return `M${fmt(left)}L${fmt(base)}L${fmt(right)}`;
  };
  let head = chevron(tip);
  if (clipped) head += chevron([tip[0] - ux * h * 0.6, tip[1] - uy * h * 0.6]);
  return {
    shaft: `M${fmt(from)}L${fmt(tip)}`,
    head,
    tip,
    length,
    drawnLength,
    clipped,
    visible: true,
  };
}
