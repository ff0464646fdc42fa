/**
 * The SVG marks of each run at its current point: a marker, the −∇f / −g_B / v / Δθ arrows
 * and their labels, and a title that says where the run is. Drawn imperatively, at most once
 * per animation frame; elements are reused from frame to frame.
 */
import type { Surface, ViewBox } from '../../core/surfaces/surface.ts';
import type { Translate } from '../../i18n/index.ts';
import { arrowPath } from '../arrows.ts';
import { markerPath } from '../palette.ts';
import { formatReadout } from '../../core/numbers.ts';
import { svgEl, syncChildren } from '../svg.ts';
import { dataToPixel, vectorToPixels, type Size } from '../viewport.ts';
import { labelSize, placeLabels, type LabelBox, type LabelRequest } from './labels.ts';
import { currentPoint, type TrajectoryView } from './types.ts';

const ARROW_KINDS = ['gradient', 'batchGradient', 'velocity', 'step'] as const;
type ArrowKind = (typeof ARROW_KINDS)[number];
/** Each label as text and an optional subscript ("−g" with a subscript B). */
const ARROW_TEXT: Record<ArrowKind, readonly [string, string]> = {
  gradient: ['−∇f', ''],
  batchGradient: ['−g', 'B'],
  velocity: ['v', ''],
  step: ['Δθ', ''],
};
/** Each arrow's tooltip: the drawn vector's components and its length. */
const ARROW_TOOLTIP = {
  gradient: 'map.arrowGradient',
  batchGradient: 'map.arrowBatchGradient',
  velocity: 'map.arrowVelocity',
  step: 'map.arrowStep',
} as const;
const MARKER_RADIUS = 5.5;

/** What the runs are drawn against. */
export interface RunMarksContext {
  readonly box: ViewBox;
  readonly size: Size;
  readonly surface: Surface;
  /** Data units of gradient arrow per unit of gradient (both gradients share it). */
  readonly gradientScale: number;
  /** Magnification of velocity and step arrows (1: true displacement). */
  readonly vectorScale: number;
  /** Font size of the labels in pixels. */
  readonly fontPx: number;
  readonly t: Translate;
}

/** The elements of one run: title, arrows, current-point marker (its line is on a canvas). */
function createRunGroup(): SVGGElement {
  const g = svgEl('g', 'dl-run');
  g.append(svgEl('title'));
  for (const kind of ARROW_KINDS) {
    const arrow = svgEl('g', `dl-arrow dl-arrow-${kind}`);
    const shaft = svgEl('path', 'dl-arrow-shaft');
    const head = svgEl('path', 'dl-arrow-head');
    const text = svgEl('text', 'dl-arrow-label');
    for (const p of [shaft, head]) {
      p.setAttribute('fill', 'none');
      p.setAttribute('stroke-width', kind === 'gradient' ? '2' : '1.6');
      p.setAttribute('stroke-linecap', 'round');
    }
    if (kind === 'velocity') shaft.setAttribute('stroke-dasharray', '5 3');
    if (kind === 'batchGradient') shaft.setAttribute('stroke-dasharray', '8 2 2 2');
    if (kind === 'step') shaft.setAttribute('stroke-dasharray', '1.5 2.5');
    text.setAttribute('paint-order', 'stroke');
    text.setAttribute('stroke', '#fff');
    text.setAttribute('stroke-width', '3');
    text.setAttribute('text-anchor', 'middle');
    text.setAttribute('dominant-baseline', 'central');
    const [main, sub] = ARROW_TEXT[kind];
    text.textContent = main;
    if (sub) {
      const tspan = svgEl('tspan');
      tspan.setAttribute('font-size', '75%');
      tspan.setAttribute('dy', '0.35em');
      tspan.textContent = sub;
      text.append(tspan);
    }
    arrow.append(svgEl('title'), shaft, head, text);
    g.append(arrow);
  }
  const marker = svgEl('path', 'dl-run-marker');
  marker.setAttribute('stroke', '#fff');
  marker.setAttribute('stroke-width', '1.5');
  g.append(marker);
  return g;
}

/**
 * Draws every run's marks into `layer` (one group per run), then places all arrow labels at
 * once so none overlaps another or a run's marker.
 */
export function drawRunMarks(
  layer: SVGGElement,
  views: readonly TrajectoryView[],
  ctx: RunMarksContext,
): void {
  syncChildren(layer, views.length, createRunGroup);
  const requests: LabelRequest[] = [];
  const labels: SVGTextElement[] = [];
  const markers: LabelBox[] = [];
  views.forEach((view, k) => {
    const g = layer.children[k] as SVGGElement;
    const at = drawRun(g, view, ctx, (request, text) => {
      requests.push(request);
      labels.push(text);
    });
    if (at) {
      const r = MARKER_RADIUS + 1;
      markers.push({ x: at[0] - r, y: at[1] - r, width: 2 * r, height: 2 * r });
    }
  });
  placeLabels(requests, markers).forEach((box, k) => {
    const text = labels[k] as SVGTextElement;
    if (!box) {
      text.setAttribute('display', 'none');
      return;
    }
    text.removeAttribute('display');
    text.setAttribute('x', String(Math.round(box.x + box.width / 2)));
    text.setAttribute('y', String(Math.round(box.y + box.height / 2)));
  });
}

/** Draws one run; returns its marker's pixel position (null when it has no point). */
function drawRun(
  g: SVGGElement,
  view: TrajectoryView,
  ctx: RunMarksContext,
  label: (request: LabelRequest, text: SVGTextElement) => void,
): readonly [number, number] | null {
  const { box, size, surface, t } = ctx;
  g.dataset.run = view.label;
  const title = g.children[0] as SVGTitleElement;
  const [cx, cy] = currentPoint(view);
  const found = Number.isFinite(cx) && Number.isFinite(cy);
  const marker = g.querySelector('.dl-run-marker') as SVGPathElement;
  const from = dataToPixel(box, size, cx, cy);
  if (found) {
    const shape = view.diverged ? 'cross' : (view.marker ?? 'circle');
    marker.setAttribute('d', markerPath(shape, from[0], from[1], MARKER_RADIUS));
    marker.setAttribute('fill', view.color);
    if (view.diverged) marker.setAttribute('transform', `rotate(45 ${from[0]} ${from[1]})`);
    else marker.removeAttribute('transform');
  } else marker.setAttribute('d', '');
  // With a separate current point, `points` are the completed steps; else the last is θ_t.
  const steps = view.current ? view.count : Math.max(0, view.count - 1);
  title.textContent = found
    ? t(view.diverged ? 'map.runDiverged' : 'map.runAt', {
        label: view.label,
        steps,
        x: formatReadout(cx),
        y: formatReadout(cy),
        value: formatReadout(surface.value(cx, cy)),
      })
    : t('map.runEmpty', { label: view.label });

  for (const kind of ARROW_KINDS) {
    const group = g.querySelector(`.dl-arrow-${kind}`) as SVGGElement;
    const [arrowTitle, shaft, head, text] = group.children as unknown as [
      SVGTitleElement,
      SVGPathElement,
      SVGPathElement,
      SVGTextElement,
    ];
    const vector = view.arrows?.[kind];
    const isGradient = kind === 'gradient' || kind === 'batchGradient';
    const sign = isGradient ? -1 : 1;
    const arrow =
      vector && found
        ? arrowPath(
            from,
            vectorToPixels(box, size, sign * vector[0], sign * vector[1]),
            isGradient ? ctx.gradientScale : ctx.vectorScale,
          )
        : null;
    if (!vector || !arrow?.visible) {
      group.setAttribute('display', 'none');
      continue;
    }
    group.removeAttribute('display');
    shaft.setAttribute('d', arrow.shaft);
    head.setAttribute('d', arrow.head);
    shaft.setAttribute('stroke', view.color);
    head.setAttribute('stroke', view.color);
    text.setAttribute('fill', view.color);
    const [main, sub] = ARROW_TEXT[kind];
    label(
      {
        tip: arrow.tip,
        direction: [arrow.tip[0] - from[0], arrow.tip[1] - from[1]],
        ...labelSize(main.length + sub.length, ctx.fontPx, sub.length > 0),
      },
      text,
    );
    // The components of the vector as drawn: −∇f and −g_B for gradients, v and Δθ as they are.
    const shown = t(ARROW_TOOLTIP[kind], {
      label: view.label,
      x: formatReadout(sign * vector[0]),
      y: formatReadout(sign * vector[1]),
      length: formatReadout(Math.hypot(vector[0], vector[1])),
    });
    arrowTitle.textContent = arrow.clipped ? t('map.arrowShortened', { arrow: shown }) : shown;
  }
  return found ? from : null;
}
