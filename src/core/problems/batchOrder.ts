/**
 * Seeded mini-batch order shared by every run of an experiment. Epoch e visits the samples
 * in a permutation drawn from (seed, e) alone, so two runs with the same seed see the same
 * order whatever their batch sizes, and a rewound run sees the same batches again.
 * The last batch of an epoch may be smaller (PyTorch's DataLoader with drop_last=False).
 */
import { Random } from '../random.ts';

/** Where a run is in the data: which epoch, and how many of its samples are used. */
export interface BatchCursor {
  epoch: number;
  offset: number;
}

export class BatchOrder {
  private cachedEpoch = -1;
  private permutation: Uint32Array;

  constructor(
    readonly size: number,
    private readonly seed: number,
  ) {
    this.permutation = new Uint32Array(size);
  }

  /** The sample order of epoch `epoch` (a view reused between calls). */
  epochOrder(epoch: number): Uint32Array {
    if (epoch !== this.cachedEpoch) {
      this.permutation = new Random(this.seed * 7919 + epoch * 104729 + 17).permutation(this.size);
      this.cachedEpoch = epoch;
    }
    return this.permutation;
  }

  /**
   * The next batch of at most `batchSize` samples at `cursor`, advancing it.
   * Returns the epoch order and the half-open range [from, to) of it that is the batch.
   */
  next(cursor: BatchCursor, batchSize: number): { order: Uint32Array; from: number; to: number } {
    if (cursor.offset >= this.size) {
      cursor.epoch += 1;
      cursor.offset = 0;
    }
    const order = this.epochOrder(cursor.epoch);
    const from = cursor.offset;
    const to = Math.min(this.size, from + batchSize);
    cursor.offset = to;
    return { order, from, to };
  }
}
