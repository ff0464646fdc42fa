/**
 * Internationalisation: typed message catalogues (English, Simplified Chinese), the current
 * language and its React hooks. UI code imports from here:
 *
 *     const t = useT();
 *     <button>{t('playback.play')}</button>
 *     <span>{t('playback.stepOf', { step, steps })}</span>
 */
export { en, type Catalogue, type MessageKey } from './messages/en.ts';
export {
  DEFAULT_LOCALE,
  LOCALES,
  formatNumber,
  hasCatalogue,
  interpolate,
  isLocale,
  loadCatalogue,
  matchLocale,
  pick,
  placeholdersOf,
  translate,
  translator,
  type Locale,
  type LocalizedText,
  type MessageArgs,
  type MessageParams,
  type NumberStyle,
  type PlainMessageKey,
  type Translate,
} from './translate.ts';
export {
  LOCALE_STORAGE_KEY,
  getLocale,
  initialLocale,
  loadStartingCatalogue,
  localeStore,
  setLocale,
} from './locale.ts';
export { useFormatNumber, useLocale, useT } from './react.ts';
export {
  colorName,
  configIssueLines,
  configIssueReason,
  configIssueText,
  divergedAtStart,
  divergenceText,
  formulaErrorText,
  markerName,
  optimizerTitle,
  problemSurfaceTitle,
  scheduleTitle,
  surfaceParameterLabel,
  surfaceTitle,
  systemErrorText,
} from './domain.ts';
export type { CodedFormulaError } from './domain.ts';
