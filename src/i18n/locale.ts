/**
 * The current UI language: a tiny store, remembered in localStorage and mirrored on
 * `<html lang>` so screen readers pronounce the page in the right language. Missing or
 * blocked storage only means the choice is not remembered.
 */
import { createStore } from 'zustand/vanilla';
import { DEFAULT_LOCALE, isLocale, matchLocale, type Locale } from './translate.ts';

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

/** Switches the UI language, remembers it and updates `<html lang>`. */
export function setLocale(locale: Locale): void {
  try {
    storage()?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Full or blocked storage: the switch still works for this visit.
  }
  applyToDocument(locale);
  if (localeStore.getState().locale !== locale) localeStore.setState({ locale });
}
