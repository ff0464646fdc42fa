/**
 * One axis for every plot (the map, the line charts, the batch scatter): tick marks, tick
 * labels, optional grid lines and the axis name. `drawAxis` draws imperatively (the live charts
 * call it once per frame); `<Axis>` is the same drawing as a React component.
 */
import { useLayoutEffect, useRef } from 'react';
import { labelSize } from './map/labels.ts';
import type { Tick } from './scales.ts';
import { svgEl, syncChildren } from './svg.ts';

/** An axis along the bottom or the left edge of a plot area, in plot-area pixels. */
export interface AxisSpec {
  readonly orient: 'bottom' | 'left';
  readonly ticks: readonly Tick[];
  /** Extent of the plot area along the axis, in pixels. */
  readonly length: number;
  /** Length of grid lines across the plot area; none when 0 or absent. */
  readonly grid?: number;
  /** The axis name, drawn `labelOffset` pixels out from the axis line. */
  readonly label?: string;
  readonly labelOffset?: number;
  /**
   * Room for tick labels beyond the axis's start and end, in pixels (the margins there);
   * default [0, 0]. An end label that would stick out further is turned inwards instead.
   */
  readonly overhang?: readonly [number, number];
}

/**
 * How a tick label centred on `px` along an axis of `length` pixels is anchored so it stays
 * within [−overhang[0], length + overhang[1]]: 'middle' when it fits, else 'start' (extending
 * towards the axis's end) or 'end' (towards its start).
 */
export function tickAnchor(
  px: number,
  width: number,
  length: number,
  overhang: readonly [number, number] = [0, 0],
): 'start' | 'middle' | 'end' {
  if (px + width / 2 > length + overhang[1]) return 'end';
  if (px - width / 2 < -overhang[0]) return 'start';
  return 'middle';
}

const TICK_SIZE = 5;
const DEFAULT_FONT_PX = 11;

function fontPxOf(element: Element): number {
  const px = parseFloat(getComputedStyle(element).fontSize);
  return px > 0 ? px : DEFAULT_FONT_PX;
}

function createTick(): SVGGElement {
  const g = svgEl('g', 'dl-tick');
  const grid = svgEl('line', 'dl-grid');
  grid.setAttribute('stroke', 'currentColor');
  grid.setAttribute('stroke-opacity', '0.1');
  const mark = svgEl('line');
  mark.setAttribute('stroke', 'currentColor');
  const text = svgEl('text');
  text.setAttribute('fill', 'currentColor');
  g.append(grid, mark, text);
  return g;
}

/** Draws `spec` into `g` (placed at the axis line), reusing its elements. */
export function drawAxis(g: SVGGElement, spec: AxisSpec): void {
  const { orient, ticks, length, grid = 0, overhang = [0, 0] } = spec;
  const bottom = orient === 'bottom';
  const fontPx = fontPxOf(g);
  let name = g.querySelector<SVGTextElement>(':scope > text.dl-axis-label');
  if (!name) {
    name = svgEl('text', 'dl-axis-label');
    name.setAttribute('fill', 'currentColor');
    name.setAttribute('text-anchor', 'middle');
    g.append(name);
  }
  const ticksGroup = g.querySelector<SVGGElement>(':scope > g.dl-ticks') ?? svgEl('g', 'dl-ticks');
  if (!ticksGroup.parentNode) g.prepend(ticksGroup);
  syncChildren(ticksGroup, ticks.length, createTick);
  ticks.forEach((tick, k) => {
    const t = ticksGroup.children[k] as SVGGElement;
    const [gridLine, mark, text] = t.children as unknown as [
      SVGLineElement,
      SVGLineElement,
      SVGTextElement,
    ];
    if (grid > 0) gridLine.removeAttribute('display');
    else gridLine.setAttribute('display', 'none');
    if (bottom) {
      const { width } = labelSize(tick.label.length, fontPx);
      t.setAttribute('transform', `translate(${tick.px},0)`);
      gridLine.setAttribute('y2', String(-grid));
      mark.setAttribute('y2', String(TICK_SIZE));
      text.setAttribute('y', String(TICK_SIZE + fontPx));
      text.setAttribute('text-anchor', tickAnchor(tick.px, width, length, overhang));
    } else {
      // Along a left axis pixels grow downwards: the axis's start is at the bottom.
      const fromTop = tick.px;
      const half = fontPx / 2;
      t.setAttribute('transform', `translate(0,${tick.px})`);
      gridLine.setAttribute('x2', String(grid));
      mark.setAttribute('x2', String(-TICK_SIZE));
      text.setAttribute('x', String(-TICK_SIZE - 3));
      text.setAttribute('text-anchor', 'end');
      const dy =
        fromTop - half < -overhang[1]
          ? '0.8em'
          : fromTop + half > length + overhang[0]
            ? '-0.1em'
            : '0.32em';
      text.setAttribute('dy', dy);
    }
    if (text.textContent !== tick.label) text.textContent = tick.label;
  });
  const label = spec.label ?? '';
  if (name.textContent !== label) name.textContent = label;
  const offset = spec.labelOffset ?? (bottom ? 30 : 40);
  if (bottom) {
    name.setAttribute('x', String(length / 2));
    name.setAttribute('y', String(offset));
    name.removeAttribute('transform');
  } else {
    name.removeAttribute('x');
    name.removeAttribute('y');
    name.setAttribute('transform', `translate(${-offset},${length / 2}) rotate(-90)`);
  }
}

/** {@link drawAxis} as a component; `transform` places the axis line. */
export function Axis(
  props: AxisSpec & { readonly transform?: string; readonly className: string },
) {
  const ref = useRef<SVGGElement>(null);
  const { transform, className, ...spec } = props;
  useLayoutEffect(() => {
    if (ref.current) drawAxis(ref.current, spec);
  });
  return <g ref={ref} className={`dl-axis ${className}`} transform={transform} />;
}
