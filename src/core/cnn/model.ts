/**
 * A convnet built from an architecture spec: the hidden layers, an implied dense output layer
 * and the softmax cross-entropy head. Every buffer is allocated here, once, for `capacity`
 * samples; a forward or backward pass allocates nothing.
 */
import type { ParamTensor } from '../optimizers/optimizer.ts';
import type { Random } from '../random.ts';
import { summarizeArchitecture, type ArchitectureSpec, type LayerSpec } from './architecture.ts';
import { JS_ENGINE, type CnnEngine, type EngineName } from './engine.ts';
import type { ModelMemory } from './memory.ts';
import { LeakyRelu, Relu, Tanh } from './layers/activation.ts';
import { Conv2d } from './layers/conv2d.ts';
import { Dense } from './layers/dense.ts';
import { Flatten } from './layers/flatten.ts';
import type { Layer } from './layers/layer.ts';
import { AvgPool, MaxPool } from './layers/pooling.ts';
import { SoftmaxCrossEntropy } from './layers/softmaxCrossEntropy.ts';
import { shapeSize, type Precision, type Shape, type Tensor } from './tensor.ts';

/** Samples one pass holds at most; larger batches run in chunks that accumulate gradients. */
export const DEFAULT_CAPACITY = 32;

/** How a model's buffers are allocated. */
export interface ModelOptions {
  /** Float type of every buffer. Default "float32". */
  readonly precision?: Precision;
  /** Samples per forward/backward pass. Default 32. */
  readonly capacity?: number;
  /** What runs the layers. Default the plain-JS engine (the only one for float64). */
  readonly engine?: CnnEngine;
}

/**
 * The layers of a spec, the implied output layer and the softmax head, with every buffer they
 * need. `forward` then `backward` on the same samples give ∂(scale·Σ L)/∂θ in the `params`.
 */
export class Model {
  readonly layers: readonly Layer[];
  readonly head: SoftmaxCrossEntropy;
  /** x, [capacity × height·width·channels] in CHW order: callers write samples here. */
  readonly input: Tensor;
  readonly inputShape: Shape;
  readonly capacity: number;
  readonly precision: Precision;
  /** The engine that runs the layers. */
  readonly engine: EngineName;
  /** Bytes of the model's buffers (for the WebAssembly engine: its whole memory). */
  readonly bytes: number;
  /** One weight and one bias tensor per conv and dense layer, in layer order. */
  readonly params: readonly ParamTensor[];
  /** Index of the first layer with parameters: below it no gradient is needed. */
  private readonly firstWithParams: number;

  constructor(
    spec: ArchitectureSpec,
    readonly classes: number,
    rng: Random,
    options: ModelOptions = {},
  ) {
    const precision = options.precision ?? 'float32';
    const capacity = options.capacity ?? DEFAULT_CAPACITY;
    const [height, width, channels] = spec.input;
    this.precision = precision;
    this.capacity = capacity;
    this.inputShape = { height, width, channels };
    const names = summarizeArchitecture(spec, classes).map((s) => s.name);
    const build = (memory: ModelMemory) => {
      const input = memory.allocate(capacity * shapeSize(this.inputShape));
      const layers: Layer[] = [];
      let shape = this.inputShape;
      spec.layers.forEach((layerSpec, i) => {
        const layer = createLayer(layerSpec, names[i]!, shape, capacity, memory);
        layers.push(layer);
        shape = layer.outShape;
      });
      layers.push(new Dense(names[names.length - 1]!, shape, classes, capacity, memory));
      return { input, layers, head: new SoftmaxCrossEntropy(classes, capacity, memory) };
    };
    const built = (options.engine ?? JS_ENGINE).build(precision, build);
    this.engine = built.engine;
    this.bytes = built.bytes;
    this.input = built.model.input;
    const layers = built.model.layers;
    this.layers = layers;
    this.head = built.model.head;
    this.params = layers.flatMap((layer) => layer.params);
    this.firstWithParams = layers.findIndex((layer) => layer.params.length > 0);
    // Initialise in layer order from one generator, so one seed gives one set of weights.
    layers.forEach((layer, i) => {
      const next = nextActivation(spec.layers, i);
      if (layer instanceof Conv2d) layer.initialize(rng, gainFor(next));
      else if (layer instanceof Dense)
        layer.initialize(rng, gainFor(next), next === null || next.type === 'tanh');
    });
  }

  /** Class scores z of the last forward pass, [capacity × classes]. */
  get logits(): Tensor {
    return this.layers[this.layers.length - 1]!.output;
  }

  /** Softmax probabilities of the last forward pass, [capacity × classes]. */
  get probabilities(): Tensor {
    return this.head.probabilities;
  }

  /** Multiply-adds of one sample's forward pass. */
  get forwardMacs(): number {
    return this.layers.reduce((sum, layer) => sum + layer.forwardMacs, 0);
  }

  /**
   * Multiply-adds of one sample's training step done densely: forward, weight gradients, and
   * input gradients of every layer with parameters except the first (nobody needs ∂L/∂image).
   * The nominal count used to compare engines; this one skips the zeros of ∂L/∂y.
   */
  get trainingMacs(): number {
    const first = this.firstWithParams;
    return this.layers.reduce(
      (sum, layer, i) => sum + layer.forwardMacs * (i === first ? 2 : 3),
      0,
    );
  }

  /**
   * Forward pass of the first `count` samples of `input`; with `labels`, returns
   * Σₛ −log p[labels[labelOffset + s]] over them (else 0).
   */
  forward(count: number, labels: ArrayLike<number> | null = null, labelOffset = 0): number {
    this.checkCount(count);
    let x = this.input;
    for (const layer of this.layers) {
      layer.forward(x, count);
      x = layer.output;
    }
    return this.head.forward(x, count, labels, labelOffset);
  }

  /**
   * Back-propagates scale·Σₛ Lₛ of the last forward pass, adding to every parameter gradient
   * (call `zeroGrads` first; chunks of one batch accumulate). Use scale = 1 / batch size for
   * the gradient of the mean loss.
   */
  backward(count: number, labels: ArrayLike<number>, labelOffset: number, scale: number): void {
    this.checkCount(count);
    this.head.backward(count, labels, labelOffset, scale);
    let grad = this.head.inputGrad;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i]!;
      const input = i === 0 ? this.input : this.layers[i - 1]!.output;
      // Below the first layer with parameters no gradient is needed.
      layer.backward(input, grad, count, i > this.firstWithParams);
      grad = layer.inputGrad;
    }
  }

  /** Sets every parameter gradient to 0. */
  zeroGrads(): void {
    for (const tensor of this.params) tensor.grads.fill(0);
  }

  /** The class with the highest probability for sample `s` of the last forward pass. */
  predicted(s: number): number {
    return this.head.predicted(s);
  }

  private checkCount(count: number): void {
    if (!(count >= 1 && count <= this.capacity)) {
      throw new RangeError(`a pass holds 1 to ${this.capacity} samples (got ${count})`);
    }
  }
}

/** Builds the model of `spec` for `classes` classes with weights drawn from `rng`. */
export function buildModel(
  spec: ArchitectureSpec,
  classes: number,
  rng: Random,
  options: ModelOptions = {},
): Model {
  return new Model(spec, classes, rng, options);
}

function createLayer(
  spec: LayerSpec,
  name: string,
  shape: Shape,
  capacity: number,
  memory: ModelMemory,
): Layer {
  switch (spec.type) {
    case 'conv':
      return new Conv2d(name, shape, spec, capacity, memory);
    case 'relu':
      return new Relu(name, shape, capacity, memory);
    case 'tanh':
      return new Tanh(name, shape, capacity, memory);
    case 'leakyRelu':
      return new LeakyRelu(name, shape, capacity, memory, spec.slope);
    case 'maxPool':
      return new MaxPool(name, shape, spec, capacity, memory);
    case 'avgPool':
      return new AvgPool(name, shape, spec, capacity, memory);
    case 'flatten':
      return new Flatten(name, shape, capacity, memory);
    case 'dense':
      return new Dense(name, shape, spec.units, capacity, memory);
  }
}

type ActivationSpec = Extract<LayerSpec, { type: 'relu' | 'tanh' | 'leakyRelu' }>;

/** The activation applied after layer `index` (pooling and flatten pass over), or null. */
function nextActivation(layers: readonly LayerSpec[], index: number): ActivationSpec | null {
  for (let i = index + 1; i < layers.length; i++) {
    const layer = layers[i]!;
    if (layer.type === 'relu' || layer.type === 'tanh' || layer.type === 'leakyRelu') return layer;
    if (layer.type === 'conv' || layer.type === 'dense') return null;
  }
  return null;
}

/** He's gain: √2 before ReLU, √(2 / (1 + a²)) before leaky ReLU, 1 otherwise. */
function gainFor(activation: ActivationSpec | null): number {
  if (activation?.type === 'relu') return Math.SQRT2;
  if (activation?.type === 'leakyRelu')
    return Math.sqrt(2 / (1 + activation.slope * activation.slope));
  return 1;
}
