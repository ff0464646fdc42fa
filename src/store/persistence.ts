/**
 * Experiments kept in the browser: an autosave per workspace (debounced, flushed when the page
 * is hidden) and a list of named saved experiments, in localStorage. Storage may be missing
 * (private mode, blocked), full, or hold data this version cannot read; each case comes back
 * as a named problem for the UI to show. Nothing is dropped silently: unreadable data are set
 * aside under their own key, or kept in place, never overwritten.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Experiment } from '../core/config/experiment.ts';
import { validateExperiment } from '../core/config/validate.ts';

/** The part of `Storage` used here, so tests can pass a fake one. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Why a storage operation did not do what was asked. */
export type StorageProblem =
  /** No storage at all: nothing persists between visits. */
  | 'unavailable'
  /** The quota is used up: this write did not happen. */
  | 'full'
  /** Stored data could not be read as an experiment (set aside, not deleted). */
  | 'corrupt'
  /** No saved experiment with that id. */
  | 'notFound';

export type StorageResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: StorageProblem };

/** One named saved experiment. */
export interface SavedExperiment {
  readonly id: string;
  readonly name: string;
  /** When it was saved or last renamed, in milliseconds since 1970 (Date.now()). */
  readonly savedAt: number;
  readonly experiment: Experiment;
}

/** The saved list as read: the readable entries, and how many could not be read. */
export interface SavedList {
  readonly entries: readonly SavedExperiment[];
  /** Entries kept in storage but not shown, because they are not valid experiments. */
  readonly unreadable: number;
}

/** Prefix of every key this app writes. */
export const STORAGE_PREFIX = 'descent-lab.';
/** Longest name of a saved experiment, in characters. */
export const MAX_SAVED_NAME = 80;
/** Default delay between the last edit and its autosave, in milliseconds. */
export const AUTOSAVE_DELAY_MS = 800;

const SAVED_KEY = `${STORAGE_PREFIX}saved`;
const FORMAT = 1;

const ok = <T>(value: T): StorageResult<T> => ({ ok: true, value });
const fail = <T>(problem: StorageProblem): StorageResult<T> => ({ ok: false, problem });

/** True for the exception a browser throws when a write exceeds the storage quota. */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return (
    name === 'QuotaExceededError' ||
    name === 'NS_ERROR_DOM_QUOTA_REACHED' || // Firefox
    code === 22 ||
    code === 1014
  );
}

/**
 * The page's localStorage if it can be used, else null. A storage that exists but is full
 * counts as available (reads work; writes will report "full").
 */
export function browserStorage(): KeyValueStorage | null {
  let storage: Storage;
  try {
    if (typeof localStorage === 'undefined' || localStorage === null) return null;
    storage = localStorage;
  } catch {
    return null; // Access itself throws when the user blocks storage.
  }
  const probe = `${STORAGE_PREFIX}probe`;
  try {
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch (error) {
    return isQuotaError(error) ? storage : null;
  }
}

interface StoredEntry {
  id: unknown;
  name: unknown;
  savedAt: unknown;
  experiment: unknown;
}

/** Reading and writing experiments in one key-value storage (null = none available). */
export class ExperimentStorage {
  private counter = 0;
  /** Keys holding unreadable data that could not be set aside yet: not to be overwritten. */
  private readonly guarded = new Set<string>();

  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether anything can persist at all. */
  get available(): boolean {
    return this.storage !== null;
  }

  // ── low level

  private read(key: string): StorageResult<string | null> {
    if (!this.storage) return fail('unavailable');
    try {
      return ok(this.storage.getItem(key));
    } catch {
      return fail('unavailable');
    }
  }

  private write(key: string, value: string): StorageResult<void> {
    if (!this.storage) return fail('unavailable');
    try {
      this.storage.setItem(key, value);
      return ok(undefined);
    } catch (error) {
      return fail(isQuotaError(error) ? 'full' : 'unavailable');
    }
  }

  /** Moves unreadable data to a key of its own, so a later write cannot destroy it. */
  private setAside(key: string, raw: string): StorageResult<void> {
    const aside = `${STORAGE_PREFIX}unreadable.${key.slice(STORAGE_PREFIX.length)}.${this.now()}`;
    const written = this.write(aside, raw);
    if (!written.ok) return written;
    try {
      this.storage!.removeItem(key);
    } catch {
      // The copy exists; the original staying put loses nothing.
    }
    return ok(undefined);
  }

  // ── autosave

  private autosaveKey(slot: string): string {
    return `${STORAGE_PREFIX}autosave.${slot}`;
  }

  /**
   * The experiment autosaved in `slot` (a workspace id), null if none. Data that are not a
   * valid experiment are set aside and reported as "corrupt".
   */
  readAutosave(slot: string): StorageResult<Experiment | null> {
    const key = this.autosaveKey(slot);
    const raw = this.read(key);
    if (!raw.ok) return raw;
    if (raw.value === null) return ok(null);
    const experiment = parseStored(
      raw.value,
      (json) => (json as { experiment?: unknown }).experiment,
    );
    if (experiment) return ok(experiment);
    if (!this.setAside(key, raw.value).ok) this.guarded.add(key);
    return fail('corrupt');
  }

  /** Stores `experiment` as the autosave of `slot`. */
  writeAutosave(slot: string, experiment: Experiment): StorageResult<void> {
    const key = this.autosaveKey(slot);
    if (this.guarded.has(key)) {
      const raw = this.read(key);
      if (raw.ok && raw.value !== null) {
        const aside = this.setAside(key, raw.value);
        if (!aside.ok) return aside;
      }
      this.guarded.delete(key);
    }
    return this.write(key, JSON.stringify({ format: FORMAT, savedAt: this.now(), experiment }));
  }

  // ── named saved experiments

  /** The raw stored entries, or a problem; a list that cannot be parsed is set aside first. */
  private readEntries(): StorageResult<StoredEntry[]> {
    const raw = this.read(SAVED_KEY);
    if (!raw.ok) return raw;
    if (raw.value === null) return ok([]);
    let json: unknown;
    try {
      json = JSON.parse(raw.value);
    } catch {
      json = null;
    }
    const entries = (json as { entries?: unknown } | null)?.entries;
    if (Array.isArray(entries) && entries.every((e) => typeof e === 'object' && e !== null)) {
      return ok(entries as StoredEntry[]);
    }
    // Unreadable as a whole: keep it under another key before anything replaces it.
    const aside = this.setAside(SAVED_KEY, raw.value);
    return aside.ok ? fail('corrupt') : aside;
  }

  private writeEntries(entries: readonly StoredEntry[]): StorageResult<void> {
    return this.write(SAVED_KEY, JSON.stringify({ format: FORMAT, entries }));
  }

  /** Every readable saved experiment, newest first, and the count of unreadable ones. */
  list(): StorageResult<SavedList> {
    const stored = this.readEntries();
    if (!stored.ok) return stored;
    const entries: SavedExperiment[] = [];
    let unreadable = 0;
    for (const entry of stored.value) {
      const readable = readEntry(entry);
      if (readable) entries.push(readable);
      else unreadable++;
    }
    entries.sort((a, b) => b.savedAt - a.savedAt);
    return ok({ entries, unreadable });
  }

  /** Saves `experiment` under `name` (trimmed, at most MAX_SAVED_NAME characters) as a new entry. */
  save(name: string, experiment: Experiment): StorageResult<SavedExperiment> {
    const stored = this.readEntries();
    if (!stored.ok) return stored;
    const ids = new Set(stored.value.map((e) => e.id));
    let id: string;
    do id = `${this.now().toString(36)}-${(this.counter++).toString(36)}`;
    while (ids.has(id));
    const entry: SavedExperiment = { id, name: cleanName(name), savedAt: this.now(), experiment };
    const written = this.writeEntries([...stored.value, entry]);
    return written.ok ? ok(entry) : written;
  }

  /** The saved experiment `id`. */
  load(id: string): StorageResult<SavedExperiment> {
    const stored = this.readEntries();
    if (!stored.ok) return stored;
    const entry = stored.value.find((e) => e.id === id);
    if (!entry) return fail('notFound');
    const readable = readEntry(entry);
    return readable ? ok(readable) : fail('corrupt');
  }

  /** Renames the saved experiment `id`; unreadable entries around it are kept as they were. */
  rename(id: string, name: string): StorageResult<SavedExperiment> {
    return this.replace(id, (entry) => ({ ...entry, name: cleanName(name) }));
  }

  /** Replaces the experiment stored under `id` (keeps its name). */
  overwrite(id: string, experiment: Experiment): StorageResult<SavedExperiment> {
    return this.replace(id, (entry) => ({ ...entry, experiment, savedAt: this.now() }));
  }

  private replace(
    id: string,
    change: (entry: SavedExperiment) => SavedExperiment,
  ): StorageResult<SavedExperiment> {
    const stored = this.readEntries();
    if (!stored.ok) return stored;
    const at = stored.value.findIndex((e) => e.id === id);
    const readable = at < 0 ? null : readEntry(stored.value[at]!);
    if (at < 0) return fail('notFound');
    if (!readable) return fail('corrupt');
    const next = change(readable);
    const entries = stored.value.slice();
    entries[at] = next;
    const written = this.writeEntries(entries);
    return written.ok ? ok(next) : written;
  }

  /** Deletes the saved experiment `id`. */
  remove(id: string): StorageResult<void> {
    const stored = this.readEntries();
    if (!stored.ok) return stored;
    const entries = stored.value.filter((e) => e.id !== id);
    if (entries.length === stored.value.length) return fail('notFound');
    return this.writeEntries(entries);
  }
}

function cleanName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  return (trimmed || 'Untitled').slice(0, MAX_SAVED_NAME);
}

/** A stored JSON text's experiment, validated; null when anything is off. */
function parseStored(raw: string, pick: (json: unknown) => unknown): Experiment | null {
  try {
    const json: unknown = JSON.parse(raw);
    if (typeof json !== 'object' || json === null) return null;
    const result = validateExperiment(pick(json));
    return result.ok ? result.value : null;
  } catch {
    return null;
  }
}

function readEntry(entry: StoredEntry): SavedExperiment | null {
  if (typeof entry.id !== 'string' || typeof entry.name !== 'string') return null;
  if (typeof entry.savedAt !== 'number' || !Number.isFinite(entry.savedAt)) return null;
  let result: ReturnType<typeof validateExperiment>;
  try {
    result = validateExperiment(entry.experiment);
  } catch {
    return null;
  }
  if (!result.ok) return null;
  return { id: entry.id, name: entry.name, savedAt: entry.savedAt, experiment: result.value };
}

// ── the autosave loop

export interface AutosaveOptions {
  /** Delay between the last change and the write, in milliseconds. Default AUTOSAVE_DELAY_MS. */
  readonly delayMs?: number;
  /**
   * Called when saving starts failing (with the problem) and when it works again (null),
   * not on every attempt, so the UI can show one message and clear it.
   */
  readonly onProblem?: (problem: StorageProblem | null) => void;
}

export interface Autosave {
  /** Writes a pending change now (e.g. when the page is hidden). */
  flush(): void;
  /** Stops watching; a pending change is written first. */
  stop(): void;
}

/**
 * Autosaves the store's experiment into `slot` a moment after each change. Only a new
 * experiment object counts as a change (the store replaces it on every edit).
 */
export function startAutosave(
  store: Pick<StoreApi<{ experiment: Experiment }>, 'getState' | 'subscribe'>,
  storage: ExperimentStorage,
  slot: string,
  { delayMs = AUTOSAVE_DELAY_MS, onProblem }: AutosaveOptions = {},
): Autosave {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: Experiment | null = null;
  let lastProblem: StorageProblem | null = null;

  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!pending) return;
    const result = storage.writeAutosave(slot, pending);
    pending = null;
    const problem = result.ok ? null : result.problem;
    if (problem !== lastProblem) {
      lastProblem = problem;
      onProblem?.(problem);
    }
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.experiment === previous.experiment) return;
    pending = state.experiment;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  });

  return {
    flush,
    stop() {
      unsubscribe();
      flush();
    },
  };
}

/**
 * Flushes autosaves when the page is hidden or closed (`pagehide`, `visibilitychange`), the
 * last moments a browser reliably lets a page write. Returns a function that stops listening.
 */
export function flushOnPageHide(
  autosaves: readonly Pick<Autosave, 'flush'>[],
  target: Window = window,
): () => void {
  const flushAll = () => autosaves.forEach((a) => a.flush());
  const onVisibility = () => {
    if (target.document.visibilityState === 'hidden') flushAll();
  };
  target.addEventListener('pagehide', flushAll);
  target.document.addEventListener('visibilitychange', onVisibility);
  return () => {
    target.removeEventListener('pagehide', flushAll);
    target.document.removeEventListener('visibilitychange', onVisibility);
  };
}
