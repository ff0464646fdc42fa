/**
 * Every stored and exported format written by the app and read back by an independent reader,
 * with hostile labels (separators, quotes, line ends, formula prefixes, control characters,
 * surrogates, direction marks, the longest label allowed) and edge numbers: saved experiments
 * and the autosave (JSON in storage), share links (read with Node's zlib), experiment files
 * (read as UTF-8 bytes, as a download holds them), the run history as JSON and CSV, and the
 * CLI's CSV (read with the RFC 4180 parser in test/support, never the product's writer).
 * Each reader gets back exactly what was written, or what the format documents instead.
 */
import { spawnSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/core/config/experiment.ts';
import { MAX_LABEL_LENGTH } from '../../src/core/config/experiment.ts';
import { parseExperiment, validateExperiment } from '../../src/core/config/validate.ts';
import { csvCell } from '../../src/core/csvCell.ts';
import {
  ExperimentStorage,
  MAX_SAVED_NAME,
  type KeyValueStorage,
} from '../../src/store/persistence.ts';
import {
  decodeExperiment,
  encodeExperiment,
  experimentFileText,
  parseExperimentFile,
} from '../../src/store/share.ts';
import { historyCsv, historyJson, type ExportedRecord } from '../../src/ui/exportHistory.ts';
import { parseCsv } from '../support/rfc4180.mjs';

/** Labels a hostile tester would type; each is valid (1 to 40 characters, not only spaces). */
const HOSTILE = [
  'a,b',
  'say "hi", again',
  'two\nlines',
  'cr\rinside',
  'crlf\r\nend',
  '=1+2',
  '+SUM(A1:A9)',
  '-2+3',
  '@cmd',
  '\tTab first',
  '\rCR first',
  '\u0001\u001f\u007f\u0085 controls',
  '😀 emoji 👩‍👩‍👧',
  'lone \ud800 high',
  'lone \udc00 low',
  '\u202eRTL override\u202c',
  '\u200fשלום',
  'x'.repeat(MAX_LABEL_LENGTH),
  "'=already quoted",
  '"',
  '  spaced  ',
  '\u0000 nul',
];

/** The OWASP rule as README.md states it: text starting with = + - @ tab or CR gets a leading '. */
function neutralised(text: string): string {
  const first = text[0];
  return first !== undefined && '=+-@\t\r'.includes(first) ? `'${text}` : text;
}

/** What UTF-8 can carry of `text`: each lone surrogate becomes U+FFFD (written independently of TextEncoder). */
function utf8Safe(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += text[i]! + text[i + 1]!;
      i++;
    } else out += c >= 0xd800 && c <= 0xdfff ? '\ufffd' : text[i]!;
  }
  return out;
}

/** `text` as the bytes of a download or of standard output, read back strictly as UTF-8. */
const throughUtf8 = (text: string) =>
  new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(text));

/** The hostile labels in experiments of at most six runs, with edge numbers where the format allows. */
function hostileExperiments(): Experiment[] {
  const out: Experiment[] = [];
  for (let i = 0; i < HOSTILE.length; i += 6) {
    out.push(
      parseExperiment({
        problem: { kind: 'surface', surface: 'quadratic', start: [5e-324, -1e6] },
        steps: 10_000_000,
        seed: 2 ** 32 - 1,
        runs: HOSTILE.slice(i, i + 6).map((label, k) => ({
          label,
          optimizer:
            k % 2 === 0
              ? { kind: 'sgd', lr: 1e-300 }
              : { kind: 'adam', lr: 1e6, beta1: 0.9999999999999999, eps: 5e-324 },
        })),
      }),
    );
  }
  return out;
}

class MapStorage implements KeyValueStorage {
  readonly data = new Map<string, string>();
  getItem = (key: string) => this.data.get(key) ?? null;
  setItem = (key: string, value: string) => void this.data.set(key, value);
  removeItem = (key: string) => void this.data.delete(key);
}

describe('the RFC 4180 reader of the tests', () => {
  it('reads the RFC’s examples and refuses what the RFC forbids', () => {
    expect(parseCsv('aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n')).toEqual([
      ['aaa', 'bbb', 'ccc'],
      ['zzz', 'yyy', 'xxx'],
    ]);
    expect(parseCsv('"aaa","b\r\nbb","ccc"\nzzz,,"x""y"')).toEqual([
      ['aaa', 'b\r\nbb', 'ccc'],
      ['zzz', '', 'x"y'],
    ]);
    expect(() => parseCsv('a"b,c')).toThrow(/quote in an unquoted field/);
    expect(() => parseCsv('"a"b,c')).toThrow(/text after a closing quote/);
    expect(() => parseCsv('a\rb')).toThrow(/bare CR/);
    expect(() => parseCsv('"abc')).toThrow(/unterminated/);
  });
});

describe('saved experiments and the autosave', () => {
  it('give back every hostile label and edge number exactly', () => {
    const fake = new MapStorage();
    const storage = new ExperimentStorage(fake, () => 8.64e15); // the last millisecond a Date can show
    for (const [i, experiment] of hostileExperiments().entries()) {
      const saved = storage.save(`run ${i}`, experiment);
      expect(saved.ok).toBe(true);
      expect(storage.load(saved.ok ? saved.value.id : '')).toEqual({
        ok: true,
        value: { id: saved.ok && saved.value.id, name: `run ${i}`, savedAt: 8.64e15, experiment },
      });
      expect(storage.writeAutosave('explorer', experiment)).toEqual({ ok: true, value: undefined });
      expect(storage.readAutosave('explorer')).toEqual({ ok: true, value: experiment });
    }
    const listed = storage.list();
    expect(listed.ok && listed.value.unreadable).toBe(0);
    expect(
      listed.ok && listed.value.entries.flatMap((e) => e.experiment.runs.map((r) => r.label)),
    ).toHaveLength(HOSTILE.length);
    // The stored text is JSON any reader takes: lone surrogates are escaped, not mangled.
    for (const raw of fake.data.values()) expect(throughUtf8(raw)).toBe(raw);
  });

  it('store a hostile name as one that reads back: controls become spaces, a pair is never split', () => {
    const storage = new ExperimentStorage(new MapStorage(), () => 1);
    const experiment = hostileExperiments()[0]!;
    const names: Array<[typed: string, kept: string]> = [
      ['a\u0001b\u007fc\u0085d', 'a b c d'],
      ['tab\tand\r\nline ends', 'tab and line ends'],
      ['=HYPERLINK("x") , "quoted"', '=HYPERLINK("x") , "quoted"'],
      ['\u202eevil\u202c 😀', '\u202eevil\u202c 😀'],
      // 79 x then an emoji: 81 UTF-16 units; clipping at 80 would leave half the pair.
      [`${'x'.repeat(MAX_SAVED_NAME - 1)}😀`, 'x'.repeat(MAX_SAVED_NAME - 1)],
      [`${'y'.repeat(MAX_SAVED_NAME - 2)}😀z`, `${'y'.repeat(MAX_SAVED_NAME - 2)}😀`],
      ['\u0000\u0001', 'Untitled'],
    ];
    for (const [typed] of names) expect(storage.save(typed, experiment).ok).toBe(true);
    const listed = storage.list();
    expect(listed.ok && listed.value.unreadable).toBe(0); // before: the control characters' entries
    expect(listed.ok && listed.value.entries.map((e) => e.name).sort()).toEqual(
      names.map(([, kept]) => kept).sort(),
    );
  });
});

describe('share links', () => {
  it('carry every hostile label and edge number, read back by zlib and JSON.parse alone', () => {
    for (const experiment of hostileExperiments()) {
      const payload = encodeExperiment(experiment);
      expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
      const json = inflateSync(Buffer.from(payload, 'base64url')).toString('utf8');
      expect(JSON.parse(json)).toEqual(experiment);
      expect(decodeExperiment(payload)).toEqual({ ok: true, value: experiment });
    }
  });

  it('refuse numbers the format cannot hold, naming the field', () => {
    const base = JSON.parse(JSON.stringify(hostileExperiments()[0])) as {
      runs: Array<{ optimizer: { lr: unknown } }>;
    };
    // JSON has no NaN or Infinity: written, they arrive as null (or a string, by hand).
    for (const lr of [1e308, -1e-300, null, 'Infinity', 'NaN', Infinity, NaN]) {
      base.runs[0]!.optimizer.lr = lr;
      const result = validateExperiment(JSON.parse(JSON.stringify(base)));
      expect(result.ok, String(lr)).toBe(false);
      expect(!result.ok && result.issues.map((i) => i.path)).toEqual(['runs[0].optimizer.lr']);
    }
  });
});

describe('experiment files', () => {
  it('survive the download’s UTF-8 and parse back exactly, by JSON.parse and by the importer', () => {
    for (const experiment of hostileExperiments()) {
      const text = experimentFileText(experiment);
      const downloaded = throughUtf8(text);
      expect(downloaded).toBe(text); // nothing a lone surrogate could lose: JSON escapes it
      expect(JSON.parse(downloaded)).toEqual(experiment);
      expect(parseExperimentFile(downloaded)).toEqual({ ok: true, value: experiment });
    }
  });

  it('keep -0 as the one zero JSON has', () => {
    const experiment = parseExperiment({
      problem: { kind: 'surface', surface: 'quadratic', start: [-0, 1] },
      runs: [{ optimizer: { kind: 'sgd', lr: 0.1 } }],
    });
    const read = parseExperimentFile(experimentFileText(experiment));
    expect(read.ok && read.value.problem.kind === 'surface' && read.value.problem.start).toEqual([
      0, 1,
    ]);
  });
});

/** One exported record per hostile label, with the edge numbers a run can produce. */
const EDGE_NUMBERS = [1e308, -0, 5e-324, -5e-324, 0.1 + 0.2, NaN, Infinity, -Infinity];
const hostileRecords = (): ExportedRecord[] =>
  HOSTILE.map((run, i) => ({
    run,
    step: i,
    loss: EDGE_NUMBERS[i % EDGE_NUMBERS.length]!,
    params: [EDGE_NUMBERS[(i + 1) % EDGE_NUMBERS.length]!, -1e-7],
    lr: 1e-300,
    state: { velocity: [-0, 1e308] },
    ...(i === HOSTILE.length - 1
      ? { diverged: true as const, reason: 'loss became Infinity' }
      : {}),
  }));

describe('the run history as CSV', () => {
  it('parses back by RFC 4180 to every label (neutralised) and every number, bit for bit', () => {
    const records = hostileRecords();
    const csv = historyCsv(records);
    const rows = parseCsv(throughUtf8(csv));
    const [header, ...body] = rows;
    expect(header).toEqual([
      'run',
      'step',
      'loss',
      'params_0',
      'params_1',
      'lr',
      'state.velocity_0',
      'state.velocity_1',
      'diverged',
      'reason',
    ]);
    expect(body).toHaveLength(records.length);
    for (const [i, row] of body.entries()) {
      const r = records[i]!;
      expect(row, JSON.stringify(r.run)).toHaveLength(header!.length);
      // Text: the formula rule, and UTF-8's one loss (a lone surrogate), nothing else.
      expect(row[0]).toBe(utf8Safe(neutralised(r.run)));
      // Numbers: written whole, read back with Number() to the same double, sign of zero too.
      const numbers = [r.step, r.loss, ...r.params!, r.lr, ...(r.state.velocity as number[])];
      row.slice(1, 8).forEach((cell, k) => expect(Object.is(Number(cell), numbers[k])).toBe(true));
      expect(row.slice(8)).toEqual(r.diverged ? ['true', r.reason] : ['', '']);
    }
  });

  it('applies the formula rule to text only: negative numbers stay numbers', () => {
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(-0)).toBe('-0');
    expect(csvCell(-Infinity)).toBe('-Infinity');
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('-Infinity')).toBe("'-Infinity");
  });

  it('keeps a 1 MB cell whole', () => {
    const run = `=${'a,"\r\n'.repeat(200_000)}`;
    const [, row] = parseCsv(historyCsv([{ run, step: 0, loss: 1, lr: 1, state: {} }]));
    expect(row![0]).toBe(`'${run}`);
  });
});

describe('the run history as JSON', () => {
  it('parses back to every label exactly; non-finite numbers and -0 as JSON writes them', () => {
    const records = hostileRecords();
    const text = historyJson(records);
    const downloaded = throughUtf8(text);
    expect(downloaded).toBe(text);
    const read = JSON.parse(downloaded) as Array<Record<string, unknown>>;
    // JSON has no NaN or ±Infinity (they are written as null) and one zero.
    const asJson = (x: number) => (Number.isFinite(x) ? (Object.is(x, -0) ? 0 : x) : null);
    expect(read).toEqual(
      records.map((r) => ({
        ...r,
        loss: asJson(r.loss),
        params: r.params!.map(asJson),
        state: { velocity: [0, 1e308] },
      })),
    );
  });
});

describe('the CLI’s CSV', () => {
  it('parses back by RFC 4180 to every hostile label, neutralised', () => {
    const experiment = hostileExperiments()[1]!;
    const input = JSON.stringify({ ...experiment, steps: 2 });
    const result = spawnSync(
      'node_modules/.bin/tsx',
      ['src/cli/main.ts', 'run', '-', '--format', 'csv'],
      { input, encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [header, ...body] = parseCsv(result.stdout);
    expect(header!.slice(0, 2)).toEqual(['run', 'step']);
    const labels = experiment.runs.map((r) => r.label);
    // Steps 0, 1, 2 of each run, in rounds (every run's step 0, then every run's step 1, …).
    expect(body.map((row) => row[0])).toEqual(
      [0, 1, 2].flatMap(() => labels.map((l) => utf8Safe(neutralised(l)))),
    );
    expect(body.map((row) => row[1])).toEqual([0, 1, 2].flatMap((s) => labels.map(() => `${s}`)));
    for (const row of body) expect(row).toHaveLength(header!.length);
  }, 60_000);
});
