/**
 * Step records as the CLI prints them and the app exports them: the core's coded divergence
 * becomes the English `reason` ("loss became Infinity at step 183 with η = 0.8"), so files
 * stay readable without the app.
 */
import type { Divergence, StepRecord } from '../core/run/records.ts';
import { divergenceText } from './domain.ts';
import { translator } from './translate.ts';

/** A step record as printed: `reason` in place of `divergence`. */
export type PrintedRecord = Omit<StepRecord, 'divergence'> & { readonly reason?: string };

const english = translator('en');

/** Why a run diverged, in English. */
export function englishReason(divergence: Divergence): string {
  return divergenceText(divergence, english);
}

/** `record` as printed. */
export function printedRecord(record: StepRecord): PrintedRecord {
  const { divergence, ...rest } = record;
  return divergence === undefined ? rest : { ...rest, reason: englishReason(divergence) };
}
