/** Small helpers for the SVG the plots build imperatively (elements reused frame to frame). */

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** A new SVG element of `tag` with `className` ('' for none). */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  className = '',
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  if (className) el.setAttribute('class', className);
  return el;
}

/** Makes `parent` have exactly `n` children, creating the missing ones with `make`. */
export function syncChildren(parent: Element, n: number, make: () => Element): void {
  while (parent.childElementCount > n) parent.lastElementChild?.remove();
  while (parent.childElementCount < n) parent.append(make());
}

/**
 * A pixel coordinate for an SVG attribute or path: rounded to 0.01 px so strings stay short,
 * and kept within ±10⁶ px (a diverging run's far-off points), which SVG renders reliably.
 */
export function roundPx(v: number): number {
  const c = v > 1e6 ? 1e6 : v < -1e6 ? -1e6 : v;
  return Math.round(c * 100) / 100;
}
