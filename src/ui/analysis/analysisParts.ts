/**
 * Analysis panels fetched when first shown: they sit below the loss chart and the rate map, so
 * the first screen's budget carries neither them nor their charts and worker pool.
 */
import { lazyPart } from '../lazyPart.tsx';

/** The learning-rate sweep. */
export const Sweep = lazyPart(() => import('./SweepPanel.tsx').then((m) => m.SweepPanel), {
  className: 'dl-panel dl-sweep',
  as: 'section',
});

/** Sharpness beside the loss, with each run's stability limit. */
export const Sharpness = lazyPart(
  () => import('./SharpnessChart.tsx').then((m) => m.SharpnessChart),
  { className: 'dl-panel dl-charts dl-sharpness', as: 'section' },
);

/** The (η, γ) rate map of the selected run. */
export const Rates = lazyPart(() => import('./RateMap.tsx').then((m) => m.RateMap), {
  className: 'dl-panel dl-rate-map-panel',
  as: 'section',
});

/** Error along each eigendirection, per run, beside the predicted rates (quadratics, line fit). */
export const EigenError = lazyPart(
  () => import('./EigenErrorChart.tsx').then((m) => m.EigenErrorChart),
  { className: 'dl-panel dl-charts dl-eigen-error', as: 'section' },
);
