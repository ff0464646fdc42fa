/** The map's colour legend: the colour map as a vertical bar with five values beside it. */
import { useT } from '../../i18n/index.ts';
import type { ValueScale } from '../levels.ts';
import type { ColorMap } from '../palette.ts';
import { formatTick } from '../../core/numbers.ts';

/** Positions t of the labelled values, bottom to top. */
const LEGEND_TS = [0, 0.25, 0.5, 0.75, 1];

export function ColorLegend(props: {
  readonly scale: ValueScale;
  readonly colorMap: ColorMap;
  /** Height of the bar's column in pixels. */
  readonly height: number;
  /** Id for the bar's gradient, unique on the page. */
  readonly gradientId: string;
  readonly transform: string;
}) {
  const t = useT();
  const { scale, colorMap, height, gradientId, transform } = props;
  const stops = Array.from({ length: 17 }, (_, i) => i / 16);
  return (
    <g className="dl-legend" transform={transform}>
      <defs>
        <linearGradient id={gradientId} x1="0" y1="1" x2="0" y2="0">
          {stops.map((s) => (
            <stop key={s} offset={s} stopColor={colorMap.css(s)} />
          ))}
        </linearGradient>
      </defs>
      <text y={-6} fill="currentColor">
        {scale.log ? t('map.legendLog') : 'f'}
      </text>
      <rect
        y={6}
        width={12}
        height={height - 6}
        fill={`url(#${gradientId})`}
        stroke="currentColor"
        strokeOpacity={0.4}
      />
      {LEGEND_TS.map((s) => (
        <g
          key={s}
          className="dl-legend-tick"
          transform={`translate(12,${6 + (1 - s) * (height - 6)})`}
        >
          <line x2={4} stroke="currentColor" />
          <text x={6} dy="0.32em" fill="currentColor">
            {formatTick(scale.invert(s))}
          </text>
        </g>
      ))}
    </g>
  );
}
