/**
 * The export menu: the experiment as a file, the run histories as CSV or JSON (the step-record
 * format), and each plot on screen as PNG or SVG for slides. The plot list is read from the
 * page when the menu opens, so every workspace's plots are offered without registering them.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Experiment } from '../../core/config/experiment.ts';
import { useT } from '../../i18n/index.ts';
import { experimentFileText } from '../../store/experimentJson.ts';
import { downloadBlob, downloadText, exportFileName } from '../exportFiles.ts';
import { useClassroom } from './ClassroomContext.tsx';
import { findPlots, type PlotOnScreen } from './plots.ts';

/** A short name of the experiment for file names: "rosenbrock", "line-fit", "cnn-mnist". */
export function experimentName(experiment: Experiment): string {
  const p = experiment.problem;
  switch (p.kind) {
    case 'surface':
      return p.surface;
    case 'regression':
      return 'line-fit';
    case 'cnn':
      return `cnn-${p.dataset}`;
  }
}

/** Fetches the exporters (history tables, plot images), which load on first use. */
export function preloadExporters(): Promise<unknown> {
  return Promise.all([import('../exportHistory.ts'), import('../exportPlot.ts')]);
}

export function ExportMenu(props: {
  /** Where plots are looked for; default the page's <main>. */
  readonly plotRoot?: () => ParentNode | null;
}) {
  const t = useT();
  const { store } = useClassroom();
  const [open, setOpen] = useState(false);
  const [plots, setPlots] = useState<PlotOnScreen[]>([]);
  const [status, setStatus] = useState('');
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);

  const toggle = () => {
    if (!open) {
      // Fetch the exporters while the learner picks an item (they are not on the first screen).
      preloadExporters().catch(() => {});
      const root = props.plotRoot ? props.plotRoot() : document.querySelector('main');
      setPlots(root ? findPlots(root, (n) => t('export.plotNumber', { n })) : []);
      setStatus('');
    }
    setOpen(!open);
  };

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const run = async (action: () => Promise<string> | string) => {
    try {
      const file = await action();
      setStatus(file ? t('export.done', { file }) : t('export.noHistory'));
    } catch (error) {
      const { PlotExportError } = await import('../exportPlot.ts');
      const reason =
        error instanceof PlotExportError
          ? t(error.reason)
          : error instanceof Error
            ? error.message
            : String(error);
      setStatus(t('export.failed', { reason }));
    }
  };

  const experiment = () => store.getState().experiment;
  const exportExperiment = () => {
    const file = exportFileName(experimentName(experiment()), 'json');
    downloadText(experimentFileText(experiment()), file, 'application/json');
    return file;
  };
  // The exporters are fetched on first use: the first screen does not carry them.
  const exportHistory = async (format: 'csv' | 'json') => {
    const { historyCsv, historyJson, historyRecords } = await import('../exportHistory.ts');
    const records = historyRecords(store.live, experiment());
    if (records.length === 0) return '';
    const file = exportFileName(`${experimentName(experiment())}-history`, format);
    if (format === 'csv') downloadText(historyCsv(records), file, 'text/csv');
    else downloadText(historyJson(records), file, 'application/json');
    return file;
  };
  const exportPlot = async (plot: PlotOnScreen, format: 'png' | 'svg') => {
    const { plotToPng, plotToSvg } = await import('../exportPlot.ts');
    const file = exportFileName(plot.title, format);
    if (format === 'svg') {
      downloadText(plotToSvg(plot.element).svg, file, 'image/svg+xml');
    } else {
      downloadBlob(await plotToPng(plot.element), file);
    }
    return file;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close();
    }
  };

  return (
    <div className="dl-export" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={toggle}
      >
        {t('export.menu')}
      </button>
      <div id={menuId} className="dl-popover" hidden={!open}>
        <ul className="dl-menu-list">
          <li>
            <button type="button" onClick={() => void run(exportExperiment)}>
              {t('export.experiment')}
            </button>
          </li>
          <li>
            <button type="button" onClick={() => void run(() => exportHistory('csv'))}>
              {t('export.historyCsv')}
            </button>
          </li>
          <li>
            <button type="button" onClick={() => void run(() => exportHistory('json'))}>
              {t('export.historyJson')}
            </button>
          </li>
          {plots.map((plot, i) => (
            <li key={i} className="dl-menu-pair">
              <button type="button" onClick={() => void run(() => exportPlot(plot, 'png'))}>
                {t('export.plotPng', { title: plot.title })}
              </button>
              <button type="button" onClick={() => void run(() => exportPlot(plot, 'svg'))}>
                {t('export.plotSvg', { title: plot.title })}
              </button>
            </li>
          ))}
        </ul>
        <p role="status" className="dl-hint">
          {status}
        </p>
      </div>
    </div>
  );
}
