/**
 * Experiment-validation issues carry a code and their values, and are worded in English and
 * Simplified Chinese from them (only there: the core writes no sentences). Every rule of the
 * experiment's and the architecture's schemas and checks is fed a bad config here and must
 * produce its code; every code must be worded in both languages with the values it names.
 */
import { describe, expect, it } from 'vitest';
import {
  CONFIG_ISSUE_CODES,
  configIssue,
  type ConfigIssue,
  type ConfigIssueCode,
  type ValueSummary,
} from '../../src/core/config/issue.ts';
import { validateExperiment } from '../../src/core/config/validate.ts';
import { configIssueLines, configIssueReason, configIssueText } from '../../src/i18n/domain.ts';
import { translator } from '../../src/i18n/translate.ts';
import { PRESETS, loadPreset } from '../../src/ui/workspaces.ts';

const en = translator('en');
const zh = translator('zh-CN');

const surface = { kind: 'surface', surface: 'rosenbrock' };
const sgd = [{ label: 'sgd', optimizer: { kind: 'sgd' } }];

/** A config that is valid except for `patch`. */
function config(patch: Record<string, unknown>): Record<string, unknown> {
  return { problem: surface, steps: 100, runs: sgd, ...patch };
}

/** A shapes CNN config with `architecture` (so its issues reach experiment validation). */
function cnn(architecture: unknown): Record<string, unknown> {
  return config({ problem: { kind: 'cnn', dataset: 'shapes', architecture } });
}

/** The one issue `input` gets at `path`. */
function issueAt(input: unknown, path: string): ConfigIssue {
  const result = validateExperiment(input);
  if (result.ok) throw new Error('the config was accepted');
  const found = result.issues.filter((i) => i.path === path);
  if (found.length !== 1) {
    throw new Error(`${found.length} issues at "${path}": ${JSON.stringify(result.issues)}`);
  }
  return found[0]!;
}

interface Site {
  /** The file whose check this exercises. */
  readonly file: 'validate' | 'architecture';
  readonly input: unknown;
  readonly path: string;
  readonly code: ConfigIssueCode;
  /** Values both languages must show (besides the path), as the UI formats them. */
  readonly named: readonly string[];
}

const A = 'problem.architecture';

/** One bad config per failure site. */
const SITES: readonly Site[] = [
  // ── validate.ts
  {
    file: 'validate',
    input: config({ runs: [5] }),
    path: 'runs[0]',
    code: 'notObject',
    named: ['5'],
  },
  {
    file: 'validate',
    input: config({ runs: [{ optimizer: { kind: 'sgd', learningRate: 1 } }] }),
    path: 'runs[0].optimizer.learningRate',
    code: 'unknownField',
    named: ['lr', 'weightDecay'],
  },
  {
    file: 'validate',
    input: config({ problem: { ...surface, surface: undefined } }),
    path: 'problem.surface',
    code: 'required',
    named: ['rosenbrock', 'custom'],
  },
  {
    file: 'validate',
    input: config({ runs: [{ optimizer: { kind: 'sgd', lr: 'fast' } }] }),
    path: 'runs[0].optimizer.lr',
    code: 'notFinite',
    named: ['"fast"'],
  },
  {
    file: 'validate',
    input: config({ steps: 2.5 }),
    path: 'steps',
    code: 'notInteger',
    named: ['2.5'],
  },
  {
    file: 'validate',
    // lr ∈ [0, 1e6]: the bounds grouped for the locale, the value as given.
    input: config({ runs: [{ optimizer: { kind: 'sgd', lr: -0.25 } }] }),
    path: 'runs[0].optimizer.lr',
    code: 'outOfRange',
    named: ['≥ 0', '≤ 1,000,000', '-0.25'],
  },
  {
    file: 'validate',
    input: config({ runs: [{ optimizer: { kind: 'momentum', nesterov: 'yes' } }] }),
    path: 'runs[0].optimizer.nesterov',
    code: 'notBoolean',
    named: ['true', 'false', '"yes"'],
  },
  {
    file: 'validate',
    input: config({ runs: [{ optimizer: { kind: 'lbfgs' } }] }),
    path: 'runs[0].optimizer.kind',
    code: 'notOneOf',
    named: ['sgd', 'adamw', '"lbfgs"'],
  },
  {
    file: 'validate',
    input: config({ problem: { ...surface, start: [1, 'a'] } }),
    path: 'problem.start',
    code: 'notPoint',
    named: ['1,000,000', '2'],
  },
  {
    file: 'validate',
    input: config({ problem: { kind: 'surface', surface: 'custom', expression: 5 } }),
    path: 'problem.expression',
    code: 'notFormula',
    named: ['5'],
  },
  {
    file: 'validate',
    // 'x^2 + z': z is at 0-based position 6.
    input: config({ problem: { kind: 'surface', surface: 'custom', expression: 'x^2 + z' } }),
    path: 'problem.expression',
    code: 'formula',
    named: ['z', '6'],
  },
  {
    file: 'validate',
    input: config({ problem: { ...surface, expression: 'x' } }),
    path: 'problem.expression',
    code: 'expressionNotCustom',
    named: ['"surface": "custom"'],
  },
  {
    file: 'validate',
    // 9000 + 2000 = 11,000 digits asked for, 10,000 shipped.
    input: config({ problem: { kind: 'cnn', trainSize: 9000, testSize: 2000 } }),
    path: 'problem.testSize',
    code: 'mnistSize',
    named: ['10,000', '11,000'],
  },
  {
    file: 'validate',
    input: config({
      problem: { kind: 'regression', samples: 20 },
      runs: [{ batchSize: 21, optimizer: { kind: 'sgd' } }],
    }),
    path: 'runs[0].batchSize',
    code: 'batchSize',
    named: ['"all"', '20', '21'],
  },
  {
    file: 'validate',
    input: config({ runs: [] }),
    path: 'runs',
    code: 'runCount',
    named: ['6', '0'],
  },
  {
    file: 'validate',
    input: config({ runs: [{ label: ' ', optimizer: { kind: 'sgd' } }] }),
    path: 'runs[0].label',
    code: 'labelLength',
    named: ['40', '" "'],
  },
  {
    file: 'validate',
    input: config({
      runs: [
        { label: 'twin', optimizer: { kind: 'sgd' } },
        { label: 'twin', optimizer: { kind: 'adam' } },
      ],
    }),
    path: 'runs[1].label',
    code: 'duplicateLabel',
    named: ['twin'],
  },
  {
    file: 'validate',
    input: config({ version: 2 }),
    path: 'version',
    code: 'version',
    named: ['1', '2'],
  },
  // ── architecture.ts, reached through experiment validation
  {
    file: 'architecture',
    input: cnn(null),
    path: A,
    code: 'notArchitecture',
    named: ['"layers"', 'null'],
  },
  {
    file: 'architecture',
    input: cnn({ layers: [], extra: 1 }),
    path: `${A}.extra`,
    code: 'unknownField',
    named: ['input', 'layers'],
  },
  {
    file: 'architecture',
    input: cnn({ input: [32, 32, 3], layers: [] }),
    path: `${A}.input`,
    code: 'inputShape',
    named: ['[28, 28, 1]', '28×28', '3'],
  },
  { file: 'architecture', input: cnn({}), path: `${A}.layers`, code: 'notLayerList', named: [] },
  {
    file: 'architecture',
    input: cnn({ layers: Array.from({ length: 17 }, () => ({ type: 'relu' })) }),
    path: `${A}.layers`,
    code: 'tooManyLayers',
    named: ['16', '17'],
  },
  {
    file: 'architecture',
    input: cnn({ layers: ['relu'] }),
    path: `${A}.layers[0]`,
    code: 'notLayer',
    named: ['{"type": "relu"}', '"relu"'],
  },
  {
    file: 'architecture',
    input: cnn({ layers: [{ type: 'softmax' }] }),
    path: `${A}.layers[0].type`,
    code: 'notOneOf',
    named: ['conv', 'maxPool', '"softmax"'],
  },
  {
    file: 'architecture',
    input: cnn({ layers: [{ type: 'relu', size: 3 }] }),
    path: `${A}.layers[0].size`,
    code: 'unknownLayerField',
    named: ['relu', 'type'],
  },
  {
    file: 'architecture',
    input: cnn({ layers: [{ type: 'conv', filters: 65, size: 3 }] }),
    path: `${A}.layers[0].filters`,
    code: 'integerRange',
    named: ['1', '64', '65'],
  },
  {
    file: 'architecture',
    // slope ∈ [0, 1): 1 itself is out.
    input: cnn({ layers: [{ type: 'leakyRelu', slope: 1 }] }),
    path: `${A}.layers[0].slope`,
    code: 'outOfRange',
    named: ['≥ 0', '< 1', '1'],
  },
  {
    file: 'architecture',
    input: cnn({ layers: [{ type: 'conv', filters: 2, size: 3, pad: 3 }] }),
    path: `${A}.layers[0].pad`,
    code: 'padTooLarge',
    named: ['3'],
  },
  {
    file: 'architecture',
    // 28 → max-pool 4 → 7×7; a 9×9 kernel without padding does not fit.
    input: cnn({
      layers: [
        { type: 'maxPool', size: 4 },
        { type: 'conv', filters: 2, size: 9 },
      ],
    }),
    path: `${A}.layers[1].size`,
    code: 'kernelTooLarge',
    named: ['9', '7×7', '0'],
  },
  {
    file: 'architecture',
    // 28 → 7 → ⌊(7 − 3)/3⌋ + 1 = 2; a 3×3 window does not fit 2×2.
    input: cnn({
      layers: [
        { type: 'maxPool', size: 4 },
        { type: 'maxPool', size: 3 },
        { type: 'avgPool', size: 3 },
      ],
    }),
    path: `${A}.layers[2].size`,
    code: 'poolTooLarge',
    named: ['3', '2×2'],
  },
  {
    file: 'architecture',
    // Second conv: 28·28 positions × 64·11·11 = 7,744 values each = 6,071,296 > 4,000,000.
    input: cnn({
      layers: [
        { type: 'conv', filters: 64, size: 11, pad: 5 },
        { type: 'conv', filters: 64, size: 11, pad: 5 },
      ],
    }),
    path: `${A}.layers[1]`,
    code: 'im2colTooLarge',
    named: ['6,071,296', '4,000,000'],
  },
  {
    file: 'architecture',
    // 28²·64·25 + 28²·64·(64·49) = 1,254,400 + 157,351,936 = 158,606,336 > 50,000,000.
    input: cnn({
      layers: [
        { type: 'conv', filters: 64, size: 5, pad: 2 },
        { type: 'conv', filters: 64, size: 7, pad: 3 },
      ],
    }),
    path: `${A}.layers`,
    code: 'tooManyMacs',
    named: ['158,606,336', '50,000,000'],
  },
  {
    file: 'architecture',
    // 1×1 conv to 64 channels, then 15 ReLUs: 784 + 16 · 28·28·64 = 784 + 802,816 = 803,600
    // activations (> 400,000) for only 50,176 multiply-adds.
    input: cnn({
      layers: [
        { type: 'conv', filters: 64, size: 1 },
        ...Array.from({ length: 15 }, () => ({ type: 'relu' })),
      ],
    }),
    path: `${A}.layers`,
    code: 'tooManyActivations',
    named: ['803,600', '400,000'],
  },
];

/** Identifiers that stay as written in the Chinese text (config values, formula names). */
const IDENTIFIERS = new Set(
  'true false null all surface custom trainSize testSize MNIST im2col x y pi e sin'.split(' '),
);

/** Every string among an issue's params: field names, choices, labels (config text). */
function configText(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(configText);
  return [];
}

/**
 * The Latin-letter words of a Chinese text, once the path, the config's own text and quoted
 * strings are taken out: all of them must be config identifiers, none English prose.
 */
function englishWords(issue: ConfigIssue, text: string): string[] {
  const words = (s: string) => s.match(/[A-Za-z][A-Za-z0-9]*/g) ?? [];
  const own = new Set(configText(issue.params).flatMap(words));
  const rest = text
    .split(issue.path)
    .join(' ')
    .replace(/"[^"]*"/g, ' ');
  return words(rest).filter((w) => !IDENTIFIERS.has(w) && !own.has(w));
}

const HAN = /\p{Script=Han}/u;
const PLACEHOLDER = /\{[A-Za-z0-9_]+\}/;

function expectWorded(issue: ConfigIssue, named: readonly string[]): void {
  const english = configIssueText(issue, en);
  const chinese = configIssueText(issue, zh);
  for (const text of [english, chinese]) {
    expect(text, text).not.toMatch(PLACEHOLDER);
    if (issue.path) expect(text).toContain(issue.path);
    for (const value of named) expect(text, text).toContain(value);
  }
  expect(chinese).toMatch(HAN);
  expect(englishWords(issue, chinese), chinese).toEqual([]);
  expect(english).not.toMatch(HAN);
}

describe('every failure site produces its code', () => {
  it.each(SITES.map((s) => [`${s.file}: ${s.path} → ${s.code}`, s] as const))('%s', (_, site) => {
    const issue = issueAt(site.input, site.path);
    expect(issue.code).toBe(site.code);
  });

  it('an unknown field where none are allowed, and a batch size with no known bound', () => {
    const none = issueAt(
      config({
        problem: { kind: 'surface', surface: 'custom', expression: 'x', params: { a: 1 } },
      }),
      'problem.params.a',
    );
    expect(none).toMatchObject({ code: 'unknownField', params: { expected: [] } });
    expect(configIssueReason(none, en)).toBe('unknown field (none are allowed here)');
    expect(configIssueReason(none, zh)).toBe('未知字段（此处不接受任何字段）');
    // A surface problem has no data size to bound a batch by.
    const unbounded = issueAt(
      config({ runs: [{ batchSize: 0, optimizer: { kind: 'sgd' } }] }),
      'runs[0].batchSize',
    );
    expect(unbounded).toMatchObject({ code: 'batchSize', params: { max: null } });
    expect(configIssueText(unbounded, zh)).toBe(
      '字段 runs[0].batchSize：必须是 "all" 或 1 到数据量之间的整数（实际为 0）',
    );
  });

  it('a preset that cannot be fetched is "unreadable", with the reason', async () => {
    const result = await loadPreset(PRESETS[0]!, () => Promise.reject(new Error('HTTP 404')));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    const issue = result.issues[0]!;
    expect(issue).toMatchObject({ code: 'unreadable', params: { reason: 'HTTP 404' } });
    expect(configIssueText(issue, en)).toBe('could not be read: HTTP 404');
    expect(configIssueText(issue, zh)).toBe('无法读取：HTTP 404');
  });
});

describe('every code is worded in English and Chinese with its values', () => {
  it.each(SITES.map((s) => [`${s.path} (${s.code})`, s] as const))('%s', (_, site) => {
    expectWorded(issueAt(site.input, site.path), site.named);
  });

  it('the sites and the cases below reach every code', () => {
    const reached = new Set<string>([...SITES.map((s) => s.code), 'unreadable']);
    expect([...reached].sort()).toEqual([...CONFIG_ISSUE_CODES].sort());
  });

  it('an out-of-range learning rate, exactly, in both languages', () => {
    const issue = issueAt(
      config({ runs: [{ optimizer: { kind: 'sgd', lr: -1 } }] }),
      'runs[0].optimizer.lr',
    );
    expect(configIssueText(issue, en)).toBe(
      'runs[0].optimizer.lr: must be ≥ 0 and ≤ 1,000,000 (got -1)',
    );
    expect(configIssueText(issue, zh)).toBe(
      '字段 runs[0].optimizer.lr：必须 ≥ 0 且 ≤ 1,000,000（实际为 -1）',
    );
  });

  it('never rounds a rejected value into an allowed-looking one', () => {
    // beta1 ∈ [0, 1): 0.99999999 would print as "1" with 4 significant digits.
    const beta = issueAt(
      config({ runs: [{ optimizer: { kind: 'adam', beta1: 1.00000001 } }] }),
      'runs[0].optimizer.beta1',
    );
    expect(configIssueReason(beta, zh)).toBe('必须 ≥ 0 且 < 1（实际为 1.00000001）');
    const eps = issueAt(
      config({ runs: [{ optimizer: { kind: 'adam', eps: 0 } }] }),
      'runs[0].optimizer.eps',
    );
    expect(configIssueReason(eps, en)).toBe('must be > 0 and ≤ 1 (got 0)');
  });

  it('words one-sided ranges, each kind of value, and lists past a maximum', () => {
    const at = (value: number): ValueSummary => ({ kind: 'number', value });
    const above = configIssue('x', {
      code: 'outOfRange',
      params: { min: 0, lower: '>', got: at(0) },
    });
    expect(configIssueReason(above, en)).toBe('must be > 0 (got 0)');
    expect(configIssueReason(above, zh)).toBe('必须 > 0（实际为 0）');
    const below = configIssue('x', {
      code: 'outOfRange',
      params: { max: 2.5, upper: '≤', got: at(3) },
    });
    expect(configIssueReason(below, en)).toBe('must be ≤ 2.5 (got 3)');
    expect(configIssueReason(below, zh)).toBe('必须 ≤ 2.5（实际为 3）');

    const gotOf = (got: ValueSummary) => configIssue('x', { code: 'notFinite', params: { got } });
    const words = (got: ValueSummary) => [
      configIssueReason(gotOf(got), en),
      configIssueReason(gotOf(got), zh),
    ];
    expect(words({ kind: 'missing' })).toEqual([
      'must be a finite number (got nothing)',
      '必须是有限的数值（未填写）',
    ]);
    expect(words({ kind: 'longString', length: 1_000_000 })).toEqual([
      'must be a finite number (got a string of 1,000,000 characters)',
      '必须是有限的数值（实际为长度 1,000,000 个字符的字符串）',
    ]);
    expect(words({ kind: 'array', length: 2 })).toEqual([
      'must be a finite number (got an array of 2)',
      '必须是有限的数值（实际为含 2 项的数组）',
    ]);
    expect(words({ kind: 'object' })).toEqual([
      'must be a finite number (got an object)',
      '必须是有限的数值（实际为对象）',
    ]);
    expect(words({ kind: 'number', value: NaN })[0]).toBe('must be a finite number (got NaN)');
    expect(words({ kind: 'other', type: 'function' })[0]).toBe(
      'must be a finite number (got function)',
    );

    const many = Array.from({ length: 11 }, (_, i) =>
      configIssue(`runs[${i}]`, { code: 'notObject', params: { got: { kind: 'null' } } }),
    );
    const lines = configIssueLines(many, zh, 8);
    expect(lines).toHaveLength(9);
    expect(lines[0]).toBe('字段 runs[0]：必须是对象（实际为 null）');
    expect(lines[8]).toBe('……另有 3 处问题');
    expect(configIssueLines(many, en, 1)).toEqual([
      'runs[0]: must be an object (got null)',
      '…and 10 more',
    ]);
    expect(configIssueLines(many.slice(0, 2), en)).toHaveLength(2);
  });
});

describe('no issue without a code', () => {
  it('is a type error', () => {
    // @ts-expect-error — a bare {path} is not a ConfigIssue
    const bare: ConfigIssue = { path: 'steps' };
    // @ts-expect-error — a code needs its own params
    configIssue('steps', { code: 'outOfRange', params: { got: 1 } });
    expect(bare.path).toBe('steps');
  });

  it('every issue of many hostile configs has a known code and params', () => {
    const known = new Set<string>(CONFIG_ISSUE_CODES);
    const hostile: unknown[] = [
      null,
      [],
      'x',
      42,
      {},
      JSON.parse('{"__proto__":{"polluted":true},"runs":{"length":3}}'),
      { problem: 'surface', steps: '1', seed: -1, runs: [null, 'a', {}] },
      { problem: { kind: 'regression', samples: 1e9, noise: -1, outliers: 1 }, runs: sgd },
      {
        problem: { kind: 'cnn', dataset: 'cifar', evalEvery: 0, architecture: { layers: 'all' } },
        runs: [{ optimizer: { kind: 'rmsprop', centered: 1, alpha: 2 }, schedule: 'cosine' }],
      },
      config({
        runs: [
          {
            optimizer: { kind: 'momentum', form: 'keras', momentum: 1 },
            schedule: { kind: 'step', stepSize: 0, gamma: 2, extra: 1 },
          },
          { optimizer: { kind: 'adagrad' }, schedule: { kind: 'warp' } },
        ],
      }),
      ...SITES.map((s) => s.input),
    ];
    let count = 0;
    for (const input of hostile) {
      const result = validateExperiment(input);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      for (const issue of result.issues) {
        count++;
        expect(known.has(issue.code), JSON.stringify(issue)).toBe(true);
        expect(typeof issue.params).toBe('object');
        expect(issue).not.toHaveProperty('message');
        // Worded without throwing and without leftover placeholders in both languages.
        expect(configIssueText(issue, zh)).not.toMatch(PLACEHOLDER);
        expect(configIssueText(issue, en)).not.toMatch(PLACEHOLDER);
      }
    }
    expect(count).toBeGreaterThan(hostile.length);
  });
});
