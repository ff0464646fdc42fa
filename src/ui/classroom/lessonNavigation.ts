/** Moving through a lesson: each step loads its experiment into its workspace and shows it. */
import type { Experiment } from '../../core/config/experiment.ts';
import { validateExperiment } from '../../core/config/validate.ts';
import { findLesson, type LessonStep } from '../../core/lessons/index.ts';
import { classroomStore, notify, setLessonProgress } from './classroomStore.ts';

/** The validated experiment of a lesson step, or null (with the issues logged as a notice). */
export function stepExperiment(step: LessonStep): Experiment | null {
  const result = validateExperiment(step.experiment);
  if (result.ok) return result.value;
  notify({
    tone: 'error',
    key: 'share.error.invalid',
    issues: result.issues,
  });
  return null;
}

/**
 * Opens step `index` of lesson `lessonId` (clamped to the lesson): remembers the progress
 * and loads the step's experiment through `open`. Returns false for an unknown lesson.
 */
export function goToLessonStep(
  open: (experiment: Experiment) => unknown,
  lessonId: string,
  index: number,
): boolean {
  const lesson = findLesson(lessonId);
  if (!lesson) return false;
  const at = Math.min(Math.max(index, 0), lesson.steps.length - 1);
  const experiment = stepExperiment(lesson.steps[at]!);
  setLessonProgress({ lessonId, step: at });
  if (experiment) open(experiment);
  return true;
}

/** Moves the open lesson by `delta` steps; false when there is no open lesson or no such step. */
export function moveLessonStep(open: (experiment: Experiment) => unknown, delta: number): boolean {
  const progress = classroomStore.getState().lesson;
  const lesson = progress ? findLesson(progress.lessonId) : undefined;
  if (!progress || !lesson) return false;
  const target = progress.step + delta;
  if (target < 0 || target >= lesson.steps.length) return false;
  return goToLessonStep(open, lesson.id, target);
}
