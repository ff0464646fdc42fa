/**
 * `descent-lab sweep FILE|- --lr MIN:MAX:N`: every run of an experiment replayed at N
 * log-spaced learning rates from MIN to MAX (both included), all else equal, in worker
 * threads. Prints one JSON line per run and η, run by run and η ascending, as soon as it and
 * every line before it are computed: {"run", "lr", "finalLoss", "bestLoss", "diverged",
 * "steps"} (plus "testAccuracy" on CNNs). Each replay is the run exactly as `run` runs it with
 * that η (the same trainers and seed). A closed pipe is a normal end; SIGINT / SIGTERM stop the
 * workers and exit 130 / 143 after writing the lines computed in order.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  MAX_SWEEP_RATES,
  jobExperiment,
  logSpaced,
  sweepJobs,
  sweepRangeIssue,
  type SweepPoint,
} from '../core/analysis/sweep.ts';
import { parseCommandArgs } from './args.ts';
import { CliError, EXIT } from './errors.ts';
import { readInputJson } from './input.ts';
import { Interrupt } from './interrupt.ts';
import { readMnist } from './nodeResources.ts';
import { LineOutput } from './output.ts';
import { Progress } from './progress.ts';
import { experimentFrom } from './run.ts';
import type { SweepRequest } from './sweepWorker.ts';

export const SWEEP_USAGE = 'descent-lab sweep FILE|- --lr MIN:MAX:N';

/** How often the main thread looks for a signal or a closed pipe while workers compute. */
const POLL_MS = 50;

const DECIMAL = '([0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+(?:[eE][-+]?[0-9]+)?)';
const RANGE = new RegExp(`^${DECIMAL}:${DECIMAL}:([0-9]+)$`);

/** The learning rates of `--lr MIN:MAX:N`; anything else is a CliError (exit 2). */
export function parseRateRange(raw: string): number[] {
  const match = RANGE.exec(raw);
  const [min, max, count] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [];
  if (
    min === undefined ||
    max === undefined ||
    count === undefined ||
    sweepRangeIssue(min, max, count) !== null
  )
    throw new CliError(
      `--lr must be MIN:MAX:N with 0 < MIN < MAX and N a whole number from 2 to ${MAX_SWEEP_RATES} (got '${raw}')`,
    );
  return logSpaced(min, max, count);
}

function sweepOptions(args: readonly string[]): { file: string; rates: number[] } {
  const usage = `usage: ${SWEEP_USAGE}`;
  const { values, positionals } = parseCommandArgs(args, { lr: {} }, usage);
  const [file, ...extra] = positionals;
  if (file === undefined)
    throw new CliError(`sweep needs a config file (or - for standard input); ${usage}`);
  if (extra.length > 0) throw new CliError(`unexpected argument '${extra[0]}'; ${usage}`);
  if (values.lr === undefined) throw new CliError(`sweep needs --lr MIN:MAX:N; ${usage}`);
  return { file, rates: parseRateRange(values.lr) };
}

/** The line printed for a point: the fields in the documented order. */
function pointLine(point: SweepPoint): string {
  const { run, lr, finalLoss, bestLoss, diverged, steps, testAccuracy } = point;
  return JSON.stringify({
    run,
    lr,
    finalLoss,
    bestLoss,
    diverged,
    steps,
    ...(testAccuracy === undefined ? {} : { testAccuracy }),
  });
}

export async function sweepCommand(args: readonly string[]): Promise<number> {
  const { file, rates } = sweepOptions(args);
  const experiment = experimentFrom(await readInputJson(file));
  const jobs = sweepJobs(experiment, rates);
  // Every replay must be a valid experiment (η within its optimizer's range), as `run` demands.
  for (const job of jobs) experimentFrom(jobExperiment(experiment, job));
  const problem = experiment.problem;
  if (problem.kind === 'cnn' && problem.dataset === 'mnist') readMnist(); // fails early if missing

  const output = new LineOutput();
  const interrupt = new Interrupt();
  const progress = new Progress(jobs.length);
  const points: (SweepPoint | undefined)[] = new Array(jobs.length);
  const threads = Math.max(1, Math.min(availableParallelism() - 1, jobs.length));
  const workers: Worker[] = [];
  let printed = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      const poll = setInterval(() => {
        if (interrupt.signal !== null || output.stopped) done();
      }, POLL_MS);
      function done(error?: unknown): void {
        clearInterval(poll);
        if (error === undefined) resolve();
        else reject(error);
      }
      const dispatch = (worker: Worker): void => {
        if (next >= jobs.length) return;
        const request: SweepRequest = { index: next, job: jobs[next]! };
        next++;
        worker.postMessage(request);
      };
      for (let i = 0; i < threads; i++) {
        const worker = new Worker(new URL('./sweepWorkerBoot.mjs', import.meta.url), {
          workerData: { experiment },
        });
        workers.push(worker);
        worker.on('error', done);
        worker.on('message', ({ index, point }: { index: number; point: SweepPoint }) => {
          points[index] = point;
          while (printed < jobs.length && points[printed] !== undefined)
            output.line(pointLine(points[printed++]!));
          progress.update(printed);
          if (output.full) void output.flush();
          if (printed === jobs.length) done();
          else dispatch(worker);
        });
        dispatch(worker);
      }
    });
    progress.clear();
    await output.end();
  } finally {
    interrupt.dispose();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  if (interrupt.signal !== null) {
    process.stderr.write(
      `descent-lab: stopped by ${interrupt.signal} after ${printed} of ${jobs.length} points; the points computed were written\n`,
    );
    return interrupt.exitCode;
  }
  return EXIT.ok;
}
