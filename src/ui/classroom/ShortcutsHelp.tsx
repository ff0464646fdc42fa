/** The on-screen list of keyboard shortcuts. */
import { useId } from 'react';
import { useT } from '../../i18n/index.ts';
import { SHORTCUTS } from './shortcuts.ts';

export function ShortcutsHelp(props: { readonly onClose: () => void }) {
  const t = useT();
  const id = useId();
  return (
    <section className="dl-panel dl-shortcuts" aria-labelledby={id}>
      <h2 id={id}>{t('shortcuts.title')}</h2>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.action} className="dl-shortcut">
            <dt>
              <kbd>{t(s.label)}</kbd>
            </dt>
            <dd>{t(s.description)}</dd>
          </div>
        ))}
      </dl>
      <p className="dl-hint">{t('shortcuts.note')}</p>
      <button type="button" onClick={props.onClose}>
        {t('shortcuts.close')}
      </button>
    </section>
  );
}
