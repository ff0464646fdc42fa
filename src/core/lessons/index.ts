/**
 * The guided lessons, in teaching order, and the checkpoint machinery that follows them.
 */
import { adaptive } from './catalog/adaptive.ts';
import { batchSize } from './catalog/batchSize.ts';
import { cnnMomentum } from './catalog/cnnMomentum.ts';
import { cnnSchedules } from './catalog/cnnSchedules.ts';
import { convnetBasics } from './catalog/convnetBasics.ts';
import { gradientDescent } from './catalog/gradientDescent.ts';
import { learningRate } from './catalog/learningRate.ts';
import { minimaAndSaddles } from './catalog/minimaAndSaddles.ts';
import { momentum } from './catalog/momentum.ts';
import { momentumForms } from './catalog/momentumForms.ts';
import { momentumOvershoot } from './catalog/momentumOvershoot.ts';
import { schedules } from './catalog/schedules.ts';
import type { Lesson } from './lesson.ts';

export * from './lesson.ts';
export * from './checkpoints.ts';

/** Every lesson, in the order a course would take them. */
export const LESSONS: readonly Lesson[] = [
  gradientDescent,
  learningRate,
  batchSize,
  momentum,
  momentumForms,
  momentumOvershoot,
  schedules,
  adaptive,
  cnnMomentum,
  minimaAndSaddles,
  convnetBasics,
  cnnSchedules,
];

/** The lesson with this id, or undefined. */
export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.id === id);
}
