import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { ExperimentStorage, type KeyValueStorage } from '../../src/store/persistence.ts';
import { encodeExperiment, readShareHash } from '../../src/store/share.ts';
import { readStartup } from '../../src/ui/classroom/startup.ts';
import { INITIAL_EXPERIMENTS } from '../../src/ui/workspaces.ts';

function memory(entries: Record<string, string> = {}): KeyValueStorage {
  const data = new Map(Object.entries(entries));
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const shared = parseExperiment({
  problem: { kind: 'regression', samples: 32 },
  steps: 50,
  seed: 2,
  runs: [{ label: 'SGD', batchSize: 4, optimizer: { kind: 'sgd', lr: 0.2 } }],
});
const autosaved = parseExperiment({
  problem: { kind: 'surface', surface: 'beale' },
  runs: [{ label: 'Adam', optimizer: { kind: 'adam', lr: 0.05 } }],
});

describe('startup', () => {
  it('opens the defaults when there is nothing else', () => {
    const startup = readStartup(
      readShareHash(''),
      new ExperimentStorage(memory()),
      INITIAL_EXPERIMENTS,
    );
    expect(startup).toEqual({
      initial: INITIAL_EXPERIMENTS,
      workspace: null,
      hadLink: false,
      notices: [],
    });
  });

  it('restores each workspace’s autosave', () => {
    const storage = new ExperimentStorage(memory());
    storage.writeAutosave('explorer', autosaved);
    const startup = readStartup(readShareHash(''), storage, INITIAL_EXPERIMENTS);
    expect(startup.initial).toEqual({ ...INITIAL_EXPERIMENTS, explorer: autosaved });
    expect(startup.notices).toEqual([{ tone: 'info', key: 'storage.autosaveRestored' }]);
  });

  it('opens a shared experiment in its workspace, over any autosave', () => {
    const storage = new ExperimentStorage(memory());
    storage.writeAutosave('batch', INITIAL_EXPERIMENTS.batch);
    const startup = readStartup(
      readShareHash(`#e=${encodeExperiment(shared)}`),
      storage,
      INITIAL_EXPERIMENTS,
    );
    expect(startup.initial).toEqual({ ...INITIAL_EXPERIMENTS, batch: shared });
    expect(startup.workspace).toBe('batch');
    expect(startup.hadLink).toBe(true);
  });

  it('answers a damaged link with its reason and the defaults — nothing from the link or the autosave', () => {
    const storage = new ExperimentStorage(memory());
    storage.writeAutosave('explorer', autosaved);
    const startup = readStartup(readShareHash('#e=%%%'), storage, INITIAL_EXPERIMENTS);
    expect(startup.initial).toEqual(INITIAL_EXPERIMENTS);
    expect(startup.workspace).toBeNull();
    expect(startup.notices).toEqual([
      { tone: 'error', key: 'share.error.title', params: {}, detailKey: 'share.error.base64' },
    ]);
  });

  it('lists the fields of an invalid shared experiment', () => {
    const bad = { ...JSON.parse(JSON.stringify(shared)), steps: -5 };
    const payload = encodeExperiment(bad);
    const startup = readStartup(
      readShareHash(`#e=${payload}`),
      new ExperimentStorage(memory()),
      INITIAL_EXPERIMENTS,
    );
    expect(startup.notices[0]).toMatchObject({
      key: 'share.error.title',
      detailKey: 'share.error.invalid',
      issues: [
        {
          path: 'steps',
          code: 'outOfRange',
          params: { min: 1, lower: '≥', max: 1e7, upper: '≤', got: { kind: 'number', value: -5 } },
        },
      ],
    });
  });

  it('warns about an unreadable autosave and opens the default there', () => {
    const storage = new ExperimentStorage(
      memory({ 'descent-lab.autosave.batch': '{"experiment":{"runs":"x"}}' }),
    );
    const startup = readStartup(readShareHash(''), storage, INITIAL_EXPERIMENTS);
    expect(startup.initial.batch).toBe(INITIAL_EXPERIMENTS.batch);
    expect(startup.notices).toEqual([{ tone: 'warning', key: 'storage.autosaveInvalid' }]);
  });

  it('says once that nothing persists without storage', () => {
    const startup = readStartup(
      readShareHash(''),
      new ExperimentStorage(null),
      INITIAL_EXPERIMENTS,
    );
    expect(startup.notices).toEqual([{ tone: 'info', key: 'storage.unavailable' }]);
  });
});
