/**
 * Fast-changing data of CNN runs, outside React state like RunHistory: per run, a bounded
 * history of inspections (filters, activations, gradients, optimizer state) keyed by step so a
 * shared cursor can scrub back; the per-tensor statistics of every frame's newest record
 * (gradient, state and weight norms, update-to-weight ratio) as curves; and the held-out
 * evaluations (accuracy, confusion matrix). Only the lab store writes it; readers hear of
 * changes through the store (`inspections` and `pulse`, see liveSlice.ts).
 */
import type { CnnInspection } from '../core/cnn/trainer.ts';
import type { LayerStats, StepRecord } from '../core/run/records.ts';

/** An inspection as the UI keeps it (the core's own shape, typed by the protocol). */
export type InspectionView = CnnInspection;

/** Approximate bytes held by an inspection's arrays. */
export function inspectionBytes(inspection: CnnInspection): number {
  let floats = inspection.probe.image.length + inspection.probe.probabilities.length;
  for (const list of [
    inspection.filters,
    inspection.activations,
    inspection.gradients,
    inspection.state,
  ]) {
    for (const t of list) floats += t.data.length;
  }
  for (const state of inspection.states) for (const t of state.tensors) floats += t.data.length;
  const images = inspection.evaluation?.images.length ?? 0;
  return 4 * (floats + images);
}

/**
 * Inspections of one run ordered by step, at most `capacity` of them. When full, the older half
 * is thinned to every other entry (the newest half stays dense), so the history reaches back to
 * the start at decreasing resolution, like the series buffers.
 */
export class InspectionHistory {
  private items: InspectionView[] = [];

  constructor(public capacity: number) {}

  get size(): number {
    return this.items.length;
  }

  /** Steps held, ascending. */
  steps(): number[] {
    return this.items.map((i) => i.step);
  }

  latest(): InspectionView | null {
    return this.items[this.items.length - 1] ?? null;
  }

  /** The inspection at the largest step ≤ `step`; the earliest one when all are later; null when empty. */
  at(step: number): InspectionView | null {
    let lo = 0;
    let hi = this.items.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid]!.step <= step) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return this.items[found] ?? this.items[0] ?? null;
  }

  /** Adds an inspection; one at the same step replaces the older (e.g. a new probe). */
  add(inspection: InspectionView): void {
    const items = this.items;
    let at = items.length;
    while (at > 0 && items[at - 1]!.step > inspection.step) at--;
    if (at > 0 && items[at - 1]!.step === inspection.step) items[at - 1] = inspection;
    else items.splice(at, 0, inspection);
    if (items.length > this.capacity) this.thin();
  }

  /** Forgets inspections after `step` (a rewind or a restart). */
  dropAfter(step: number): void {
    this.items = this.items.filter((i) => i.step <= step);
  }

  /** Keeps every other entry of the older half, never the newest half. */
  thin(): void {
    const keep = Math.max(1, Math.floor(this.capacity / 2));
    while (this.items.length > this.capacity) {
      const older = this.items.slice(0, -keep).filter((_, i) => i % 2 === 0);
      const next = [...older, ...this.items.slice(-keep)];
      if (next.length === this.items.length) break;
      this.items = next;
    }
  }
}

/** The four statistics recorded per parameter tensor. */
export type LayerStatName = 'gradNorm' | 'stateNorm' | 'weightNorm' | 'updateRatio';
export const LAYER_STATS: readonly LayerStatName[] = [
  'gradNorm',
  'stateNorm',
  'weightNorm',
  'updateRatio',
];

/**
 * Per-tensor statistics of one run against the step, `capacity` entries at most (older half
 * thinned to every other entry when full). Columns are reused Float64Arrays; a view is valid
 * until the next `add`.
 */
export class LayerHistory {
  readonly names: readonly string[];
  private readonly stepColumn: Float64Array;
  private readonly columns: Float64Array[];
  private length = 0;

  constructor(
    names: readonly string[],
    readonly capacity = 2048,
  ) {
    this.names = names;
    this.stepColumn = new Float64Array(capacity);
    this.columns = Array.from(
      { length: names.length * LAYER_STATS.length },
      () => new Float64Array(capacity),
    );
  }

  get count(): number {
    return this.length;
  }

  lastStep(): number {
    return this.length === 0 ? -1 : this.stepColumn[this.length - 1]!;
  }

  /** Appends the record's statistics (ignored if its step is not after the last one). */
  add(step: number, layers: readonly LayerStats[]): void {
    if (step <= this.lastStep()) return;
    if (this.length === this.capacity) this.thin();
    const at = this.length++;
    this.stepColumn[at] = step;
    this.names.forEach((name, t) => {
      const stats = layers[t]?.name === name ? layers[t] : layers.find((l) => l.name === name);
      LAYER_STATS.forEach((stat, k) => {
        this.columns[t * LAYER_STATS.length + k]![at] = stats ? stats[stat] : NaN;
      });
    });
  }

  /** The steps, and tensor `tensor`'s values of `stat`, for the first `count` entries. */
  view(tensor: number, stat: LayerStatName): { x: Float64Array; y: Float64Array; count: number } {
    const column = this.columns[tensor * LAYER_STATS.length + LAYER_STATS.indexOf(stat)];
    return {
      x: this.stepColumn.subarray(0, this.length),
      y: column ? column.subarray(0, this.length) : new Float64Array(0),
      count: column ? this.length : 0,
    };
  }

  dropAfter(step: number): void {
    let n = this.length;
    while (n > 0 && this.stepColumn[n - 1]! > step) n--;
    this.length = n;
  }

  private thin(): void {
    const half = this.capacity >> 1;
    const all = [this.stepColumn, ...this.columns];
    // Entries [0, half) → every other one; the newest half slides down after them.
    let write = 0;
    for (let read = 0; read < this.length; read++) {
      if (read < half && read % 2 === 1) continue;
      for (const column of all) column[write] = column[read]!;
      write++;
    }
    this.length = write;
  }
}

/** One held-out evaluation of a run. */
export interface EvaluationEntry {
  readonly step: number;
  readonly accuracy: number;
  readonly confusion: readonly (readonly number[])[];
}

/** Most evaluations kept per run (a 10 × 10 matrix each). */
const MAX_EVALUATIONS = 256;

export class CnnHistory {
  private inspections = new Map<string, InspectionHistory>();
  private layerStats = new Map<string, LayerHistory>();
  private evaluationLists = new Map<string, EvaluationEntry[]>();
  /**
   * Increases when what inspections and evaluations show may have changed (not on per-step
   * statistics); the store publishes it as its `inspections` count.
   */
  inspectionVersion = 0;

  constructor(
    /** Inspections kept per run at most. */
    public inspectionCapacity = 120,
    /** Byte budget of all inspection histories together (default 48 MB). */
    readonly inspectionBudget = 48 * 1024 * 1024,
  ) {}

  history(label: string): InspectionHistory {
    let history = this.inspections.get(label);
    if (!history) {
      history = new InspectionHistory(this.inspectionCapacity);
      this.inspections.set(label, history);
    }
    return history;
  }

  /** The run's per-tensor statistics, or null before its first CNN record. */
  layers(label: string): LayerHistory | null {
    return this.layerStats.get(label) ?? null;
  }

  evaluations(label: string): readonly EvaluationEntry[] {
    return this.evaluationLists.get(label) ?? [];
  }

  /** The newest evaluation at or before `step` (any step when null). */
  evaluationAt(label: string, step: number | null): EvaluationEntry | null {
    const list = this.evaluations(label);
    for (let i = list.length - 1; i >= 0; i--)
      if (step === null || list[i]!.step <= step) return list[i]!;
    return null;
  }

  /** Every step at which some run has an inspection, ascending, without repeats. */
  inspectedSteps(labels: readonly string[]): number[] {
    const steps = new Set<number>();
    for (const label of labels)
      for (const s of this.inspections.get(label)?.steps() ?? []) steps.add(s);
    return [...steps].sort((a, b) => a - b);
  }

  addInspection(label: string, inspection: InspectionView): void {
    const history = this.history(label);
    // Share the byte budget among the runs: a bigger net keeps fewer frames.
    const perRun = this.inspectionBudget / Math.max(1, this.inspections.size);
    const fits = Math.floor(perRun / Math.max(1, inspectionBytes(inspection)));
    history.capacity = Math.max(8, Math.min(this.inspectionCapacity, fits));
    history.add(inspection);
    this.inspectionVersion++;
  }

  /** Records a step record's per-tensor statistics and its evaluation, if it has them. */
  addRecord(label: string, record: StepRecord): void {
    if (record.layers && record.layers.length > 0) {
      let history = this.layerStats.get(label);
      const names = record.layers.map((l) => l.name);
      if (
        !history ||
        history.names.length !== names.length ||
        history.names.some((n, i) => n !== names[i])
      ) {
        history = new LayerHistory(names);
        this.layerStats.set(label, history);
      }
      history.add(record.step, record.layers);
    }
    if (record.confusion && record.testAccuracy !== undefined) {
      this.addEvaluation(label, {
        step: record.step,
        accuracy: record.testAccuracy,
        confusion: record.confusion,
      });
    }
  }

  /** Records a held-out evaluation (from a record or an inspection); one per step. */
  addEvaluation(label: string, entry: EvaluationEntry): void {
    const list = this.evaluationLists.get(label) ?? [];
    let at = list.length;
    while (at > 0 && list[at - 1]!.step > entry.step) at--;
    if (at > 0 && list[at - 1]!.step === entry.step) list[at - 1] = entry;
    else list.splice(at, 0, entry);
    if (list.length > MAX_EVALUATIONS) list.splice(0, list.length - MAX_EVALUATIONS);
    this.evaluationLists.set(label, list);
    this.inspectionVersion++;
  }

  /**
   * Forgets the records of `label` after step `step` (−1: all), as a rewind to step + 1 or a
   * restart does. Inspections of θ_{step+1} stay: the weights there are the same on either
   * branch (an inspection's step is that of its weights, one ahead of the last record).
   */
  truncate(label: string, step: number): void {
    this.inspections.get(label)?.dropAfter(step + 1);
    this.layerStats.get(label)?.dropAfter(step);
    const list = this.evaluationLists.get(label);
    if (list)
      this.evaluationLists.set(
        label,
        list.filter((e) => e.step <= step),
      );
    this.inspectionVersion++;
  }

  remove(label: string): void {
    this.inspections.delete(label);
    this.layerStats.delete(label);
    this.evaluationLists.delete(label);
    this.inspectionVersion++;
  }

  clear(): void {
    this.inspections.clear();
    this.layerStats.clear();
    this.evaluationLists.clear();
    this.inspectionVersion++;
  }
}
