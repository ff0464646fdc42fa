/**
 * Activation maps of one layer for the probe image: one small image per channel, viridis on one
 * scale shared by all channels of the layer, with its legend.
 */
import { sequentialMap } from './palette.ts';
import type { LiveSource } from './source.ts';
import { TileGrid } from './TileGrid.tsx';
import { activationTiles, type ActivationVolume } from './tiles.ts';

export interface ActivationMapsProps {
  /** The layer's activations; null before the first frame. Layout: see ActivationVolume. */
  readonly maps: LiveSource<ActivationVolume | null>;
  /** Caption and accessible name; default "Activation maps". */
  readonly label?: string;
  /** CSS pixels per activation; default 3 (a 24 × 24 map is 72 px wide). */
  readonly pixelSize?: number;
}

const channelLabel = (i: number) => `Channel ${i + 1}`;

export function ActivationMaps({
  maps,
  label = 'Activation maps',
  pixelSize = 3,
}: ActivationMapsProps) {
  return (
    <TileGrid
      className="dl-activation-maps"
      source={maps}
      toTiles={activationTiles}
      label={label}
      tileLabel={channelLabel}
      pixelSize={pixelSize}
      colorMap={sequentialMap}
      emptyText="No activations yet."
    />
  );
}
