import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { parseExperiment } from '../../src/core/config/validate.ts';
import type { Experiment } from '../../src/core/config/experiment.ts';
import {
  ExperimentStorage,
  MAX_SAVED_NAME,
  isQuotaError,
  startAutosave,
  type KeyValueStorage,
} from '../../src/store/persistence.ts';

/** localStorage with a quota counted in characters of keys plus values, like browsers do. */
class FakeStorage implements KeyValueStorage {
  readonly data = new Map<string, string>();
  blocked = false;
  constructor(public quota = Infinity) {}
  private used(except?: string): number {
    let n = 0;
    for (const [k, v] of this.data) if (k !== except) n += k.length + v.length;
    return n;
  }
  getItem(key: string): string | null {
    if (this.blocked) throw new DOMException('blocked', 'SecurityError');
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.blocked) throw new DOMException('blocked', 'SecurityError');
    if (this.used(key) + key.length + value.length > this.quota)
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    if (this.blocked) throw new DOMException('blocked', 'SecurityError');
    this.data.delete(key);
  }
}

const experiment = (lr: number): Experiment =>
  parseExperiment({
    problem: { kind: 'surface', surface: 'rosenbrock' },
    steps: 300,
    seed: 7,
    runs: [{ label: 'momentum', optimizer: { kind: 'momentum', lr, momentum: 0.9 } }],
  });

let clock = 1_000_000;
const now = () => clock++;

describe('isQuotaError', () => {
  it('recognises every browser’s quota exception and nothing else', () => {
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError({ code: 22 })).toBe(true);
    expect(isQuotaError(new DOMException('x', 'SecurityError'))).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

describe('autosave slots', () => {
  it('round-trip an experiment exactly, per slot', () => {
    const storage = new ExperimentStorage(new FakeStorage(), now);
    expect(storage.readAutosave('explorer')).toEqual({ ok: true, value: null });
    expect(storage.writeAutosave('explorer', experiment(0.001)).ok).toBe(true);
    expect(storage.writeAutosave('batch', experiment(0.5)).ok).toBe(true);
    expect(storage.readAutosave('explorer')).toEqual({ ok: true, value: experiment(0.001) });
    expect(storage.readAutosave('batch')).toEqual({ ok: true, value: experiment(0.5) });
  });

  it('set aside an unreadable autosave instead of losing it', () => {
    const fake = new FakeStorage();
    fake.data.set('descent-lab.autosave.explorer', '{"experiment": {"steps": "many"}}');
    const storage = new ExperimentStorage(fake, now);
    expect(storage.readAutosave('explorer')).toEqual({ ok: false, problem: 'corrupt' });
    const aside = [...fake.data.entries()].filter(([k]) => k.startsWith('descent-lab.unreadable.'));
    expect(aside.map(([, v]) => v)).toEqual(['{"experiment": {"steps": "many"}}']);
    expect(fake.data.has('descent-lab.autosave.explorer')).toBe(false);
  });

  it('refuse to overwrite an unreadable autosave that cannot be set aside', () => {
    const raw = '{"experiment": 42}';
    const fake = new FakeStorage();
    fake.data.set('descent-lab.autosave.explorer', raw);
    fake.quota = 'descent-lab.autosave.explorer'.length + raw.length; // no room for a copy
    const storage = new ExperimentStorage(fake, now);
    expect(storage.readAutosave('explorer')).toEqual({ ok: false, problem: 'corrupt' });
    expect(storage.writeAutosave('explorer', experiment(0.001))).toEqual({
      ok: false,
      problem: 'full',
    });
    expect(fake.data.get('descent-lab.autosave.explorer')).toBe(raw);
    // With room again, the old data go aside first, then the new autosave is written.
    fake.quota = Infinity;
    expect(storage.writeAutosave('explorer', experiment(0.001)).ok).toBe(true);
    expect([...fake.data.values()]).toContain(raw);
  });

  it('report a full or unavailable storage', () => {
    const full = new ExperimentStorage(new FakeStorage(10), now);
    expect(full.writeAutosave('explorer', experiment(0.001))).toEqual({
      ok: false,
      problem: 'full',
    });
    const blocked = new FakeStorage();
    blocked.blocked = true;
    const storage = new ExperimentStorage(blocked, now);
    expect(storage.writeAutosave('explorer', experiment(0.001))).toEqual({
      ok: false,
      problem: 'unavailable',
    });
    expect(storage.readAutosave('explorer')).toEqual({ ok: false, problem: 'unavailable' });
    const none = new ExperimentStorage(null, now);
    expect(none.available).toBe(false);
    expect(none.list()).toEqual({ ok: false, problem: 'unavailable' });
  });
});

describe('saved experiments', () => {
  it('save, list newest first, load, rename, overwrite and delete', () => {
    const storage = new ExperimentStorage(new FakeStorage(), now);
    const a = storage.save('  Ravine   demo ', experiment(0.001));
    const b = storage.save('Adam', experiment(0.1));
    if (!a.ok || !b.ok) throw new Error('save failed');
    expect(a.value.name).toBe('Ravine demo');
    expect(a.value.id).not.toBe(b.value.id);
    const listed = storage.list();
    expect(listed.ok && listed.value.entries.map((e) => e.name)).toEqual(['Adam', 'Ravine demo']);
    expect(listed.ok && listed.value.unreadable).toBe(0);
    expect(storage.load(a.value.id)).toEqual({ ok: true, value: a.value });
    const renamed = storage.rename(a.value.id, 'Ravine');
    expect(renamed.ok && renamed.value.name).toBe('Ravine');
    const overwritten = storage.overwrite(a.value.id, experiment(0.002));
    expect(overwritten.ok && overwritten.value.experiment).toEqual(experiment(0.002));
    expect(storage.remove(b.value.id)).toEqual({ ok: true, value: undefined });
    const after = storage.list();
    expect(after.ok && after.value.entries.map((e) => [e.name, e.experiment])).toEqual([
      ['Ravine', experiment(0.002)],
    ]);
    expect(storage.remove(b.value.id)).toEqual({ ok: false, problem: 'notFound' });
    expect(storage.load('nope')).toEqual({ ok: false, problem: 'notFound' });
  });

  it('clip long names and name empty ones', () => {
    const storage = new ExperimentStorage(new FakeStorage(), now);
    const long = storage.save('x'.repeat(500), experiment(0.001));
    expect(long.ok && long.value.name.length).toBe(MAX_SAVED_NAME);
    const empty = storage.save('   ', experiment(0.001));
    expect(empty.ok && empty.value.name).toBe('Untitled');
  });

  it('keep unreadable entries in place through saves, renames and deletes', () => {
    const fake = new FakeStorage();
    const bad = {
      id: 'old',
      name: 'From a future version',
      savedAt: 5,
      experiment: { version: 99 },
    };
    fake.data.set('descent-lab.saved', JSON.stringify({ format: 1, entries: [bad] }));
    const storage = new ExperimentStorage(fake, now);
    const listed = storage.list();
    expect(listed).toEqual({ ok: true, value: { entries: [], unreadable: 1 } });
    expect(storage.load('old')).toEqual({ ok: false, problem: 'corrupt' });
    const saved = storage.save('New', experiment(0.001));
    if (!saved.ok) throw new Error('save failed');
    storage.rename(saved.value.id, 'Newer');
    const stored = JSON.parse(fake.data.get('descent-lab.saved')!) as { entries: unknown[] };
    expect(stored.entries[0]).toEqual(bad);
    expect(stored.entries).toHaveLength(2);
  });

  it('keep a list that is not JSON, count it, and carry it through the next write', () => {
    const fake = new FakeStorage();
    fake.data.set('descent-lab.saved', '{broken');
    const storage = new ExperimentStorage(fake, now);
    expect(storage.list()).toEqual({ ok: true, value: { entries: [], unreadable: 1 } });
    expect(storage.save('Fresh', experiment(0.001)).ok).toBe(true);
    const listed = storage.list();
    expect(listed.ok && listed.value.entries.map((e) => e.name)).toEqual(['Fresh']);
    expect(listed.ok && listed.value.unreadable).toBe(1);
    const download = storage.unreadableSaved();
    expect(download.ok && JSON.parse(download.value!)).toEqual({
      format: 1,
      unreadable: ['{broken'],
    });
  });

  const stored = (entries: unknown[]) => JSON.stringify({ format: 1, entries });
  const entry = (id: string, name: string, savedAt: number) => ({
    id,
    name,
    savedAt,
    experiment: experiment(0.001),
  });

  it('refuse a save time no Date can show, and every other malformed field, one entry at a time', () => {
    const fake = new FakeStorage();
    const bad = [
      entry('a', 'huge', 1e300),
      entry('b', 'past the Date range', 8640000000000001),
      entry('c', 'negative', -1e20),
      entry('d', 'fraction', 1.5),
      entry('', 'empty id', 5),
      entry('e', 'control\u001b[31m', 5),
      { ...entry('f', 'extra field', 5), script: 'x' },
      entry('g', 'n'.repeat(MAX_SAVED_NAME + 1), 5),
      { ...entry('h', 'bad experiment', 5), experiment: { runs: 'no' } },
      42,
      null,
      'text',
      [entry('i', 'in an array', 5)],
    ];
    fake.data.set('descent-lab.saved', stored([entry('ok', 'Good one', 5), ...bad]));
    const storage = new ExperimentStorage(fake, now);
    const listed = storage.list();
    expect(listed.ok && listed.value.entries.map((e) => e.name)).toEqual(['Good one']);
    expect(listed.ok && listed.value.unreadable).toBe(bad.length);
    // Every unreadable entry is kept, in storage and in the download.
    const download = storage.unreadableSaved();
    expect(
      download.ok && (JSON.parse(download.value!) as { unreadable: unknown[] }).unreadable,
    ).toHaveLength(bad.length);
    expect(storage.remove('ok').ok).toBe(true);
    const after = JSON.parse(fake.data.get('descent-lab.saved')!) as { entries: unknown[] };
    expect(after.entries).toHaveLength(bad.length);
  });

  it('give entries sharing an id distinct ids, so deleting one keeps the other', () => {
    const fake = new FakeStorage();
    fake.data.set('descent-lab.saved', stored([entry('x', 'First', 5), entry('x', 'Second', 6)]));
    const storage = new ExperimentStorage(fake, now);
    const listed = storage.list();
    const ids = listed.ok ? listed.value.entries.map((e) => e.id) : [];
    expect(new Set(ids).size).toBe(2);
    const second = listed.ok ? listed.value.entries.find((e) => e.name === 'Second')! : null;
    expect(storage.remove(second!.id).ok).toBe(true);
    const left = storage.list();
    expect(left.ok && left.value.entries.map((e) => e.name)).toEqual(['First']);
  });

  it('set the whole list aside on request, keeping it downloadable', () => {
    const fake = new FakeStorage();
    const original = stored([entry('x', 'First', 5)]);
    fake.data.set('descent-lab.saved', original);
    const storage = new ExperimentStorage(fake, now);
    expect(storage.setSavedAside().ok).toBe(true);
    expect(storage.list()).toEqual({ ok: true, value: { entries: [], unreadable: 1 } });
    const download = storage.unreadableSaved();
    expect(download.ok && JSON.parse(download.value!)).toEqual({
      format: 1,
      unreadable: [original],
    });
  });

  it('report a full storage and leave the existing list intact', () => {
    const fake = new FakeStorage();
    const storage = new ExperimentStorage(fake, now);
    expect(storage.save('first', experiment(0.001)).ok).toBe(true);
    const before = fake.data.get('descent-lab.saved');
    fake.quota = [...fake.data].reduce((n, [k, v]) => n + k.length + v.length, 0);
    expect(storage.save('second', experiment(0.002))).toEqual({ ok: false, problem: 'full' });
    expect(fake.data.get('descent-lab.saved')).toBe(before);
  });
});

describe('autosave loop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes once, a moment after the last change', () => {
    const fake = new FakeStorage();
    const storage = new ExperimentStorage(fake, now);
    const store = createStore<{ experiment: Experiment }>()(() => ({
      experiment: experiment(0.001),
    }));
    const write = vi.spyOn(storage, 'writeAutosave');
    const autosave = startAutosave(store, storage, 'explorer', { delayMs: 500 });
    store.setState({ experiment: experiment(0.002) });
    vi.advanceTimersByTime(300);
    store.setState({ experiment: experiment(0.003) });
    vi.advanceTimersByTime(499);
    expect(write).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(write).toHaveBeenCalledTimes(1);
    expect(storage.readAutosave('explorer')).toEqual({ ok: true, value: experiment(0.003) });
    // A state change that keeps the same experiment object is not an edit.
    store.setState({});
    vi.advanceTimersByTime(1000);
    expect(write).toHaveBeenCalledTimes(1);
    autosave.stop();
  });

  it('flushes a pending change at once, and on stop', () => {
    const storage = new ExperimentStorage(new FakeStorage(), now);
    const store = createStore<{ experiment: Experiment }>()(() => ({
      experiment: experiment(0.001),
    }));
    const autosave = startAutosave(store, storage, 'explorer');
    store.setState({ experiment: experiment(0.004) });
    autosave.flush();
    expect(storage.readAutosave('explorer')).toEqual({ ok: true, value: experiment(0.004) });
    store.setState({ experiment: experiment(0.005) });
    autosave.stop();
    expect(storage.readAutosave('explorer')).toEqual({ ok: true, value: experiment(0.005) });
    store.setState({ experiment: experiment(0.006) });
    vi.advanceTimersByTime(10_000);
    expect(storage.readAutosave('explorer')).toEqual({ ok: true, value: experiment(0.005) });
  });

  it('reports a problem once when saving starts failing, and once when it recovers', () => {
    const fake = new FakeStorage(10);
    const storage = new ExperimentStorage(fake, now);
    const store = createStore<{ experiment: Experiment }>()(() => ({
      experiment: experiment(0.001),
    }));
    const problems: (string | null)[] = [];
    const autosave = startAutosave(store, storage, 'explorer', {
      delayMs: 100,
      onProblem: (p) => problems.push(p),
    });
    for (const lr of [0.002, 0.003]) {
      store.setState({ experiment: experiment(lr) });
      vi.advanceTimersByTime(100);
    }
    fake.quota = Infinity;
    store.setState({ experiment: experiment(0.004) });
    vi.advanceTimersByTime(100);
    expect(problems).toEqual(['full', null]);
    autosave.stop();
  });
});
