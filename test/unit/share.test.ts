import { inflateSync, zlibSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { parseExperiment } from '../../src/core/config/validate.ts';
import type { Experiment } from '../../src/core/config/experiment.ts';
import {
  MAX_FILE_BYTES,
  MAX_PAYLOAD_CHARS,
  MAX_SHARED_JSON_BYTES,
  adler32,
  decodeExperiment,
  encodeExperiment,
  experimentFileText,
  fromBase64Url,
  parseExperimentFile,
  readShareHash,
  shareHash,
  shareUrl,
  toBase64Url,
} from '../../src/store/share.ts';

/** Work done by fflate's streaming inflater: compressed bytes pushed in, bytes produced. */
const inflated = vi.hoisted(() => ({ pushed: 0, produced: 0 }));
vi.mock('fflate', async (importOriginal) => {
  const fflate = await importOriginal<typeof import('fflate')>();
  class CountingInflate extends fflate.Inflate {
    constructor(ondata?: import('fflate').FlateStreamHandler) {
      super((chunk, final) => {
        inflated.produced += chunk.length;
        ondata?.(chunk, final);
      });
    }
    override push(chunk: Uint8Array, final?: boolean): void {
      inflated.pushed += chunk.length;
      super.push(chunk, final);
    }
  }
  return { ...fflate, Inflate: CountingInflate };
});

const bytes = (text: string) => new TextEncoder().encode(text);
const payloadOf = (data: Uint8Array) => toBase64Url(zlibSync(data));
/**
 * A zlib stream of about `bits` bits of compressed data: one fixed-Huffman block (RFC 1951
 * §3.2.6) holding a literal space and then `copies` back-references of length 258 at distance
 * 1, each 13 bits (length symbol 285 = 11000101, distance code 0 = 00000), so it inflates to
 * 1 + 258·copies spaces. The checksum is left zero.
 */
function zlibBomb(bits: number): { data: Uint8Array; inflated: number } {
  const copies = Math.floor((bits - 3 - 8 - 7) / 13);
  const out = new Uint8Array(2 + Math.ceil(bits / 8) + 4);
  out[0] = 0x78; // deflate, 32 kB window; (0x78·256 + 0x01) mod 31 = 0
  out[1] = 0x01;
  let bit = 16;
  const put = (value: number, n: number, huffman: boolean) => {
    for (let i = 0; i < n; i++) {
      const b = huffman ? (value >> (n - 1 - i)) & 1 : (value >> i) & 1;
      if (b) out[bit >> 3]! |= 1 << (bit & 7);
      bit++;
    }
  };
  put(1, 1, false); // BFINAL
  put(1, 2, false); // BTYPE = 01, fixed Huffman codes
  put(0x30 + 0x20, 8, true); // literal ' ' (0x20): code 00110000 + 0x20
  for (let i = 0; i < copies; i++) {
    put(0b11000101, 8, true); // length 258
    put(0, 5, true); // distance 1
  }
  put(0, 7, true); // end of block
  return { data: out, inflated: 1 + 258 * copies };
}
const payloadOfJson = (json: unknown) => payloadOf(bytes(JSON.stringify(json)));

/** Experiments covering every problem kind, optimizer, schedule and awkward value. */
const EXPERIMENTS: Experiment[] = [
  parseExperiment({
    problem: {
      kind: 'surface',
      surface: 'quadratic',
      params: { conditionNumber: 50, rotation: -30 },
    },
    steps: 200,
    seed: 1,
    runs: [
      { label: 'SGD', optimizer: { kind: 'sgd', lr: 1.5 } },
      {
        label: 'momentum (PyTorch)',
        optimizer: { kind: 'momentum', lr: 0.1, momentum: 0.9, nesterov: true, form: 'pytorch' },
        schedule: { kind: 'cosine', tMax: 150, etaMin: 1e-5, warmupSteps: 10 },
      },
      {
        label: 'AdaGrad',
        optimizer: { kind: 'adagrad', lr: 0.3 },
        schedule: { kind: 'step', stepSize: 7, gamma: 0.3 },
      },
      { label: 'RMSprop', optimizer: { kind: 'rmsprop', lr: 0.01, centered: true } },
      {
        label: 'Adam',
        optimizer: { kind: 'adam', lr: 0.05, amsgrad: true },
        schedule: { kind: 'exponential', gamma: 0.995 },
      },
      {
        label: '动量 ✓ "quoted"',
        optimizer: { kind: 'adamw', lr: 0.1 },
        schedule: { kind: 'inverseTime', decayRate: 0.02 },
      },
    ],
  }),
  parseExperiment({
    problem: {
      kind: 'surface',
      surface: 'custom',
      expression: 'x^2 + 10*y^2 + sin(x*y)/3',
      start: [0.1 + 0.2, -1e-7],
    },
    steps: 1234,
    seed: 4294967295,
    runs: [{ label: 'Adadelta', optimizer: { kind: 'adadelta', lr: 1, rho: 0.95 } }],
  }),
  parseExperiment({
    problem: { kind: 'regression', samples: 64, noise: 0.8, outliers: 0.1, start: [-2, 3] },
    steps: 150,
    seed: 4,
    runs: [
      { label: 'full batch', batchSize: 'all', optimizer: { kind: 'sgd', lr: 0.1 } },
      {
        label: 'mini-batch 8',
        batchSize: 8,
        optimizer: { kind: 'sgd', lr: 0.1, weightDecay: 0.001 },
      },
      { label: 'stochastic', batchSize: 1, optimizer: { kind: 'sgd', lr: 0.1 } },
    ],
  }),
  parseExperiment({
    problem: { kind: 'cnn', dataset: 'shapes', trainSize: 1000, testSize: 200, evalEvery: 50 },
    steps: 400,
    seed: 3,
    runs: [
      { label: 'SGD', batchSize: 20, optimizer: { kind: 'sgd', lr: 0.01 } },
      {
        label: 'momentum',
        batchSize: 20,
        optimizer: { kind: 'momentum', lr: 0.01, momentum: 0.9 },
      },
    ],
  }),
];

describe('base64url', () => {
  it('matches the RFC 4648 test vectors (without padding)', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(toBase64Url(bytes(plain))).toBe(encoded);
      expect(new TextDecoder().decode(fromBase64Url(encoded)!)).toBe(plain);
    }
  });

  it('uses - and _ for the two URL-unsafe digits, and reads + and / too', () => {
    // 0xfb 0xff → bits 111110 111111 1111(00) → digits 62, 63, 60 → "-_8" (standard: "+/8=").
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect([...fromBase64Url('-_8')!]).toEqual([0xfb, 0xff]);
    expect([...fromBase64Url('+/8=')!]).toEqual([0xfb, 0xff]);
  });

  it('refuses characters and lengths base64 never has', () => {
    expect(fromBase64Url('Zm9v$')).toBeNull();
    expect(fromBase64Url('Zm9vY')).toBeNull(); // 5 ≡ 1 (mod 4) digits cannot end a byte
    expect(fromBase64Url('Zm 9v')).toBeNull();
    expect(fromBase64Url('Zm9v中')).toBeNull();
  });
});

describe('adler32', () => {
  it('matches known checksums', () => {
    expect(adler32(bytes('Wikipedia'))).toBe(0x11e60398);
    expect(adler32(new Uint8Array(0))).toBe(1);
    // 100 000 bytes of 0xff: a = 1 + 255·100000 mod 65521, b = Σ a_i mod 65521, worked out below.
    const n = 100_000;
    const a = (1 + 255 * n) % 65521;
    const b = (n + (255 * n * (n + 1)) / 2) % 65521;
    expect(adler32(new Uint8Array(n).fill(255))).toBe(b * 65536 + a);
  });
});

describe('share links', () => {
  it('round-trip every experiment exactly', () => {
    for (const experiment of EXPERIMENTS) {
      const decoded = decodeExperiment(encodeExperiment(experiment));
      expect(decoded.ok).toBe(true);
      if (!decoded.ok) continue;
      expect(decoded.value).toEqual(experiment);
      expect(JSON.stringify(decoded.value)).toBe(JSON.stringify(experiment));
    }
  });

  it('keep numbers bit for bit', () => {
    const decoded = decodeExperiment(encodeExperiment(EXPERIMENTS[1]!));
    if (!decoded.ok) throw new Error('expected ok');
    expect(decoded.value.problem.kind === 'surface' && decoded.value.problem.start).toEqual([
      0.30000000000000004, -1e-7,
    ]);
  });

  it('are short enough to paste: a two-run surface experiment stays under 400 characters', () => {
    const experiment = parseExperiment({
      problem: { kind: 'surface', surface: 'rosenbrock' },
      steps: 300,
      seed: 7,
      runs: [
        { label: 'SGD', optimizer: { kind: 'sgd', lr: 0.001 } },
        { label: 'momentum', optimizer: { kind: 'momentum', lr: 0.0002, momentum: 0.9 } },
      ],
    });
    expect(shareHash(experiment).length).toBeLessThan(400);
  });

  it('put the experiment in the hash, replacing any hash already there', () => {
    const experiment = EXPERIMENTS[0]!;
    const payload = encodeExperiment(experiment);
    expect(shareUrl(experiment, 'https://x.org/lab/?q=1#old')).toBe(
      `https://x.org/lab/?q=1#e=${payload}`,
    );
    expect(shareUrl(experiment, 'https://x.org/lab/')).toBe(`https://x.org/lab/#e=${payload}`);
  });

  it('read the experiment among other hash parameters, and nothing from other hashes', () => {
    const payload = encodeExperiment(EXPERIMENTS[2]!);
    expect(readShareHash('')).toBeNull();
    expect(readShareHash('#lesson=gd')).toBeNull();
    expect(readShareHash(`#lesson=gd&e=${payload}`)).toEqual({ ok: true, value: EXPERIMENTS[2] });
    expect(readShareHash(`e=${payload}`)).toEqual({ ok: true, value: EXPERIMENTS[2] });
  });
});

describe('damaged and hostile links', () => {
  const code = (payload: string) => {
    const result = decodeExperiment(payload);
    return result.ok ? 'ok' : result.error.code;
  };
  const good = encodeExperiment(EXPERIMENTS[0]!);

  it('name bad characters', () => {
    expect(code(`${good.slice(0, 20)}%${good.slice(21)}`)).toBe('base64');
    expect(code('')).toBe('deflate');
  });

  it('name data that are not zlib, or cut off', () => {
    expect(code(toBase64Url(bytes('{"steps": 10}')))).toBe('deflate');
    expect(code(good.slice(0, Math.floor(good.length / 2)))).toBe('deflate');
    // Only the checksum trailer cut: the stream itself is intact but unverifiable.
    expect(['deflate', 'checksum']).toContain(code(good.slice(0, -3)));
  });

  it('name altered data by their checksum', () => {
    const data = zlibSync(bytes(JSON.stringify(EXPERIMENTS[0])));
    data[data.length - 1]! ^= 1; // the stream is intact; only the Adler-32 trailer disagrees
    expect(code(toBase64Url(data))).toBe('checksum');
  });

  it('stop a zip bomb at the cap without inflating it all', () => {
    // The construction is a real bomb: a small one inflates to exactly the size worked out.
    const small = zlibBomb(20_000);
    expect(inflateSync(small.data.subarray(2, -4)).length).toBe(small.inflated);
    // Nearly the densest bomb a link can hold: 2.3 Mbit inflating to ~45 MB of spaces.
    const big = zlibBomb(2_300_000);
    expect(big.inflated).toBeGreaterThan(45_000_000);
    const bomb = toBase64Url(big.data);
    expect(bomb.length).toBeLessThan(MAX_PAYLOAD_CHARS);
    inflated.pushed = 0;
    inflated.produced = 0;
    const result = decodeExperiment(bomb);
    expect(result).toEqual({
      ok: false,
      error: { code: 'tooLarge', issues: [], limitBytes: MAX_SHARED_JSON_BYTES },
    });
    // Counted work, not time: compressed bytes go in 1 kB at a time, and each kB of this bomb
    // inflates to ⌊8192 / 13⌋·258 = 162,540 bytes, so the 262,144-byte cap is passed during
    // the second push. Nothing past it is inflated: 2 kB of 288 kB read, < 2 pushes' output.
    const perPush = Math.floor((1024 * 8) / 13) * 258;
    expect(inflated.pushed).toBe(2 * 1024);
    expect(inflated.produced).toBeGreaterThan(MAX_SHARED_JSON_BYTES);
    expect(inflated.produced).toBeLessThanOrEqual(2 * perPush + 258);
    expect(big.data.length).toBeGreaterThan(280_000);
  });

  it('accept JSON exactly at the cap and refuse one byte more', () => {
    const json = JSON.stringify(EXPERIMENTS[2]);
    const atCap = json + ' '.repeat(MAX_SHARED_JSON_BYTES - json.length);
    expect(code(payloadOf(bytes(atCap)))).toBe('ok');
    expect(code(payloadOf(bytes(`${atCap} `)))).toBe('tooLarge');
  });

  it('refuse an over-long payload before decoding it', () => {
    expect(code('A'.repeat(MAX_PAYLOAD_CHARS + 4))).toBe('tooLarge');
  });

  it('name data that are not UTF-8 JSON', () => {
    expect(code(payloadOf(bytes('not json')))).toBe('json');
    expect(code(payloadOf(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))).toBe('json');
  });

  it('refuse wrong types and huge numbers, naming the field', () => {
    const paths = (json: unknown) => {
      const result = decodeExperiment(payloadOfJson(json));
      return result.ok ? [] : result.error.issues.map((i) => i.path);
    };
    const valid = JSON.parse(JSON.stringify(EXPERIMENTS[2])) as Record<string, unknown>;
    expect(paths({ ...valid, steps: '100' })).toEqual(['steps']);
    expect(paths({ ...valid, seed: 1e300 })).toEqual(['seed']);
    expect(paths({ ...valid, problem: 'regression' })).toEqual(['problem.kind']);
    expect(paths(null)).toEqual(['']);
    expect(paths([valid])).toEqual(['']);
    // 1e400 in JSON text parses to Infinity.
    const text = JSON.stringify(valid).replace('"steps":150', '"steps":1e400');
    const result = decodeExperiment(payloadOf(bytes(text)));
    expect(!result.ok && result.error.issues.map((i) => i.path)).toEqual(['steps']);
    const lr = JSON.stringify(valid).replace('"lr":0.1', '"lr":1e308');
    const lrResult = decodeExperiment(payloadOf(bytes(lr)));
    expect(!lrResult.ok && lrResult.error.issues.map((i) => i.path)).toEqual([
      'runs[0].optimizer.lr',
    ]);
  });

  it('refuse prototype-pollution keys and pollute nothing', () => {
    const valid = JSON.stringify(EXPERIMENTS[2]);
    const hostile = [
      valid.replace('{', '{"__proto__":{"polluted":true},'),
      valid.replace('"optimizer":{', '"optimizer":{"constructor":{"prototype":{"polluted":true}},'),
      valid.replace('"problem":{', '"problem":{"__proto__":{"kind":"cnn"},'),
    ];
    for (const text of hostile) {
      const result = decodeExperiment(payloadOf(bytes(text)));
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('invalid');
    }
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).kind).toBeUndefined();
  });

  it('refuse 1 MB strings: over the cap in a link, an invalid label under it', () => {
    const valid = JSON.parse(JSON.stringify(EXPERIMENTS[2])) as { runs: { label: string }[] };
    valid.runs[0]!.label = 'x'.repeat(1024 * 1024);
    expect(code(payloadOfJson(valid))).toBe('tooLarge');
    valid.runs[0]!.label = 'x'.repeat(100_000);
    const result = decodeExperiment(payloadOfJson(valid));
    expect(!result.ok && result.error.issues.map((i) => i.path)).toEqual(['runs[0].label']);
  });

  it('refuse pathological formulas and nesting without throwing', () => {
    const deep = JSON.parse(JSON.stringify(EXPERIMENTS[1])) as { problem: { expression: string } };
    deep.problem.expression = `${'('.repeat(60_000)}x${')'.repeat(60_000)}`;
    expect(code(payloadOfJson(deep))).toBe('invalid');
    expect(code(payloadOf(bytes('['.repeat(100_000) + ']'.repeat(100_000))))).toBe('invalid');
  });
});

describe('experiment files', () => {
  it('round-trip exactly through the exported text', () => {
    for (const experiment of EXPERIMENTS) {
      expect(parseExperimentFile(experimentFileText(experiment))).toEqual({
        ok: true,
        value: experiment,
      });
    }
  });

  it('accept a byte-order mark and a minimal hand-written file with defaults', () => {
    const text =
      '\uFEFF{"problem":{"kind":"surface","surface":"beale"},"runs":[{"optimizer":{"kind":"adam","lr":0.1}}]}';
    const result = parseExperimentFile(text);
    expect(result.ok && result.value.runs[0]!.label).toBe('adam');
  });

  it('refuse a file over the cap by its reported size, before parsing', () => {
    const result = parseExperimentFile('{}', MAX_FILE_BYTES + 1);
    expect(result).toEqual({
      ok: false,
      error: { code: 'tooLarge', issues: [], limitBytes: MAX_FILE_BYTES, size: MAX_FILE_BYTES + 1 },
    });
    const big = `{"x":"${'y'.repeat(1024 * 1024)}"}`;
    expect(
      !parseExperimentFile(big).ok &&
        (parseExperimentFile(big) as { error: { code: string } }).error.code,
    ).toBe('tooLarge');
  });

  it('name non-JSON and invalid files', () => {
    const json = parseExperimentFile('{"steps": 10,');
    expect(!json.ok && json.error.code).toBe('json');
    const invalid = parseExperimentFile('{"steps": -1, "runs": []}');
    expect(!invalid.ok && invalid.error.code).toBe('invalid');
    expect(!invalid.ok && invalid.error.issues.map((i) => i.path)).toContain('steps');
  });
});
