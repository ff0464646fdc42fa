/**
 * Arguments through node:util parseArgs, stricter where it is lenient: an option given twice
 * is refused (parseArgs keeps the last one silently), and numbers are plain decimal whole
 * numbers a double holds exactly (no 0x10, 1e3, or digits past 2^53).
 */
import { parseArgs } from 'node:util';
import { CliError } from './errors.ts';

type StringOptions = Readonly<Record<string, { readonly short?: string }>>;

export interface ParsedArgs<K extends string> {
  /** Each option's value, undefined when absent. */
  readonly values: { readonly [key in K]?: string };
  readonly positionals: readonly string[];
}

/** Parses `args` whose options all take a value; throws a CliError naming the problem. */
export function parseCommandArgs<O extends StringOptions>(
  args: readonly string[],
  options: O,
  usage: string,
): ParsedArgs<Extract<keyof O, string>> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [
          name,
          { ...o, type: 'string', multiple: true },
        ]),
      ) as Record<string, { type: 'string'; multiple: true }>,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}; ${usage}`);
  }
  const values: Record<string, string> = {};
  for (const [name, given] of Object.entries(parsed.values) as [string, string[]][]) {
    if (given.length > 1)
      throw new CliError(`--${name} is given ${given.length} times; give it once`);
    values[name] = given[0]!;
  }
  return {
    values: values as ParsedArgs<Extract<keyof O, string>>['values'],
    positionals: parsed.positionals,
  };
}

/** `raw` as a whole number ≥ `min`, written in plain decimal digits and at most 2^53 − 1. */
export function wholeNumber(option: string, raw: string, min: number): number {
  const value = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min)
    throw new CliError(`${option} must be a whole number from ${min} to 2^53 − 1 (got '${raw}')`);
  return value;
}
