/** The map's text alternative: what it shows, where, how its levels are spaced, its minima. */
import type { Surface, ViewBox } from '../../core/surfaces/surface.ts';
import type { Translate } from '../../i18n/index.ts';
import type { FieldLayers } from '../field.ts';
import { formatTick } from '../../core/numbers.ts';
import { criticalLabel } from './MarkersLayer.tsx';

export function describeMap(options: {
  readonly surface: Surface;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly box: ViewBox;
  readonly field: FieldLayers;
  readonly t: Translate;
}): string {
  const { surface, title, xLabel, yLabel, box, field, t } = options;
  const minima = surface.criticalPoints
    .map((p) => criticalLabel(p, t))
    .join(t('punctuation.listSeparator'));
  const description = t(field.scale.log ? 'map.descriptionLog' : 'map.description', {
    title,
    xLabel,
    yLabel,
    formula: surface.formula,
    xMin: formatTick(box.xMin),
    xMax: formatTick(box.xMax),
    yMin: formatTick(box.yMin),
    yMax: formatTick(box.yMax),
    levels: field.levels.length,
  });
  return minima ? t('map.descriptionMinima', { description, minima }) : description;
}
