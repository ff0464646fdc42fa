/** The language switch in the header: each language named in itself, the choice remembered. */
import { useId } from 'react';
import { LOCALES, isLocale, setLocale, translate, useLocale, useT } from '../../i18n/index.ts';

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
          if (isLocale(event.target.value)) setLocale(event.target.value);
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
