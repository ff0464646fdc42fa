/**
 * Play / Pause, Step, Reset and the speed, from one step per second (slow motion for
 * teaching) to as fast as the worker can go. The step counter follows the furthest run.
 */
import { useId } from 'react';
import { useLab, useLabStore } from '../store/useLab.ts';
import { useLiveValue } from './hooks.ts';

/** Speeds offered, in steps per second; null = as fast as possible. */
export const SPEEDS: ReadonlyArray<{ readonly value: number | null; readonly label: string }> = [
  { value: 1, label: '1 step/s (slow motion)' },
  { value: 4, label: '4 steps/s' },
  { value: 15, label: '15 steps/s' },
  { value: 60, label: '60 steps/s' },
  { value: 250, label: '250 steps/s' },
  { value: null, label: 'Maximum' },
];

export function PlaybackBar() {
  const store = useLabStore();
  const playing = useLab((s) => s.playing);
  const speed = useLab((s) => s.speed);
  const steps = useLab((s) => s.experiment.steps);
  const anyRunning = useLab((s) => Object.values(s.runs).some((r) => r.status === 'running'));
  const speedId = useId();
  const step = useLiveValue((live) => {
    let furthest = 0;
    for (const label of store.getState().experiment.runs.map((r) => r.label)) {
      furthest = Math.max(furthest, live.series(label).lastStep());
    }
    return furthest;
  }, 0);

  const { play, pause } = store.getState();
  return (
    <div className="dl-playback" role="group" aria-label="Playback">
      <button
        type="button"
        className="dl-primary"
        onClick={() => (playing ? pause() : play())}
        disabled={!playing && !anyRunning}
      >
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={() => store.getState().step(1)} disabled={!anyRunning}>
        Step
      </button>
      <button type="button" onClick={() => store.getState().reset()}>
        Reset
      </button>
      <label htmlFor={speedId}>Speed</label>
      <select
        id={speedId}
        value={speed === null ? 'max' : String(speed)}
        onChange={(e) =>
          store.getState().setSpeed(e.target.value === 'max' ? null : Number(e.target.value))
        }
      >
        {SPEEDS.map((s) => (
          <option key={s.label} value={s.value === null ? 'max' : String(s.value)}>
            {s.label}
          </option>
        ))}
      </select>
      <span className="dl-step-counter">
        Step {step} of {steps}
      </span>
      {!anyRunning && (
        <span className="dl-hint">Every run has stopped: Reset, or raise the step budget.</span>
      )}
    </div>
  );
}
