/**
 * Experiments as JSON, the part of sharing the first screen needs: experiment files (import
 * and export), the shared errors and limits, and whether a URL hash holds a share link. The
 * link codec itself (zlib, base64url) is in share.ts, fetched only when a link is made or read.
 * Whatever comes in is untrusted: only `validateExperiment` decides what becomes an experiment.
 */
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

export function failure(code: ShareErrorCode, extra: Partial<ShareError> = {}): DecodeResult {
  return { ok: false, error: { code, issues: [], ...extra } };
}

/** Parses UTF-8 JSON bytes (already within a size cap) and validates them as an experiment. */
export function experimentFromJsonBytes(bytes: Uint8Array): DecodeResult {
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

/** The share payload in a URL hash (`#e=…`, possibly among other `&`-separated parameters). */
export function sharePayload(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    if (part.startsWith(`${SHARE_PARAM}=`)) return part.slice(SHARE_PARAM.length + 1);
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
