/** The map's margins around its plotting area, and the rounding of its layer transforms. */
import type { PixelTransform } from '../viewport.ts';

/**
 * Plot-area margins in CSS pixels for plot text of `fontPx` pixels: left for the y ticks and
 * name, right for the colour legend and values such as "1.39e-17" (8 characters), bottom for
 * the x ticks and name, top for the legend's title. Presenter mode's larger type gets more.
 */
export function contourMargin(fontPx: number) {
  return {
    top: Math.ceil(fontPx + 12),
    right: Math.ceil(34 + 5 * fontPx),
    bottom: Math.ceil(14 + 2 * fontPx),
    left: Math.ceil(12 + 3.5 * fontPx),
  } as const;
}

/** The margins at the default 11 px plot type. */
export const CONTOUR_MARGIN = contourMargin(11);

/** Rounds a layer transform (0.01 px, 1e-6 scale) so attribute strings stay short and stable. */
export function roundTransform(t: PixelTransform): PixelTransform {
  const r = (v: number, k: number) => Math.round(v * k) / k;
  return { sx: r(t.sx, 1e6), sy: r(t.sy, 1e6), tx: r(t.tx, 100), ty: r(t.ty, 100) };
}
