/** The language switch in the header: each language named in itself, the choice remembered. */
import { useId } from 'react';
import { LOCALES, isLocale, setLocale, translate, useLocale, useT } from '../../i18n/index.ts';
import { clearNotices, notify } from './classroomStore.ts';

/** Switches language; a catalogue that cannot be fetched is said, and the page stays as it is. */
export function chooseLocale(locale: Parameters<typeof setLocale>[0]): void {
  clearNotices('language.failed');
  setLocale(locale, () => notify({ tone: 'error', key: 'language.failed' }));
}

export function LanguageSwitch() {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  return (
    <div className="dl-language">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          if (isLocale(event.target.value)) chooseLocale(event.target.value);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {translate(l, `language.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
