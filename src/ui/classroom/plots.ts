/** Finding the plots of the workspace on screen, for the export menu. */

/** Every plot element the export menu offers (plots may add `data-export-plot` to join). */
export const PLOT_SELECTOR =
  '.dl-contour-plot, .dl-line-chart, .dl-filter-grid, .dl-matrix-plot, .dl-activation-maps, [data-export-plot]';

export interface PlotOnScreen {
  readonly element: HTMLElement;
  readonly title: string;
}

/** A plot's title: its `data-export-title`, caption, accessible name or first heading. */
export function plotTitle(element: HTMLElement, fallback: string): string {
  const explicit = element.getAttribute('data-export-title');
  if (explicit) return explicit;
  const caption = element.querySelector('figcaption, .dl-chart-title')?.textContent?.trim();
  if (caption) return caption;
  const label = element.getAttribute('aria-label');
  if (label) return label;
  const labelledBy = element.getAttribute('aria-labelledby');
  const byId = labelledBy ? document.getElementById(labelledBy)?.textContent?.trim() : '';
  if (byId) return byId;
  const heading = element.querySelector('h2, h3, h4')?.textContent?.trim();
  return heading || fallback;
}

/**
 * The plots inside `root`, outermost only (a plot inside another plot is part of it); one
 * without a title of its own is named `untitled(n)` for its place n = 1, 2, … on the page.
 */
export function findPlots(
  root: ParentNode,
  untitled: (n: number) => string = (n) => `Plot ${n}`,
): PlotOnScreen[] {
  const all = [...root.querySelectorAll<HTMLElement>(PLOT_SELECTOR)];
  const outer = all.filter((e) => !all.some((other) => other !== e && other.contains(e)));
  return outer.map((element, i) => ({ element, title: plotTitle(element, untitled(i + 1)) }));
}
