/**
 * The conv filters of every layer, live, every run side by side at the same step, on a
 * diverging colour map (blue negative, white zero, red positive): the weights θ_t and, beside
 * them, their change θ_t − θ_s since step s (0 unless the learner picks another) on a scale of
 * its own — weights move by a few per cent of their size, so on the weights' scale the change
 * would be invisible. Scales are shared by the runs unless the learner unticks it. Kernels are
 * drawn large (≥ 40 px); a layer with several input channels shows one input channel at a
 * time. Selecting a filter shows, for every run, its weights beside its last gradient and the
 * optimizer's state for it (velocity, or Adam's moments m and v), each on its own scale with
 * its norm, and the feature map the filter produces on the probe image.
 */
import { useCallback, useContext, useId, useMemo, useRef, useState } from 'react';
import { summarizeArchitecture, type ArchitectureSpec } from '../../core/cnn/architecture.ts';
import { divergingMap } from '../../plots/palette.ts';
import { formatReadout } from '../../core/numbers.ts';
import { maxAbsFinite } from '../../plots/tiles.ts';
import { TileGrid } from '../../plots/TileGrid.tsx';
import type { LabStore } from '../../store/labStore.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { CheckboxField, NumberField, SelectField } from '../controls/fields.tsx';
import { sameArray } from '../hooks.ts';
import { ChannelMaps } from './ChannelMaps.tsx';
import {
  activationSource,
  filterDetail,
  oneChannel,
  filterSource,
  keyedSource,
  shownInspection,
  inspectionsView,
  watch,
  type FilterViewOptions,
  type ScaledBank,
} from './cnnSources.ts';
import { cnnEn, useCnnT, type CnnMessageKey, type CnnTranslate } from './cnnMessages.ts';
import { scaledFilterTiles } from './cnnTiles.ts';
import { RunName } from './RunName.tsx';
import { useInspectionValue } from './useInspectionValue.ts';
import { OnScreenContext, pausedWhenHidden, useOnScreen } from './useOnScreen.ts';

/** Name, input channels and kernel size of every conv layer of `spec`. */
export function convLayers(
  spec: ArchitectureSpec,
  classes: number,
): Array<{ name: string; channels: number; size: number }> {
  const summary = summarizeArchitecture(spec, classes);
  let channels = spec.input[2];
  const out: Array<{ name: string; channels: number; size: number }> = [];
  summary.forEach((s, i) => {
    const layer = spec.layers[i];
    if (layer?.type === 'conv') out.push({ name: s.name, channels, size: layer.size });
    channels = s.output.channels;
  });
  return out;
}

/** CSS pixels per weight: kernels of a few pixels grow, wide multi-channel tiles stay small. */
function pixelSizeFor(tileWidth: number): number {
  return Math.max(3, Math.min(7, Math.floor(96 / tileWidth)));
}

/** The title of a part of a filter's detail: "weights θ", "velocity v", "first moment m", … */
export function partTitle(t: CnnTranslate, part: string): string {
  const key = `cnn.part.${part}`;
  return key in cnnEn ? t(key as CnnMessageKey) : part;
}

/** The run labels of the experiment, as a stable array. */
export function useRunLabels(): string[] {
  const joined = useLab((s) => s.experiment.runs.map((r) => r.label).join('\u0000'));
  return useMemo(() => (joined === '' ? [] : joined.split('\u0000')), [joined]);
}

/** The step of the inspection run `label` shows (null before its first). */
export function useShownStep(label: string): number | null {
  const compute = useCallback(
    (store: LabStore) => shownInspection(store, label)?.step ?? null,
    [label],
  );
  return useInspectionValue(compute);
}

/** CSS pixels per weight of a kernel of `size` shown one channel at a time: tiles of ≥ 40 px. */
function kernelPixels(size: number, firstLayer: boolean): number {
  return Math.ceil((firstLayer ? 48 : 40) / size);
}

function RunFilters(props: {
  readonly label: string;
  readonly index: number;
  readonly layer: ConvLayer;
  readonly options: Omit<FilterViewOptions, 'show'>;
  readonly firstLayer: boolean;
  readonly selected: number | null;
  readonly onSelect: (filter: number) => void;
}) {
  const { label, index, layer, options, firstLayer, selected, onSelect } = props;
  const t = useCnnT();
  const step = useShownStep(label);
  return (
    <div className="dl-run-column">
      <RunName label={label} index={index} step={step} />
      <div className="dl-filter-pair">
        {(['weights', 'change'] as const).map((show) => (
          <FilterGrid
            key={show}
            label={label}
            layer={layer}
            options={{ ...options, show }}
            pixelSize={
              options.channel === null && layer.channels > 1
                ? pixelSizeFor(layer.channels * (layer.size + 1) - 1)
                : kernelPixels(layer.size, firstLayer)
            }
            title={
              show === 'weights'
                ? t('cnn.filters.grid', { layer: layer.name, run: label })
                : t('cnn.filters.changeGrid', {
                    layer: layer.name,
                    run: label,
                    since: options.since,
                  })
            }
            selected={selected}
            onSelect={onSelect}
          />
        ))}
      </div>
    </div>
  );
}

function FilterGrid(props: {
  readonly label: string;
  readonly layer: ConvLayer;
  readonly options: FilterViewOptions;
  readonly pixelSize: number;
  readonly title: string;
  readonly selected: number | null;
  readonly onSelect: (filter: number) => void;
}) {
  const { label, layer, options, pixelSize, title, selected, onSelect } = props;
  const t = useCnnT();
  const store = useLabStore();
  const visible = useContext(OnScreenContext);
  const { show, since, channel, shared } = options;
  const live = useMemo(
    () => filterSource(store, label, layer.name, { show, since, channel, shared }),
    [store, label, layer.name, show, since, channel, shared],
  );
  const source = useMemo(() => pausedWhenHidden(live, visible), [live, visible]);
  const tileLabel = useCallback(
    (i: number) =>
      t(show === 'weights' ? 'cnn.filters.tile' : 'cnn.filters.changeTile', {
        run: label,
        layer: layer.name,
        n: i + 1,
      }),
    [label, layer.name, t, show],
  );
  return (
    <TileGrid<ScaledBank>
      className={`dl-filter-grid dl-filter-${show}`}
      source={source}
      toTiles={scaledFilterTiles}
      label={title}
      tileLabel={tileLabel}
      pixelSize={pixelSize}
      colorMap={divergingMap}
      selection={{ selected, onSelect }}
      emptyText={t('cnn.waiting')}
    />
  );
}

/** One part (weights, gradient, a state) of the selected filter of one run. */
function DetailPart(props: {
  readonly label: string;
  readonly layer: string;
  readonly filter: number;
  readonly part: string;
  readonly channels: number;
  readonly size: number;
}) {
  const { label, layer, filter, part, channels, size } = props;
  const t = useCnnT();
  const store = useLabStore();
  const visible = useContext(OnScreenContext);
  // Rebuilt only when the run's shown inspection changes.
  const live = useMemo(
    () =>
      keyedSource(
        () => [shownInspection(store, label)],
        (): ScaledBank | null => {
          const found = filterDetail(store, label, layer, filter)?.parts.find(
            (p) => p.name === part,
          );
          return found ? { bank: found.bank, maxAbs: maxAbsFinite(found.bank.data) } : null;
        },
        watch(store, inspectionsView),
      ),
    [store, label, layer, filter, part],
  );
  const source = useMemo(() => pausedWhenHidden(live, visible), [live, visible]);
  const norm = useInspectionValue(
    useCallback(
      (s: LabStore) =>
        filterDetail(s, label, layer, filter)?.parts.find((p) => p.name === part)?.norm ?? NaN,
      [label, layer, filter, part],
    ),
  );
  const title = partTitle(t, part);
  const tileLabel = useCallback(
    () => t('cnn.filters.part', { part: title, layer, n: filter + 1, run: label }),
    [t, title, layer, filter, label],
  );
  return (
    <div className="dl-filter-part">
      <TileGrid<ScaledBank>
        className="dl-filter-grid"
        source={source}
        toTiles={scaledFilterTiles}
        label={title}
        tileLabel={tileLabel}
        pixelSize={pixelSizeFor(channels * (size + 1) - 1) + 2}
        colorMap={divergingMap}
        emptyText="—"
      />
      <span className="dl-hint">‖·‖ = {formatReadout(norm)}</span>
    </div>
  );
}

/** The feature map filter `filter` of `layer` produces on the probe image (before the ReLU). */
function FeatureMap(props: {
  readonly label: string;
  readonly layer: string;
  readonly filter: number;
}) {
  const { label, layer, filter } = props;
  const t = useCnnT();
  const store = useLabStore();
  const visible = useContext(OnScreenContext);
  const live = useMemo(
    () => oneChannel(activationSource(store, label, layer), filter),
    [store, label, layer, filter],
  );
  const source = useMemo(() => pausedWhenHidden(live, visible), [live, visible]);
  return (
    <ChannelMaps
      source={source}
      label={t('cnn.filters.featureMap', { layer, n: filter + 1, run: label })}
      pixelSize={3}
    />
  );
}

function FilterDetailView(props: {
  readonly labels: readonly string[];
  readonly layer: { name: string; channels: number; size: number };
  readonly filter: number;
}) {
  const { labels, layer, filter } = props;
  const t = useCnnT();
  return (
    <div
      className="dl-filter-detail"
      role="group"
      aria-label={t('cnn.filters.detailGroup', { layer: layer.name, n: filter + 1 })}
    >
      <h3>{t('cnn.filters.detail', { layer: layer.name, n: filter + 1 })}</h3>
      {labels.map((label, index) => (
        <DetailRow key={label} label={label} index={index} layer={layer} filter={filter} />
      ))}
      <p className="dl-hint">{t('cnn.filters.detailHint')}</p>
    </div>
  );
}

function DetailRow(props: {
  readonly label: string;
  readonly index: number;
  readonly layer: { name: string; channels: number; size: number };
  readonly filter: number;
}) {
  const { label, index, layer, filter } = props;
  const t = useCnnT();
  const parts = useInspectionValue(
    useCallback(
      (store: LabStore) =>
        filterDetail(store, label, layer.name, filter)?.parts.map((p) => p.name) ?? [],
      [label, layer.name, filter],
    ),
    sameArray,
  );
  const step = useShownStep(label);
  return (
    <div className="dl-filter-detail-row">
      <RunName label={label} index={index} step={step} />
      <div className="dl-filter-parts">
        {parts.length === 0 ? (
          <span className="dl-hint">{t('cnn.filters.notInspected')}</span>
        ) : (
          parts.map((part) => (
            <DetailPart
              key={part}
              label={label}
              layer={layer.name}
              filter={filter}
              part={part}
              channels={layer.channels}
              size={layer.size}
            />
          ))
        )}
        <FeatureMap label={label} layer={layer.name} filter={filter} />
      </div>
    </div>
  );
}

/** A conv layer: its name, input channels and kernel size. */
type ConvLayer = { name: string; channels: number; size: number };

export function FiltersView(props: { readonly spec: ArchitectureSpec; readonly classes: number }) {
  const { spec, classes } = props;
  const t = useCnnT();
  const labels = useRunLabels();
  const layers = useMemo(() => convLayers(spec, classes), [spec, classes]);
  const [shared, setShared] = useState(true);
  const [since, setSince] = useState(0);
  const [channels, setChannels] = useState<Readonly<Record<string, number>>>({});
  const [selected, setSelected] = useState<{ layer: string; filter: number } | null>(null);
  const headingId = useId();
  const selectedLayer = selected && layers.find((l) => l.name === selected.layer);
  const sectionRef = useRef<HTMLElement>(null);
  const visible = useOnScreen(sectionRef);
  return (
    <OnScreenContext.Provider value={visible}>
      <section ref={sectionRef} className="dl-panel dl-filters" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('cnn.filters.heading')}</h2>
        <div className="dl-filter-options">
          <CheckboxField label={t('cnn.filters.shared')} checked={shared} onChange={setShared} />
          <NumberField
            label={t('cnn.filters.since')}
            value={since}
            min={0}
            integer
            onCommit={setSince}
          />
        </div>
        <p className="dl-hint">{t('cnn.filters.hint')}</p>
        <p className="dl-hint">{t('cnn.filters.changeHint')}</p>
        {layers.length === 0 && <p className="dl-hint">{t('cnn.filters.none')}</p>}
        {layers.map((layer, k) => {
          // Several input channels: one at a time, so each kernel stays large enough to read.
          const channel =
            layer.channels > 1 ? Math.min(channels[layer.name] ?? 0, layer.channels - 1) : null;
          return (
            <div key={layer.name} className="dl-filter-layer">
              <h3>
                {t(layer.channels === 1 ? 'cnn.filters.layer' : 'cnn.filters.layerPlural', {
                  layer: layer.name,
                  size: layer.size,
                  channels: layer.channels,
                })}
              </h3>
              {channel !== null && (
                <SelectField
                  label={t('cnn.filters.channel', { layer: layer.name })}
                  value={String(channel)}
                  options={Array.from({ length: layer.channels }, (_, c) => ({
                    value: String(c),
                    label: t('cnn.filters.channelOption', { n: c + 1 }),
                  }))}
                  onChange={(value) => setChannels({ ...channels, [layer.name]: Number(value) })}
                />
              )}
              <div className="dl-side-by-side">
                {labels.map((label, index) => (
                  <RunFilters
                    key={label}
                    label={label}
                    index={index}
                    layer={layer}
                    options={{ since, channel, shared }}
                    firstLayer={k === 0}
                    selected={selected?.layer === layer.name ? selected.filter : null}
                    onSelect={(filter) => setSelected({ layer: layer.name, filter })}
                  />
                ))}
              </div>
            </div>
          );
        })}
        {selectedLayer && selected && (
          <FilterDetailView labels={labels} layer={selectedLayer} filter={selected.filter} />
        )}
      </section>
    </OnScreenContext.Provider>
  );
}
