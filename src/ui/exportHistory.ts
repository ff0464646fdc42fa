/**
 * Run histories out of the app, in the step-record format the CLI prints: a JSON array of
 * records, or a CSV table with the CLI's flattened column names (`params_0`,
 * `state.velocity_1`). Read from the live series, so long runs come out as the store keeps
 * them (recent steps in full, older ones thinned to each stretch's extremes).
 */
import type { Experiment } from '../core/config/experiment.ts';
import { csvCell } from '../core/csvCell.ts';
import { primaryStateName } from '../core/optimizers/index.ts';
import type { StepRecord } from '../core/run/records.ts';
import { englishReason } from '../i18n/printedRecord.ts';
import type { RunHistory } from '../store/runHistory.ts';

/**
 * One exported row: a step record with the fields the live series keep; a divergence is
 * worded in English as the CLI prints it (`reason`).
 */
export type ExportedRecord = Pick<StepRecord, 'run' | 'step' | 'loss' | 'lr' | 'state'> &
  Partial<
    Pick<StepRecord, 'params' | 'grad' | 'samplesSeen' | 'accuracy' | 'testAccuracy' | 'diverged'>
  > & { readonly reason?: string };

type Live = Pick<RunHistory, 'series' | 'last'>;

function pair(column: Float64Array, i: number): number[] | undefined {
  const a = column[2 * i]!;
  const b = column[2 * i + 1]!;
  return Number.isNaN(a) && Number.isNaN(b) ? undefined : [a, b];
}

/**
 * The recorded history of every run of `experiment`, run by run in the experiment's order,
 * each in step order. A run's final record carries `diverged` and `reason` when it blew up.
 */
export function historyRecords(live: Live, experiment: Experiment): ExportedRecord[] {
  const out: ExportedRecord[] = [];
  for (const run of experiment.runs) {
    const series = live.series(run.label);
    const stateName = primaryStateName(run.optimizer.kind);
    const step = series.column('step');
    const loss = series.column('loss');
    const lr = series.column('lr');
    const params = series.column('params');
    const grad = series.column('grad');
    const state = series.column('state');
    const samplesSeen = series.column('samplesSeen');
    const accuracy = series.column('accuracy');
    const evaluations = series.evaluations();
    const testAccuracy = new Map<number, number>();
    evaluations.steps.forEach((s, k) => testAccuracy.set(s, evaluations.values[k]!));
    const last = live.last(run.label);
    for (let i = 0; i < series.count; i++) {
      const t = step[i]!;
      const p = pair(params, i);
      const g = pair(grad, i);
      const v = stateName === null ? undefined : pair(state, i);
      const record: ExportedRecord = {
        run: run.label,
        step: t,
        loss: loss[i]!,
        ...(p ? { params: p } : {}),
        ...(g ? { grad: g } : {}),
        lr: lr[i]!,
        state: v && stateName ? { [stateName]: v } : {},
        ...(Number.isNaN(samplesSeen[i]) ? {} : { samplesSeen: samplesSeen[i]! }),
        ...(Number.isNaN(accuracy[i]) ? {} : { accuracy: accuracy[i]! }),
        ...(testAccuracy.has(t) ? { testAccuracy: testAccuracy.get(t)! } : {}),
        ...(last?.diverged && last.step === t && i === series.count - 1
          ? {
              diverged: true as const,
              ...(last.divergence ? { reason: englishReason(last.divergence) } : {}),
            }
          : {}),
      };
      out.push(record);
    }
  }
  return out;
}

/** The records as a JSON array, one record per line (readable, and diff-friendly). */
export function historyJson(records: readonly ExportedRecord[]): string {
  if (records.length === 0) return '[]\n';
  return `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
}

function flatten(record: ExportedRecord): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(record)) {
    if (key === 'state') {
      for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
        if (Array.isArray(v)) v.forEach((x, k) => flat.set(`state.${name}_${k}`, x));
        else flat.set(`state.${name}`, v);
      }
    } else if (Array.isArray(value)) {
      value.forEach((x, k) => flat.set(`${key}_${k}`, x));
    } else {
      flat.set(key, value);
    }
  }
  return flat;
}

/**
 * The records as CSV: one header row, then one row per record. Columns are every field any
 * record has, in record order of first appearance; numbers are written in full (shortest
 * round-trip form), non-finite ones as NaN / Infinity, absent fields as empty cells.
 */
export function historyCsv(records: readonly ExportedRecord[]): string {
  const rows = records.map(flatten);
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows)
    for (const key of row.keys())
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row.get(c))).join(','));
  return `${lines.join('\n')}\n`;
}
