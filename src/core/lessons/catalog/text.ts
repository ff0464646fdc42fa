/** Shorthand for lesson text: English first, then Simplified Chinese. */
import type { Checkpoint, LocalizedText, Prediction } from '../lesson.ts';

export function text(en: string, zh: string): LocalizedText {
  return { en, 'zh-CN': zh };
}

/** The ill-conditioned quadratic ½(λmin·u² + λmax·v²) with λmax = 1 and λmin = 1/κ. */
export function quadratic(conditionNumber: number, rotation = 0) {
  return { kind: 'surface', surface: 'quadratic', params: { conditionNumber, rotation } } as const;
}

/** `run` reaches a loss below `threshold` before every one of `others`. */
export function firstBelow(
  run: string,
  others: readonly string[],
  threshold: number,
  measure: 'steps' | 'samples' = 'steps',
): Checkpoint {
  return {
    kind: 'all',
    of: others.map((other) => ({ kind: 'fasterThan', run, other, threshold, measure })),
  };
}

/** A choice prediction: the question, then [id, English, Chinese, condition] per option. */
export function choice(
  question: LocalizedText,
  options: readonly (readonly [string, string, string, Checkpoint])[],
): Prediction {
  return {
    kind: 'choice',
    question,
    options: options.map(([id, en, zh, when]) => ({ id, label: text(en, zh), when })),
  };
}

/** "Which of these runs gets below `threshold` first?", one option per run. */
export function whichFirst(
  question: LocalizedText,
  runs: readonly (readonly [label: string, zh: string])[],
  threshold: number,
  measure: 'steps' | 'samples' = 'steps',
): Prediction {
  const labels = runs.map(([label]) => label);
  return choice(
    question,
    runs.map(([label, zh]) => [
      label,
      label,
      zh,
      firstBelow(
        label,
        labels.filter((l) => l !== label),
        threshold,
        measure,
      ),
    ]),
  );
}
