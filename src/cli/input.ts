/**
 * Reading an experiment file (or standard input) as the web import does: at most 256 kB,
 * UTF-8 with or without a byte-order mark, JSON. Reading stops at the cap, so /dev/zero or an
 * endless pipe cannot fill memory.
 */
import { createReadStream } from 'node:fs';
import { CliError } from './errors.ts';

/** Largest experiment file, in bytes: the browser's import limit. */
export const MAX_INPUT_BYTES = 256 * 1024;

/** How the input is named in messages. */
export const inputName = (file: string): string => (file === '-' ? 'standard input' : `'${file}'`);

/** The text of `file` ('-' for standard input). */
export async function readInputText(file: string): Promise<string> {
  const stream = file === '-' ? process.stdin : createReadStream(file, { end: MAX_INPUT_BYTES }); // end is inclusive
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_INPUT_BYTES) break;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${inputName(file)}${code ? ` (${code})` : ''}`);
  } finally {
    stream.destroy();
  }
  if (size > MAX_INPUT_BYTES)
    throw new CliError(`${inputName(file)} is larger than ${MAX_INPUT_BYTES / 1024} kB`);
  try {
    // A byte-order mark is dropped by the decoder (ignoreBOM: false).
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new CliError(`${inputName(file)} is not UTF-8 text`);
  }
}

/** The JSON value in `file`. */
export async function readInputJson(file: string): Promise<unknown> {
  const text = await readInputText(file);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${inputName(file)} is not valid JSON: ${(error as Error).message}`);
  }
}
