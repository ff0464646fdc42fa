/**
 * Vitest setup: every catalogue is at hand from the start, as it is in the page once chosen
 * (the page fetches a language's catalogue when it is first used; the browser tests and
 * i18n-lazy.test.ts cover that). Tests can then switch language synchronously.
 */
import { LOCALES, loadCatalogue } from '../../src/i18n/translate.ts';

await Promise.all(LOCALES.map((locale) => loadCatalogue(locale)));
