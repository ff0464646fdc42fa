/**
 * "Share link": puts the current experiment in the page URL's hash and copies the link. When
 * the clipboard is not available (older browsers, denied permission), the link is shown
 * selected in a field so it can be copied by hand.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useT } from '../../i18n/index.ts';
import { LONG_LINK_CHARS, shareUrl } from '../../store/share.ts';
import { useClassroom } from './ClassroomContext.tsx';

type Outcome = { readonly kind: 'copied' | 'manual'; readonly url: string } | null;

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

  // "Copied" is a passing confirmation; a link to copy by hand stays until closed.
  useEffect(() => {
    if (outcome?.kind !== 'copied') return undefined;
    const timer = setTimeout(() => setOutcome(null), 6000);
    return () => clearTimeout(timer);
  }, [outcome]);

  const share = async () => {
    const url = shareUrl(experiment, location.href);
    const copy =
      props.copy ??
      ((text: string) =>
        navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject(new Error()));
    try {
      await copy(url);
      setOutcome({ kind: 'copied', url });
    } catch {
      setOutcome({ kind: 'manual', url });
      // Wait for the field to render, then select it for a quick Ctrl+C.
      setTimeout(() => field.current?.select(), 0);
    }
  };

  return (
    <div className="dl-share">
      <button type="button" onClick={() => void share()}>
        {t('share.button')}
      </button>
      <div role="status" className="dl-share-status">
        {outcome?.kind === 'copied' && t('share.copied')}
        {outcome?.kind === 'manual' && t('share.copyFailed')}
        {outcome && outcome.url.length > LONG_LINK_CHARS && (
          <> {t('share.tooLong', { length: outcome.url.length })}</>
        )}
      </div>
      {outcome?.kind === 'manual' && (
        <div className="dl-share-link">
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
