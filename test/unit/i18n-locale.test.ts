// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  localStorage.clear();
  vi.resetModules();
});

describe('language switch', () => {
  it('starts from the remembered language and sets <html lang>', async () => {
    localStorage.setItem('descent-lab.locale', 'zh-CN');
    const { getLocale } = await import('../../src/i18n/locale.ts');
    expect(getLocale()).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('ignores a remembered value that is not a supported language: the browser’s choice wins', async () => {
    localStorage.setItem('descent-lab.locale', '<script>');
    // jsdom's navigator prefers en-US: the fallback is exactly English…
    expect(navigator.languages).toEqual(['en-US', 'en']);
    let { getLocale } = await import('../../src/i18n/locale.ts');
    expect(getLocale()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    // …and a browser that prefers Chinese gets exactly Chinese, not the remembered junk.
    vi.resetModules();
    const languages = vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['zh-TW', 'fr']);
    try {
      ({ getLocale } = await import('../../src/i18n/locale.ts'));
      expect(getLocale()).toBe('zh-CN');
      expect(document.documentElement.lang).toBe('zh-CN');
      expect(localStorage.getItem('descent-lab.locale')).toBe('<script>');
    } finally {
      languages.mockRestore();
    }
  });

  it('remembers a switch and updates <html lang>', async () => {
    const { getLocale, setLocale } = await import('../../src/i18n/locale.ts');
    const { hasCatalogue, translate } = await import('../../src/i18n/translate.ts');
    expect(hasCatalogue('zh-CN')).toBe(false); // fetched on first use
    setLocale('zh-CN');
    // The page switches when the catalogue is in, all at once: never half English, half Chinese.
    expect(getLocale()).toBe('en');
    await vi.waitFor(() => expect(getLocale()).toBe('zh-CN'));
    expect(translate('zh-CN', 'playback.play')).toBe('播放');
    expect(localStorage.getItem('descent-lab.locale')).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    setLocale('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('still switches when storage throws', async () => {
    const { getLocale, setLocale } = await import('../../src/i18n/locale.ts');
    const spy = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    setLocale('zh-CN');
    await vi.waitFor(() => expect(getLocale()).toBe('zh-CN'));
    spy.mockRestore();
  });

  it('starts a Chinese page only once its catalogue is in', async () => {
    localStorage.setItem('descent-lab.locale', 'zh-CN');
    const { loadStartingCatalogue } = await import('../../src/i18n/locale.ts');
    const { translate } = await import('../../src/i18n/translate.ts');
    expect(translate('zh-CN', 'playback.play')).toBe('Play'); // not yet fetched
    expect(await loadStartingCatalogue()).toBe(true);
    expect(translate('zh-CN', 'playback.play')).toBe('播放');
  });

  it('starts in English, keeping the choice, when the catalogue cannot be fetched', async () => {
    localStorage.setItem('descent-lab.locale', 'zh-CN');
    vi.doMock('../../src/i18n/messages/zhCN.ts', () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    try {
      const { getLocale, loadStartingCatalogue } = await import('../../src/i18n/locale.ts');
      expect(getLocale()).toBe('zh-CN');
      expect(await loadStartingCatalogue()).toBe(false);
      expect(getLocale()).toBe('en');
      expect(document.documentElement.lang).toBe('en');
      expect(localStorage.getItem('descent-lab.locale')).toBe('zh-CN');
    } finally {
      vi.doUnmock('../../src/i18n/messages/zhCN.ts');
    }
  });
});

describe('a Chinese first load whose catalogue never arrives', () => {
  it('opens in English after 5 s (fake timers), keeping the choice for the next visit', async () => {
    localStorage.setItem('descent-lab.locale', 'zh-CN');
    // A stalled chunk: the catalogue's promise never settles.
    vi.doMock('../../src/i18n/translate.ts', async (original) => ({
      ...(await original<typeof import('../../src/i18n/translate.ts')>()),
      loadCatalogue: () => new Promise<void>(() => {}),
    }));
    vi.useFakeTimers();
    try {
      const { CATALOGUE_WAIT_MS, getLocale, loadStartingCatalogue } =
        await import('../../src/i18n/locale.ts');
      expect(CATALOGUE_WAIT_MS).toBe(5000);
      let usable: boolean | undefined;
      void loadStartingCatalogue().then((ok) => (usable = ok));
      await vi.advanceTimersByTimeAsync(4999);
      // Still waiting: the page shows its loading state, in no language yet.
      expect(usable).toBeUndefined();
      expect(getLocale()).toBe('zh-CN');
      await vi.advanceTimersByTimeAsync(1);
      // Without the fallback this would wait for ever (the page stayed blank for 30 s in CI).
      expect(usable).toBe(false);
      expect(getLocale()).toBe('en');
      expect(document.documentElement.lang).toBe('en');
      expect(localStorage.getItem('descent-lab.locale')).toBe('zh-CN');
      // main.tsx shows this notice when the language could not be used: it reads in English.
      const { translate } = await import('../../src/i18n/translate.ts');
      expect(translate('en', 'language.failed')).toMatch(/Chinese|language/i);
    } finally {
      vi.useRealTimers();
      vi.doUnmock('../../src/i18n/translate.ts');
    }
  });
});
