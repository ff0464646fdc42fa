/** A line chart's legend: one item per series, a swatch of its line and marker, and its label. */
import { markerPath, type MarkerShape } from '../palette.ts';
import { SVG_NS, svgEl, syncChildren } from '../svg.ts';

/** What the legend shows of a series. */
export interface LegendEntry {
  readonly label: string;
  readonly color: string;
  /** SVG stroke-dasharray; '' for solid. */
  readonly dash: string;
  readonly marker?: MarkerShape;
}

function createItem(): HTMLLIElement {
  const li = document.createElement('li');
  li.style.display = 'inline-flex';
  li.style.alignItems = 'center';
  li.style.marginRight = '12px';
  const swatch = document.createElementNS(SVG_NS, 'svg');
  swatch.setAttribute('width', '28');
  swatch.setAttribute('height', '12');
  swatch.setAttribute('aria-hidden', 'true');
  const line = svgEl('line');
  line.setAttribute('x1', '1');
  line.setAttribute('x2', '27');
  line.setAttribute('y1', '6');
  line.setAttribute('y2', '6');
  line.setAttribute('stroke-width', '2');
  swatch.append(line, svgEl('path'));
  li.append(swatch, document.createElement('span'));
  return li;
}

/** Makes the list `legend` show `entries`, reusing its items. */
export function drawLegend(legend: HTMLUListElement, entries: readonly LegendEntry[]): void {
  syncChildren(legend, entries.length, createItem);
  entries.forEach((v, k) => {
    const li = legend.children[k] as HTMLLIElement;
    const swatch = li.children[0] as SVGSVGElement;
    const line = swatch.children[0] as SVGLineElement;
    const marker = swatch.children[1] as SVGPathElement;
    line.setAttribute('stroke', v.color);
    if (v.dash) line.setAttribute('stroke-dasharray', v.dash);
    else line.removeAttribute('stroke-dasharray');
    marker.setAttribute('d', v.marker ? markerPath(v.marker, 14, 6, 4) : '');
    marker.setAttribute('fill', v.color);
    const span = li.children[1] as HTMLSpanElement;
    if (span.textContent !== v.label) span.textContent = v.label;
  });
}
