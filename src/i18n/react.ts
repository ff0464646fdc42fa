/**
 * React access to the UI language: `const t = useT()` re-renders the component when the
 * language changes; `useFormatNumber()` formats numbers for it.
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { localeStore } from './locale.ts';
import {
  formatNumber,
  translator,
  type Locale,
  type NumberStyle,
  type Translate,
} from './translate.ts';

/** The current UI language. */
export function useLocale(): Locale {
  return useStore(localeStore, (s) => s.locale);
}

/** A translator for the current language. */
export function useT(): Translate {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}

/** Formats numbers for the current language: `n(0.00012)` → "1.2E-4", `n(1234, 'integer')` → "1,234". */
export function useFormatNumber(): (value: number, style?: NumberStyle) => string {
  const locale = useLocale();
  return useMemo(
    () =>
      (value: number, style: NumberStyle = 'value') =>
        formatNumber(value, locale, style),
    [locale],
  );
}
