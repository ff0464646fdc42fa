/**
 * One layer's activation maps for the probe image, every channel in one canvas (a grid of
 * small images, one pixel apart) on one viridis scale with its legend. One canvas per layer
 * instead of one per channel keeps the page's painting cheap while three runs train.
 */
import { useCallback, useRef, useState } from 'react';
import { PLOT_FONT, useLiveDraw } from '../../plots/hooks.ts';
import { sequentialMap } from '../../plots/palette.ts';
import type { LiveSource } from '../../plots/source.ts';
import { activationTiles, type ActivationVolume } from '../../plots/tiles.ts';
import { useCnnT } from './cnnMessages.ts';

/** Grid of `count` tiles: as square as possible, at most `maxColumns` wide. */
export function mapGrid(count: number, maxColumns = 8): { columns: number; rows: number } {
  const columns = Math.max(1, Math.min(count, maxColumns, Math.ceil(Math.sqrt(count * 2))));
  return { columns, rows: Math.ceil(count / columns) };
}

interface Layout {
  readonly count: number;
  readonly tileWidth: number;
  readonly tileHeight: number;
  readonly columns: number;
  readonly rows: number;
}

export function ChannelMaps(props: {
  readonly source: LiveSource<ActivationVolume | null>;
  /** Caption and accessible name, e.g. "conv1 (28×28×8), SGD". */
  readonly label: string;
  /** CSS pixels per activation. */
  readonly pixelSize: number;
}) {
  const { source, label, pixelSize } = props;
  const t = useCnnT();
  const [layout, setLayout] = useState<Layout | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const legendRefs = useRef<(HTMLSpanElement | null)[]>([]);

  const draw = useCallback(
    (volume: ActivationVolume | null) => {
      const tiles = volume && activationTiles(volume);
      const grid = tiles && mapGrid(tiles.count);
      const same =
        tiles === null
          ? layout === null
          : layout !== null &&
            layout.count === tiles.count &&
            layout.tileWidth === tiles.tileWidth &&
            layout.tileHeight === tiles.tileHeight;
      if (!same) {
        setLayout(
          tiles &&
            grid && {
              count: tiles.count,
              tileWidth: tiles.tileWidth,
              tileHeight: tiles.tileHeight,
              ...grid,
            },
        );
        return; // drawn again with the new canvas size
      }
      if (!tiles || !layout) return;
      tiles.legend.forEach((text, k) => {
        const span = legendRefs.current[k];
        if (span && span.textContent !== text) span.textContent = text;
      });
      const ctx = canvasRef.current?.getContext('2d');
      if (!ctx) return;
      const width = layout.columns * (layout.tileWidth + 1) - 1;
      const height = layout.rows * (layout.tileHeight + 1) - 1;
      const image = ctx.createImageData(width, height);
      const tile = new Uint8ClampedArray(layout.tileWidth * layout.tileHeight * 4);
      for (let i = 0; i < tiles.count; i++) {
        tiles.paint(i, tile);
        const x0 = (i % layout.columns) * (layout.tileWidth + 1);
        const y0 = Math.floor(i / layout.columns) * (layout.tileHeight + 1);
        for (let y = 0; y < layout.tileHeight; y++) {
          image.data.set(
            tile.subarray(y * layout.tileWidth * 4, (y + 1) * layout.tileWidth * 4),
            ((y0 + y) * width + x0) * 4,
          );
        }
      }
      ctx.putImageData(image, 0, 0);
    },
    [layout],
  );
  const figureRef = useRef<HTMLElement>(null);
  useLiveDraw(source, draw, figureRef);

  const width = layout ? layout.columns * (layout.tileWidth + 1) - 1 : 0;
  const height = layout ? layout.rows * (layout.tileHeight + 1) - 1 : 0;
  return (
    <figure ref={figureRef} className="dl-channel-maps" style={{ margin: 0, fontSize: PLOT_FONT }}>
      <figcaption>{label}</figcaption>
      {layout === null ? (
        <p className="dl-tiles-empty">{t('cnn.maps.empty')}</p>
      ) : (
        <>
          <canvas
            ref={canvasRef}
            width={width}
            height={height}
            role="img"
            aria-label={
              layout.count === 1
                ? t('cnn.maps.imageOne', { label })
                : t('cnn.maps.image', { label, count: layout.count })
            }
            style={{
              width: width * pixelSize,
              height: height * pixelSize,
              imageRendering: 'pixelated',
              display: 'block',
            }}
          />
          <div className="dl-tiles-legend" aria-hidden="true" style={{ marginTop: 2, width: 140 }}>
            <div style={{ height: 8, background: sequentialMap.gradient() }} />
            <div style={{ display: 'flex', justifyContent: 'space-between' }}>
              {[0, 1, 2].map((k) => (
                <span
                  key={k}
                  ref={(el) => {
                    legendRefs.current[k] = el;
                  }}
                />
              ))}
            </div>
          </div>
        </>
      )}
    </figure>
  );
}
