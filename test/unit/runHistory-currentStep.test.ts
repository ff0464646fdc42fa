import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../src/core/run/records.ts';
import type { RunStatus } from '../../src/core/run/trainer.ts';
import { RunHistory } from '../../src/store/runHistory.ts';
import { SeriesPacker } from '../../src/worker/seriesPacker.ts';

const record = (step: number): StepRecord => ({
  run: 'A',
  step,
  loss: 1,
  lr: 0.1,
  params: [0, 0],
  grad: [0, 0],
  state: {},
});

/** A frame of run A with records of `steps`, the given status and preview. */
function frame(steps: number[], status: RunStatus, next: StepRecord | null) {
  const packer = new SeriesPacker('velocity');
  for (const step of steps) packer.add(record(step), 0);
  return {
    label: 'A',
    status,
    series: packer.take(),
    last: steps.length > 0 ? record(steps.at(-1)!) : null,
    next,
  } as Parameters<RunHistory['applyFrame']>[0];
}

describe('RunHistory.currentStep', () => {
  it('is the preview’s step when there is one (θ_t about to take step t)', () => {
    const live = new RunHistory();
    expect(live.currentStep('A')).toBe(0); // before any frame
    live.applyFrame(frame([], 'running', record(0)));
    expect(live.currentStep('A')).toBe(0);
    // Records 0 and 1 describe θ_0 and θ_1 before their updates: the run now stands at θ_2.
    live.applyFrame(frame([0, 1], 'running', record(2)));
    expect(live.currentStep('A')).toBe(2);
  });

  it('is one past the newest record for a running run without previews (the CNN)', () => {
    const live = new RunHistory();
    live.applyFrame(frame([0], 'running', null));
    expect(live.currentStep('A')).toBe(1);
  });

  it('is the newest record’s step once the run has stopped', () => {
    const live = new RunHistory();
    // A budget of 3: records 0, 1, 2 and the final θ_3 (no update) → finished at step 3.
    live.applyFrame(frame([0, 1, 2, 3], 'finished', null));
    expect(live.currentStep('A')).toBe(3);
    live.clear();
    live.applyFrame(frame([0, 1, 2], 'diverged', null));
    expect(live.currentStep('A')).toBe(2);
  });
});
