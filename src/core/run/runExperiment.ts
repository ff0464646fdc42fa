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

/** Runs every trainer to the end of its budget (or its divergence), emitting records. */
export function runToEnd(
  trainers: readonly RunTrainer[],
  emit: (record: StepRecord) => void,
  { every = 1 }: RunLoopOptions = {},
): void {
  let active = trainers.filter((trainer) => trainer.status === 'running');
  while (active.length > 0) {
    for (const trainer of active) {
      const record = trainer.advance();
      if (record.step % every === 0 || trainer.status !== 'running') emit(record);
    }
    active = active.filter((trainer) => trainer.status === 'running');
  }
}
