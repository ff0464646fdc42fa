/**
 * Architecture specs for the CNN lab. A spec is a fixed input shape and a list of hidden
 * layers; a final dense layer to the class count and the softmax are implied. Shapes are
 * checked when the spec is validated, so a spec that does not fit gets a message naming the
 * field, never a NaN later.
 */
import {
  configIssue,
  summarizeValue,
  type ConfigIssue,
  type IssueDetail,
} from '../config/issue.ts';

/** One hidden layer, as written in the experiment config (defaults filled in by validation). */
export type LayerSpec =
  /** Convolution: `filters` kernels of size × size, stride (default 1), zero padding (default 0). */
  | {
      readonly type: 'conv';
      readonly filters: number;
      readonly size: number;
      readonly stride: number;
      readonly pad: number;
    }
  | { readonly type: 'relu' }
  | { readonly type: 'tanh' }
  /** Leaky ReLU with negative slope (default 0.01, PyTorch's). */
  | { readonly type: 'leakyRelu'; readonly slope: number }
  /** Pooling over size × size windows; stride defaults to size. */
  | { readonly type: 'maxPool'; readonly size: number; readonly stride: number }
  | { readonly type: 'avgPool'; readonly size: number; readonly stride: number }
  | { readonly type: 'flatten' }
  /** Fully connected layer with `units` outputs (no activation: add one after it). */
  | { readonly type: 'dense'; readonly units: number };

/** The `type` of a hidden layer: conv, relu, tanh, leakyRelu, maxPool, avgPool, flatten, dense. */
export type LayerType = LayerSpec['type'];

/** A network for 28×28 grayscale images: its hidden layers in order (the output layer is implied). */
export interface ArchitectureSpec {
  /** Input shape [height, width, channels]: [28, 28, 1], the shape of both data sets. */
  readonly input: readonly [number, number, number];
  /** Hidden layers; a final dense layer to the class count and softmax are implied by `classes`. */
  readonly layers: readonly LayerSpec[];
}

/** Shape of every image the lab trains on: 28 × 28 grayscale (MNIST and the shapes set). */
export const INPUT_SHAPE: readonly [number, number, number] = [28, 28, 1];

/**
 * The classic MNIST net (ConvNetJS' demo): conv 5×5×8 pad 2 → ReLU → max-pool 2 →
 * conv 5×5×16 pad 2 → ReLU → max-pool 3 → (dense 10 → softmax). 5,994 parameters,
 * 0.79 million multiply-adds per image.
 */
export const DEFAULT_ARCHITECTURE: ArchitectureSpec = {
  input: INPUT_SHAPE,
  layers: [
    { type: 'conv', filters: 8, size: 5, stride: 1, pad: 2 },
    { type: 'relu' },
    { type: 'maxPool', size: 2, stride: 2 },
    { type: 'conv', filters: 16, size: 5, stride: 1, pad: 2 },
    { type: 'relu' },
    { type: 'maxPool', size: 3, stride: 3 },
  ],
};

/**
 * A lighter net for slow machines: conv 5×5×4 stride 2 pad 2 → ReLU → max-pool 2 →
 * (dense 10 → softmax), about a twentieth of the default's multiply-adds.
 */
export const SMALL_ARCHITECTURE: ArchitectureSpec = {
  input: INPUT_SHAPE,
  layers: [
    { type: 'conv', filters: 4, size: 5, stride: 2, pad: 2 },
    { type: 'relu' },
    { type: 'maxPool', size: 2, stride: 2 },
  ],
};

/** Most hidden layers a spec may have. */
export const MAX_LAYERS = 16;
/** Largest multiply-add count of one image's forward pass (the default net has 0.79 M). */
export const MAX_FORWARD_MACS = 50_000_000;
/** Largest number of activation values of one image, summed over layers (default: 20 k). */
export const MAX_ACTIVATIONS = 400_000;
/** Largest im2col matrix of one image (output positions × receptive field). */
export const MAX_IM2COL = 4_000_000;

/** Field limits, for validation messages and UI controls. */
export const LAYER_LIMITS = {
  filters: { min: 1, max: 64 },
  size: { min: 1, max: 11 },
  stride: { min: 1, max: 8 },
  pad: { min: 0, max: 10 },
  units: { min: 1, max: 1024 },
  slope: { min: 0, max: 1 },
} as const;

const LAYER_FIELDS: { readonly [T in LayerType]: readonly string[] } = {
  conv: ['type', 'filters', 'size', 'stride', 'pad'],
  relu: ['type'],
  tanh: ['type'],
  leakyRelu: ['type', 'slope'],
  maxPool: ['type', 'size', 'stride'],
  avgPool: ['type', 'size', 'stride'],
  flatten: ['type'],
  dense: ['type', 'units'],
};
const LAYER_TYPES = Object.keys(LAYER_FIELDS) as LayerType[];

/** Height × width × channels of one layer's output. */
export interface LayerShape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** What a spec builds, layer by layer: output shapes and parameter counts. */
export interface LayerSummary {
  /** "conv1", "relu1", "maxPool1", …, "dense" for the implied output layer. */
  readonly name: string;
  readonly type: LayerType;
  readonly output: LayerShape;
  /** Weights and biases of this layer. */
  readonly parameters: number;
  /** Multiply-adds of one image's forward pass through this layer. */
  readonly macs: number;
}

/**
 * One problem found in a spec: where (`problem.architecture.layers[2].size`) and why — a
 * config issue like any other, so experiment validation passes it on as it is.
 */
export type ArchitectureIssue = ConfigIssue;

/** The spec with defaults filled in, or every issue found. */
export type ArchitectureCheck =
  | { readonly ok: true; readonly value: ArchitectureSpec }
  | { readonly ok: false; readonly issues: readonly ArchitectureIssue[] };

/** Thrown by `validateArchitecture`; its message lists every issue, one per line. */
export class ArchitectureError extends Error {
  constructor(readonly issues: readonly ArchitectureIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    this.name = 'ArchitectureError';
  }
}

/** Like `checkArchitecture`, but returns the spec or throws an `ArchitectureError`. */
export function validateArchitecture(raw: unknown, path = 'architecture'): ArchitectureSpec {
  const checked = checkArchitecture(raw, path);
  if (!checked.ok) throw new ArchitectureError(checked.issues);
  return checked.value;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(obj: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

/**
 * Unknown JSON in, a complete `ArchitectureSpec` out (defaults filled in: stride 1 and pad 0
 * for conv, stride = size for pooling, slope 0.01 for leaky ReLU), or every issue found, each
 * naming its field path under `path`. Shapes are walked layer by layer: a kernel or pooling
 * window larger than its (padded) input, or a net too large to train live, is an issue.
 */
export function checkArchitecture(raw: unknown, path = 'architecture'): ArchitectureCheck {
  const issues: ArchitectureIssue[] = [];
  const fail: Fail = (where, message, detail) => {
    issues.push(configIssue(where, message, detail));
  };
  if (!isObject(raw)) {
    fail(path, `must be an object with "layers" (got ${describe(raw)})`, {
      code: 'notArchitecture',
      params: { got: summarizeValue(raw) },
    });
    return { ok: false, issues };
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'input' && key !== 'layers')
      fail(`${path}.${key}`, 'unknown field (expected one of: input, layers)', {
        code: 'unknownField',
        params: { expected: ['input', 'layers'] },
      });
  }
  const input = own(raw, 'input');
  if (
    input !== undefined &&
    !(Array.isArray(input) && input.length === 3 && input.every((v, i) => v === INPUT_SHAPE[i]))
  ) {
    fail(
      `${path}.input`,
      `must be [28, 28, 1]: both data sets are 28×28 grayscale images (got ${JSON.stringify(input)})`,
      { code: 'inputShape', params: { expected: INPUT_SHAPE, got: summarizeValue(input) } },
    );
  }
  const rawLayers = own(raw, 'layers');
  if (!Array.isArray(rawLayers)) {
    fail(`${path}.layers`, `must be an array of layers (got ${describe(rawLayers)})`, {
      code: 'notLayerList',
      params: { got: summarizeValue(rawLayers) },
    });
    return { ok: false, issues };
  }
  if (rawLayers.length > MAX_LAYERS) {
    fail(`${path}.layers`, `at most ${MAX_LAYERS} layers (got ${rawLayers.length})`, {
      code: 'tooManyLayers',
      params: { max: MAX_LAYERS, got: rawLayers.length },
    });
    return { ok: false, issues };
  }
  const layers: LayerSpec[] = [];
  rawLayers.forEach((rawLayer: unknown, i) => {
    const layer = readLayer(rawLayer, `${path}.layers[${i}]`, fail);
    if (layer) layers.push(layer);
  });
  if (issues.length > 0) return { ok: false, issues };
  const spec: ArchitectureSpec = { input: INPUT_SHAPE, layers };
  checkShapes(spec, `${path}.layers`, fail);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: spec };
}

/** Records an issue: where, the English message, and the detail the UI words. */
type Fail = (path: string, message: string, detail: IssueDetail) => void;

function readLayer(raw: unknown, path: string, fail: Fail): LayerSpec | null {
  if (!isObject(raw)) {
    fail(path, `must be a layer object like {"type": "relu"} (got ${describe(raw)})`, {
      code: 'notLayer',
      params: { got: summarizeValue(raw) },
    });
    return null;
  }
  const type = own(raw, 'type');
  if (typeof type !== 'string' || !(LAYER_TYPES as string[]).includes(type)) {
    fail(`${path}.type`, `must be one of: ${LAYER_TYPES.join(', ')} (got ${describe(type)})`, {
      code: 'notOneOf',
      params: { options: LAYER_TYPES, got: summarizeValue(type) },
    });
    return null;
  }
  const layerType = type as LayerType;
  const allowed = LAYER_FIELDS[layerType];
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key))
      fail(
        `${path}.${key}`,
        `unknown field for a ${layerType} layer (expected one of: ${allowed.join(', ')})`,
        { code: 'unknownLayerField', params: { layer: layerType, expected: allowed } },
      );
  }
  const int = (key: keyof typeof LAYER_LIMITS, fallback?: number): number => {
    const value = own(raw, key);
    const { min, max } = LAYER_LIMITS[key];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      fail(`${path}.${key}`, `must be an integer from ${min} to ${max} (got ${describe(value)})`, {
        code: 'integerRange',
        params: { min, max, got: summarizeValue(value) },
      });
      return fallback ?? min;
    }
    return value;
  };
  switch (layerType) {
    case 'conv':
      return {
        type: 'conv',
        filters: int('filters'),
        size: int('size'),
        stride: int('stride', 1),
        pad: int('pad', 0),
      };
    case 'maxPool':
    case 'avgPool': {
      const size = int('size');
      return { type: layerType, size, stride: int('stride', size) };
    }
    case 'dense':
      return { type: 'dense', units: int('units') };
    case 'leakyRelu': {
      const value = own(raw, 'slope');
      if (value === undefined) return { type: 'leakyRelu', slope: 0.01 };
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
        fail(`${path}.slope`, `must be a number in [0, 1) (got ${describe(value)})`, {
          code: 'outOfRange',
          params: { min: 0, lower: '≥', max: 1, upper: '<', got: summarizeValue(value) },
        });
        return { type: 'leakyRelu', slope: 0.01 };
      }
      return { type: 'leakyRelu', slope: value };
    }
    case 'relu':
    case 'tanh':
    case 'flatten':
      return { type: layerType };
  }
}

function checkShapes(spec: ArchitectureSpec, path: string, fail: Fail): void {
  let [height, width, channels] = spec.input;
  let activations = height * width * channels;
  let macs = 0;
  for (const [i, layer] of spec.layers.entries()) {
    const at = `${path}[${i}]`;
    const size = `${height}×${width}`;
    if (layer.type === 'conv') {
      if (layer.pad >= layer.size) {
        fail(
          `${at}.pad`,
          `padding ${layer.pad} must be smaller than the kernel size ${layer.size}`,
          { code: 'padTooLarge', params: { pad: layer.pad, size: layer.size } },
        );
        return;
      }
      if (layer.size > height + 2 * layer.pad || layer.size > width + 2 * layer.pad) {
        fail(
          `${at}.size`,
          `kernel ${layer.size} does not fit the ${size} input with padding ${layer.pad}`,
          { code: 'kernelTooLarge', params: { size: layer.size, height, width, pad: layer.pad } },
        );
        return;
      }
      const field = channels * layer.size * layer.size;
      height = Math.floor((height + 2 * layer.pad - layer.size) / layer.stride) + 1;
      width = Math.floor((width + 2 * layer.pad - layer.size) / layer.stride) + 1;
      if (height * width * field > MAX_IM2COL) {
        fail(
          at,
          `this convolution's im2col matrix has ${height * width * field} values, more than ${MAX_IM2COL}`,
          { code: 'im2colTooLarge', params: { values: height * width * field, max: MAX_IM2COL } },
        );
        return;
      }
      channels = layer.filters;
      macs += height * width * channels * field;
    } else if (layer.type === 'maxPool' || layer.type === 'avgPool') {
      if (layer.size > height || layer.size > width) {
        fail(`${at}.size`, `pooling window ${layer.size} does not fit the ${size} input`, {
          code: 'poolTooLarge',
          params: { size: layer.size, height, width },
        });
        return;
      }
      height = Math.floor((height - layer.size) / layer.stride) + 1;
      width = Math.floor((width - layer.size) / layer.stride) + 1;
    } else if (layer.type === 'dense') {
      macs += height * width * channels * layer.units;
      [height, width, channels] = [1, 1, layer.units];
    } else if (layer.type === 'flatten') {
      [height, width, channels] = [1, 1, height * width * channels];
    }
    activations += height * width * channels;
  }
  if (macs > MAX_FORWARD_MACS) {
    fail(
      path,
      `the network needs ${(macs / 1e6).toFixed(1)} million multiply-adds per image, more than ${MAX_FORWARD_MACS / 1e6} million`,
      { code: 'tooManyMacs', params: { macs, max: MAX_FORWARD_MACS } },
    );
  }
  if (activations > MAX_ACTIVATIONS) {
    fail(
      path,
      `the network holds ${activations} activations per image, more than ${MAX_ACTIVATIONS}`,
      { code: 'tooManyActivations', params: { activations, max: MAX_ACTIVATIONS } },
    );
  }
}

/**
 * Output shape, parameters and multiply-adds of every layer `spec` builds for `classes`
 * classes, the implied output layer ("dense") last. `spec` must be valid.
 */
export function summarizeArchitecture(spec: ArchitectureSpec, classes: number): LayerSummary[] {
  let [height, width, channels] = spec.input;
  const counters = new Map<LayerType, number>();
  const denseCount = spec.layers.filter((l) => l.type === 'dense').length;
  const out: LayerSummary[] = [];
  const push = (type: LayerType, parameters: number, macs: number, name?: string): void => {
    const n = (counters.get(type) ?? 0) + 1;
    counters.set(type, n);
    out.push({
      name: name ?? `${type}${n}`,
      type,
      output: { height, width, channels },
      parameters,
      macs,
    });
  };
  for (const layer of spec.layers) {
    switch (layer.type) {
      case 'conv': {
        const field = channels * layer.size * layer.size;
        height = Math.floor((height + 2 * layer.pad - layer.size) / layer.stride) + 1;
        width = Math.floor((width + 2 * layer.pad - layer.size) / layer.stride) + 1;
        channels = layer.filters;
        push('conv', channels * (field + 1), height * width * channels * field);
        break;
      }
      case 'maxPool':
      case 'avgPool':
        height = Math.floor((height - layer.size) / layer.stride) + 1;
        width = Math.floor((width - layer.size) / layer.stride) + 1;
        push(layer.type, 0, 0);
        break;
      case 'dense': {
        const inputs = height * width * channels;
        [height, width, channels] = [1, 1, layer.units];
        push('dense', layer.units * (inputs + 1), layer.units * inputs);
        break;
      }
      case 'flatten':
        [height, width, channels] = [1, 1, height * width * channels];
        push('flatten', 0, 0);
        break;
      default:
        push(layer.type, 0, 0);
    }
  }
  const inputs = height * width * channels;
  [height, width, channels] = [1, 1, classes];
  // With hidden dense layers numbered dense1…denseK, the output layer is dense(K+1).
  push(
    'dense',
    classes * (inputs + 1),
    classes * inputs,
    denseCount === 0 ? 'dense' : `dense${denseCount + 1}`,
  );
  return out;
}
