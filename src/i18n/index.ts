/**
 * Internationalisation: typed message catalogues (English, Simplified Chinese), the current
 * language and its React hooks. UI code imports from here:
 *
 *     const t = useT();
 *     <button>{t('playback.play')}</button>
 *     <span>{t('playback.stepOf', { step, steps })}</span>
 */
export { en, type Catalogue, type MessageKey } from './messages/en.ts';
export { zhCN } from './messages/zhCN.ts';
export {
  CATALOGUES,
  DEFAULT_LOCALE,
  LOCALES,
  formatNumber,
  interpolate,
  isLocale,
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
export { LOCALE_STORAGE_KEY, getLocale, initialLocale, localeStore, setLocale } from './locale.ts';
export { useFormatNumber, useLocale, useT } from './react.ts';
export {
  colorName,
  configIssueLines,
  configIssueReason,
  configIssueText,
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
