/**
 * Architecture specs for the CNN lab. A spec is a fixed input shape and a list of hidden
 * layers; a final dense layer to the class count and the softmax are implied. Shapes are
 * checked when the spec is validated, so a spec that does not fit gets a message naming the
 * field, never a NaN later.
 */
import * as v from 'valibot';
import { summarizeValue, type ConfigIssue, type IssueDetail } from '../config/issue.ts';
import {
  coded,
  fields,
  numberField,
  readWith,
  requiredNumber,
  variantKinds,
} from '../config/schema.ts';

/** Shape of every image the lab trains on: 28 × 28 grayscale (MNIST and the shapes set). */
export const INPUT_SHAPE: readonly [number, number, number] = [28, 28, 1];

/** Most hidden layers a spec may have. */
export const MAX_LAYERS = 16;

/** Field limits, for validation messages and UI controls. */
export const LAYER_LIMITS = {
  filters: { min: 1, max: 64 },
  size: { min: 1, max: 11 },
  stride: { min: 1, max: 8 },
  pad: { min: 0, max: 10 },
  units: { min: 1, max: 1024 },
  slope: { min: 0, max: 1 },
} as const;

/** A whole number within one of the limits above; every way to miss it is one issue. */
function layerInteger(limit: keyof typeof LAYER_LIMITS) {
  const { min, max } = LAYER_LIMITS[limit];
  return coded(requiredNumber({ min, max }, { integer: true }), {
    value: (got) => ({ code: 'integerRange', params: { min, max, got: summarizeValue(got) } }),
  });
}

/** A layer's fields; a field it does not have names the layer's type. */
function layer<const E extends v.ObjectEntries & { type: v.LiteralSchema<string, undefined> }>(
  entries: E,
) {
  const expected = Object.keys(entries);
  return coded(fields(entries), {
    unknownKey: () => ({
      code: 'unknownLayerField',
      params: { layer: entries.type.literal, expected },
    }),
  });
}

/** Pooling over size × size windows; stride defaults to size. */
function pool<const T extends 'maxPool' | 'avgPool'>(type: T) {
  return v.pipe(
    layer({
      type: v.literal(type),
      size: layerInteger('size'),
      stride: v.optional(layerInteger('stride')),
    }),
    v.transform(({ size, stride }) => ({ type, size, stride: stride ?? size })),
  );
}

/** One hidden layer, as written in the experiment config. */
const layerSchema = v.variant('type', [
  /** Convolution: `filters` kernels of size × size, stride (default 1), zero padding (default 0). */
  layer({
    type: v.literal('conv'),
    filters: layerInteger('filters'),
    size: layerInteger('size'),
    stride: v.optional(layerInteger('stride'), 1),
    pad: v.optional(layerInteger('pad'), 0),
  }),
  layer({ type: v.literal('relu') }),
  layer({ type: v.literal('tanh') }),
  /** Leaky ReLU with negative slope in [0, 1) (default 0.01, PyTorch's). */
  layer({
    type: v.literal('leakyRelu'),
    slope: coded(numberField(0.01, { min: 0, max: 1, upper: '<' }), {
      value: (got) => ({
        code: 'outOfRange',
        params: { min: 0, lower: '≥', max: 1, upper: '<', got: summarizeValue(got) },
      }),
    }),
  }),
  pool('maxPool'),
  pool('avgPool'),
  layer({ type: v.literal('flatten') }),
  /** Fully connected layer with `units` outputs (no activation: add one after it). */
  layer({ type: v.literal('dense'), units: layerInteger('units') }),
]);
const LAYER_TYPES = variantKinds(layerSchema);
coded(layerSchema, {
  value: (got) => ({ code: 'notLayer', params: { got: summarizeValue(got) } }),
  discriminator: (got) => ({
    code: 'notOneOf',
    params: { options: LAYER_TYPES, got: summarizeValue(got) },
  }),
});

/**
 * A network for 28×28 grayscale images: `input` [28, 28, 1] (the shape of both data sets)
 * and its hidden `layers` in order; a final dense layer to the class count and the softmax
 * are implied.
 */
export const architectureSchema = coded(
  fields({
    input: v.optional(
      coded(
        v.custom<readonly [number, number, number]>(
          (x) => Array.isArray(x) && x.length === 3 && x.every((n, i) => n === INPUT_SHAPE[i]),
        ),
        {
          value: (got) => ({
            code: 'inputShape',
            params: { expected: INPUT_SHAPE, got: summarizeValue(got) },
          }),
        },
      ),
      INPUT_SHAPE,
    ),
    layers: coded(v.pipe(v.array(layerSchema), v.maxLength(MAX_LAYERS), v.readonly()), {
      value: (got, issue) =>
        issue?.type === 'max_length'
          ? { code: 'tooManyLayers', params: { max: MAX_LAYERS, got: (got as unknown[]).length } }
          : { code: 'notLayerList', params: { got: summarizeValue(got) } },
    }),
  }),
  { value: (got) => ({ code: 'notArchitecture', params: { got: summarizeValue(got) } }) },
);

export type ArchitectureSpec = Readonly<v.InferOutput<typeof architectureSchema>>;
export type LayerSpec = Readonly<v.InferOutput<typeof layerSchema>>;
/** The `type` of a hidden layer: conv, relu, tanh, leakyRelu, maxPool, avgPool, flatten, dense. */
export type LayerType = LayerSpec['type'];

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

/** Largest multiply-add count of one image's forward pass (the default net has 0.79 M). */
export const MAX_FORWARD_MACS = 50_000_000;
/** Largest number of activation values of one image, summed over layers (default: 20 k). */
export const MAX_ACTIVATIONS = 400_000;
/** Largest im2col matrix of one image (output positions × receptive field). */
export const MAX_IM2COL = 4_000_000;

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

/** Thrown by `validateArchitecture`; its message lists every issue's path and code. */
export class ArchitectureError extends Error {
  constructor(readonly issues: readonly ArchitectureIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.code}`).join('\n'));
    this.name = 'ArchitectureError';
  }
}

/** Like `checkArchitecture`, but returns the spec or throws an `ArchitectureError`. */
export function validateArchitecture(raw: unknown, path = 'architecture'): ArchitectureSpec {
  const checked = checkArchitecture(raw, path);
  if (!checked.ok) throw new ArchitectureError(checked.issues);
  return checked.value;
}

/**
 * Unknown JSON in, a complete `ArchitectureSpec` out (defaults filled in: stride 1 and pad 0
 * for conv, stride = size for pooling, slope 0.01 for leaky ReLU), or every issue found, each
 * naming its field path under `path`. Shapes are walked layer by layer: a kernel or pooling
 * window larger than its (padded) input, or a net too large to train live, is an issue.
 */
export function checkArchitecture(raw: unknown, path = 'architecture'): ArchitectureCheck {
  const read = readWith(architectureSchema, raw, path);
  if (!read.ok) return read;
  const issues = shapeIssues(read.value, path);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: read.value };
}

/**
 * The shapes of a spec the schema has read, walked layer by layer: a kernel or pooling window
 * larger than its (padded) input, or a net too large to train live. Paths under `path`.
 */
export function shapeIssues(spec: ArchitectureSpec, path: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  checkShapes(spec, `${path}.layers`, (where, detail) => issues.push({ path: where, ...detail }));
  return issues;
}

/** Records an issue: where, and the detail the UI words. */
type Fail = (path: string, detail: IssueDetail) => void;

function checkShapes(spec: ArchitectureSpec, path: string, fail: Fail): void {
  let [height, width, channels] = spec.input;
  let activations = height * width * channels;
  let macs = 0;
  for (const [i, layer] of spec.layers.entries()) {
    const at = `${path}[${i}]`;
    if (layer.type === 'conv') {
      if (layer.pad >= layer.size) {
        fail(`${at}.pad`, { code: 'padTooLarge', params: { pad: layer.pad, size: layer.size } });
        return;
      }
      if (layer.size > height + 2 * layer.pad || layer.size > width + 2 * layer.pad) {
        fail(`${at}.size`, {
          code: 'kernelTooLarge',
          params: { size: layer.size, height, width, pad: layer.pad },
        });
        return;
      }
      const field = channels * layer.size * layer.size;
      height = Math.floor((height + 2 * layer.pad - layer.size) / layer.stride) + 1;
      width = Math.floor((width + 2 * layer.pad - layer.size) / layer.stride) + 1;
      if (height * width * field > MAX_IM2COL) {
        fail(at, {
          code: 'im2colTooLarge',
          params: { values: height * width * field, max: MAX_IM2COL },
        });
        return;
      }
      channels = layer.filters;
      macs += height * width * channels * field;
    } else if (layer.type === 'maxPool' || layer.type === 'avgPool') {
      if (layer.size > height || layer.size > width) {
        fail(`${at}.size`, {
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
    fail(path, { code: 'tooManyMacs', params: { macs, max: MAX_FORWARD_MACS } });
  }
  if (activations > MAX_ACTIVATIONS) {
    fail(path, {
      code: 'tooManyActivations',
      params: { activations, max: MAX_ACTIVATIONS },
    });
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
