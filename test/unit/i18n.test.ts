import { describe, expect, it } from 'vitest';
import {
  LOCALES,
  en,
  formatNumber,
  interpolate,
  matchLocale,
  placeholdersOf,
  translate,
  translator,
  type Catalogue,
  type Locale,
} from '../../src/i18n/index.ts';
import { zhCN } from '../../src/i18n/messages/zhCN.ts';

const CATALOGUES: { readonly [L in Locale]: Catalogue } = { en, 'zh-CN': zhCN };

const HAN = /\p{Script=Han}/u;
/**
 * Keys whose Chinese text may legitimately hold no Han characters (key caps, language endonyms,
 * punctuation marks).
 */
const NO_HAN_EXPECTED = /^(key\.|language\.|punctuation\.)/;

describe('message catalogues', () => {
  it('have identical keys in every language', () => {
    const reference = Object.keys(en).sort();
    for (const locale of LOCALES) expect(Object.keys(CATALOGUES[locale]).sort()).toEqual(reference);
  });

  it('have identical placeholders for every key', () => {
    const mismatches: string[] = [];
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const expected = placeholdersOf(en[key]).sort();
      for (const locale of LOCALES) {
        const actual = placeholdersOf(CATALOGUES[locale][key]).sort();
        if (JSON.stringify(actual) !== JSON.stringify(expected))
          mismatches.push(`${locale} ${key}: ${actual.join(',')} ≠ ${expected.join(',')}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('have no empty messages and no English left untranslated in Chinese', () => {
    const untranslated = (Object.keys(zhCN) as (keyof typeof zhCN)[]).filter(
      (key) => !NO_HAN_EXPECTED.test(key) && !HAN.test(zhCN[key]),
    );
    expect(untranslated).toEqual([]);
    for (const locale of LOCALES)
      for (const message of Object.values(CATALOGUES[locale])) expect(message.trim()).not.toBe('');
  });

  it('finds placeholders in order', () => {
    expect(placeholdersOf('Step {step} of {steps}')).toEqual(['step', 'steps']);
    expect(placeholdersOf('no braces')).toEqual([]);
  });
});

describe('translate', () => {
  it('fills placeholders, formatting whole numbers with the locale grouping', () => {
    expect(translate('en', 'playback.stepOf', { step: 1234, steps: 5000 })).toBe(
      'Step 1,234 of 5,000',
    );
    expect(translate('zh-CN', 'playback.stepOf', { step: 1234, steps: 5000 })).toBe(
      '第 1,234 步，共 5,000 步',
    );
  });

  it('inserts strings verbatim and keeps unknown placeholders visible', () => {
    const t = translator('en');
    expect(t('status.diverged', { label: 'SGD', reason: 'loss became Infinity' })).toBe(
      'Run “SGD” diverged: loss became Infinity',
    );
    expect(interpolate('a {x} b {y}', { x: 'X' }, 'en')).toBe('a X b {y}');
    // A hostile "param" name on the prototype is not looked up.
    expect(interpolate('{constructor}', {}, 'en')).toBe('{constructor}');
  });

  it('rejects wrong keys and missing parameters at compile time', () => {
    const t = translator('en');
    // @ts-expect-error — "playback.stepOf" needs {step, steps}
    expect(t('playback.stepOf')).toBe('Step {step} of {steps}');
    // @ts-expect-error — not a key
    t('no.such.key');
    expect(t('playback.play')).toBe('Play');
    expect(translator('zh-CN')('playback.play')).toBe('播放');
  });
});

describe('formatNumber', () => {
  // The one formatter of core/numbers.ts: grouping for whole counts only, 'e' as on the plots.
  it('shows values to 4 significant digits, scientific when tiny or huge', () => {
    expect(formatNumber(0.123456, 'en')).toBe('0.1235');
    expect(formatNumber(1234.5678, 'en')).toBe('1235');
    expect(formatNumber(2.5e-5, 'en')).toBe('2.5e-5');
    expect(formatNumber(2.5e7, 'en')).toBe('2.5e7');
    expect(formatNumber(0, 'en')).toBe('0');
    expect(formatNumber(-0.5, 'zh-CN')).toBe('-0.5');
  });

  it('spells out non-finite values', () => {
    expect(formatNumber(Infinity, 'en')).toBe('∞');
    expect(formatNumber(NaN, 'en')).toBe('NaN');
  });

  it('formats integers, percentages and precise hyperparameters', () => {
    expect(formatNumber(1234567, 'zh-CN', 'integer')).toBe('1,234,567');
    expect(formatNumber(0.9534, 'en', 'percent')).toBe('95.3%');
    expect(formatNumber(0.9534, 'zh-CN', 'percent')).toBe('95.3%');
    expect(formatNumber(0.0002, 'en', 'precise')).toBe('0.0002');
    expect(formatNumber(0.00002, 'en', 'precise')).toBe('2e-5');
    expect(formatNumber(0.123456789, 'en', 'precise')).toBe('0.123457');
  });
});

describe('matchLocale', () => {
  it('maps any Chinese tag to zh-CN and falls back to English', () => {
    expect(matchLocale(['zh-CN'])).toBe('zh-CN');
    expect(matchLocale(['zh-Hans-SG', 'en'])).toBe('zh-CN');
    expect(matchLocale(['fr-FR', 'en-GB', 'zh'])).toBe('en');
    expect(matchLocale(['fr-FR'])).toBe('en');
    expect(matchLocale([])).toBe('en');
  });
});
