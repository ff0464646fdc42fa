/**
 * The step loop: drives every run of an experiment in lock-step (all runs take step t before
 * any takes step t + 1) and hands the records on. Recording is kept out of the trainers:
 * `every` thins the stream here, and a run's final record is always passed on.
 */
import type { StepRecord } from './records.ts';
import type { RunTrainer } from './trainer.ts';

export interface RunLoopOptions {
  /** Pass on every `every`-th step (and each run's final record). Default 1. */
  readonly every?: number;
}

/**
 * Advances every running trainer by one step, in order, emitting the records to pass on.
 * Returns whether any run is still running. A caller that must stay responsive (the CLI
 * streaming its output) calls this once per round and yields in between.
 */
export function runRound(
  trainers: readonly RunTrainer[],
  emit: (record: StepRecord) => void,
  { every = 1 }: RunLoopOptions = {},
): boolean {
  let running = false;
  for (const trainer of trainers) {
    if (trainer.status !== 'running') continue;
    const record = trainer.advance();
    if (record.step % every === 0 || trainer.status !== 'running') emit(record);
    running ||= trainer.status === 'running';
  }
  return running;
}

/** Runs every trainer to the end of its budget (or its divergence), emitting records. */
export function runToEnd(
  trainers: readonly RunTrainer[],
  emit: (record: StepRecord) => void,
  options: RunLoopOptions = {},
): void {
  while (runRound(trainers, emit, options));
}
