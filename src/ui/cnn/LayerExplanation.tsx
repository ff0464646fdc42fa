/**
 * What one layer of the network computes, taught on the network being trained: a few sentences
 * (convolution with its kernel slid over the input, one output map per filter, padding; ReLU;
 * pooling; the dense layer; softmax with cross-entropy), the formula typeset, and that layer's
 * real input and output maps for the current probe image, from the first run at the shown step.
 */
import { useMemo } from 'react';
import type { LayerSpec, LayerSummary } from '../../core/cnn/architecture.ts';
import type { LiveSource } from '../../plots/source.ts';
import type { ActivationVolume } from '../../plots/tiles.ts';
import { useLabStore } from '../../store/useLab.ts';
import { ChannelMaps } from './ChannelMaps.tsx';
import { activationSource, probeSource } from './cnnSources.ts';
import { useCnnT, type CnnMessageKey, type CnnTranslate } from './cnnMessages.ts';
import { useRunLabels } from './FiltersView.tsx';
import { TexFormula } from './TexFormula.tsx';

/** The explanation key and TeX of a layer; `last` is the dense layer that feeds the softmax. */
export function layerTeaching(
  spec: LayerSpec | null,
  t: CnnTranslate,
  values: Record<string, string | number>,
): { readonly text: string; readonly tex: string } {
  const say = (key: CnnMessageKey) => t(key, values);
  if (spec === null)
    return {
      text: say('cnn.explain.softmax'),
      tex: 'z_k = b_k + \\sum_i w_{k,i}\\,x_i,\\quad p_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}},\\quad L = -\\log p_y',
    };
  switch (spec.type) {
    case 'conv': {
      const r = (spec.size - 1) / 2;
      const range = Number.isInteger(r) ? `u,v=-${r}` : 'u,v=0';
      const top = Number.isInteger(r) ? `${r}` : `${spec.size - 1}`;
      const at = spec.stride > 1 ? `${spec.stride}i+u,\\,${spec.stride}j+v` : 'i+u,\\,j+v';
      return {
        text: say('cnn.explain.conv'),
        tex: `y_k(i,j) = b_k + \\sum_{c}\\sum_{${range}}^{${top}} w_{k,c}(u,v)\\,x_c(${at})`,
      };
    }
    case 'relu':
      return { text: say('cnn.explain.relu'), tex: 'y = \\max(0,\\,x)' };
    case 'leakyRelu':
      return { text: say('cnn.explain.relu'), tex: `y = \\max(${spec.slope}\\,x,\\,x)` };
    case 'tanh':
      return { text: say('cnn.explain.tanh'), tex: 'y = \\tanh x' };
    case 'maxPool':
      return {
        text: say('cnn.explain.maxPool'),
        tex: `y_c(i,j) = \\max_{0\\le u,v<${spec.size}} x_c(${spec.stride}i+u,\\,${spec.stride}j+v)`,
      };
    case 'avgPool':
      return {
        text: say('cnn.explain.avgPool'),
        tex: `y_c(i,j) = \\frac{1}{${spec.size * spec.size}}\\sum_{0\\le u,v<${spec.size}} x_c(${spec.stride}i+u,\\,${spec.stride}j+v)`,
      };
    case 'flatten':
      return {
        text: say('cnn.explain.flatten'),
        tex: 'x \\in \\mathbb{R}^{H\\times W\\times C} \\mapsto \\mathbb{R}^{HWC}',
      };
    case 'dense':
      return { text: say('cnn.explain.dense'), tex: 'z_k = b_k + \\sum_i w_{k,i}\\,x_i' };
  }
}

function Maps(props: {
  readonly source: LiveSource<ActivationVolume | null>;
  readonly label: string;
  readonly shape: { readonly height: number; readonly width: number };
}) {
  const side = Math.max(props.shape.height, props.shape.width);
  const pixelSize = side === 1 ? 12 : Math.max(2, Math.min(6, Math.round(84 / side)));
  return <ChannelMaps source={props.source} label={props.label} pixelSize={pixelSize} />;
}

export function LayerExplanation(props: {
  readonly spec: LayerSpec | null;
  readonly summary: LayerSummary;
  /** The layer before (null for the first: its input is the probe image). */
  readonly previous: LayerSummary | null;
  readonly input: readonly [number, number, number];
  readonly id: string;
  readonly onClose: () => void;
}) {
  const { spec, summary, previous, input, id, onClose } = props;
  const t = useCnnT();
  const store = useLabStore();
  const labels = useRunLabels();
  const run = labels[0] ?? '';
  const inShape = previous
    ? previous.output
    : { height: input[0], width: input[1], channels: input[2] };
  const out = summary.output;
  const values = {
    layer: summary.name,
    size: spec && 'size' in spec ? spec.size : 0,
    filters: spec?.type === 'conv' ? spec.filters : 0,
    pad: spec?.type === 'conv' ? spec.pad : 0,
    stride: spec && 'stride' in spec ? spec.stride : 1,
    inShape: `${inShape.height}×${inShape.width}×${inShape.channels}`,
    outShape: `${out.height}×${out.width}×${out.channels}`,
    channels: inShape.channels,
    outChannels: out.channels,
    parameters: summary.parameters,
  };
  const teaching = layerTeaching(spec, t, values);
  const inputSource = useMemo(
    () => (previous ? activationSource(store, run, previous.name) : probeSource(store, run)),
    [store, run, previous],
  );
  const outputSource = useMemo(
    () => activationSource(store, run, summary.name),
    [store, run, summary.name],
  );
  return (
    <section id={id} className="dl-panel dl-layer-explanation" aria-labelledby={`${id}-heading`}>
      <div className="dl-layer-explanation-head">
        <h3 id={`${id}-heading`}>{t('cnn.explain.heading', { layer: summary.name })}</h3>
        <button
          type="button"
          className="dl-icon-button"
          aria-label={t('cnn.explain.close')}
          onClick={onClose}
        >
          ✕
        </button>
      </div>
      <p>{teaching.text}</p>
      <TexFormula tex={teaching.tex} label={t('cnn.explain.formula', { layer: summary.name })} />
      {summary.parameters > 0 && (
        <p className="dl-hint">{t('cnn.arch.parameters', { count: summary.parameters })}</p>
      )}
      <div className="dl-layer-maps">
        <Maps
          source={inputSource}
          label={t('cnn.explain.inMaps', { shape: values.inShape, run })}
          shape={inShape}
        />
        <span className="dl-layer-arrow" aria-hidden="true">
          →
        </span>
        <Maps
          source={outputSource}
          label={t('cnn.explain.outMaps', { shape: values.outShape, run })}
          shape={out}
        />
      </div>
    </section>
  );
}
