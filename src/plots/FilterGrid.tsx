/**
 * Conv filters as small images — diverging colours on one symmetric scale shared by the whole
 * layer, with its legend — as toggle buttons named "Filter 1", "Filter 2", … so a filter can be
 * selected with the keyboard (Tab / arrow keys, then Enter or Space).
 */
import { useT } from '../i18n/index.ts';
import { divergingMap } from './palette.ts';
import type { LiveSource } from './source.ts';
import { TileGrid } from './TileGrid.tsx';
import { filterTiles, type FilterBank } from './tiles.ts';

export interface FilterGridProps {
  /** The layer's filters; null before the first frame. Layout: see FilterBank. */
  readonly filters: LiveSource<FilterBank | null>;
  /** 0-based index of the selected filter, or null. */
  readonly selected: number | null;
  /** Called with the 0-based index of the filter the user picked. */
  readonly onSelect: (index: number) => void;
  /** Caption and accessible name of the grid; default "Filters" in the UI language. */
  readonly label?: string;
  /** CSS pixels per weight; default 6 (a 5 × 5 kernel is 30 px wide). */
  readonly pixelSize?: number;
}

export function FilterGrid({ filters, selected, onSelect, label, pixelSize = 6 }: FilterGridProps) {
  const t = useT();
  return (
    <TileGrid
      className="dl-filter-grid"
      source={filters}
      toTiles={filterTiles}
      label={label ?? t('tiles.filters')}
      tileLabel={(i) => t('tiles.filter', { n: i + 1 })}
      pixelSize={pixelSize}
      colorMap={divergingMap}
      selection={{ selected, onSelect }}
      emptyText={t('tiles.noFilters')}
    />
  );
}
