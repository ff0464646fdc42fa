/**
 * The map's contour lines, in an SVG layer of their own so that live trajectories redraw above
 * them without repainting them.
 */
import type { ContourPath } from '../field.ts';
import type { PixelTransform, Size } from '../viewport.ts';

export function ContourLayer(props: {
  readonly paths: readonly ContourPath[];
  /** The plot area the layer covers. */
  readonly size: Size;
  /** Moves paths computed for a stale view onto the current one. */
  readonly shift: PixelTransform;
}) {
  const { paths, size, shift } = props;
  return (
    <svg
      className="dl-contour-layer"
      aria-hidden="true"
      width={size.width}
      height={size.height}
      style={{ position: 'absolute', left: 0, top: 0, willChange: 'transform' }}
    >
      <g
        className="dl-contours"
        transform={`translate(${shift.tx},${shift.ty}) scale(${shift.sx},${shift.sy})`}
        fill="none"
        stroke="rgba(0,0,0,0.45)"
        strokeWidth={0.8}
      >
        {paths.map((p) => (
          <path key={p.level} d={p.d} data-level={p.level} vectorEffect="non-scaling-stroke" />
        ))}
      </g>
    </svg>
  );
}
