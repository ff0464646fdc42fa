/**
 * The parts of the page that load when first used: the first screen (the surface explorer and
 * the header) carries none of them. Each placeholder takes the part's place and size.
 */
import { lazyPart } from './lazyPart.tsx';

/** The batch lab (a tab away from the first screen). */
export const BatchLab = lazyPart(
  () => import('./batch/BatchLabPage.tsx').then((m) => m.BatchLabPage),
  { className: 'dl-workspace-placeholder' },
);

/** The CNN lab (its views, the formula typesetting, its own words). */
export const CnnLab = lazyPart(() => import('./cnn/CnnLabPage.tsx').then((m) => m.CnnLabPage), {
  className: 'dl-workspace-placeholder',
});

/** The lesson in progress, a column beside the workspace. */
export const Lesson = lazyPart(
  () => import('./classroom/LessonPlayer.tsx').then((m) => m.LessonPlayer),
  { className: 'dl-lesson', as: 'section' },
);

/** The lesson catalogue panel. */
export const LessonCatalog = lazyPart(
  () => import('./classroom/LessonCatalog.tsx').then((m) => m.LessonCatalog),
  { className: 'dl-panel', as: 'section' },
);

/** The saved-experiments panel. */
export const SavedExperiments = lazyPart(
  () => import('./classroom/SavedExperimentsPanel.tsx').then((m) => m.SavedExperimentsPanel),
  { className: 'dl-panel', as: 'section' },
);

/** The first visit's card, fetched only on a first visit. */
export const Welcome = lazyPart(
  () => import('./classroom/WelcomeCard.tsx').then((m) => m.WelcomeCard),
  { className: 'dl-welcome-placeholder' },
);
