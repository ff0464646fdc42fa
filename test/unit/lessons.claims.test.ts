/**
 * Every claim a lesson's text makes, measured: each test runs that step's experiment through
 * the core (over several seeds where noise is involved) and checks the claim against numbers
 * worked out here independently — closed-form rates, a literal transcription of the code a
 * lesson quotes, Newton's method on the regularised loss — not against what the app prints.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeArchitecture, type ArchitectureSpec } from '../../src/core/cnn/architecture.ts';
import { validateExperiment } from '../../src/core/config/validate.ts';
import { LESSONS } from '../../src/core/lessons/index.ts';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import type { StepRecord } from '../../src/core/run/records.ts';
import { runToEnd } from '../../src/core/run/runExperiment.ts';
import { readMnist } from '../../src/cli/nodeResources.ts';
import type { TrainerResources } from '../../src/core/run/createTrainers.ts';

let mnist: ArrayBuffer | undefined;
/** The MNIST bytes the convnet lessons train on (read once). */
function withData(): TrainerResources {
  mnist ??= readMnist();
  return { mnist };
}

type Config = Record<string, unknown> & { seed: number; steps: number };

/** A copy of a lesson step's experiment, to vary (seed, steps) without touching the catalogue. */
function experimentOf(lessonId: string, stepId: string): Config {
  const step = LESSONS.find((l) => l.id === lessonId)?.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`no step ${lessonId}/${stepId}`);
  return structuredClone(step.experiment) as Config;
}

/** Every record of every run, by run label. */
function run(config: Config): Map<string, StepRecord[]> {
  const result = validateExperiment(config);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const byRun = new Map<string, StepRecord[]>();
  runToEnd(createTrainers(result.value, undefined, withData()), (r) => {
    const list = byRun.get(r.run);
    if (list) list.push(r);
    else byRun.set(r.run, [r]);
  });
  return byRun;
}

const records = (runs: Map<string, StepRecord[]>, label: string) => {
  const r = runs.get(label);
  if (!r) throw new Error(`no run ${label}`);
  return r;
};
const firstBelow = (rs: readonly StepRecord[], threshold: number) =>
  rs.find((r) => r.loss < threshold);
const meanLastLoss = (rs: readonly StepRecord[], n: number) =>
  rs.slice(-n).reduce((sum, r) => sum + r.loss, 0) / Math.min(n, rs.length);

/** Roots of z² − b·z + c, largest modulus (the heavy ball's rate along one direction). */
function rootModulus(b: number, c: number): number {
  const disc = b * b - 4 * c;
  if (disc < 0) return Math.sqrt(c);
  return Math.max(Math.abs((b + Math.sqrt(disc)) / 2), Math.abs((b - Math.sqrt(disc)) / 2));
}

describe('gradient descent (lesson 1)', () => {
  it('shrinks the shallow direction by 1 − ηλ: 0.9875 at η = 0.05 never gets below 0.001 in 150 steps, 0.925 does', () => {
    // κ = 4, no rotation: f = ½(x²/4 + y²) from (−4, 2); y goes in one step at η = 1, x shrinks
    // by 1 − η/4. Loss after t steps: ½(x0²(1 − η/4)^(2t)/4 + y0²(1 − η)^(2t)).
    const loss = (lr: number, t: number) =>
      0.5 * ((16 * (1 - lr / 4) ** (2 * t)) / 4 + 4 * (1 - lr) ** (2 * t));
    const runs = run(experimentOf('gradient-descent', 'step-size'));
    for (const [label, lr] of [
      ['η = 0.05', 0.05],
      ['η = 0.3', 0.3],
    ] as const) {
      const rs = records(runs, label);
      expect(rs[150]!.loss).toBeCloseTo(loss(lr, 150), 10);
    }
    expect(loss(0.05, 150)).toBeGreaterThan(1e-3);
    expect(firstBelow(records(runs, 'η = 0.3'), 1e-3)!.step).toBeLessThan(150);
  });
});

describe('momentum (lesson 4)', () => {
  /** The steep (λmax = 1) component v = y cos 30° − x sin 30° of the 30°-rotated valley. */
  const steep = (p: readonly number[]) =>
    p[1]! * Math.cos(Math.PI / 6) - p[0]! * Math.sin(Math.PI / 6);

  it('pays across the valley: at step 10 the steep component is ≈ 0.36 with γ = 0.6 and ≈ 0.004 without', () => {
    const runs = run(experimentOf('momentum', 'heavy-ball'));
    const v0 = steep([-4, 2]);
    // Plain GD: v_t = (1 − 1.5)^t·v0.
    const gd = v0 * (-0.5) ** 10;
    // Heavy ball on one coordinate: u ← γu + ηλv, v ← v − u (classic form, u = velocity).
    let v = v0;
    let u = 0;
    for (let t = 0; t < 10; t++) {
      u = 0.6 * u + 1.5 * v;
      v -= u;
    }
    expect(steep(records(runs, 'GD')[10]!.params!)).toBeCloseTo(gd, 10);
    expect(steep(records(runs, 'momentum 0.6')[10]!.params!)).toBeCloseTo(v, 10);
    expect(Math.abs(gd)).toBeCloseTo(0.0036, 4);
    expect(Math.abs(v)).toBeCloseTo(0.36, 2);
    // Rates: across √0.6 = 0.775 against 0.5; along the floor (λ = 0.02) 0.912 against 0.97.
    expect(rootModulus(1 + 0.6 - 1.5, 0.6)).toBeCloseTo(Math.sqrt(0.6), 12);
    expect(rootModulus(1 + 0.6 - 1.5 * 0.02, 0.6)).toBeCloseTo(0.912, 3);
    // Only where |1 − η·λmax| > √γ does momentum damp the swing: η = 1.9 gives 0.9 > 0.775.
    expect(rootModulus(1 + 0.6 - 1.9, 0.6)).toBeLessThan(Math.abs(1 - 1.9));
  });

  it('keeps its velocity: the quoted code, which resets V before each update, is plain GD (68 steps against 25)', () => {
    const config = experimentOf('momentum', 'memory');
    const runs = run(config);
    // The tutorial's code, literally: V = zeros; V = γV + ηG; W = W − V, at every step.
    const w = [-4, 2];
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const [hxx, hxy, hyy] = [0.02 * c * c + s * s, (0.02 - 1) * c * s, 0.02 * s * s + c * c];
    const reset = records(runs, 'velocity reset');
    for (let t = 0; t < 100; t++) {
      expect(reset[t]!.params![0]).toBeCloseTo(w[0]!, 10);
      expect(reset[t]!.params![1]).toBeCloseTo(w[1]!, 10);
      const g = [hxx * w[0]! + hxy * w[1]!, hxy * w[0]! + hyy * w[1]!];
      const V = [0, 0];
      for (let i = 0; i < 2; i++) {
        V[i] = 0.6 * V[i]! + 1.5 * g[i]!;
        w[i] = w[i]! - V[i]!;
      }
    }
    expect(firstBelow(reset, 1e-3)!.step).toBe(68);
    expect(firstBelow(records(runs, 'momentum 0.6'), 1e-3)!.step).toBe(25);
  });
});

describe('two ways to write momentum (lesson 5)', () => {
  const stepLength = (rs: readonly StepRecord[], t: number) =>
    Math.hypot(
      rs[t + 1]!.params![0]! - rs[t]!.params![0]!,
      rs[t + 1]!.params![1]! - rs[t]!.params![1]!,
    );

  it('at a constant η the paths coincide to rounding (< 1e-9), and 1 % more η separates them', () => {
    const gap = (config: Config) => {
      const runs = run(config);
      const a = records(runs, 'classic');
      const b = records(runs, 'PyTorch');
      expect(a).toHaveLength(b.length);
      return Math.max(
        ...a.map((r, t) =>
          Math.hypot(r.params![0]! - b[t]!.params![0]!, r.params![1]! - b[t]!.params![1]!),
        ),
      );
    };
    expect(gap(experimentOf('momentum-forms', 'same-path'))).toBeLessThan(1e-9);
    const nudged = experimentOf('momentum-forms', 'same-path') as Config & {
      runs: { optimizer: { lr: number } }[];
    };
    nudged.runs[1]!.optimizer.lr = 0.101;
    expect(gap(nudged)).toBeGreaterThan(1e-3);
  });

  it('when η drops tenfold the classic step stays ≈ γ times as long, the PyTorch step shrinks ≈ tenfold', () => {
    const runs = run(experimentOf('momentum-forms', 'rate-drop'));
    const classic = records(runs, 'classic');
    const pytorch = records(runs, 'PyTorch');
    // Identical until the drop at step 20.
    expect(stepLength(classic, 19)).toBe(stepLength(pytorch, 19));
    expect(stepLength(classic, 20) / stepLength(classic, 19)).toBeGreaterThan(0.85);
    expect(stepLength(pytorch, 20) / stepLength(pytorch, 19)).toBeLessThan(0.15);
    // PyTorch gets below 0.01 first; the classic run, coasting on, not within the 200 steps.
    expect(firstBelow(pytorch, 0.01)!.step).toBeLessThan(200);
    expect(firstBelow(classic, 0.01)).toBeUndefined();
  });

  it('after a live change of both η to 0.01 the classic run coasts on; which arrives first depends on the step', () => {
    const config = experimentOf('momentum-forms', 'live-change');
    const arrivals = (atStep: number) => {
      const result = validateExperiment(config);
      if (!result.ok) throw new Error('invalid');
      const trainers = createTrainers(result.value, undefined, withData());
      const byRun = new Map<string, StepRecord[]>(trainers.map((t) => [t.label, []]));
      let active = trainers.filter((t) => t.status === 'running');
      while (active.length > 0) {
        for (const t of active) {
          if (t.t === atStep)
            t.reconfigure({ ...t.run, optimizer: { ...t.run.optimizer, lr: 0.01 } });
          byRun.get(t.label)!.push(t.advance());
        }
        active = active.filter((t) => t.status === 'running');
      }
      const classic = byRun.get('classic')!;
      const pytorch = byRun.get('PyTorch')!;
      expect(stepLength(classic, atStep) / stepLength(classic, atStep - 1)).toBeGreaterThan(0.85);
      expect(stepLength(pytorch, atStep) / stepLength(pytorch, atStep - 1)).toBeLessThan(0.2);
      return [firstBelow(classic, 1e-3)!.step, firstBelow(pytorch, 1e-3)!.step] as const;
    };
    const [classic15, pytorch15] = arrivals(15);
    expect(classic15).toBeLessThan(pytorch15); // the stored velocity carries it to the minimum…
    const [classic20, pytorch20] = arrivals(20);
    expect(pytorch20).toBeLessThan(classic20); // …or past it
  });
});

describe('learning rate (lesson 2)', () => {
  it('diverges just past 2/λmax and settles just below it', () => {
    const runs = run(experimentOf('learning-rate', 'the-limit'));
    expect(records(runs, 'η = 2.1').at(-1)!.diverged).toBe(true);
    expect(firstBelow(records(runs, 'η = 1.9'), 1e-3)).toBeDefined();
  });
});

describe('batch size (lesson 3), over eight seeds', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 9];
  it('counted in samples the single-sample run is always first; counted in steps the runs are within a factor of two', () => {
    for (const seed of seeds) {
      const config = experimentOf('batch-size', 'cost');
      config.seed = seed;
      const runs = run(config);
      // The full batch is deterministic GD and has settled by step 300: its loss is f*.
      const threshold = records(runs, 'full batch').at(-1)!.loss + 0.06;
      const at = (label: string) => firstBelow(records(runs, label), threshold)!;
      const [full, mini, single] = [at('full batch'), at('mini-batch 8'), at('stochastic')];
      expect(single.samplesSeen!, `seed ${seed}`).toBeLessThan(mini.samplesSeen!);
      expect(mini.samplesSeen!, `seed ${seed}`).toBeLessThan(full.samplesSeen!);
      expect(full.step / single.step, `seed ${seed}`).toBeGreaterThan(0.5);
      expect(full.step / single.step, `seed ${seed}`).toBeLessThan(2);
      // Near the minimum the single-sample run hovers above the others (mean of 50 steps).
      const end = (label: string) => meanLastLoss(records(runs, label), 50);
      expect(end('full batch'), `seed ${seed}`).toBeLessThan(end('stochastic'));
      expect(end('mini-batch 8'), `seed ${seed}`).toBeLessThan(end('stochastic'));
    }
  });
});

describe('when momentum hurts (lesson 6)', () => {
  it('with γ = 0.99 the distance shrinks by √0.99 ≈ 0.995 per step (the loss by 0.99)', () => {
    const rs = records(run(experimentOf('momentum-overshoot', 'too-much')), 'γ = 0.99');
    // Both directions have complex roots of modulus √γ (ηλ = 0.3 and 0.03): the loss envelope
    // falls by γ per step. Compare the envelope over two windows 100 steps apart.
    expect(rootModulus(1.99 - 0.3, 0.99)).toBeCloseTo(Math.sqrt(0.99), 12);
    expect(rootModulus(1.99 - 0.03, 0.99)).toBeCloseTo(Math.sqrt(0.99), 12);
    const peak = (from: number) => Math.max(...rs.slice(from, from + 50).map((r) => r.loss));
    expect(peak(200) / peak(100)).toBeGreaterThan(0.99 ** 100 / 1.5);
    expect(peak(200) / peak(100)).toBeLessThan(0.99 ** 100 * 1.5);
  });
});

describe('when momentum hurts (lesson 6): the overshoot the map prediction asks for', () => {
  it('the heavy ball in the round bowl turns round at (3.368, −1.684) at step 4', () => {
    // κ = 1: every direction has curvature 1, so the ball moves on the line through (−4, 2)
    // and the origin; along it, by hand, v ← 0.9·v + 0.5·x, x ← x − v from x = −4:
    // x = −2, 0.8, 2.92, 3.368, then back (2.088). The y coordinate is −x/2 throughout.
    let x = -4;
    let v = 0;
    const xs = [x];
    for (let t = 0; t < 5; t++) {
      v = 0.9 * v + 0.5 * x;
      x -= v;
      xs.push(x);
    }
    expect(xs[4]).toBeCloseTo(3.368, 12);
    expect(xs[5]).toBeLessThan(xs[4]!);
    const path = records(run(experimentOf('momentum-overshoot', 'round-bowl')), 'momentum 0.9');
    const farthest = path.reduce((best, r) => (r.params![0]! > best.params![0]! ? r : best));
    expect(farthest.step).toBe(4);
    expect(farthest.params![0]).toBeCloseTo(3.368, 12);
    expect(farthest.params![1]).toBeCloseTo(-1.684, 12);
    // About 84 % of the start's distance: 3.77 against √20 ≈ 4.47.
    expect(Math.hypot(3.368, 1.684) / Math.hypot(4, 2)).toBeCloseTo(0.842, 3);
  });
});

describe('schedules (lesson 7), over six seeds', () => {
  it('the large constant η gets down first, the small one ends lower; every decay ends below constant', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const dilemma = experimentOf('schedules', 'dilemma');
      dilemma.seed = seed;
      const d = run(dilemma);
      const fast = firstBelow(records(d, 'η = 0.1'), 0.6);
      const slow = firstBelow(records(d, 'η = 0.01'), 0.6);
      expect(fast, `seed ${seed}`).toBeDefined();
      if (slow) expect(fast!.step, `seed ${seed}`).toBeLessThan(slow.step);
      expect(meanLastLoss(records(d, 'η = 0.01'), 50)).toBeLessThan(
        meanLastLoss(records(d, 'η = 0.1'), 50),
      );
      const four = experimentOf('schedules', 'four-schedules');
      four.seed = seed;
      const f = run(four);
      const constant = meanLastLoss(records(f, 'constant'), 50);
      for (const label of ['step', 'exponential', 'inverse time', 'cosine'])
        expect(meanLastLoss(records(f, label), 50), `${label}, seed ${seed}`).toBeLessThan(
          constant,
        );
    }
  });
});

describe('adaptive methods (lesson 8)', () => {
  /** Rosenbrock + (λ/2)‖θ‖² with λ = 0.1: its minimum by Newton's method from (1, 1). */
  function regularisedMinimum(): [number, number] {
    let [x, y] = [1, 1];
    for (let i = 0; i < 50; i++) {
      const gx = -2 * (1 - x) - 400 * x * (y - x * x) + 0.1 * x;
      const gy = 200 * (y - x * x) + 0.1 * y;
      const hxx = 2 - 400 * (y - 3 * x * x) + 0.1;
      const hxy = -400 * x;
      const hyy = 200.1;
      const det = hxx * hyy - hxy * hxy;
      x -= (hyy * gx - hxy * gy) / det;
      y -= (hxx * gy - hxy * gx) / det;
    }
    return [x, y];
  }

  it('Adam + L2 ends at the minimum of f + (λ/2)‖θ‖²; AdamW is still moving at 1,500 steps', () => {
    const [x, y] = regularisedMinimum();
    expect(x).toBeCloseTo(0.886142, 5);
    expect(y).toBeCloseTo(0.784858, 5);
    const endX = (steps: number) => {
      const config = experimentOf('adaptive', 'adamw');
      config.steps = steps;
      const runs = run(config);
      return {
        l2: records(runs, 'Adam + L2').at(-1)!.params!,
        w: records(runs, 'AdamW').at(-1)!.params![0]!,
      };
    };
    const at1500 = endX(1500);
    expect(Math.hypot(at1500.l2[0]! - x, at1500.l2[1]! - y)).toBeLessThan(1e-4);
    // AdamW: x = 0.74 at 1,500, 0.86 at 3,000, 0.88 at 30,000 — nearer the origin than L2.
    expect(at1500.w).toBeCloseTo(0.742, 2);
    expect(endX(3000).w).toBeCloseTo(0.862, 2);
    const late = endX(30000).w;
    expect(late).toBeCloseTo(0.881, 2);
    expect(late).toBeLessThan(x);
  });
});

describe('momentum in a convnet (lesson 9), over three seeds', () => {
  it('the velocity is 15–70× smaller than the gradient and larger than the SGD step η·g', () => {
    for (const seed of [3, 4, 5]) {
      const config = experimentOf('cnn-momentum', 'velocities');
      config.seed = seed;
      const runs = run(config);
      const ratios: number[] = [];
      const overStep: number[] = [];
      for (const r of records(runs, 'momentum').slice(20))
        for (const layer of r.layers ?? []) {
          ratios.push(layer.gradNorm / layer.stateNorm);
          overStep.push(layer.stateNorm / (0.01 * layer.gradNorm));
        }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
      expect(median(ratios), `seed ${seed}`).toBeGreaterThan(15);
      expect(median(ratios), `seed ${seed}`).toBeLessThan(70);
      expect(median(overStep), `seed ${seed}`).toBeGreaterThan(1.5);
      // The checkpoint's measure: ‖v‖/(η‖g‖) of the filters over the last 50 steps, 3 to 6.
      const filters = records(runs, 'momentum')
        .filter((r) => r.step >= config.steps - 50 && r.step < config.steps)
        .map((r) => {
          const conv = r.layers!.find((l) => l.name === 'conv1.weight')!;
          return conv.stateNorm / (r.lr * conv.gradNorm);
        });
      expect(filters).toHaveLength(50);
      expect(median(filters), `seed ${seed}`).toBeGreaterThan(3);
      expect(median(filters), `seed ${seed}`).toBeLessThan(6);
      const best = Math.max(...records(runs, 'momentum').map((r) => r.testAccuracy ?? -Infinity));
      expect(best, `seed ${seed}`).toBeGreaterThanOrEqual(0.8);
    }
  }, 60_000);
});

describe('momentum in a convnet (lesson 9) with γ = 0', () => {
  it('the velocity of the filters is exactly the SGD step η·g', () => {
    const config = experimentOf('cnn-momentum', 'velocities') as Config & {
      runs: { label: string; optimizer: Record<string, unknown> }[];
    };
    config.runs = [{ ...config.runs[1]!, optimizer: { kind: 'momentum', lr: 0.01, momentum: 0 } }];
    // Every step that updates (the last record, θ at the end, takes no step).
    for (const r of records(run(config), 'momentum').slice(0, -1)) {
      const conv = r.layers!.find((l) => l.name === 'conv1.weight')!;
      expect(conv.stateNorm / (r.lr * conv.gradNorm)).toBeCloseTo(1, 6); // float32 weights
    }
  }, 30_000);
});

describe('minima and saddles (lesson 10)', () => {
  it('the saddle has zero gradient and curvature ±2 at the origin', () => {
    // f = x² − y², by central differences of the values the run reports.
    const f = (x: number, y: number) => x * x - y * y;
    const h = 1e-3;
    expect((f(h, 0) - f(-h, 0)) / (2 * h)).toBe(0);
    expect((f(h, 0) - 2 * f(0, 0) + f(-h, 0)) / (h * h)).toBeCloseTo(2, 6);
    expect((f(0, h) - 2 * f(0, 0) + f(0, -h)) / (h * h)).toBeCloseTo(-2, 6);
    // …and the runs report exactly this f.
    for (const r of records(run(experimentOf('minima-and-saddles', 'saddle')), 'GD').slice(0, 5))
      expect(r.loss).toBeCloseTo(f(r.params![0]!, r.params![1]!), 12);
  });

  it('on noisy Rastrigin the cooled run ends below 2 and below the constant one (four seeds)', () => {
    for (const seed of [1, 2, 3, 4]) {
      const config = experimentOf('minima-and-saddles', 'annealing');
      config.seed = seed;
      const runs = run(config);
      const cooled = meanLastLoss(records(runs, 'noisy, cosine η'), 50);
      expect(cooled, `seed ${seed}`).toBeLessThan(2);
      expect(cooled, `seed ${seed}`).toBeLessThan(
        meanLastLoss(records(runs, 'noisy, constant η'), 50),
      );
    }
  });
});

/**
 * The convnet lessons on MNIST. Each run is 150–200 steps of the small net on 2,000 digits
 * (about 1–3 s in Node on an idle core); the seeds are the fewest that back each sentence.
 */
describe('what a convnet computes (lesson 11)', () => {
  it('has 104 + 1,970 = 2,074 parameters in four tensors, and reaches 70 % on three seeds', () => {
    // By hand: conv 4 kernels of 5×5×1 plus 4 biases; 28 → ⌊(28 + 4 − 5)/2⌋ + 1 = 14 → pool 7;
    // dense 4·7·7 = 196 inputs × 10 classes plus 10 biases.
    expect(Math.floor((28 + 2 * 2 - 5) / 2) + 1).toBe(14);
    const config = experimentOf('convnet-basics', 'layers');
    const summary = summarizeArchitecture(
      (config as unknown as { problem: { architecture: ArchitectureSpec } }).problem.architecture,
      10,
    );
    expect(summary.map((s) => [s.name, s.parameters])).toEqual([
      ['conv1', 104],
      ['relu1', 0],
      ['maxPool1', 0],
      ['dense', 1970],
    ]);
    expect(summary.find((s) => s.name === 'conv1')!.output).toEqual({
      height: 14,
      width: 14,
      channels: 4,
    });
    expect(summary.find((s) => s.name === 'maxPool1')!.output).toEqual({
      height: 7,
      width: 7,
      channels: 4,
    });
    for (const seed of [1, 2, 3]) {
      config.seed = seed;
      const rs = records(run(config), 'SGD');
      // Only conv and dense weights and biases are trained: pooling and ReLU have none.
      expect(rs[1]!.layers!.map((l) => l.name)).toEqual([
        'conv1.weight',
        'conv1.bias',
        'dense.weight',
        'dense.bias',
      ]);
      const kernels = (r: StepRecord) => r.layers!.find((l) => l.name === 'conv1.weight')!;
      expect(kernels(rs.at(-1)!).weightNorm).not.toBeCloseTo(kernels(rs[0]!).weightNorm, 2);
      const best = Math.max(...rs.map((r) => r.testAccuracy ?? -Infinity));
      expect(best, `seed ${seed}`).toBeGreaterThanOrEqual(0.7);
    }
  }, 120_000);
});

describe('decay and warm-up on a real network (lesson 12)', () => {
  const finalAccuracy = (rs: readonly StepRecord[]) =>
    rs.filter((r) => r.testAccuracy !== undefined).at(-1)!.testAccuracy!;

  it('the lessons load the CNN lab’s own examples', () => {
    for (const [lessonStep, file] of [
      ['step-decay', 'mnist-step-decay.json'],
      ['warm-up', 'mnist-warmup.json'],
    ] as const) {
      const example = JSON.parse(readFileSync(`public/examples/${file}`, 'utf8')) as Config;
      delete example['version'];
      expect(experimentOf('cnn-schedules', lessonStep)).toEqual(example);
    }
  });

  it('step decay: the same run until step 100, then lower loss and higher accuracy (three seeds)', () => {
    for (const seed of [1, 2, 3]) {
      const config = experimentOf('cnn-schedules', 'step-decay');
      config.seed = seed;
      const runs = run(config);
      const constant = records(runs, 'constant η');
      const decayed = records(runs, 'step decay');
      for (let t = 0; t <= 100; t++) expect(decayed[t]!.loss).toBe(constant[t]!.loss);
      expect(decayed[101]!.loss).not.toBe(constant[101]!.loss);
      expect(meanLastLoss(decayed, 50), `seed ${seed}`).toBeLessThan(meanLastLoss(constant, 50));
      expect(finalAccuracy(decayed), `seed ${seed}`).toBeGreaterThan(finalAccuracy(constant));
    }
  }, 120_000);

  it('warm-up ends lower on seeds 1–4; without it seed 4 sticks at ln 10', () => {
    for (const seed of [1, 2, 3, 4]) {
      const config = experimentOf('cnn-schedules', 'warm-up');
      config.seed = seed;
      const runs = run(config);
      const cold = records(runs, 'no warm-up');
      const warm = records(runs, 'warm-up');
      expect(meanLastLoss(warm, 50), `seed ${seed}`).toBeLessThan(meanLastLoss(cold, 50));
      if (seed === 4) {
        // A network that gives every digit 10 % has cross-entropy −log 0.1 = ln 10.
        expect(Math.abs(meanLastLoss(cold, 50) - Math.log(10))).toBeLessThan(0.01);
        expect(finalAccuracy(cold)).toBeLessThan(0.15);
      }
    }
  }, 180_000);
});

describe('momentum in a convnet at the same effective step (lesson 9), over three seeds', () => {
  it('SGD at η/(1 − γ) = 0.1 ends within 1.5× of momentum; at η = 0.01 more than twice as high', () => {
    for (const seed of [3, 4, 5]) {
      const config = experimentOf('cnn-momentum', 'effective-step') as Config & {
        runs: { label: string; optimizer: Record<string, unknown> }[];
      };
      config.seed = seed;
      config.runs.push({
        ...config.runs[0]!,
        label: 'SGD 0.1',
        optimizer: { kind: 'sgd', lr: 0.1 },
      });
      const runs = run(config);
      const momentum = meanLastLoss(records(runs, 'momentum'), 50);
      expect(meanLastLoss(records(runs, 'SGD 0.1'), 50), `seed ${seed}`).toBeLessThan(
        1.5 * momentum,
      );
      expect(meanLastLoss(records(runs, 'SGD'), 50), `seed ${seed}`).toBeGreaterThan(2 * momentum);
    }
  }, 120_000);
});
