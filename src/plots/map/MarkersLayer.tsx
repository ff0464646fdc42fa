/** The map's fixed markers: the surface's critical points and any highlighted points. */
import type { CriticalPoint, ViewBox } from '../../core/surfaces/surface.ts';
import { useT, type Translate } from '../../i18n/index.ts';
import { markerPath, type MarkerShape } from '../palette.ts';
import { formatReadout } from '../../core/numbers.ts';
import { dataToPixel, type Size } from '../viewport.ts';
import type { HighlightPoint } from './types.ts';

const CRITICAL_SHAPE: Record<CriticalPoint['kind'], MarkerShape> = {
  global: 'star',
  local: 'diamond',
  saddle: 'cross',
};

/** "Global minimum at (1, 1), f = 0" in the UI language. */
export function criticalLabel(p: CriticalPoint, t: Translate): string {
  const kind =
    p.kind === 'global' ? t('map.global') : p.kind === 'local' ? t('map.local') : t('map.saddle');
  return t('map.criticalAt', {
    kind,
    x: formatReadout(p.x),
    y: formatReadout(p.y),
    value: formatReadout(p.value),
  });
}

export function MarkersLayer(props: {
  readonly criticalPoints: readonly CriticalPoint[];
  readonly highlight?: readonly HighlightPoint[] | undefined;
  readonly box: ViewBox;
  readonly size: Size;
}) {
  const t = useT();
  const { criticalPoints, highlight, box, size } = props;
  return (
    <>
      <g className="dl-critical-points" aria-label={t('map.critical')}>
        {criticalPoints.map((p) => {
          const [px, py] = dataToPixel(box, size, p.x, p.y);
          const name = criticalLabel(p, t);
          return (
            <g
              key={`${p.x},${p.y}`}
              className={`dl-critical dl-critical-${p.kind}`}
              role="img"
              aria-label={name}
            >
              <title>{name}</title>
              <path
                d={markerPath(CRITICAL_SHAPE[p.kind], px, py, p.kind === 'global' ? 7 : 5)}
                fill={p.kind === 'saddle' ? '#000' : '#fff'}
                stroke="#000"
                strokeWidth={1.2}
              />
            </g>
          );
        })}
      </g>
      {highlight && highlight.length > 0 && (
        <g className="dl-highlights">
          {highlight.map((h, k) => {
            const [px, py] = dataToPixel(box, size, h.x, h.y);
            const name = `${h.label} (${formatReadout(h.x)}, ${formatReadout(h.y)})`;
            return (
              <g key={k} role="img" aria-label={name} className="dl-highlight">
                <title>{name}</title>
                <circle
                  cx={px}
                  cy={py}
                  r={9}
                  fill="none"
                  stroke="#000"
                  strokeWidth={2}
                  strokeDasharray={h.ring === 'solid' ? undefined : '3 2'}
                />
                {h.visibleLabel && (
                  // Beside the ring, on the side with room (the plot clips at its edges).
                  <text
                    x={px > size.width / 2 ? px - 13 : px + 13}
                    y={py + 4}
                    textAnchor={px > size.width / 2 ? 'end' : 'start'}
                    className="dl-highlight-label"
                  >
                    {h.label}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      )}
    </>
  );
}
