/**
 * Looking up and filling in messages, and formatting numbers for a locale. Pure functions of
 * (locale, key, params): no DOM, no React, so the worker, lessons and tests can use them too.
 */
import { en, type Catalogue, type MessageKey } from './messages/en.ts';
import { formatNumber as formatCoreNumber, type NumberStyle } from '../core/numbers.ts';

export type { NumberStyle };

/** A language the UI speaks, as a BCP 47 tag (also what `<html lang>` gets). */
export type Locale = 'en' | 'zh-CN';

/** Every locale, in the order the language switch lists them. */
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/** The locale used when nothing else is known. */
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * The catalogues at hand. English is always here; another language's catalogue is fetched
 * when that language is first chosen (`loadCatalogue`), so the first screen does not carry it.
 */
const catalogues: { [L in Locale]?: Catalogue } = { en };

/** Fetches the catalogue of `locale` (once); afterwards `translate` speaks it. */
export async function loadCatalogue(locale: Locale): Promise<void> {
  if (catalogues[locale]) return;
  switch (locale) {
    case 'en':
      return;
    case 'zh-CN':
      catalogues[locale] = (await import('./messages/zhCN.ts')).zhCN;
      return;
  }
}

/** True once `locale`'s catalogue is at hand. */
export function hasCatalogue(locale: Locale): boolean {
  return catalogues[locale] !== undefined;
}

/** True for a string naming a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The closest supported locale to a list of preferred languages (e.g. `navigator.languages`):
 * any Chinese tag maps to zh-CN, since Simplified is the only Chinese we ship.
 */
export function matchLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  }
  return DEFAULT_LOCALE;
}

/** The names of the `{placeholders}` in a message string type. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** The values a message needs, one per placeholder. */
export type MessageParams<K extends MessageKey> = {
  readonly [P in Placeholders<(typeof en)[K]>]: string | number;
};

/** The arguments after the key: none for a message without placeholders. */
export type MessageArgs<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never]
  ? []
  : [params: MessageParams<K>];

/** Keys of messages without placeholders (usable where the key is chosen at run time). */
export type PlainMessageKey = {
  [K in MessageKey]: [Placeholders<(typeof en)[K]>] extends [never] ? K : never;
}[MessageKey];

/** A translator bound to one locale: `t('playback.stepOf', { step: 3, steps: 200 })`. */
export type Translate = <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => string;

/** `value` formatted for `locale` in the given style (default "value"): see core/numbers.ts. */
export function formatNumber(value: number, locale: Locale, style: NumberStyle = 'value'): string {
  return formatCoreNumber(value, style, locale);
}

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/**
 * Fills `{name}` placeholders in a message: numbers are formatted for the locale (whole
 * numbers with grouping, others in the "value" style), strings inserted as they are.
 * A placeholder without a value stays visible as `{name}` rather than vanishing.
 */
export function interpolate(
  message: string,
  params: Readonly<Record<string, string | number>> | undefined,
  locale: Locale,
): string {
  if (!params) return message;
  return message.replace(PLACEHOLDER, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name];
    if (typeof value === 'number') {
      return formatNumber(value, locale, Number.isInteger(value) ? 'integer' : 'value');
    }
    return String(value);
  });
}

/** The names of the placeholders in a message, in order of appearance. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** The message `key` in `locale`, placeholders filled in. */
export function translate<K extends MessageKey>(
  locale: Locale,
  key: K,
  ...args: MessageArgs<K>
): string {
  // Before its catalogue arrives a language reads as English (the page waits for it at start).
  const message = catalogues[locale]?.[key] ?? en[key];
  return interpolate(message, args[0] as Record<string, string | number> | undefined, locale);
}

/** A translator bound to `locale`. */
export function translator(locale: Locale): Translate {
  return (key, ...args) => translate(locale, key, ...args);
}

/** Text in every locale, as lessons carry their narration. */
export type LocalizedText = { readonly [L in Locale]: string };

/** The text for `locale` out of a per-locale record. */
export function pick(text: LocalizedText, locale: Locale): string {
  return text[locale];
}
