/**
 * A grid of small canvas images drawn from a LiveSource (the CNN lab's filters, optionally as
 * toggle buttons). React renders one canvas per tile only when the number or size of tiles
 * changes; pixels and legend labels are painted imperatively, at most once per frame.
 */
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { PLOT_FONT, useLiveDraw } from './hooks.ts';
import type { ColorMap } from './palette.ts';
import type { LiveSource } from './source.ts';
import type { TileSet } from './tiles.ts';

interface Shape {
  readonly count: number;
  readonly tileWidth: number;
  readonly tileHeight: number;
}

export interface TileGridProps<T> {
  readonly source: LiveSource<T | null>;
  /** Turns the source's value into tiles; must be stable (module-level or memoised). */
  readonly toTiles: (value: T) => TileSet;
  /** Accessible name of the whole grid, e.g. "Filters of conv1". */
  readonly label: string;
  /** Accessible name of tile i (0-based), e.g. i => `Filter ${i + 1}`. */
  readonly tileLabel: (index: number) => string;
  /** CSS pixels per image pixel. */
  readonly pixelSize: number;
  readonly colorMap: ColorMap;
  /** Tiles become toggle buttons when given. */
  readonly selection?: {
    readonly selected: number | null;
    readonly onSelect: (index: number) => void;
  };
  /** Shown while the source holds null. */
  readonly emptyText: string;
  readonly className: string;
}

export function TileGrid<T>(props: TileGridProps<T>) {
  const {
    source,
    toTiles,
    label,
    tileLabel,
    pixelSize,
    colorMap,
    selection,
    emptyText,
    className,
  } = props;
  const [shape, setShape] = useState<Shape | null>(null);
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const legendLabels = useRef<(HTMLSpanElement | null)[]>([]);
  const gridRef = useRef<HTMLDivElement>(null);

  const draw = useCallback(
    (value: T | null) => {
      const tiles = value === null ? null : toTiles(value);
      const same =
        tiles === null
          ? shape === null
          : shape !== null &&
            tiles.count === shape.count &&
            tiles.tileWidth === shape.tileWidth &&
            tiles.tileHeight === shape.tileHeight;
      if (!same) {
        // Re-render with the right canvases; this draw runs again with the new shape.
        setShape(
          tiles && { count: tiles.count, tileWidth: tiles.tileWidth, tileHeight: tiles.tileHeight },
        );
        return;
      }
      if (!tiles) return;
      tiles.legend.forEach((text, k) => {
        const span = legendLabels.current[k];
        if (span && span.textContent !== text) span.textContent = text;
      });
      const pixels = new Uint8ClampedArray(tiles.tileWidth * tiles.tileHeight * 4);
      for (let i = 0; i < tiles.count; i++) {
        const canvas = canvases.current[i];
        const ctx = canvas?.getContext('2d');
        if (!ctx) continue; // jsdom, or not mounted yet
        tiles.paint(i, pixels);
        const image = ctx.createImageData(tiles.tileWidth, tiles.tileHeight);
        image.data.set(pixels);
        ctx.putImageData(image, 0, 0);
      }
    },
    [toTiles, shape],
  );
  const figureRef = useRef<HTMLElement>(null);
  useLiveDraw(source, draw, figureRef);

  // Arrow keys move focus between tile buttons (Enter / Space select, as for any button).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!selection || !shape) return;
    const buttons = Array.from(gridRef.current?.querySelectorAll('button') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const perRow = Math.max(
      1,
      Math.round((gridRef.current?.clientWidth ?? 0) / ((buttons[0]?.offsetWidth ?? 0) || 1)),
    );
    const target: Record<string, number> = {
      ArrowLeft: at - 1,
      ArrowRight: at + 1,
      ArrowUp: at - perRow,
      ArrowDown: at + perRow,
      Home: 0,
      End: buttons.length - 1,
    };
    const next = target[event.key];
    if (next === undefined) return;
    event.preventDefault();
    buttons[Math.min(buttons.length - 1, Math.max(0, next))]?.focus();
  };

  const tileStyle = shape && {
    width: shape.tileWidth * pixelSize,
    height: shape.tileHeight * pixelSize,
    imageRendering: 'pixelated' as const,
    display: 'block',
  };

  return (
    <figure ref={figureRef} className={className} style={{ margin: 0, fontSize: PLOT_FONT }}>
      <figcaption>{label}</figcaption>
      {shape === null ? (
        <p className="dl-tiles-empty">{emptyText}</p>
      ) : (
        <>
          <div
            ref={gridRef}
            role="group"
            aria-label={label}
            onKeyDown={onKeyDown}
            style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}
          >
            {Array.from({ length: shape.count }, (_, i) => {
              const canvas = (
                <canvas
                  ref={(el) => {
                    canvases.current[i] = el;
                  }}
                  width={shape.tileWidth}
                  height={shape.tileHeight}
                  style={tileStyle ?? undefined}
                  aria-hidden={selection ? 'true' : undefined}
                  role={selection ? undefined : 'img'}
                  aria-label={selection ? undefined : tileLabel(i)}
                />
              );
              if (!selection) return <div key={i}>{canvas}</div>;
              const pressed = selection.selected === i;
              return (
                <button
                  key={i}
                  type="button"
                  aria-label={tileLabel(i)}
                  aria-pressed={pressed}
                  onClick={() => selection.onSelect(i)}
                  style={{
                    padding: 2,
                    border: pressed ? '2px solid currentColor' : '2px solid transparent',
                    background: 'none',
                    lineHeight: 0,
                  }}
                >
                  {canvas}
                </button>
              );
            })}
          </div>
          <div className="dl-tiles-legend" aria-hidden="true" style={{ marginTop: 4, width: 160 }}>
            <div style={{ height: 10, background: colorMap.gradient() }} />
            <div style={{ display: 'flex', justifyContent: 'space-between' }}>
              {[0, 1, 2].map((k) => (
                <span
                  key={k}
                  ref={(el) => {
                    legendLabels.current[k] = el;
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
