/**
 * `npm run bench [-- [--json] [--quick] [SECTION…]]`: runs the named benchmark sections (all by
 * default) and prints their tables. With `--json` the output ends with one JSON line holding
 * every section's fields, e.g. {"cnnTrain": {"batchSize": 20, "samplesPerSec": {…}}, …}.
 *
 * A section is one entry in SECTIONS: a function that prints its table through `log` and
 * returns the fields it adds to the JSON line.
 */
import { runCnnBench, runEngineRate } from './cnn.ts';
import { formatStreamBench, runStreamBench } from './stream.ts';

export interface SectionOptions {
  /** Shorter runs, for a smoke test. */
  readonly quick: boolean;
  readonly log: (line: string) => void;
}

type Section = (options: SectionOptions) => Promise<object>;

const SECTIONS: Record<string, Section> = {
  cnn: (options) => runCnnBench(options),
  /** Only the engine's training rate (not run by default): the browser tests' reference. */
  engine: (options) => runEngineRate(options),
  stream: async ({ quick, log }) => {
    const stream = await runStreamBench(quick ? 3 : 8);
    log(formatStreamBench(stream));
    return { stream };
  },
};

/** What `npm run bench` runs when no section is named. */
const DEFAULT_SECTIONS = ['cnn', 'stream'];

async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const quick = argv.includes('--quick');
  const unknownFlags = argv.filter((a) => a.startsWith('--') && a !== '--json' && a !== '--quick');
  const names = argv.filter((a) => !a.startsWith('--'));
  const unknown = [...unknownFlags, ...names.filter((n) => !(n in SECTIONS))];
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: unknown ${unknown.join(', ')}; usage: bench [--json] [--quick] [${Object.keys(SECTIONS).join('|')}…]\n`,
    );
    return 2;
  }
  const log = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const fields: Record<string, unknown> = {};
  for (const name of names.length > 0 ? names : DEFAULT_SECTIONS) {
    log(`\n## ${name}\n`);
    Object.assign(fields, await SECTIONS[name]!({ quick, log }));
  }
  if (json) log(JSON.stringify(fields));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
