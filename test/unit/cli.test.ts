/** The command line, run as a user runs it: a child process, stdin/stdout, exit codes. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const TSX = 'node_modules/.bin/tsx';

function cli(
  args: string[],
  input?: string,
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, ['src/cli/main.ts', ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function records(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

type BadInput = [args: string[], input: string | undefined, stderr: RegExp];

/** Each case exits 2 with nothing on stdout and one printable line on stderr. */
function expectBadInput(cases: readonly BadInput[]): void {
  for (const [args, input, pattern] of cases) {
    const { code, stdout, stderr } = cli(args, input);
    expect(code, stderr).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(pattern);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
    // eslint-disable-next-line no-control-regex -- no raw control character may reach the terminal
    expect(stderr.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  }
}

describe('cli', () => {
  it('runs an example config and prints one JSON record per step', () => {
    const { code, stdout, stderr } = cli(['run', 'public/examples/rosenbrock-momentum.json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = records(stdout);
    expect(out).toHaveLength(601); // steps 0…600
    expect(out[0]).toMatchObject({ run: 'momentum', step: 0, params: [-1.5, 2], lr: 0.001 });
    // Hand-traced: ∇f(−1.5, 2) = (−2(1 − x) − 400x(y − x²), 200(y − x²)) = (−5 − 150, −50).
    expect(out[0]!.grad).toEqual([-155, -50]);
    // Classic momentum, first step: v = η·g, θ1 = θ0 − v = (−1.5 + 0.155, 2 + 0.05).
    const [x1, y1] = out[1]!.params as number[];
    expect(x1).toBeCloseTo(-1.345, 12);
    expect(y1).toBeCloseTo(2.05, 12);
    // Step schedule: η halves at step 200 and 400.
    expect(out[199]!.lr).toBe(0.001);
    expect(out[200]!.lr).toBe(0.0005);
    expect(out[400]!.lr).toBe(0.00025);
  });

  it('reproduces an independent Adam reference to round-off', () => {
    const config = {
      problem: { kind: 'surface', surface: 'custom', expression: 'x^2 + 10*y^2', start: [2, 1] },
      steps: 50,
      runs: [{ label: 'adam', optimizer: { kind: 'adam', lr: 0.1 } }],
    };
    const out = records(cli(['run', '-'], JSON.stringify(config)).stdout);
    // Reference: Adam as in PyTorch's documentation, written out scalar by scalar.
    let [x, y] = [2, 1];
    const m = [0, 0];
    const v = [0, 0];
    for (let t = 1; t <= 50; t++) {
      const g = [2 * x, 20 * y];
      const theta = [x, y];
      for (let i = 0; i < 2; i++) {
        m[i] = 0.9 * m[i]! + 0.1 * g[i]!;
        v[i] = 0.999 * v[i]! + 0.001 * g[i]! * g[i]!;
        const mHat = m[i]! / (1 - 0.9 ** t);
        const vHat = v[i]! / (1 - 0.999 ** t);
        theta[i] = theta[i]! - (0.1 * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
      [x, y] = theta as [number, number];
      const params = out[t]!.params as number[];
      expect(Math.abs(params[0]! - x)).toBeLessThan(1e-12);
      expect(Math.abs(params[1]! - y)).toBeLessThan(1e-12);
    }
  });

  it('thins the stream with --every and always prints the final record', () => {
    const out = records(
      cli(['run', 'public/examples/rosenbrock-momentum.json', '--every', '128']).stdout,
    );
    expect(out.map((r) => r.step)).toEqual([0, 128, 256, 384, 512, 600]);
  });

  it('prints CSV with a header', () => {
    const { code, stdout } = cli([
      'run',
      'public/examples/batch-vs-minibatch.json',
      '--format',
      'csv',
      '--every',
      '50',
    ]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 6)).toEqual(['run', 'step', 'loss', 'lr', 'params_0', 'params_1']);
    expect(header).toContain('fullGrad_0');
    expect(lines).toHaveLength(1 + 3 * 4); // 3 runs × steps 0, 50, 100, 150
    const row = lines[1]!.split(',');
    expect(row[0]).toBe('full batch');
    expect(Number(row[4])).toBe(-2); // start w
  });

  it('records a divergence as a result (exit 0)', () => {
    const config = {
      problem: { kind: 'surface', surface: 'quadratic', params: { conditionNumber: 10 } },
      // λmax = 1, so η = 2.5 > 2/λmax: |1 − η·λmax| = 1.5 per step, overflowing within 2,000 steps.
      steps: 3000,
      runs: [{ label: 'too big', optimizer: { kind: 'sgd', lr: 2.5 } }],
    };
    const { code, stdout } = cli(['run', '-'], JSON.stringify(config));
    expect(code).toBe(0);
    const out = records(stdout);
    const last = out.at(-1)!;
    expect(out.length).toBeLessThan(2000);
    expect(last.diverged).toBe(true);
    expect(last.reason).toMatch(/became Infinity at step \d+ with η = 2\.5/);
  });

  it('runs CNN experiments like any other', () => {
    const config = {
      problem: { kind: 'cnn', dataset: 'shapes', trainSize: 200, testSize: 50, evalEvery: 5 },
      steps: 10,
      seed: 2,
      runs: [{ label: 'sgd', batchSize: 10, optimizer: { kind: 'sgd', lr: 0.01 } }],
    };
    const { code, stdout } = cli(['run', '-'], JSON.stringify(config));
    expect(code).toBe(0);
    const out = records(stdout);
    expect(out.map((r) => r.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(out[1]).toMatchObject({ run: 'sgd', samplesSeen: 10 });
    expect(out[0]!.layers).toHaveLength(6); // weight and bias of conv1, conv2, dense
    // Held-out accuracy at the evaluation steps 0, 5 and 10 (the last) only.
    expect(out.filter((r) => r.testAccuracy !== undefined).map((r) => r.step)).toEqual([0, 5, 10]);
  });

  it('exits 2 with one line and no stack trace on bad input', () => {
    const cases: BadInput[] = [
      [
        ['run', '-'],
        '{"problem": {"kind": "surface", "surface": "beale"}, "runs": [{"optimizer": {"kind": "sgd", "lr": -1}}]}',
        /runs\[0\]\.optimizer\.lr: must be ≥ 0/,
      ],
      [
        ['run', '-'],
        '{"problem": {"kind": "surface", "surface": "custom", "expression": "x + foo(y)"}, "runs": [{"optimizer": {"kind": "sgd"}}]}',
        /problem\.expression: .*'foo'/,
      ],
      [['run', '-'], '{not json', /standard input is not valid JSON/],
      [['run', 'no/such/file.json'], undefined, /cannot read 'no\/such\/file\.json' \(ENOENT\)/],
      [['run', 'x.json', '--every', '0'], undefined, /--every must be a whole number from 1/],
      [['fly'], undefined, /unknown command 'fly'/],
    ];
    expectBadInput(cases);
  });

  it('parses arguments strictly and escapes quoted input (exit 2, one line)', () => {
    expectBadInput([
      [['run', 'x.json', '--every', '0x10'], undefined, /--every must be a whole number.*'0x10'/],
      [['run', 'x.json', '--every', '1e3'], undefined, /--every must be a whole number.*'1e3'/],
      [
        ['run', 'x.json', '--every', '9007199254740993'],
        undefined,
        /--every must be a whole number from 1 to 2\^53/,
      ],
      [
        ['run', 'x.json', '--format', 'csv', '--format', 'jsonl'],
        undefined,
        /--format is given 2 times/,
      ],
      [['run', 'x.json', '--bogus'], undefined, /Unknown option '--bogus'/],
      // Quoted input with line breaks and terminal escapes (ESC, BEL) is escaped, never echoed raw.
      [['run', '-'], '{"a":\n\u001b[31m\u0007', /not valid JSON: .*\\n\\x1b\[31m\\x07/],
      [
        ['run', '-'],
        JSON.stringify({
          problem: {
            kind: 'surface',
            surface: 'custom',
            expression: 'x +\n\u001b]0;owned\u0007 y',
          },
          runs: [{ optimizer: { kind: 'sgd' } }],
        }),
        /problem\.expression/,
      ],
    ]);
  }, 90_000);

  it('accepts a UTF-8 byte-order mark, as the web import does', () => {
    const config =
      '{"problem":{"kind":"surface","surface":"beale"},"steps":2,"runs":[{"optimizer":{"kind":"adam","lr":0.05}}]}';
    const { code, stdout, stderr } = cli(['run', '-'], `\uFEFF${config}`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(records(stdout).map((r) => r.step)).toEqual([0, 1, 2]);
  });

  it('neutralises CSV cells a spreadsheet would run as formulas, and quotes carriage returns', () => {
    // Each label and the cell it must become (OWASP: a leading apostrophe; RFC 4180 quoting).
    const cases: Array<[string, string]> = [
      ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
      ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
      ['-1+2', "'-1+2"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tx', "'\tx"],
      ['a\rb', '"a\rb"'],
    ];
    const config = {
      problem: { kind: 'surface', surface: 'custom', expression: 'x^2 + y^2', start: [-1, 2] },
      steps: 1,
      runs: cases.map(([label]) => ({ label, optimizer: { kind: 'sgd', lr: 0.001 } })),
    };
    const { code, stdout, stderr } = cli(['run', '-', '--format', 'csv'], JSON.stringify(config));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(1 + cases.length * 2); // header, steps 0 and 1 of each run
    expect(rows[0]!.startsWith('run,step,loss,lr,params_0,params_1,')).toBe(true);
    // Step 0 of every run, in order: f(−1, 2) = 5; numbers (−1 too) are written as numbers.
    cases.forEach(([, cell], i) =>
      expect(rows[1 + i]!.startsWith(`${cell},0,5,0.001,-1,2,`)).toBe(true),
    );
  });
});
