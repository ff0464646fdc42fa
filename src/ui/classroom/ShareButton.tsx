/**
 * "Share link": puts the current experiment in the page URL's hash and copies the link, saying
 * so in a toast in the corner (never over Play). When the clipboard is not available (older
 * browsers, denied permission), the link is shown selected in a field so it can be copied by hand.
 */
import { useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useT } from '../../i18n/index.ts';
import { LONG_LINK_CHARS } from '../../store/experimentJson.ts';
import { notify } from './classroomStore.ts';
import { useClassroom } from './ClassroomContext.tsx';

/** A link that could not be copied, shown for copying by hand. */
type Outcome = { readonly url: string } | null;

export function ShareButton(props: {
  /** Copies text (tests pass their own); default the async clipboard API. */
  readonly copy?: (text: string) => Promise<void>;
}) {
  const t = useT();
  const { store } = useClassroom();
  const experiment = useStore(store, (s) => s.experiment);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const fieldId = useId();
  const field = useRef<HTMLInputElement>(null);

  const share = async () => {
    // The link codec (with its compression library) is fetched on the first share, well within
    // the click's activation that the clipboard asks for.
    const { shareUrl } = await import('../../store/share.ts');
    const url = shareUrl(experiment, location.href);
    const copy =
      props.copy ??
      ((text: string) =>
        navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject(new Error()));
    try {
      await copy(url);
      setOutcome(null);
      notify({
        tone: 'info',
        key: 'share.copied',
        ...(url.length > LONG_LINK_CHARS
          ? { detailKey: 'share.tooLong', detailParams: { length: url.length } }
          : {}),
      });
    } catch {
      setOutcome({ url });
      // Wait for the field to render, then select it for a quick Ctrl+C.
      setTimeout(() => field.current?.select(), 0);
    }
  };

  return (
    <div className="dl-share">
      <button type="button" onClick={() => void share()}>
        {t('share.button')}
      </button>
      {outcome && (
        <div className="dl-share-link" role="group" aria-label={t('share.button')}>
          <p role="status">
            {t('share.copyFailed')}
            {outcome.url.length > LONG_LINK_CHARS && (
              <> {t('share.tooLong', { length: outcome.url.length })}</>
            )}
          </p>
          <label htmlFor={fieldId}>{t('share.linkLabel')}</label>
          <input
            ref={field}
            id={fieldId}
            type="text"
            readOnly
            value={outcome.url}
            onFocus={(e) => e.target.select()}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setOutcome(null);
            }}
          />
          <button type="button" onClick={() => setOutcome(null)}>
            {t('shortcuts.close')}
          </button>
        </div>
      )}
    </div>
  );
}
