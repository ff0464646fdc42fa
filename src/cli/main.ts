/**
 * Descent Lab's command line: a thin shell over the core.
 *
 *   npm run --silent cli -- run FILE|- [--format jsonl|csv] [--every N]
 *
 * Prints step records as JSON Lines (or CSV) on standard output. A bad config, formula or
 * argument exits with code 2 and one line on standard error; a divergence is a result, not
 * an error (exit 0).
 */
import { readFileSync } from 'node:fs';
import { ConfigError, parseExperiment } from '../core/config/validate.ts';
import { configIssueLines } from '../i18n/domain.ts';
import { printedRecord } from '../i18n/printedRecord.ts';
import { translator } from '../i18n/translate.ts';
import { runToEnd } from '../core/run/runExperiment.ts';
import type { StepRecord } from '../core/run/records.ts';
import { MissingDataError, createTrainersForNode } from './nodeResources.ts';
import { CsvWriter } from './csv.ts';

const USAGE = 'usage: descent-lab run FILE|- [--format jsonl|csv] [--every N]';

class UsageError extends Error {}

interface Options {
  readonly file: string;
  readonly format: 'jsonl' | 'csv';
  readonly every: number;
}

function parseArgs(argv: readonly string[]): Options {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h')
    throw new UsageError(USAGE);
  if (command !== 'run') throw new UsageError(`unknown command '${command}'; ${USAGE}`);
  let file: string | undefined;
  let format: Options['format'] = 'jsonl';
  let every = 1;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = (): string => {
      const next = rest[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value; ${USAGE}`);
      return next;
    };
    if (arg === '--format') {
      const f = value();
      if (f !== 'jsonl' && f !== 'csv')
        throw new UsageError(`--format must be jsonl or csv (got '${f}')`);
      format = f;
    } else if (arg === '--every') {
      const raw = value();
      every = Number(raw);
      if (!Number.isInteger(every) || every < 1)
        throw new UsageError(`--every must be a whole number ≥ 1 (got '${raw}')`);
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option '${arg}'; ${USAGE}`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new UsageError(`unexpected argument '${arg}'; ${USAGE}`);
    }
  }
  if (file === undefined)
    throw new UsageError(`run needs a config file (or - for standard input); ${USAGE}`);
  return { file, format, every };
}

function readConfigText(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read ${file === '-' ? 'standard input' : `'${file}'`}${code ? ` (${code})` : ''}`,
    );
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(
      `${file === '-' ? 'standard input' : file} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv);
  const experiment = parseExperiment(parseJson(readConfigText(options.file), options.file));
  const trainers = createTrainersForNode(experiment);
  const out = new BufferedStdout();
  const csv =
    options.format === 'csv' ? new CsvWriter(trainers.length, (line) => out.write(line)) : null;
  const emit = (record: StepRecord): void => {
    const printed = printedRecord(record);
    if (csv) csv.add(printed);
    else out.write(JSON.stringify(printed));
  };
  runToEnd(trainers, emit, { every: options.every });
  csv?.flush();
  await out.close();
  return 0;
}

/** Joins lines into large writes; a closed pipe (e.g. `| head`) ends the run quietly. */
class BufferedStdout {
  private chunks: string[] = [];
  private size = 0;

  write(line: string): void {
    this.chunks.push(line, '\n');
    this.size += line.length + 1;
    if (this.size > 1 << 16) this.drain();
  }

  private drain(): void {
    if (this.chunks.length === 0) return;
    process.stdout.write(this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }

  close(): Promise<void> {
    this.drain();
    return new Promise((resolve) => process.stdout.write('', () => resolve()));
  }
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `descent-lab: invalid experiment: ${configIssueLines(error.issues, translator('en')).join('; ')}\n`,
      );
    } else if (error instanceof UsageError || error instanceof MissingDataError) {
      process.stderr.write(`descent-lab: ${error.message}\n`);
    } else {
      process.stderr.write(
        `descent-lab: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
      return;
    }
    process.exitCode = 2;
  },
);
