/** The map's view buttons: zoom in and out, fit the view to the trajectories, reset it. */
import { useT } from '../../i18n/index.ts';

export function MapToolbar(props: {
  readonly onZoom: (factor: number) => void;
  readonly onFit: () => void;
  readonly onReset: () => void;
  /** Zoom factor of one press; default 1.5. */
  readonly step?: number;
}) {
  const t = useT();
  const { onZoom, onFit, onReset, step = 1.5 } = props;
  return (
    <div className="dl-plot-toolbar" role="toolbar" aria-label={t('map.view')}>
      <button type="button" onClick={() => onZoom(step)}>
        {t('map.zoomIn')}
      </button>
      <button type="button" onClick={() => onZoom(1 / step)}>
        {t('map.zoomOut')}
      </button>
      <button type="button" onClick={onFit}>
        {t('map.fitView')}
      </button>
      <button type="button" onClick={onReset}>
        {t('map.resetView')}
      </button>
    </div>
  );
}
