/** The map's guides: the plot area's frame, the x and y axes and the colour legend. */
import { scaleLinear } from 'd3-scale';
import type { ViewBox } from '../../core/surfaces/surface.ts';
import { Axis } from '../Axis.tsx';
import type { ValueScale } from '../levels.ts';
import type { ColorMap } from '../palette.ts';
import { type Tick } from '../scales.ts';
import { formatTick } from '../../core/numbers.ts';
import type { Size } from '../viewport.ts';
import { ColorLegend } from './ColorLegend.tsx';

/** Round values of [lo, hi], about one per `spacing` pixels of `length`, at their pixels. */
function ticksOf(lo: number, hi: number, length: number, spacing: number, flip: boolean): Tick[] {
  return scaleLinear()
    .domain([lo, hi])
    .ticks(Math.max(2, Math.floor(length / spacing)))
    .map((v) => {
      const f = (v - lo) / (hi - lo);
      return { value: v, px: (flip ? 1 - f : f) * length, label: formatTick(v) };
    });
}

export function MapGuides(props: {
  readonly box: ViewBox;
  readonly size: Size;
  readonly margin: {
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
    readonly left: number;
  };
  readonly xLabel: string;
  readonly yLabel: string;
  readonly scale: ValueScale;
  readonly colorMap: ColorMap;
  /** Unique on the page, for the legend's gradient. */
  readonly uid: string;
  /** The whole map's text alternative. */
  readonly description: string;
}) {
  const { box, size, margin: M, xLabel, yLabel, scale, colorMap, uid, description } = props;
  const { width, height } = size;
  return (
    <g role="img" aria-label={description}>
      <rect
        x={M.left}
        y={M.top}
        width={width}
        height={height}
        fill="none"
        stroke="currentColor"
        strokeOpacity={0.5}
      />
      <Axis
        className="dl-axis-x"
        orient="bottom"
        transform={`translate(${M.left},${M.top + height})`}
        ticks={ticksOf(box.xMin, box.xMax, width, 70, false)}
        length={width}
        label={xLabel}
        labelOffset={M.bottom - 5}
        overhang={[M.left, M.right]}
      />
      <Axis
        className="dl-axis-y"
        orient="left"
        transform={`translate(${M.left},${M.top})`}
        ticks={ticksOf(box.yMin, box.yMax, height, 50, true)}
        length={height}
        label={yLabel}
        labelOffset={M.left - 12}
        overhang={[M.bottom, M.top]}
      />
      <ColorLegend
        scale={scale}
        colorMap={colorMap}
        height={height}
        gradientId={`dl-legend-${uid}`}
        transform={`translate(${M.left + width + 14},${M.top})`}
      />
    </g>
  );
}
