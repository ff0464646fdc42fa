/** The map's heatmap: the field's colours on a canvas, one pixel per grid cell, stretched. */
import { useEffect, useRef } from 'react';
import type { FieldLayers } from '../field.ts';
import type { PixelTransform, Size } from '../viewport.ts';

/** Paints `field` (computed for a plot area of `size`), moved by `shift` while it is stale. */
export function HeatmapLayer(props: {
  readonly field: FieldLayers;
  readonly size: Size;
  readonly shift: PixelTransform;
}) {
  const { field, size, shift } = props;
  const ref = useRef<HTMLCanvasElement>(null);
  // jsdom and some locked-down browsers have no 2D context.
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    canvas.width = field.nx;
    canvas.height = field.ny;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(field.nx, field.ny);
    image.data.set(field.pixels);
    ctx.putImageData(image, 0, 0);
  }, [field]);
  return (
    <canvas
      ref={ref}
      className="dl-heatmap"
      aria-hidden="true"
      style={{
        display: 'block',
        width: size.width,
        height: size.height,
        transformOrigin: '0 0',
        transform: `translate(${shift.tx}px, ${shift.ty}px) scale(${shift.sx}, ${shift.sy})`,
      }}
    />
  );
}
