/**
 * The loss-surface map of a workspace: the contour plot with every run's live trajectory, the
 * arrows chosen here, and the shared start point that a click or drag moves (the experiment
 * reloads a few times per second while dragging, and once more where the pointer is let go).
 */
import { problemSurfaceTitle, useT } from '../../i18n/index.ts';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ViewBox } from '../../core/surfaces/surface.ts';
import { ContourPlot } from '../../plots/ContourPlot.tsx';
import type { LabStore } from '../../store/labStore.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { CheckboxField } from '../controls/fields.tsx';
import { useThrottled } from '../hooks.ts';
import { trajectorySource, type ArrowOptions } from '../liveViews.ts';
import { setMapGuess, useMapGuess } from '../mapGuess.ts';
import { StepScrubber } from './StepScrubber.tsx';
import type { SurfaceFacts } from './useTheory.ts';

/** While the start is dragged, the experiment reloads at most this often. */
const START_RELOAD_MS = 250;

interface SurfaceMapProps {
  readonly facts: SurfaceFacts;
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Which arrows are on at first. */
  readonly initialArrows?: ArrowOptions;
}

/** Moves the shared start unless it is there already (each move reloads the runs). */
function applyStart(store: LabStore, point: [number, number]): void {
  const problem = store.getState().experiment.problem;
  const current = 'start' in problem ? problem.start : null;
  if (!current || current[0] !== point[0] || current[1] !== point[1])
    store.getState().setStart(point);
}

export function SurfaceMap(props: SurfaceMapProps) {
  const t = useT();
  const { facts, xLabel = 'x', yLabel = 'y' } = props;
  const store = useLabStore();
  const start = useLab((s) =>
    'start' in s.experiment.problem ? s.experiment.problem.start : null,
  );
  const title = useLab((s) => problemSurfaceTitle(s.experiment.problem, t));
  const [arrows, setArrows] = useState<ArrowOptions>(
    props.initialArrows ?? { gradient: true, velocity: true, step: false },
  );
  const surface = facts.surface;
  const [view, setView] = useState<{ for: typeof surface; box: ViewBox }>({
    for: surface,
    box: surface.viewBox,
  });
  // A new surface brings its own view.
  if (view.for !== surface) setView({ for: surface, box: surface.viewBox });
  const [draftStart, setDraftStart] = useState<[number, number] | null>(null);
  const picking = useMapGuess((s) => s.picking);
  const guess = useMapGuess((s) => s.guess);
  const actual = useMapGuess((s) => s.actual);
  const highlight = useMemo(
    () => [
      ...(guess
        ? [{ x: guess[0], y: guess[1], label: t('map.yourGuess'), visibleLabel: true }]
        : []),
      ...(actual
        ? [
            {
              x: actual[0],
              y: actual[1],
              label: t('map.actualPoint'),
              visibleLabel: true,
              ring: 'solid' as const,
            },
          ]
        : []),
    ],
    [guess, actual, t],
  );

  const trajectories = useMemo(
    () => trajectorySource(store, arrows, surface),
    [store, arrows, surface],
  );
  const commitStart = useThrottled(
    (point: [number, number]) => applyStart(store, point),
    START_RELOAD_MS,
  );
  const pending = useRef<[number, number] | null>(null);

  // The drag ends wherever the pointer is released: settle on exactly that point.
  useEffect(() => {
    const settle = () => {
      const point = pending.current;
      if (point) {
        applyStart(store, point);
        pending.current = null;
        setDraftStart(null);
      }
    };
    window.addEventListener('pointerup', settle);
    window.addEventListener('keyup', settle);
    return () => {
      window.removeEventListener('pointerup', settle);
      window.removeEventListener('keyup', settle);
    };
  }, [store]);

  if (!start) return null;
  const onStartChange = (point: [number, number]) => {
    pending.current = point;
    setDraftStart(point);
    commitStart(point);
  };

  const toggle = (key: 'gradient' | 'velocity' | 'step') => (on: boolean) =>
    setArrows((a) => ({ ...a, [key]: on }));
  return (
    <section className="dl-panel dl-map" aria-label={t('map.region')}>
      <ContourPlot
        surface={surface}
        title={title}
        viewBox={view.box}
        onViewBoxChange={(box) => setView({ for: surface, box })}
        trajectories={trajectories}
        start={draftStart ?? start}
        onStartChange={onStartChange}
        onPick={picking ? (point) => setMapGuess({ guess: point }) : undefined}
        highlight={highlight}
        xLabel={xLabel}
        yLabel={yLabel}
      />
      <div className="dl-arrow-toggles" role="group" aria-label={t('map.arrows')}>
        <CheckboxField
          label={arrows.gradientOf === 'full' ? t('map.fullGradient') : t('map.gradient')}
          checked={arrows.gradient}
          onChange={toggle('gradient')}
        />
        <CheckboxField
          label={t('map.velocity')}
          checked={arrows.velocity}
          onChange={toggle('velocity')}
        />
        <CheckboxField label={t('map.step')} checked={arrows.step} onChange={toggle('step')} />
      </div>
      <StepScrubber />
    </section>
  );
}
