/** `ratemap`: ρ over an η × γ grid for one run's method, run as a user runs it. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const TSX = 'node_modules/.bin/tsx';

function cli(args: string[], input?: string) {
  const result = spawnSync(TSX, ['src/cli/main.ts', 'ratemap', ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Cell {
  readonly lr: number;
  readonly momentum: number;
  readonly rate: number;
}

const cells = (stdout: string): Cell[] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Cell);

// f = x² + 10y²: Hessian [[2, 0], [0, 20]] everywhere, λ = 2 and 20.
const EXPERIMENT = JSON.stringify({
  problem: { kind: 'surface', surface: 'custom', expression: 'x^2 + 10*y^2', start: [1, 1] },
  steps: 10,
  runs: [
    { label: 'GD', optimizer: { kind: 'sgd', lr: 0.05 } },
    { label: 'HB', optimizer: { kind: 'momentum', lr: 0.05, momentum: 0.5, form: 'pytorch' } },
    { label: 'NAG', optimizer: { kind: 'momentum', lr: 0.05, momentum: 0.5, nesterov: true } },
    { label: 'Adam', optimizer: { kind: 'adam', lr: 0.05 } },
  ],
});

describe('cli ratemap', () => {
  it('prints one cell per (γ, η), both ends included, with hand-worked rates', () => {
    const { code, stdout, stderr } = cli(
      ['-', '--run', 'HB', '--lr', '0.01:0.1:3', '--momentum', '0:0.5:2'],
      EXPERIMENT,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = cells(stdout);
    expect(out).toHaveLength(6);
    expect(out.map((c) => c.momentum)).toEqual([0, 0, 0, 0.5, 0.5, 0.5]);
    for (const row of [0, 3]) {
      expect(out[row]!.lr).toBe(0.01);
      expect(out[row + 2]!.lr).toBe(0.1);
    }
    expect(out[1]!.lr).toBeCloseTo(Math.sqrt(0.001), 15); // log-spaced: the geometric mean
    // γ = 0 is plain GD: η = 0.01 → max(|1 − 0.02|, |1 − 0.2|) = 0.98.
    expect(out[0]!.rate).toBeCloseTo(0.98, 12);
    // γ = 0.5, η = 0.1: z² − (1.5 − 0.1λ)z + 0.5 has complex roots for λ = 2 (z² − 1.3z + 0.5)
    // and λ = 20 (z² + 0.5z + 0.5): |z| = √0.5 for both.
    expect(out[5]!.rate).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('uses Nesterov’s own iteration for a Nesterov run', () => {
    const { code, stdout } = cli(
      ['-', '--run', 'NAG', '--lr', '0.1:0.1:1', '--momentum', '0.5:0.5:1'],
      EXPERIMENT,
    );
    expect(code).toBe(0);
    const [cell, ...rest] = cells(stdout);
    expect(rest).toHaveLength(0);
    // λ = 20: z² − 1.5(1 − 2)z + 0.5(1 − 2) = z² + 1.5z − 0.5, roots (−1.5 ± √4.25)/2;
    // the larger |z| = (1.5 + √4.25)/2 = 1.78078 (λ = 2 gives √0.4 = 0.632): it diverges.
    expect(cell!.rate).toBeCloseTo((1.5 + Math.sqrt(4.25)) / 2, 12);
  });

  it('defaults to the first run, 41 η up to 10/λmax and γ = 0, 0.03, …, 0.99', () => {
    const { code, stdout } = cli(['-'], EXPERIMENT);
    expect(code).toBe(0);
    const out = cells(stdout);
    expect(out).toHaveLength(41 * 34);
    expect(out[0]).toMatchObject({ lr: 5e-4, momentum: 0 }); // 10/20 · 10⁻³
    expect(out[40]!.lr).toBe(0.5);
    expect(out[out.length - 1]!.momentum).toBe(0.99);
    expect(out[41]!.momentum).toBeCloseTo(0.03, 15);
    // The GD run's map is the heavy ball's, GD on its γ = 0 edge: ρ(η = 0.5) = |1 − 10| = 9.
    expect(out[40]!.rate).toBeCloseTo(9, 12);
  });

  it.each([
    [['-', '--run', 'Adam'], /adaptive/],
    [['-', '--run', 'nope'], /no run is labelled 'nope'.*'GD'/],
    [['-', '--lr', '0:1:3'], /--lr needs MIN and MAX above 0/],
    [['-', '--lr', '0.1:0.01:3'], /MIN < MAX/],
    [['-', '--lr', '0.1:1:1'], /MIN < MAX/],
    [['-', '--lr', '0.1:1'], /MIN:MAX:N/],
    [['-', '--lr', '0.1:1:x'], /whole number/],
    [['-', '--lr', '0.1:1:20000'], /at most 10000/],
    [['-', '--momentum', '0:1:3'], /below 1/],
    [['-', '--momentum=-0.1:0.5:3'], /from 0/],
    [['-', 'extra'], /unexpected argument 'extra'/],
    [[], /needs a config file/],
  ])('refuses %j with exit 2 and one line', (args, pattern) => {
    const { code, stdout, stderr } = cli(args, EXPERIMENT);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(pattern);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a problem without a Hessian (the CNN)', () => {
    const cnn = JSON.stringify({
      problem: { kind: 'cnn', dataset: 'shapes' },
      runs: [{ optimizer: { kind: 'sgd', lr: 0.01 } }],
    });
    const { code, stderr } = cli(['-'], cnn);
    expect(code).toBe(2);
    expect(stderr).toMatch(/needs the Hessian/);
  });
});
