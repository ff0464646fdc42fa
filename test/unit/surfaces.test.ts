import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/random.ts';
import { FormulaError } from '../../src/core/expression/index.ts';
import {
  SURFACES,
  createSurface,
  compileCustomSurface,
  surfaceParamDefaults,
  type Surface,
} from '../../src/core/surfaces/index.ts';
import type { SurfaceName } from '../../src/core/config/experiment.ts';

const NAMES: SurfaceName[] = [
  'quadratic',
  'rosenbrock',
  'beale',
  'himmelblau',
  'saddle',
  'rastrigin',
  'ackley',
  'sixHumpCamel',
  'ravine',
];

/** Every surface at its defaults, plus the parameterised ones at other settings. */
const CASES: [string, Surface][] = [
  ...NAMES.map((name): [string, Surface] => [name, createSurface({ surface: name, params: {} })]),
  [
    'quadratic κ=1000 θ=30',
    createSurface({ surface: 'quadratic', params: { conditionNumber: 1000, rotation: 30 } }),
  ],
  [
    'quadratic κ=3 θ=-75',
    createSurface({ surface: 'quadratic', params: { conditionNumber: 3, rotation: -75 } }),
  ],
  ['ravine k=50 a=2', createSurface({ surface: 'ravine', params: { steepness: 50, bend: 2 } })],
  ['ravine k=1 a=0', createSurface({ surface: 'ravine', params: { steepness: 1, bend: 0 } })],
];

function gradient(s: Surface, x: number, y: number): [number, number] {
  const g = new Float64Array(2);
  s.valueAndGradient(x, y, g);
  return [g[0]!, g[1]!];
}

function hessian(s: Surface, x: number, y: number): [number, number, number] {
  const h = new Float64Array(3);
  s.hessian(x, y, h);
  return [h[0]!, h[1]!, h[2]!];
}

/** |actual − expected| ≤ rel·max(1, |expected|). */
function expectClose(actual: number, expected: number, rel: number, what: string): void {
  const tolerance = rel * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance,
  );
}

/** Sample points: a few fixed ones and seeded uniform ones inside the view box. */
function samplePoints(s: Surface, seed: number): [number, number][] {
  const { xMin, xMax, yMin, yMax } = s.viewBox;
  const points: [number, number][] = [
    [s.start[0], s.start[1]],
    [0.3 * xMin + 0.7 * xMax, 0.6 * yMin + 0.4 * yMax],
    [0.8 * xMin + 0.2 * xMax, 0.1 * yMin + 0.9 * yMax],
  ];
  const random = new Random(seed);
  for (let i = 0; i < 30; i++) {
    points.push([random.uniform(xMin, xMax), random.uniform(yMin, yMax)]);
  }
  return points;
}

describe('surface derivatives match central differences', () => {
  for (const [label, s] of CASES) {
    it(label, () => {
      for (const [x, y] of samplePoints(s, 11)) {
        const h = 1e-5 * Math.max(1, Math.abs(x), Math.abs(y));
        const [gx, gy] = gradient(s, x, y);
        expectClose(gx, (s.value(x + h, y) - s.value(x - h, y)) / (2 * h), 1e-5, `${label} fx`);
        expectClose(gy, (s.value(x, y + h) - s.value(x, y - h)) / (2 * h), 1e-5, `${label} fy`);

        const [hxx, hxy, hyy] = hessian(s, x, y);
        const [gxp, gyp] = gradient(s, x + h, y);
        const [gxm, gym] = gradient(s, x - h, y);
        const [gxq, gyq] = gradient(s, x, y + h);
        const [gxr, gyr] = gradient(s, x, y - h);
        expectClose(hxx, (gxp - gxm) / (2 * h), 1e-5, `${label} fxx`);
        expectClose(hxy, (gyp - gym) / (2 * h), 1e-5, `${label} fxy from ∂fy/∂x`);
        expectClose(hxy, (gxq - gxr) / (2 * h), 1e-5, `${label} fxy from ∂fx/∂y`);
        expectClose(hyy, (gyq - gyr) / (2 * h), 1e-5, `${label} fyy`);
      }
    });
  }

  it('valueAndGradient returns the same value as value()', () => {
    const g = new Float64Array(2);
    for (const [label, s] of CASES) {
      for (const [x, y] of samplePoints(s, 5)) {
        expect(s.valueAndGradient(x, y, g), label).toBe(s.value(x, y));
      }
    }
  });
});

describe('known critical points', () => {
  for (const [label, s] of CASES) {
    it(`${label}: gradient vanishes, value as documented, Hessian of the right kind`, () => {
      expect(s.criticalPoints.length).toBeGreaterThan(0);
      for (const p of s.criticalPoints) {
        const [gx, gy] = gradient(s, p.x, p.y);
        // Coordinates are exact or rounded to the nearest double: what remains is round-off
        // (observed ≤ 6e-14; a coordinate off by 1e-13 gives ~1e-11).
        expect(Math.hypot(gx, gy), `${label} ∇f at (${p.x}, ${p.y})`).toBeLessThan(1e-12);
        expectClose(s.value(p.x, p.y), p.value, 1e-12, `${label} f at (${p.x}, ${p.y})`);
        if (label === 'ackley' && p.x === 0 && p.y === 0) continue; // a cone point: no Hessian
        const [a, b, c] = hessian(s, p.x, p.y);
        const det = a * c - b * b;
        if (p.kind === 'saddle') expect(det, `${label} saddle`).toBeLessThan(0);
        else {
          expect(det, `${label} minimum`).toBeGreaterThan(0);
          expect(a, `${label} minimum`).toBeGreaterThan(0);
        }
      }
    });
  }

  it('no sampled point of the view box lies below a global minimum', () => {
    for (const [label, s] of CASES) {
      const globals = s.criticalPoints.filter((p) => p.kind === 'global');
      if (globals.length === 0) continue;
      const best = Math.min(...globals.map((p) => p.value));
      const { xMin, xMax, yMin, yMax } = s.viewBox;
      let lowest = Infinity;
      for (let i = 0; i <= 200; i++) {
        for (let j = 0; j <= 200; j++) {
          const x = xMin + ((xMax - xMin) * i) / 200;
          const y = yMin + ((yMax - yMin) * j) / 200;
          lowest = Math.min(lowest, s.value(x, y));
        }
      }
      expect(lowest, label).toBeGreaterThanOrEqual(best - 1e-12);
    }
  });

  it('match the published minima', () => {
    const at = (name: SurfaceName, x: number, y: number) =>
      createSurface({ surface: name, params: {} }).value(x, y);
    const globalsOf = (name: SurfaceName) =>
      createSurface({ surface: name, params: {} })
        .criticalPoints.filter((p) => p.kind === 'global')
        .map((p) => [p.x, p.y, p.value]);
    expect(at('rosenbrock', 1, 1)).toBe(0);
    expect(globalsOf('rosenbrock')).toEqual([[1, 1, 0]]);
    // Beale at (3, 0.5): 1.5 − 3 + 1.5 = 0, 2.25 − 3 + 0.75 = 0, 2.625 − 3 + 0.375 = 0.
    expect(at('beale', 3, 0.5)).toBe(0);
    expect(globalsOf('beale')).toEqual([[3, 0.5, 0]]);
    // Himmelblau at (3, 2): 9 + 2 − 11 = 0 and 3 + 4 − 7 = 0. The others, to the 6 decimals
    // usually published.
    const himmelblau = globalsOf('himmelblau');
    const published = [
      [3, 2],
      [-2.805118, 3.131312],
      [-3.77931, -3.283186],
      [3.584428, -1.848126],
    ];
    expect(himmelblau).toHaveLength(4);
    for (const [px, py] of published) {
      expect(
        himmelblau.some(
          ([x, y, v]) => Math.abs(x! - px!) < 1e-6 && Math.abs(y! - py!) < 1e-6 && v === 0,
        ),
      ).toBe(true);
    }
    expect(at('rastrigin', 0, 0)).toBe(0);
    expect(Math.abs(at('ackley', 0, 0))).toBeLessThan(1e-15);
    // Six-hump camel: global minima ±(0.0898, −0.7126), f = −1.0316 (−1.031628453…).
    const camel = globalsOf('sixHumpCamel');
    expect(camel).toHaveLength(2);
    for (const sign of [1, -1]) {
      expect(
        camel.some(
          ([x, y, v]) =>
            Math.abs(x! - sign * 0.0898) < 1e-4 &&
            Math.abs(y! + sign * 0.7126) < 1e-4 &&
            Math.abs(v! + 1.031628453) < 1e-9,
        ),
      ).toBe(true);
    }
    expect(at('ravine', 0, 0)).toBe(0);
    expect(at('quadratic', 0, 0)).toBe(0);
  });

  it('the saddle has no minimum, only the saddle point at the origin', () => {
    const s = createSurface({ surface: 'saddle', params: {} });
    expect(s.criticalPoints).toEqual([{ x: 0, y: 0, value: 0, kind: 'saddle' }]);
    expect(hessian(s, 0.3, -0.7)).toEqual([2, 0, -2]);
  });

  it('Rastrigin local minima solve 2r + 20π·sin 2πr = 0 and f = r² + 10 − 10·cos 2πr', () => {
    const s = createSurface({ surface: 'rastrigin', params: {} });
    const locals = s.criticalPoints.filter((p) => p.kind === 'local');
    expect(locals).toHaveLength(4);
    for (const p of locals) {
      const r = Math.hypot(p.x, p.y);
      expect(Math.abs(2 * r + 20 * Math.PI * Math.sin(2 * Math.PI * r))).toBeLessThan(1e-12);
      expect(p.value).toBeCloseTo(r * r + 10 - 10 * Math.cos(2 * Math.PI * r), 12);
      expect(r).toBeCloseTo(0.99496, 5);
    }
  });

  it('Ackley has a zero subgradient and no Hessian at its cone point', () => {
    const s = createSurface({ surface: 'ackley', params: {} });
    expect(gradient(s, 0, 0)).toEqual([0, 0]);
    expect(hessian(s, 0, 0).every(Number.isNaN)).toBe(true);
  });
});

describe('quadratic', () => {
  const eigenvalues = (s: Surface): [number, number] => {
    const [a, b, c] = hessian(s, 0.4, -1.3);
    const mean = (a + c) / 2;
    const radius = Math.hypot((a - c) / 2, b);
    return [mean + radius, mean - radius];
  };

  it('has Hessian eigenvalues λmax = 1 and 1/κ for any rotation', () => {
    for (const kappa of [1, 2, 10, 250, 10_000]) {
      for (const rotation of [-90, -45, -10, 0, 17, 60, 90]) {
        const s = createSurface({
          surface: 'quadratic',
          params: { conditionNumber: kappa, rotation },
        });
        const [large, small] = eigenvalues(s);
        expect(large).toBeCloseTo(1, 12);
        expect(small).toBeCloseTo(1 / kappa, 12);
      }
    }
  });

  it('is ½(x²/κ + y²) unrotated and ½(y²/κ + x²) turned by 90°', () => {
    const flat = createSurface({ surface: 'quadratic', params: {} });
    // κ = 10 at (−4, 2): ½(16/10 + 4) = 2.8, ∇f = (−4/10, 2).
    expect(flat.value(-4, 2)).toBeCloseTo(2.8, 14);
    const g = gradient(flat, -4, 2);
    expect(g[0]).toBeCloseTo(-0.4, 14);
    expect(g[1]).toBeCloseTo(2, 14);
    expect(flat.formula).toBe('½(x²/10 + y²)');
    const turned = createSurface({ surface: 'quadratic', params: { rotation: 90 } });
    // ½(4/10 + 16) = 8.2
    expect(turned.value(-4, 2)).toBeCloseTo(8.2, 12);
  });

  it('points the long axis along the rotated x-axis', () => {
    const s = createSurface({
      surface: 'quadratic',
      params: { conditionNumber: 100, rotation: 30 },
    });
    const t = Math.PI / 6;
    // One unit along (cos 30°, sin 30°) costs ½·(1/100); along the normal, ½·1.
    expect(s.value(Math.cos(t), Math.sin(t))).toBeCloseTo(0.005, 14);
    expect(s.value(-Math.sin(t), Math.cos(t))).toBeCloseTo(0.5, 14);
  });
});

describe('ravine', () => {
  it('has its floor on y = a·sin x and walls of curvature 2k', () => {
    const s = createSurface({ surface: 'ravine', params: { steepness: 20, bend: 1.5 } });
    // On the floor only x²/10 remains: at x = 2, f = 0.4.
    expect(s.value(2, 1.5 * Math.sin(2))).toBeCloseTo(0.4, 14);
    expect(hessian(s, 1, 0)[2]).toBe(40);
    expect(s.formula).toBe('x²/10 + 20(y − 1.5 sin x)²');
  });
});

describe('registry', () => {
  it('lists every surface name with a title, parameters and a factory', () => {
    expect(Object.keys(SURFACES).sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) {
      const definition = SURFACES[name];
      const s = definition.create(surfaceParamDefaults(name));
      expect(s.title).toBe(definition.title);
      expect(s.formula.length).toBeGreaterThan(0);
      const { xMin, xMax, yMin, yMax } = s.viewBox;
      expect(xMin).toBeLessThan(xMax);
      expect(yMin).toBeLessThan(yMax);
      const [x0, y0] = s.start;
      expect(x0 >= xMin && x0 <= xMax && y0 >= yMin && y0 <= yMax, name).toBe(true);
      expect(Number.isFinite(s.value(x0, y0))).toBe(true);
      for (const p of s.criticalPoints) {
        expect(p.x >= xMin && p.x <= xMax && p.y >= yMin && p.y <= yMax, name).toBe(true);
      }
      for (const q of definition.parameters) {
        expect(q.min <= q.default && q.default <= q.max, `${name}.${q.name}`).toBe(true);
      }
    }
  });

  it('gives parameter defaults', () => {
    expect(surfaceParamDefaults('quadratic')).toEqual({ conditionNumber: 10, rotation: 0 });
    expect(surfaceParamDefaults('ravine')).toEqual({ steepness: 10, bend: 1 });
    expect(surfaceParamDefaults('rosenbrock')).toEqual({});
    expect(surfaceParamDefaults('custom')).toEqual({});
  });

  it('rejects parameters outside their range', () => {
    expect(() => createSurface({ surface: 'quadratic', params: { conditionNumber: 0.5 } })).toThrow(
      RangeError,
    );
    expect(() => createSurface({ surface: 'quadratic', params: { rotation: 91 } })).toThrow(
      /Rotation/,
    );
    expect(() => createSurface({ surface: 'ravine', params: { steepness: NaN } })).toThrow(
      RangeError,
    );
  });

  it('compiles custom formulas and reports bad ones as FormulaError', () => {
    const s = createSurface({ surface: 'custom', expression: 'x^2 + 10*y^2', params: {} });
    expect(s.title).toBe('Custom');
    expect(s.value(1, 2)).toBe(41);
    expect(compileCustomSurface('x*y').value(3, 4)).toBe(12);
    expect(() => createSurface({ surface: 'custom', expression: 'x + z', params: {} })).toThrow(
      FormulaError,
    );
    expect(() => createSurface({ surface: 'custom', params: {} })).toThrow('The formula is empty');
  });
});

describe('critical points against an independent solve', () => {
  /**
   * The formula, its gradient and Hessian written out here by hand from the published
   * definition (not the app's code), and Newton's method from rough published locations.
   */
  interface Independent {
    f(x: number, y: number): number;
    grad(x: number, y: number): [number, number];
    hess(x: number, y: number): [number, number, number];
    /** Rough locations of every critical point the app lists (published to 4–6 decimals). */
    seeds: Array<[number, number]>;
  }
  const INDEPENDENT: Partial<Record<SurfaceName, Independent>> = {
    // (x² + y − 11)² + (x + y² − 7)², with a = x² + y − 11, b = x + y² − 7.
    himmelblau: {
      f: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
      grad: (x, y) => {
        const a = x * x + y - 11;
        const b = x + y * y - 7;
        return [4 * x * a + 2 * b, 2 * a + 4 * y * b];
      },
      hess: (x, y) => [
        4 * (x * x + y - 11) + 8 * x * x + 2,
        4 * x + 4 * y,
        2 + 4 * (x + y * y - 7) + 8 * y * y,
      ],
      // Minima as published (Himmelblau 1972); the four saddles between them to one decimal.
      seeds: [
        [3, 2],
        [-2.805118, 3.131312],
        [-3.77931, -3.283186],
        [3.584428, -1.848126],
        [0.1, 2.9],
        [-3.1, -0.1],
        [3.4, 0.1],
        [-0.1, -2],
      ],
    },
    // 4x² − 2.1x⁴ + x⁶/3 + xy − 4y² + 4y⁴.
    sixHumpCamel: {
      f: (x, y) => (4 - 2.1 * x * x + x ** 4 / 3) * x * x + x * y + (-4 + 4 * y * y) * y * y,
      grad: (x, y) => [8 * x - 8.4 * x ** 3 + 2 * x ** 5 + y, x - 8 * y + 16 * y ** 3],
      hess: (x, y) => [8 - 25.2 * x * x + 10 * x ** 4, 1, -8 + 48 * y * y],
      // The six minima as published (Molga & Smutnicki 2005), and the saddle at the origin.
      seeds: [
        [0.0898, -0.7126],
        [-0.0898, 0.7126],
        [-1.7036, 0.7961],
        [1.7036, -0.7961],
        [1.6071, 0.5687],
        [-1.6071, -0.5687],
        [0, 0],
      ],
    },
  };

  function newton(s: Independent, [x, y]: [number, number]): [number, number] {
    for (let i = 0; i < 50; i++) {
      const [gx, gy] = s.grad(x, y);
      const [a, b, c] = s.hess(x, y);
      const det = a * c - b * b;
      x -= (c * gx - b * gy) / det;
      y -= (a * gy - b * gx) / det;
    }
    return [x, y];
  }

  for (const [name, independent] of Object.entries(INDEPENDENT) as [SurfaceName, Independent][]) {
    it(`${name}: every listed point is where Newton lands, with the value and kind found there`, () => {
      const listed = createSurface({ surface: name, params: {} }).criticalPoints;
      expect(listed).toHaveLength(independent.seeds.length);
      for (const seed of independent.seeds) {
        const [x, y] = newton(independent, seed);
        const [gx, gy] = independent.grad(x, y);
        expect(Math.hypot(gx, gy), `∇f at ${seed}`).toBeLessThan(1e-10);
        const match = listed.filter((p) => Math.abs(p.x - x) < 1e-9 && Math.abs(p.y - y) < 1e-9);
        expect(match, `listed point near ${seed}`).toHaveLength(1);
        const p = match[0]!;
        expectClose(p.value, independent.f(x, y), 1e-12, `${name} f at ${seed}`);
        const [a, b, c] = independent.hess(x, y);
        const kind = a * c - b * b < 0 ? 'saddle' : 'minimum';
        expect(p.kind === 'saddle' ? 'saddle' : 'minimum', `${name} kind at ${seed}`).toBe(kind);
      }
    });
  }

  it('six-hump camel: the published values −1.0316, −0.2155 and 2.1043', () => {
    const values = createSurface({ surface: 'sixHumpCamel', params: {} })
      .criticalPoints.filter((p) => p.kind !== 'saddle')
      .map((p) => Number(p.value.toFixed(4)))
      .sort((a, b) => a - b);
    expect(values).toEqual([-1.0316, -1.0316, -0.2155, -0.2155, 2.1043, 2.1043]);
  });

  it('Beale’s saddle (0, 1), worked by hand', () => {
    // f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²: at x = 0 the terms are
    // 1.5², 2.25², 2.625² = 2.25 + 5.0625 + 6.890625 = 14.203125. ∂f/∂y has a factor x in
    // every term and ∂f/∂x a factor (y − 1), (y² − 1) or (y³ − 1): both vanish at (0, 1).
    const beale = createSurface({ surface: 'beale', params: {} });
    expect(beale.criticalPoints).toContainEqual({ x: 0, y: 1, value: 14.203125, kind: 'saddle' });
    expect(beale.value(0, 1)).toBe(14.203125);
    expect(gradient(beale, 0, 1)).toEqual([0, 0]);
  });
});
