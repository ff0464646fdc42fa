/**
 * What went wrong, in words: a stopped worker (with Restart; settings and curves are kept) and
 * a rejected edit (with the field and the reason). Never a stack trace.
 */
import { useT } from '../i18n/index.ts';
import { useLab, useLabStore } from '../store/useLab.ts';

/** First line of a message, trimmed to a readable length: no stack frames reach the page. */
export function plainMessage(message: string): string {
  const first = message
    .split('\n')[0]!
    .replace(/^\s*(Uncaught\s+)?(Error|TypeError|RangeError):\s*/, '')
    .trim();
  return first.length > 300 ? `${first.slice(0, 297)}…` : first;
}

export function ErrorBanner() {
  const t = useT();
  const store = useLabStore();
  const workerError = useLab((s) => s.workerError);
  const editError = useLab((s) => s.editError);
  return (
    <div className="dl-banners">
      {workerError !== null && (
        <div className="dl-banner dl-banner-error" role="alert">
          <p>
            <strong>{t('errors.trainingStopped')}</strong> {plainMessage(workerError)}.{' '}
            {t('errors.keptSettings')}
          </p>
          <button type="button" onClick={() => store.getState().restartWorkers()}>
            {t('errors.restart')}
          </button>
        </div>
      )}
      {editError !== null && (
        <div className="dl-banner dl-banner-warning" role="alert">
          <p>
            <strong>{t('errors.notApplied')}</strong> {plainMessage(editError)}
          </p>
          <button type="button" onClick={() => store.getState().dismissError()}>
            {t('errors.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
