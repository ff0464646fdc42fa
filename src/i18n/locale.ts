/**
 * The current UI language: a tiny store, remembered in localStorage and mirrored on
 * `<html lang>` so screen readers pronounce the page in the right language. Missing or
 * blocked storage only means the choice is not remembered.
 */
import { createStore } from 'zustand/vanilla';
import {
  DEFAULT_LOCALE,
  hasCatalogue,
  isLocale,
  loadCatalogue,
  matchLocale,
  type Locale,
} from './translate.ts';

/** localStorage key of the chosen language. */
export const LOCALE_STORAGE_KEY = 'descent-lab.locale';

export interface LocaleState {
  readonly locale: Locale;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // Some browsers throw on access when storage is blocked.
  }
}

/** The remembered language, else the browser's preferred one, else English. */
export function initialLocale(): Locale {
  try {
    const saved = storage()?.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Unreadable storage: fall through to the browser's preference.
  }
  if (typeof navigator !== 'undefined') {
    return matchLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
  }
  return DEFAULT_LOCALE;
}

function applyToDocument(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** The language store; `useLocale()` reads it from React. */
export const localeStore = createStore<LocaleState>()(() => ({ locale: initialLocale() }));
applyToDocument(localeStore.getState().locale);

/** The current language. */
export function getLocale(): Locale {
  return localeStore.getState().locale;
}

/** The language asked for last (a slow catalogue must not override a later choice). */
let wanted: Locale = localeStore.getState().locale;

/**
 * Switches the UI language and remembers it: at once when its catalogue is at hand, else once
 * it is fetched. If it cannot be fetched the page stays in its language and `onUnavailable`
 * is called.
 */
export function setLocale(locale: Locale, onUnavailable?: () => void): void {
  try {
    storage()?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Full or blocked storage: the switch still works for this visit.
  }
  wanted = locale;
  const apply = () => {
    if (wanted !== locale) return;
    applyToDocument(locale);
    if (localeStore.getState().locale !== locale) localeStore.setState({ locale });
  };
  if (hasCatalogue(locale)) apply();
  else loadCatalogue(locale).then(apply, () => onUnavailable?.());
}

/**
 * Fetches the starting language's catalogue before the first render, so a Chinese page never
 * flashes English. If it cannot be fetched this visit starts in English (the choice is kept
 * for the next one); resolves to whether the remembered language could be used.
 */
export async function loadStartingCatalogue(waitMs = CATALOGUE_WAIT_MS): Promise<boolean> {
  const locale = getLocale();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    // A catalogue that does not come (a stalled fetch) must not keep the page blank.
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('catalogue timed out')), waitMs);
    });
    await Promise.race([loadCatalogue(locale), late]);
    return true;
  } catch {
    wanted = DEFAULT_LOCALE;
    applyToDocument(DEFAULT_LOCALE);
    localeStore.setState({ locale: DEFAULT_LOCALE });
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Longest wait for the starting language's catalogue before the page opens in English. */
export const CATALOGUE_WAIT_MS = 5000;
