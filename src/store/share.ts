/**
 * Share links: an experiment travels as JSON (experimentJson.ts), zlib-compressed and
 * base64url-encoded in the URL hash (`#e=…`). This module carries the compression library, so
 * the page fetches it when a link is made or read, not on the first screen. Whatever comes back in
 * is untrusted: every stage has a limit and a named failure (bad characters, damaged
 * compression, checksum mismatch, too large, not JSON, not a valid experiment), and only
 * `validateExperiment` decides what becomes an experiment. Nothing is ever executed.
 */
import { Inflate, zlibSync } from 'fflate';
import type { Experiment } from '../core/config/experiment.ts';
import {
  experimentFromJsonBytes,
  failure,
  MAX_PAYLOAD_CHARS,
  MAX_SHARED_JSON_BYTES,
  SHARE_PARAM,
  sharePayload,
  type DecodeResult,
} from './experimentJson.ts';

// The rest of the sharing API, for callers that load this module anyway.
export * from './experimentJson.ts';

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
  const payload = sharePayload(hash);
  return payload === null ? null : decodeExperiment(payload);
}
