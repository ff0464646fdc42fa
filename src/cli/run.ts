/**
 * `descent-lab run FILE|- [--format jsonl|csv] [--every N]`: runs an experiment headless and
 * streams its step records as they are computed. Work is done one round (every run's next
 * step) at a time, yielding to the event loop every few milliseconds, so a closed pipe, a
 * full disk or a signal is noticed promptly and memory stays bounded whatever the budget.
 */
import { ConfigError, parseExperiment } from '../core/config/validate.ts';
import type { Experiment } from '../core/config/experiment.ts';
import type { StepRecord } from '../core/run/records.ts';
import { runRound } from '../core/run/runExperiment.ts';
import { configIssueLines } from '../i18n/domain.ts';
import { printedRecord } from '../i18n/printedRecord.ts';
import { translator } from '../i18n/translate.ts';
import { parseCommandArgs, wholeNumber } from './args.ts';
import { CsvWriter } from './csv.ts';
import { CliError, EXIT } from './errors.ts';
import { readInputJson } from './input.ts';
import { Interrupt } from './interrupt.ts';
import { createTrainersForNode } from './nodeResources.ts';
import { LineOutput } from './output.ts';
import { Progress } from './progress.ts';
import { formatNumber } from '../core/numbers.ts';

export const RUN_USAGE = 'descent-lab run FILE|- [--format jsonl|csv] [--every N]';

/** Longest stretch of computing between two looks at the event loop, in milliseconds. */
const YIELD_MS = 20;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface RunOptions {
  readonly file: string;
  readonly format: 'jsonl' | 'csv';
  readonly every: number;
}

function runOptions(args: readonly string[]): RunOptions {
  const usage = `usage: ${RUN_USAGE}`;
  const { values, positionals } = parseCommandArgs(args, { format: {}, every: {} }, usage);
  const format = values.format ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'csv')
    throw new CliError(`--format must be jsonl or csv (got '${format}')`);
  const every = values.every === undefined ? 1 : wholeNumber('--every', values.every, 1);
  const [file, ...extra] = positionals;
  if (file === undefined)
    throw new CliError(`run needs a config file (or - for standard input); ${usage}`);
  if (extra.length > 0) throw new CliError(`unexpected argument '${extra[0]}'; ${usage}`);
  return { file, format, every };
}

/** The validated experiment in `json`; a bad one is a CliError naming every field. */
export function experimentFrom(json: unknown): Experiment {
  try {
    return parseExperiment(json);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const issues = configIssueLines(error.issues, translator('en'));
    throw new CliError(`invalid experiment: ${issues.join('; ')}`);
  }
}

export async function runCommand(args: readonly string[]): Promise<number> {
  const options = runOptions(args);
  const experiment = experimentFrom(await readInputJson(options.file));
  const trainers = createTrainersForNode(experiment);
  const output = new LineOutput();
  const csv =
    options.format === 'csv' ? new CsvWriter(trainers.length, (line) => output.line(line)) : null;
  const emit = (record: StepRecord): void => {
    const printed = printedRecord(record);
    if (csv) csv.add(printed);
    else output.line(JSON.stringify(printed));
  };
  const slowestStep = () => Math.min(...trainers.map((trainer) => trainer.t));
  const interrupt = new Interrupt();
  const progress = new Progress(experiment.steps);
  try {
    let running = true;
    let turn = Date.now();
    while (running && !output.stopped && interrupt.signal === null) {
      running = runRound(trainers, emit, { every: options.every });
      if (output.full) await output.flush();
      if (Date.now() - turn >= YIELD_MS) {
        await nextTurn();
        progress.update(slowestStep());
        turn = Date.now();
      }
    }
    csv?.flush();
    progress.clear();
    await output.end();
  } finally {
    interrupt.dispose();
  }
  if (interrupt.signal !== null) {
    process.stderr.write(
      `descent-lab: stopped by ${interrupt.signal} at step ${formatNumber(slowestStep(), 'integer')}; the records computed were written\n`,
    );
    return interrupt.exitCode;
  }
  return EXIT.ok;
}
