/**
 * Play / Pause, Step, Reset and the speed, from one step per second (slow motion for
 * teaching) to as fast as the worker can go. The step counter follows the furthest run.
 */
import { useId } from 'react';
import { useT, type PlainMessageKey } from '../i18n/index.ts';
import { useLab, useLabStore } from '../store/useLab.ts';
import { useLiveValue } from './hooks.ts';

/** Speeds offered, in steps per second; null = as fast as possible. */
export const SPEEDS: ReadonlyArray<{
  readonly value: number | null;
  readonly label: PlainMessageKey;
}> = [
  { value: 1, label: 'playback.speed1' },
  { value: 4, label: 'playback.speed4' },
  { value: 15, label: 'playback.speed15' },
  { value: 30, label: 'playback.speed30' },
  { value: 60, label: 'playback.speed60' },
  { value: 250, label: 'playback.speed250' },
  { value: null, label: 'playback.speedMax' },
];

export function PlaybackBar() {
  const t = useT();
  const store = useLabStore();
  const playing = useLab((s) => s.playing);
  const speed = useLab((s) => s.speed);
  const steps = useLab((s) => s.experiment.steps);
  const anyRunning = useLab((s) => Object.values(s.runs).some((r) => r.status === 'running'));
  const speedId = useId();
  const step = useLiveValue(
    (live) => {
      let furthest = 0;
      for (const label of store.getState().experiment.runs.map((r) => r.label)) {
        furthest = Math.max(furthest, live.currentStep(label));
      }
      return furthest;
      // The step counter keeps up with the map.
    },
    Object.is,
    'map',
  );

  const { play, pause } = store.getState();
  return (
    <div className="dl-playback" role="group" aria-label={t('playback.group')}>
      <button
        type="button"
        className="dl-primary"
        onClick={() => (playing ? pause() : play())}
        disabled={!playing && !anyRunning}
      >
        {playing ? t('playback.pause') : t('playback.play')}
      </button>
      <button type="button" onClick={() => store.getState().step(1)} disabled={!anyRunning}>
        {t('playback.step')}
      </button>
      <button type="button" onClick={() => store.getState().reset()}>
        {t('playback.reset')}
      </button>
      <label htmlFor={speedId}>{t('playback.speed')}</label>
      <select
        id={speedId}
        value={speed === null ? 'max' : String(speed)}
        onChange={(e) =>
          store.getState().setSpeed(e.target.value === 'max' ? null : Number(e.target.value))
        }
      >
        {SPEEDS.map((s) => (
          <option key={s.label} value={s.value === null ? 'max' : String(s.value)}>
            {t(s.label)}
          </option>
        ))}
      </select>
      <span className="dl-step-counter">{t('playback.stepOf', { step, steps })}</span>
      {!anyRunning && <span className="dl-hint">{t('playback.allStopped')}</span>}
    </div>
  );
}
