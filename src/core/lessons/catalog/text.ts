/** Shorthand for lesson text: English first, then Simplified Chinese. */
import type { LocalizedText } from '../lesson.ts';

export function text(en: string, zh: string): LocalizedText {
  return { en, 'zh-CN': zh };
}

/** The ill-conditioned quadratic ½(λmin·u² + λmax·v²) with λmax = 1 and λmin = 1/κ. */
export function quadratic(conditionNumber: number, rotation = 0) {
  return { kind: 'surface', surface: 'quadratic', params: { conditionNumber, rotation } } as const;
}
