/** A line chart's event markers: a dashed vertical line (with a wide hit area and a title) per event. */
import type { ChartScale } from '../scales.ts';
import { svgEl, syncChildren } from '../svg.ts';

/** A vertical marker at x (e.g. "η → 0.05" when a learning rate changed mid-run). */
export interface ChartEvent {
  readonly x: number;
  readonly label: string;
}

/** Draws the events of `marks` inside the x domain into `layer`, each titled by `title`. */
export function drawEvents(
  layer: SVGGElement,
  marks: readonly ChartEvent[],
  xs: ChartScale,
  height: number,
  title: (event: ChartEvent) => string,
): void {
  const visible = marks.filter((e) => e.x >= xs.domain[0] && e.x <= xs.domain[1]);
  syncChildren(layer, visible.length, () => {
    const g = svgEl('g', 'dl-event');
    const hit = svgEl('line', 'dl-event-hit');
    hit.setAttribute('stroke', 'transparent');
    hit.setAttribute('stroke-width', '8');
    const mark = svgEl('line', 'dl-event-line');
    mark.setAttribute('stroke', 'currentColor');
    mark.setAttribute('stroke-opacity', '0.6');
    mark.setAttribute('stroke-dasharray', '3 3');
    g.append(svgEl('title'), hit, mark);
    return g;
  });
  visible.forEach((e, k) => {
    const g = layer.children[k] as SVGGElement;
    const px = String(xs.map(e.x));
    (g.children[0] as SVGTitleElement).textContent = title(e);
    for (const line of [g.children[1], g.children[2]] as SVGLineElement[]) {
      line.setAttribute('x1', px);
      line.setAttribute('x2', px);
      line.setAttribute('y1', '0');
      line.setAttribute('y2', String(height));
    }
  });
}
