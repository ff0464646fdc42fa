/**
 * Activation maps of one layer for the probe image: one small image per channel, viridis on one
 * scale shared by all channels of the layer, with its legend.
 */
import { useT } from '../i18n/index.ts';
import { sequentialMap } from './palette.ts';
import type { LiveSource } from './source.ts';
import { TileGrid } from './TileGrid.tsx';
import { activationTiles, type ActivationVolume } from './tiles.ts';

export interface ActivationMapsProps {
  /** The layer's activations; null before the first frame. Layout: see ActivationVolume. */
  readonly maps: LiveSource<ActivationVolume | null>;
  /** Caption and accessible name; default "Activation maps" in the UI language. */
  readonly label?: string;
  /** CSS pixels per activation; default 3 (a 24 × 24 map is 72 px wide). */
  readonly pixelSize?: number;
}

export function ActivationMaps({ maps, label, pixelSize = 3 }: ActivationMapsProps) {
  const t = useT();
  return (
    <TileGrid
      className="dl-activation-maps"
      source={maps}
      toTiles={activationTiles}
      label={label ?? t('tiles.activations')}
      tileLabel={(i) => t('tiles.channel', { n: i + 1 })}
      pixelSize={pixelSize}
      colorMap={sequentialMap}
      emptyText={t('tiles.noActivations')}
    />
  );
}
