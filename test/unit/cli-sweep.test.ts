/** `descent-lab sweep`, run as a user runs it: a child process, its lines and exit codes. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const TSX = 'node_modules/.bin/tsx';

function cli(args: string[], input?: string) {
  const result = spawnSync(TSX, ['src/cli/main.ts', ...args], {
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const EXPERIMENT = JSON.stringify({
  problem: { kind: 'surface', surface: 'quadratic', params: { conditionNumber: 10 } },
  steps: 120,
  runs: [
    { label: 'gd', optimizer: { kind: 'sgd', lr: 0.1 } },
    { label: 'heavy ball', optimizer: { kind: 'momentum', lr: 0.1, momentum: 0.5 } },
  ],
});

describe('cli sweep', () => {
  it('prints one line per run and η, each equal to `run` at that η', () => {
    const { code, stdout, stderr } = cli(['sweep', '-', '--lr', '0.05:4:12'], EXPERIMENT);
    expect(code, stderr).toBe(0);
    const points = lines(stdout);
    expect(points).toHaveLength(24);
    expect(points.map((p) => p.run)).toEqual([
      ...Array(12).fill('gd'),
      ...Array(12).fill('heavy ball'),
    ]);
    expect(Object.keys(points[0]!)).toEqual([
      'run',
      'lr',
      'finalLoss',
      'bestLoss',
      'diverged',
      'steps',
    ]);
    expect(points[0]!.lr).toBe(0.05);
    expect(points[11]!.lr).toBe(4);
    // Plain GD diverges above 2/λmax = 2; the heavy ball above 2(1 + γ)/λmax = 3.
    for (const p of points) {
      const limit = p.run === 'gd' ? 2 : 3;
      expect(p.diverged, `${String(p.run)} η = ${String(p.lr)}`).toBe((p.lr as number) > limit);
    }
    // The heavy ball at the 9th η, as `run` runs it.
    const point = points[12 + 8]!;
    const config = JSON.parse(EXPERIMENT) as { runs: { optimizer: { lr: number } }[] };
    config.runs[1]!.optimizer.lr = point.lr as number;
    const run = cli(['run', '-'], JSON.stringify(config));
    const records = lines(run.stdout).filter((r) => r.run === 'heavy ball');
    const losses = records.map((r) => r.loss as number);
    expect(point.finalLoss).toBe(losses.at(-1));
    expect(point.bestLoss).toBe(Math.min(...losses));
    expect(point.steps).toBe(120);
  });

  it('refuses bad ranges with exit code 2 and one line', () => {
    for (const range of [
      '1:0.1:12',
      '0:1:12',
      '0.1:1:1',
      '0.1:1',
      'a:b:c',
      '0.1:1:2.5',
      '-1:1:4',
    ]) {
      // `--lr=…`: a value starting with '-' must be attached to its option.
      const { code, stdout, stderr } = cli(['sweep', '-', `--lr=${range}`], EXPERIMENT);
      expect(code, range).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/--lr must be MIN:MAX:N/);
    }
    const missing = cli(['sweep', '-'], EXPERIMENT);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/needs --lr/);
  });

  it('refuses a range outside an optimizer’s learning rates', () => {
    const { code, stderr } = cli(['sweep', '-', '--lr', '0.1:1e9:4'], EXPERIMENT);
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid experiment: runs\[0\]\.optimizer\.lr/);
  });

  it('ends quietly when the reader goes away', () => {
    const result = spawnSync(
      'bash',
      ['-c', `${TSX} src/cli/main.ts sweep - --lr 0.01:1:40 | head -1`],
      {
        input: EXPERIMENT,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toHaveLength(1);
    expect(result.stderr).toBe('');
  });
});
