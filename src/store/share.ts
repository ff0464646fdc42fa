/**
 * Share links and experiment files: an experiment travels as JSON, zlib-compressed and
 * base64url-encoded in the URL hash (`#e=…`), or as a plain JSON file. Whatever comes back in
 * is untrusted: every stage has a limit and a named failure (bad characters, damaged
 * compression, checksum mismatch, too large, not JSON, not a valid experiment), and only
 * `validateExperiment` decides what becomes an experiment. Nothing is ever executed.
 */
import { Inflate, zlibSync } from 'fflate';
import type { Experiment } from '../core/config/experiment.ts';
import { configIssue } from '../core/config/issue.ts';
import { validateExperiment, type ConfigIssue } from '../core/config/validate.ts';

/** The hash parameter holding a shared experiment: `#e=<payload>`. */
export const SHARE_PARAM = 'e';
/** Most bytes a link's JSON may inflate to (a zip bomb stops here). 256 kB. */
export const MAX_SHARED_JSON_BYTES = 256 * 1024;
/** Longest payload read from a link, in characters (checked before decoding). */
export const MAX_PAYLOAD_CHARS = 400_000;
/** Largest experiment file accepted for import. 256 kB. */
export const MAX_FILE_BYTES = 256 * 1024;
/** Links longer than this may be cut by some chat and mail apps; the UI warns. */
export const LONG_LINK_CHARS = 8000;

/** Why shared data could not become an experiment. */
export type ShareErrorCode =
  /** Characters outside base64url, or an impossible length. */
  | 'base64'
  /** Not a zlib stream, or a truncated or altered one. */
  | 'deflate'
  /** Inflated fine but the Adler-32 checksum disagrees: the data were altered. */
  | 'checksum'
  /** Larger than the cap (`limitBytes`). */
  | 'tooLarge'
  /** Not UTF-8 JSON. */
  | 'json'
  /** JSON, but not a valid experiment (see `issues`). */
  | 'invalid';

export interface ShareError {
  readonly code: ShareErrorCode;
  /** Validation issues (code "invalid"), each naming the field path. */
  readonly issues: readonly ConfigIssue[];
  /** The cap that was exceeded (code "tooLarge"), in bytes. */
  readonly limitBytes?: number;
  /** The size that exceeded it, in bytes (files) or characters (links). */
  readonly size?: number;
}

export type DecodeResult =
  | { readonly ok: true; readonly value: Experiment }
  | { readonly ok: false; readonly error: ShareError };

function failure(code: ShareErrorCode, extra: Partial<ShareError> = {}): DecodeResult {
  return { ok: false, error: { code, issues: [], ...extra } };
}

// ── base64url

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
// Links pasted through tools that "fix" base64 may carry the standard alphabet; accept it.
DECODE['+'.charCodeAt(0)] = 62;
DECODE['/'.charCodeAt(0)] = 63;

/** Bytes → base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** base64url (padding optional) → bytes, or null on any character or length that cannot occur. */
export function fromBase64Url(text: string): Uint8Array | null {
  const body = text.replace(/={1,2}$/, '');
  if (body.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let at = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const value = code < 128 ? DECODE[code]! : -1;
    if (value < 0) return null;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

// ── zlib with a size cap and a checksum

/** Adler-32 of `bytes` (RFC 1950), the checksum a zlib stream ends with. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length;) {
    // 5552 bytes is the longest run before b can overflow 2^32 (zlib's NMAX).
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return (b * 65536 + a) >>> 0;
}

class TooLarge extends Error {}

/** Inflated input is pushed this many compressed bytes at a time, so a bomb stops early. */
const INFLATE_CHUNK = 1024;

/**
 * Inflates a zlib stream, refusing to produce more than `limit` bytes. Returns null for a
 * stream that is not zlib or is damaged, "checksum" when the data fail Adler-32.
 */
function inflateCapped(
  data: Uint8Array,
  limit: number,
): Uint8Array | 'checksum' | 'tooLarge' | null {
  if (data.length < 7) return null;
  const cmf = data[0]!;
  const flg = data[1]!;
  // Deflate method, window ≤ 32 kB, header check bits, no preset dictionary (RFC 1950 §2.2).
  if ((cmf & 15) !== 8 || cmf >> 4 > 7 || (cmf * 256 + flg) % 31 !== 0 || flg & 32) return null;
  const body = data.subarray(2, data.length - 4);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) throw new TooLarge();
    chunks.push(chunk);
  });
  try {
    for (let at = 0; at < body.length; at += INFLATE_CHUNK) {
      const end = Math.min(at + INFLATE_CHUNK, body.length);
      inflater.push(body.subarray(at, end), end === body.length);
    }
    if (body.length === 0) inflater.push(body, true);
  } catch (error) {
    if (error instanceof TooLarge) return 'tooLarge';
    return null;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  const t = data.length - 4;
  const expected =
    ((data[t]! << 24) | (data[t + 1]! << 16) | (data[t + 2]! << 8) | data[t + 3]!) >>> 0;
  return adler32(out) === expected ? out : 'checksum';
}

// ── experiments in, experiments out

/**
 * The experiment's JSON, UTF-8 encoded. The experiment is already complete (validated), so
 * the link carries every default explicitly and opens identically even if defaults change.
 */
function experimentBytes(experiment: Experiment): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(experiment));
}

/** The share payload of an experiment: zlib-compressed JSON in base64url. */
export function encodeExperiment(experiment: Experiment): string {
  return toBase64Url(zlibSync(experimentBytes(experiment), { level: 9 }));
}

/** The URL hash that shares `experiment`: `#e=…`. */
export function shareHash(experiment: Experiment): string {
  return `#${SHARE_PARAM}=${encodeExperiment(experiment)}`;
}

/** `pageUrl` (e.g. location.href) with its hash replaced by the share hash of `experiment`. */
export function shareUrl(experiment: Experiment, pageUrl: string): string {
  const hashAt = pageUrl.indexOf('#');
  return (hashAt < 0 ? pageUrl : pageUrl.slice(0, hashAt)) + shareHash(experiment);
}

/** Parses UTF-8 JSON bytes (already within a size cap) and validates them as an experiment. */
function experimentFromJsonBytes(bytes: Uint8Array): DecodeResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return failure('json');
  }
  return experimentFromJsonText(text);
}

function experimentFromJsonText(text: string): DecodeResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return failure('json');
  }
  let result: ReturnType<typeof validateExperiment>;
  try {
    result = validateExperiment(json);
  } catch (error) {
    // Validation is meant to report, not throw; if it ever does, the data are still refused.
    const message = error instanceof Error ? error.message : String(error);
    return failure('invalid', {
      issues: [
        configIssue('', {
          code: 'unreadable',
          params: { reason: message },
        }),
      ],
    });
  }
  return result.ok ? result : failure('invalid', { issues: result.issues });
}

/** Decodes a share payload (the part after `e=`) into a validated experiment. */
export function decodeExperiment(payload: string): DecodeResult {
  if (payload.length > MAX_PAYLOAD_CHARS) {
    return failure('tooLarge', { limitBytes: MAX_SHARED_JSON_BYTES, size: payload.length });
  }
  const compressed = fromBase64Url(payload);
  if (!compressed) return failure('base64');
  const inflated = inflateCapped(compressed, MAX_SHARED_JSON_BYTES);
  if (inflated === null) return failure('deflate');
  if (inflated === 'checksum') return failure('checksum');
  if (inflated === 'tooLarge') return failure('tooLarge', { limitBytes: MAX_SHARED_JSON_BYTES });
  return experimentFromJsonBytes(inflated);
}

/**
 * The shared experiment in a URL hash (`#e=…`, possibly among other `&`-separated
 * parameters): null when the hash shares nothing, else the decoded result.
 */
export function readShareHash(hash: string): DecodeResult | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    if (part.startsWith(`${SHARE_PARAM}=`))
      return decodeExperiment(part.slice(SHARE_PARAM.length + 1));
  }
  return null;
}

/**
 * Reads an experiment file's text, validated exactly like a link. `byteLength` is the file's
 * size as reported by the browser, checked before the text is read at all when given.
 */
export function parseExperimentFile(text: string, byteLength?: number): DecodeResult {
  const size = byteLength ?? new TextEncoder().encode(text).length;
  if (size > MAX_FILE_BYTES) return failure('tooLarge', { limitBytes: MAX_FILE_BYTES, size });
  // A byte-order mark is common in files saved by Windows editors; JSON.parse refuses it.
  return experimentFromJsonText(text.replace(/^\uFEFF/, ''));
}

/** The experiment as the text of a downloadable `.json` file (indented for people to read). */
export function experimentFileText(experiment: Experiment): string {
  return `${JSON.stringify(experiment, null, 2)}\n`;
}
