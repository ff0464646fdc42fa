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
  /**
   * Entries kept in storage but not shown, because they are not valid saved experiments
   * (see `unreadableSaved` to download them).
   */
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

/** A stored entry as found: anything JSON can hold (checked by `readEntry`). */
type StoredEntry = unknown;

/** The saved list as found: its entries, and data set aside because they could not be read. */
interface StoredList {
  readonly entries: StoredEntry[];
  /** Raw texts or values of whole lists or entries that could not be read, oldest first. */
  readonly aside: unknown[];
}

/** The stored id of an entry, when it has a string one. */
const idOf = (entry: StoredEntry): string | undefined =>
  typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string'
    ? (entry as { id: string }).id
    : undefined;

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

  /** Sets the autosave of `slot` aside (kept under its own key), so the next visit starts afresh. */
  setAutosaveAside(slot: string): StorageResult<void> {
    const key = this.autosaveKey(slot);
    const raw = this.read(key);
    if (!raw.ok || raw.value === null) return raw.ok ? ok(undefined) : raw;
    return this.setAside(key, raw.value);
  }

  // ── named saved experiments

  /**
   * The stored entries and the data set aside. A list that cannot be read as a whole is kept,
   * untouched, as one set-aside item, so the next write keeps it too. Entries sharing an id
   * get distinct ones (`id#2`, `id#3`), the same on every read, so an action on one of them
   * never touches the others.
   */
  private readEntries(): StorageResult<StoredList> {
    const raw = this.read(SAVED_KEY);
    if (!raw.ok) return raw;
    if (raw.value === null) return ok({ entries: [], aside: [] });
    let json: unknown;
    try {
      json = JSON.parse(raw.value);
    } catch {
      return ok({ entries: [], aside: [raw.value] });
    }
    const { format, entries, aside } = (json ?? {}) as Record<string, unknown>;
    if (
      format !== FORMAT ||
      !Array.isArray(entries) ||
      !(aside === undefined || Array.isArray(aside))
    )
      return ok({ entries: [], aside: [raw.value] });
    const seen = new Set(entries.map(idOf));
    const used = new Set<string>();
    const distinct = entries.map((entry: StoredEntry) => {
      const id = idOf(entry);
      if (id === undefined) return entry;
      if (!used.has(id)) {
        used.add(id);
        return entry;
      }
      let n = 2;
      while (seen.has(`${id}#${n}`) || used.has(`${id}#${n}`)) n++;
      used.add(`${id}#${n}`);
      return { ...(entry as object), id: `${id}#${n}` };
    });
    return ok({ entries: distinct, aside: (aside as unknown[] | undefined) ?? [] });
  }

  private writeEntries(list: StoredList): StorageResult<void> {
    const { entries, aside } = list;
    return this.write(
      SAVED_KEY,
      JSON.stringify(
        aside.length > 0 ? { format: FORMAT, entries, aside } : { format: FORMAT, entries },
      ),
    );
  }

  /** Every readable saved experiment, newest first, and the count of unreadable ones. */
  list(): StorageResult<SavedList> {
    const stored = this.readEntries();
    if (!stored.ok) return stored;
    const entries: SavedExperiment[] = [];
    let unreadable = stored.value.aside.length;
    for (const entry of stored.value.entries) {
      const readable = readEntry(entry);
      if (readable) entries.push(readable);
      else unreadable++;
    }
    entries.sort((a, b) => b.savedAt - a.savedAt);
    return ok({ entries, unreadable });
  }

  /**
   * Everything in the saved list that could not be read, as one JSON text for the learner to
   * download (null when there is none). Nothing is removed from storage.
   */
  unreadableSaved(): StorageResult<string | null> {
    const stored = this.readEntries();
    if (!stored.ok) return stored;
    const entries = stored.value.entries.filter((entry) => !readEntry(entry));
    const aside = stored.value.aside;
    if (entries.length === 0 && aside.length === 0) return ok(null);
    return ok(JSON.stringify({ format: FORMAT, unreadable: [...aside, ...entries] }, null, 2));
  }

  /**
   * Sets the whole saved list aside (kept in storage, shown as unreadable, downloadable):
   * for when the list itself keeps a part of the page from showing.
   */
  setSavedAside(): StorageResult<void> {
    const raw = this.read(SAVED_KEY);
    if (!raw.ok || raw.value === null) return raw.ok ? ok(undefined) : raw;
    return this.writeEntries({ entries: [], aside: [raw.value] });
  }

  /** Saves `experiment` under `name` (trimmed, at most MAX_SAVED_NAME characters) as a new entry. */
  save(name: string, experiment: Experiment): StorageResult<SavedExperiment> {
    const stored = this.readEntries();
    if (!stored.ok) return stored;
    const ids = new Set(stored.value.entries.map(idOf));
    let id: string;
    do id = `${this.now().toString(36)}-${(this.counter++).toString(36)}`;
    while (ids.has(id));
    const entry: SavedExperiment = { id, name: cleanName(name), savedAt: this.now(), experiment };
    const written = this.writeEntries({
      ...stored.value,
      entries: [...stored.value.entries, entry],
    });
    return written.ok ? ok(entry) : written;
  }

  /** The saved experiment `id`. */
  load(id: string): StorageResult<SavedExperiment> {
    const stored = this.readEntries();
    if (!stored.ok) return stored;
    const entry = stored.value.entries.find((e) => idOf(e) === id);
    if (entry === undefined) return fail('notFound');
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
    const at = stored.value.entries.findIndex((e) => idOf(e) === id);
    if (at < 0) return fail('notFound');
    const readable = readEntry(stored.value.entries[at]);
    if (!readable) return fail('corrupt');
    const next = change(readable);
    const entries = stored.value.entries.slice();
    entries[at] = next;
    const written = this.writeEntries({ ...stored.value, entries });
    return written.ok ? ok(next) : written;
  }

  /** Deletes the saved experiment `id`. */
  remove(id: string): StorageResult<void> {
    const stored = this.readEntries();
    if (!stored.ok) return stored;
    const entries = stored.value.entries.filter((e) => idOf(e) !== id);
    if (entries.length === stored.value.entries.length) return fail('notFound');
    return this.writeEntries({ ...stored.value, entries });
  }
}

/**
 * A name as stored: control characters (which `readEntry` refuses) count as spaces, runs of
 * spaces become one, and clipping never splits a surrogate pair.
 */
function cleanName(name: string): string {
  const trimmed = name.replace(CONTROL_ALL, ' ').trim().replace(/\s+/g, ' ');
  const clipped = (trimmed || 'Untitled').slice(0, MAX_SAVED_NAME);
  return /[\ud800-\udbff]$/.test(clipped) ? clipped.slice(0, -1) : clipped;
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

/** Longest id of a saved experiment, in characters (ours are about 12). */
const MAX_SAVED_ID = 64;
/** The latest time a JavaScript Date can hold, in milliseconds since 1970. */
const MAX_DATE_MS = 8.64e15;
const ENTRY_KEYS = new Set(['id', 'name', 'savedAt', 'experiment']);
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_ALL = new RegExp(CONTROL.source, 'g');

/**
 * A stored entry checked as strictly as an imported file: exactly the four fields, a short
 * printable id and name, a save time a Date can show, and a valid experiment. Null otherwise.
 */
function readEntry(entry: StoredEntry): SavedExperiment | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null;
  if (Object.keys(entry).some((key) => !ENTRY_KEYS.has(key))) return null;
  const { id, name, savedAt, experiment } = entry as Record<string, unknown>;
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_SAVED_ID || CONTROL.test(id))
    return null;
  if (typeof name !== 'string' || name.length > MAX_SAVED_NAME || CONTROL.test(name)) return null;
  if (
    !Number.isSafeInteger(savedAt) ||
    (savedAt as number) < 0 ||
    (savedAt as number) > MAX_DATE_MS
  )
    return null;
  let result: ReturnType<typeof validateExperiment>;
  try {
    result = validateExperiment(experiment);
  } catch {
    return null;
  }
  if (!result.ok) return null;
  return { id, name, savedAt: savedAt as number, experiment: result.value };
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
