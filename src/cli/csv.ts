/**
 * Step records as CSV. Nested fields are flattened (`params_0`, `state.velocity_1`,
 * `layers.conv1.weight.gradNorm`); the columns are fixed from the first record of every run
 * (they all arrive before any run's second record) plus the fields that only some records
 * carry. Mini-batch indices and confusion matrices are left to the JSON format.
 */
import { csvCell } from '../core/csvCell.ts';
import type { StepRecord } from '../core/run/records.ts';

const OCCASIONAL = ['testAccuracy', 'diverged', 'reason'];
const SKIPPED = new Set(['batch', 'confusion']);

export function flattenRecord(record: StepRecord): Map<string, string | number | boolean> {
  const out = new Map<string, string | number | boolean>();
  const visit = (value: unknown, key: string): void => {
    if (value === undefined || SKIPPED.has(key)) return;
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
      out.set(key, value);
    } else if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        const named = typeof item === 'object' && item !== null && 'name' in item;
        visit(item, named ? `${key}.${String((item as { name: unknown }).name)}` : `${key}_${i}`);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value))
        if (k !== 'name') visit(v, key ? `${key}.${k}` : k);
    }
  };
  visit(record, '');
  return out;
}

export class CsvWriter {
  private pending: StepRecord[] = [];
  private columns: string[] | null = null;

  constructor(
    private readonly runCount: number,
    private readonly writeLine: (line: string) => void,
  ) {}

  add(record: StepRecord): void {
    if (this.columns) return this.writeRecord(record);
    this.pending.push(record);
    if (this.pending.length >= this.runCount) this.flush();
  }

  /** Fixes the columns from what has arrived and writes it. */
  flush(): void {
    if (this.columns) return;
    const columns: string[] = [];
    for (const record of this.pending) {
      for (const key of flattenRecord(record).keys()) if (!columns.includes(key)) columns.push(key);
    }
    for (const key of OCCASIONAL) if (!columns.includes(key)) columns.push(key);
    this.columns = columns;
    this.writeLine(columns.map(csvCell).join(','));
    for (const record of this.pending) this.writeRecord(record);
    this.pending = [];
  }

  private writeRecord(record: StepRecord): void {
    const flat = flattenRecord(record);
    this.writeLine(this.columns!.map((c) => csvCell(flat.get(c))).join(','));
  }
}
