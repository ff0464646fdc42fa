/**
 * The output head: p = softmax(z) over the class scores z, and the cross-entropy
 * L = −log p[label] = logΣⱼ exp zⱼ − z[label], computed in the log domain so a confident wrong
 * answer gives a large finite loss, not −log 0. ∂L/∂z = p − onehot(label).
 */
import { memoryOf, type ModelMemory } from '../memory.ts';
import type { Precision, Tensor } from '../tensor.ts';

/** Softmax over `classes` scores and the cross-entropy loss, for up to `capacity` samples. */
export class SoftmaxCrossEntropy {
  /** p, [capacity × classes]. */
  readonly probabilities: Tensor;
  /** ∂L/∂z, [capacity × classes]. */
  readonly inputGrad: Tensor;

  constructor(
    readonly classes: number,
    capacity: number,
    precision: Precision | ModelMemory,
  ) {
    const memory = memoryOf(precision);
    this.probabilities = memory.allocate(capacity * classes);
    this.inputGrad = memory.allocate(capacity * classes);
  }

  /**
   * Softmax of the first `count` rows of `logits`, and Σ over them of −log p[label]
   * (labels[labelOffset + s] for sample s). Pass `labels` = null to skip the loss.
   */
  forward(
    logits: Tensor,
    count: number,
    labels: ArrayLike<number> | null,
    labelOffset = 0,
  ): number {
    const k = this.classes;
    const p = this.probabilities;
    let total = 0;
    for (let s = 0; s < count; s++) {
      const row = s * k;
      let max = -Infinity;
      for (let j = 0; j < k; j++) max = Math.max(max, logits[row + j]!);
      let sum = 0;
      for (let j = 0; j < k; j++) {
        const e = Math.exp(logits[row + j]! - max);
        p[row + j] = e;
        sum += e;
      }
      for (let j = 0; j < k; j++) p[row + j] = p[row + j]! / sum;
      if (labels !== null) {
        total += Math.log(sum) + max - logits[row + labels[labelOffset + s]!]!;
      }
    }
    return total;
  }

  /** ∂(scale·Σ L)/∂z = scale·(p − onehot) for the samples of the last `forward`. */
  backward(count: number, labels: ArrayLike<number>, labelOffset: number, scale: number): void {
    const k = this.classes;
    const p = this.probabilities;
    const dz = this.inputGrad;
    for (let s = 0; s < count; s++) {
      const row = s * k;
      const label = labels[labelOffset + s]!;
      for (let j = 0; j < k; j++) dz[row + j] = scale * (p[row + j]! - (j === label ? 1 : 0));
    }
  }

  /** Index of the largest probability of sample `s` (the first on ties). */
  predicted(s: number): number {
    const k = this.classes;
    const p = this.probabilities;
    let best = 0;
    for (let j = 1; j < k; j++) if (p[s * k + j]! > p[s * k + best]!) best = j;
    return best;
  }
}
