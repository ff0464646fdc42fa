/**
 * The optimizers against an independent reference: a plain scalar transcription of the
 * pseudo-code in PyTorch's torch.optim documentation (SGD, Adagrad, RMSprop, Adam, AdamW,
 * Adadelta) plus the textbook classic momentum, written here without calling the app's code.
 * Fifty steps with seeded random gradients, two parameter tensors, a learning-rate change
 * half way; Float64 results must agree to ~1e-12 relative.
 */
import { describe, expect, it } from 'vitest';
import type { OptimizerConfig } from '../../src/core/config/experiment.ts';
import { createOptimizer, OPTIMIZER_DEFAULTS } from '../../src/core/optimizers/index.ts';
import type { Optimizer, ParamTensor, Tensor } from '../../src/core/optimizers/optimizer.ts';
import { Random } from '../../src/core/random.ts';

// ---------------------------------------------------------------------------------------------
// Reference: one parameter θ at a time, state as named numbers, hyperparameters per call.

type Scalar = Record<string, number>;
interface Reference {
  /** One update of scalar θ with gradient g at step t (1, 2, …); returns the new θ. */
  (h: OptimizerConfig, s: Scalar, theta: number, g: number, lr: number, t: number): number;
}

const referenceSgd: Reference = (h, _s, theta, g, lr) => {
  if (h.kind !== 'sgd') throw new Error('kind');
  if (h.weightDecay !== 0) g = g + h.weightDecay * theta;
  return theta - lr * g;
};

/** torch.optim.SGD with momentum: `if t > 1: b ← μb + (1−τ)g else b ← g`. */
const referenceMomentumPytorch: Reference = (h, s, theta, g, lr, t) => {
  if (h.kind !== 'momentum') throw new Error('kind');
  if (h.weightDecay !== 0) g = g + h.weightDecay * theta;
  if (h.momentum !== 0) {
    if (t > 1) s.b = h.momentum * s.b! + (1 - h.dampening) * g;
    else s.b = g;
    if (h.nesterov) g = g + h.momentum * s.b;
    else g = s.b;
  }
  return theta - lr * g;
};

/** Textbook momentum: v ← γv + (1−d)ηg (v ← ηg at first), θ ← θ − v (nesterov: γv + ηg). */
const referenceMomentumClassic: Reference = (h, s, theta, g, lr, t) => {
  if (h.kind !== 'momentum') throw new Error('kind');
  if (h.weightDecay !== 0) g = g + h.weightDecay * theta;
  if (h.momentum === 0) return theta - lr * g;
  s.v = t > 1 ? h.momentum * s.v! + (1 - h.dampening) * lr * g : lr * g;
  return theta - (h.nesterov ? h.momentum * s.v + lr * g : s.v);
};

/** torch.optim.Adagrad: γ̃ ← γ/(1+(t−1)η), state_sum ← state_sum + g², θ ← θ − γ̃ g/(√sum + ε). */
const referenceAdagrad: Reference = (h, s, theta, g, lr, t) => {
  if (h.kind !== 'adagrad') throw new Error('kind');
  s.sum ??= h.initialAccumulator;
  const clr = lr / (1 + (t - 1) * h.lrDecay);
  if (h.weightDecay !== 0) g = g + h.weightDecay * theta;
  s.sum = s.sum + g * g;
  return theta - (clr * g) / (Math.sqrt(s.sum) + h.eps);
};

/** torch.optim.RMSprop pseudo-code. */
const referenceRmsprop: Reference = (h, s, theta, g, lr) => {
  if (h.kind !== 'rmsprop') throw new Error('kind');
  s.v ??= 0;
  s.b ??= 0;
  s.gAve ??= 0;
  if (h.weightDecay !== 0) g = g + h.weightDecay * theta;
  s.v = h.alpha * s.v + (1 - h.alpha) * g * g;
  let vTilde = s.v;
  if (h.centered) {
    s.gAve = s.gAve * h.alpha + (1 - h.alpha) * g;
    vTilde = vTilde - s.gAve * s.gAve;
  }
  if (h.momentum > 0) {
    s.b = h.momentum * s.b + g / (Math.sqrt(vTilde) + h.eps);
    return theta - lr * s.b;
  }
  return theta - (lr * g) / (Math.sqrt(vTilde) + h.eps);
};

/** torch.optim.Adam and torch.optim.AdamW pseudo-code (AdamW: θ ← θ − γλθ first). */
const referenceAdam: Reference = (h, s, theta, g, lr, t) => {
  if (h.kind !== 'adam' && h.kind !== 'adamw') throw new Error('kind');
  s.m ??= 0;
  s.v ??= 0;
  s.vMax ??= 0;
  if (h.kind === 'adamw') theta = theta - lr * h.weightDecay * theta;
  else if (h.weightDecay !== 0) g = g + h.weightDecay * theta;
  s.m = h.beta1 * s.m + (1 - h.beta1) * g;
  s.v = h.beta2 * s.v + (1 - h.beta2) * g * g;
  const mHat = s.m / (1 - Math.pow(h.beta1, t));
  let vHat: number;
  if (h.amsgrad) {
    s.vMax = Math.max(s.vMax, s.v);
    vHat = s.vMax / (1 - Math.pow(h.beta2, t));
  } else {
    vHat = s.v / (1 - Math.pow(h.beta2, t));
  }
  return theta - (lr * mHat) / (Math.sqrt(vHat) + h.eps);
};

/** torch.optim.Adadelta pseudo-code. */
const referenceAdadelta: Reference = (h, s, theta, g, lr) => {
  if (h.kind !== 'adadelta') throw new Error('kind');
  s.v ??= 0;
  s.u ??= 0;
  if (h.weightDecay !== 0) g = g + h.weightDecay * theta;
  s.v = s.v * h.rho + g * g * (1 - h.rho);
  const dx = (Math.sqrt(s.u + h.eps) / Math.sqrt(s.v + h.eps)) * g;
  s.u = s.u * h.rho + dx * dx * (1 - h.rho);
  return theta - lr * dx;
};

function referenceFor(h: OptimizerConfig): Reference {
  switch (h.kind) {
    case 'sgd':
      return referenceSgd;
    case 'momentum':
      return h.form === 'pytorch' ? referenceMomentumPytorch : referenceMomentumClassic;
    case 'adagrad':
      return referenceAdagrad;
    case 'rmsprop':
      return referenceRmsprop;
    case 'adam':
    case 'adamw':
      return referenceAdam;
    case 'adadelta':
      return referenceAdadelta;
  }
}

/** The app's state names for the reference's scalar names, per kind (for comparing state). */
function stateNames(h: OptimizerConfig): Record<string, string> {
  switch (h.kind) {
    case 'sgd':
      return {};
    case 'momentum':
      return { velocity: h.form === 'pytorch' ? 'b' : 'v' };
    case 'adagrad':
      return { sum: 'sum' };
    case 'rmsprop':
      return {
        squareAvg: 'v',
        ...(h.centered ? { gradAvg: 'gAve' } : {}),
        ...(h.momentum > 0 ? { momentumBuffer: 'b' } : {}),
      };
    case 'adam':
    case 'adamw':
      return { m: 'm', v: 'v', ...(h.amsgrad ? { vMax: 'vMax' } : {}) };
    case 'adadelta':
      return { squareAvg: 'v', accDelta: 'u' };
  }
}

// ---------------------------------------------------------------------------------------------
// Harness: two tensors (lengths 3 and 2) = 5 scalars; gradient g = a⊙θ + noise, drawn from the
// reference's θ and fed to both so that only the update rules can differ.

const SIZES = [3, 2];
const CURVATURE = [1, 4, 0.5, 2, 8];
const START = [1.5, -0.7, 2.2, -1.9, 0.4];

function makeTensors(type: 'f64' | 'f32'): ParamTensor[] {
  let offset = 0;
  return SIZES.map((n, k) => {
    const values = START.slice(offset, offset + n);
    offset += n;
    const make = (xs: number[]): Tensor =>
      type === 'f64' ? Float64Array.from(xs) : Float32Array.from(xs);
    return { name: `p${k}`, params: make(values), grads: make(new Array<number>(n).fill(0)) };
  });
}

function flat(tensors: readonly ParamTensor[], pick: (t: ParamTensor) => Tensor): number[] {
  return tensors.flatMap((t) => Array.from(pick(t)));
}

function flatState(optimizer: Optimizer<OptimizerConfig>, name: string): number[] {
  return SIZES.flatMap((_n, k) => Array.from(optimizer.state(k)[name] ?? []));
}

interface Trace {
  theta: number[][];
  state: Array<Record<string, number[]>>;
}

/**
 * Runs the reference and the app side by side for `steps` steps. `schedule(t)` gives (config,
 * lr) for step t (0-based); a changed config is applied with `configure` at that step.
 */
function race(
  schedule: (t: number) => { config: OptimizerConfig; lr: number },
  steps: number,
  type: 'f64' | 'f32' = 'f64',
  seed = 11,
) {
  const rng = new Random(seed);
  const tensors = makeTensors(type);
  const optimizer = createOptimizer(schedule(0).config, tensors);
  const refTheta = START.slice();
  const refState: Scalar[] = START.map(() => ({}));
  const app: Trace = { theta: [], state: [] };
  const ref: Trace = { theta: [], state: [] };
  for (let t = 0; t < steps; t++) {
    const { config, lr } = schedule(t);
    if (config !== optimizer.config) optimizer.configure(config);
    const reference = referenceFor(config);
    const g = refTheta.map((x, i) => CURVATURE[i]! * x + 0.5 * rng.normal());
    let offset = 0;
    for (const tensor of tensors) {
      tensor.grads.set(g.slice(offset, offset + tensor.grads.length));
      offset += tensor.grads.length;
    }
    optimizer.step(lr);
    for (let i = 0; i < refTheta.length; i++) {
      refTheta[i] = reference(config, refState[i]!, refTheta[i]!, g[i]!, lr, t + 1);
    }
    app.theta.push(flat(tensors, (x) => x.params));
    ref.theta.push(refTheta.slice());
    const names = stateNames(config);
    app.state.push(
      Object.fromEntries(Object.keys(names).map((name) => [name, flatState(optimizer, name)])),
    );
    ref.state.push(
      Object.fromEntries(
        Object.entries(names).map(([name, r]) => [name, refState.map((s) => s[r]!)]),
      ),
    );
  }
  return { app, ref, optimizer, tensors };
}

/** Worst |a − r| / max(1, max|r|) over a vector. */
function relativeError(a: readonly number[], r: readonly number[]): number {
  const scale = Math.max(1, ...r.map(Math.abs));
  return Math.max(...r.map((x, i) => Math.abs(a[i]! - x) / scale));
}

function expectTracesAgree(app: Trace, ref: Trace, tolerance: number) {
  expect(app.theta.length).toBe(ref.theta.length);
  let worst = 0;
  app.theta.forEach((theta, t) => {
    worst = Math.max(worst, relativeError(theta, ref.theta[t]!));
    for (const [name, values] of Object.entries(ref.state[t]!)) {
      expect(app.state[t]![name], `state ${name} at step ${t}`).toHaveLength(values.length);
      worst = Math.max(worst, relativeError(app.state[t]![name]!, values));
    }
  });
  expect(worst).toBeLessThan(tolerance);
  // The run must actually have moved, or agreement would prove nothing.
  expect(relativeError(ref.theta.at(-1)!, START)).toBeGreaterThan(1e-3);
}

/** Every option of every optimizer that the reference covers, with a base rate. */
const CASES: Array<{ name: string; config: OptimizerConfig }> = [
  { name: 'sgd', config: { ...OPTIMIZER_DEFAULTS.sgd, lr: 0.05 } },
  { name: 'sgd + weight decay', config: { ...OPTIMIZER_DEFAULTS.sgd, lr: 0.05, weightDecay: 0.1 } },
  ...(['pytorch', 'classic'] as const).flatMap((form) => [
    { name: `momentum ${form}`, config: { ...OPTIMIZER_DEFAULTS.momentum, lr: 0.02, form } },
    {
      name: `momentum ${form} nesterov`,
      config: { ...OPTIMIZER_DEFAULTS.momentum, lr: 0.02, form, nesterov: true },
    },
    {
      name: `momentum ${form} dampening`,
      config: { ...OPTIMIZER_DEFAULTS.momentum, lr: 0.02, form, dampening: 0.3 },
    },
    {
      name: `momentum ${form} nesterov + weight decay`,
      config: { ...OPTIMIZER_DEFAULTS.momentum, lr: 0.02, form, nesterov: true, weightDecay: 0.05 },
    },
  ]),
  { name: 'adagrad', config: { ...OPTIMIZER_DEFAULTS.adagrad, lr: 0.3 } },
  {
    name: 'adagrad lrDecay + initialAccumulator + weight decay',
    config: {
      ...OPTIMIZER_DEFAULTS.adagrad,
      lr: 0.3,
      lrDecay: 0.1,
      initialAccumulator: 0.5,
      weightDecay: 0.1,
    },
  },
  { name: 'rmsprop', config: { ...OPTIMIZER_DEFAULTS.rmsprop, lr: 0.02 } },
  { name: 'rmsprop centered', config: { ...OPTIMIZER_DEFAULTS.rmsprop, lr: 0.02, centered: true } },
  { name: 'rmsprop momentum', config: { ...OPTIMIZER_DEFAULTS.rmsprop, lr: 0.01, momentum: 0.8 } },
  {
    name: 'rmsprop centered + momentum + weight decay',
    config: {
      ...OPTIMIZER_DEFAULTS.rmsprop,
      lr: 0.01,
      centered: true,
      momentum: 0.8,
      weightDecay: 0.1,
    },
  },
  { name: 'adam', config: { ...OPTIMIZER_DEFAULTS.adam, lr: 0.05 } },
  { name: 'adam amsgrad', config: { ...OPTIMIZER_DEFAULTS.adam, lr: 0.05, amsgrad: true } },
  {
    name: 'adam L2 weight decay',
    config: { ...OPTIMIZER_DEFAULTS.adam, lr: 0.05, weightDecay: 0.2 },
  },
  { name: 'adamw', config: { ...OPTIMIZER_DEFAULTS.adamw, lr: 0.05 } },
  {
    name: 'adamw amsgrad, strong decay',
    config: { ...OPTIMIZER_DEFAULTS.adamw, lr: 0.05, weightDecay: 0.5, amsgrad: true },
  },
  { name: 'adadelta', config: { ...OPTIMIZER_DEFAULTS.adadelta } },
  {
    name: 'adadelta rho + weight decay',
    config: { ...OPTIMIZER_DEFAULTS.adadelta, rho: 0.95, weightDecay: 0.1, eps: 1e-3 },
  },
];

/** Base rate for steps 0…24, 40 % of it from step 25 on. */
const lrAt = (config: OptimizerConfig, t: number) => (t < 25 ? config.lr : 0.4 * config.lr);

describe('optimizers against a scalar transcription of PyTorch’s pseudo-code', () => {
  it.each(CASES)('$name: 50 steps with an lr change agree to 1e-12', ({ config }) => {
    const { app, ref } = race((t) => ({ config, lr: lrAt(config, t) }), 50);
    expectTracesAgree(app, ref, 1e-12);
  });

  it.each(CASES)(
    '$name: Float32 tensors keep Float32 state and follow the reference',
    ({ config }) => {
      const { app, ref, optimizer, tensors } = race(
        (t) => ({ config, lr: lrAt(config, t) }),
        50,
        'f32',
      );
      tensors.forEach((tensor, k) => {
        expect(tensor.params).toBeInstanceOf(Float32Array);
        for (const buffer of Object.values(optimizer.state(k)))
          expect(buffer).toBeInstanceOf(Float32Array);
      });
      // Single precision (~6e-8 per rounding) over 50 steps.
      expectTracesAgree(app, ref, 1e-4);
    },
  );
});

describe('reading and writing', () => {
  it.each(CASES)('$name: never writes the gradient buffer', ({ config }) => {
    const tensors = makeTensors('f64');
    const optimizer = createOptimizer({ ...config, weightDecay: 0.3 }, tensors);
    tensors.forEach((t) => t.grads.set(t.grads.map((_g, i) => 0.25 * (i + 1))));
    const before = flat(tensors, (t) => t.grads);
    for (let t = 0; t < 3; t++) optimizer.step(config.lr);
    expect(flat(tensors, (t) => t.grads)).toEqual(before);
    expect(flat(tensors, (t) => t.params)).not.toEqual(START);
  });

  it('rejects a tensor whose gradient has another length', () => {
    const bad: ParamTensor = { name: 'w', params: new Float64Array(3), grads: new Float64Array(2) };
    expect(() => createOptimizer(OPTIMIZER_DEFAULTS.adam, [bad])).toThrow(/"w"/);
  });
});

describe('configure', () => {
  // Hyperparameters change at step 20; the reference just keeps its state and uses the new ones.
  const changes: Array<{ name: string; before: OptimizerConfig; after: OptimizerConfig }> = [
    {
      name: 'momentum 0.9 → 0.5, nesterov on',
      before: { ...OPTIMIZER_DEFAULTS.momentum, lr: 0.02, form: 'pytorch' },
      after: {
        ...OPTIMIZER_DEFAULTS.momentum,
        lr: 0.02,
        form: 'pytorch',
        momentum: 0.5,
        nesterov: true,
      },
    },
    {
      name: 'adam β₁ 0.9 → 0.5, weight decay on',
      before: { ...OPTIMIZER_DEFAULTS.adam, lr: 0.05 },
      after: { ...OPTIMIZER_DEFAULTS.adam, lr: 0.05, beta1: 0.5, weightDecay: 0.1 },
    },
    {
      name: 'rmsprop α 0.99 → 0.9, momentum 0.5',
      before: { ...OPTIMIZER_DEFAULTS.rmsprop, lr: 0.02, momentum: 0.5 },
      after: { ...OPTIMIZER_DEFAULTS.rmsprop, lr: 0.02, alpha: 0.9, momentum: 0.5 },
    },
    {
      name: 'adagrad lrDecay 0 → 0.2',
      before: { ...OPTIMIZER_DEFAULTS.adagrad, lr: 0.3 },
      after: { ...OPTIMIZER_DEFAULTS.adagrad, lr: 0.3, lrDecay: 0.2 },
    },
  ];

  it.each(changes)('$name keeps the state', ({ before, after }) => {
    const { app, ref, optimizer } = race(
      (t) => ({ config: t < 20 ? before : after, lr: before.lr }),
      40,
    );
    expectTracesAgree(app, ref, 1e-12);
    expect(optimizer.config).toBe(after);
    expect(optimizer.stepCount).toBe(40);
  });

  it('refuses another kind', () => {
    const optimizer = createOptimizer(OPTIMIZER_DEFAULTS.adam, makeTensors('f64'));
    expect(() => optimizer.configure(OPTIMIZER_DEFAULTS.adamw)).toThrow(/adam.*adamw/);
  });

  it('shows the optional buffers only while their option is on', () => {
    const optimizer = createOptimizer(OPTIMIZER_DEFAULTS.rmsprop, makeTensors('f64'));
    expect(Object.keys(optimizer.state(1))).toEqual(['squareAvg']);
    optimizer.configure({ ...OPTIMIZER_DEFAULTS.rmsprop, centered: true, momentum: 0.5 });
    expect(Object.keys(optimizer.state(1))).toEqual(['squareAvg', 'gradAvg', 'momentumBuffer']);
    const adam = createOptimizer(OPTIMIZER_DEFAULTS.adam, makeTensors('f64'));
    adam.configure({ ...OPTIMIZER_DEFAULTS.adam, amsgrad: true });
    expect(Object.keys(adam.state(0))).toEqual(['m', 'v', 'vMax']);
    expect(() => adam.state(2)).toThrow(RangeError);
  });

  it('switching momentum form converts the velocity with η₀ and continues the same path', () => {
    // At a constant rate v_classic = η·b_pytorch, so after the switch the path is unchanged.
    const pytorch = { ...OPTIMIZER_DEFAULTS.momentum, lr: 0.02, form: 'pytorch' as const };
    const classic = { ...pytorch, form: 'classic' as const };
    const run = (switchAt: number) => {
      const tensors = makeTensors('f64');
      const optimizer = createOptimizer(pytorch, tensors);
      const rng = new Random(3);
      for (let t = 0; t < 40; t++) {
        if (t === switchAt) optimizer.configure(classic);
        for (const tensor of tensors) tensor.grads.set(tensor.params.map((x) => x + rng.normal()));
        optimizer.step(0.02);
      }
      return { theta: flat(tensors, (x) => x.params), velocity: flatState(optimizer, 'velocity') };
    };
    const switched = run(20);
    const straight = run(-1);
    expect(relativeError(switched.theta, straight.theta)).toBeLessThan(1e-12);
    expect(
      relativeError(
        switched.velocity,
        straight.velocity.map((b) => 0.02 * b),
      ),
    ).toBeLessThan(1e-12);
  });
});

describe('snapshot and restore', () => {
  it.each(CASES)('$name: restoring replays the exact same trajectory', ({ config }) => {
    const tensors = makeTensors('f64');
    const optimizer = createOptimizer(config, tensors);
    const rng = new Random(5);
    const grads = Array.from({ length: 30 }, () => START.map(() => rng.normal()));
    const feed = (t: number) => {
      let offset = 0;
      for (const tensor of tensors) {
        tensor.grads.set(grads[t]!.slice(offset, offset + tensor.grads.length));
        offset += tensor.grads.length;
      }
      optimizer.step(lrAt(config, t));
    };
    for (let t = 0; t < 10; t++) feed(t);
    const snapshot = optimizer.snapshot();
    const params = flat(tensors, (t) => t.params);
    const record = () => {
      const out: number[][] = [];
      for (let t = 10; t < 30; t++) {
        feed(t);
        out.push([
          ...flat(tensors, (x) => x.params),
          ...SIZES.flatMap((_n, k) =>
            Object.values(optimizer.state(k)).flatMap((b) => Array.from(b)),
          ),
        ]);
      }
      return out;
    };
    const first = record();
    expect(optimizer.stepCount).toBe(30);
    // The snapshot is a copy: 20 more steps did not change it.
    expect(snapshot.stepCount).toBe(10);
    optimizer.restore(snapshot);
    expect(optimizer.stepCount).toBe(10);
    let offset = 0;
    for (const tensor of tensors) {
      tensor.params.set(params.slice(offset, offset + tensor.params.length));
      offset += tensor.params.length;
    }
    expect(record()).toEqual(first);
  });

  it('rejects a snapshot of another shape and leaves the state untouched', () => {
    const optimizer = createOptimizer(OPTIMIZER_DEFAULTS.adam, makeTensors('f64'));
    const other = createOptimizer(OPTIMIZER_DEFAULTS.momentum, makeTensors('f64'));
    const mine = optimizer.snapshot();
    expect(() => optimizer.restore(other.snapshot())).toThrow(/"m"/);
    const single = createOptimizer(OPTIMIZER_DEFAULTS.adam, [makeTensors('f64')[0]!]);
    expect(() => optimizer.restore(single.snapshot())).toThrow(/1 tensors/);
    expect(optimizer.snapshot()).toEqual(mine);
  });
});

describe('the two momentum forms', () => {
  const pytorch = { ...OPTIMIZER_DEFAULTS.momentum, lr: 0.02, form: 'pytorch' as const };
  const classic = { ...pytorch, form: 'classic' as const };

  it.each([false, true])('trace the same path at a constant rate (nesterov %s)', (nesterov) => {
    const a = race(() => ({ config: { ...pytorch, nesterov }, lr: 0.02 }), 50);
    const b = race(() => ({ config: { ...classic, nesterov }, lr: 0.02 }), 50);
    a.app.theta.forEach((theta, t) =>
      expect(relativeError(theta, b.app.theta[t]!)).toBeLessThan(1e-12),
    );
  });

  it.each([false, true])('part ways after a rate change (nesterov %s)', (nesterov) => {
    const lr = (t: number) => (t < 25 ? 0.02 : 0.005);
    const a = race((t) => ({ config: { ...pytorch, nesterov }, lr: lr(t) }), 50);
    const b = race((t) => ({ config: { ...classic, nesterov }, lr: lr(t) }), 50);
    expect(relativeError(a.app.theta[24]!, b.app.theta[24]!)).toBeLessThan(1e-12);
    // Right after the drop, classic still carries the old rate inside v, PyTorch does not.
    expect(relativeError(a.app.theta[26]!, b.app.theta[26]!)).toBeGreaterThan(1e-3);
  });
});
