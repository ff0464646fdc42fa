/**
 * What went wrong, in words: a stopped worker (with Restart; settings and curves are kept) and
 * a rejected edit (with the field and the reason). Never a stack trace. A rejected edit is kept
 * as its validation issues and worded here, so it follows a language switch.
 */
import { configIssueLines, systemErrorText, useT } from '../i18n/index.ts';
import type { EditError } from '../store/labStore.ts';
import { useLab, useLabStore } from '../store/useLab.ts';

/** Most issues of one rejected edit listed; the rest are counted. */
const MAX_ISSUES = 8;

/**
 * First line of a message, trimmed to a readable length: no stack frames reach the page, nor
 * the engine's "Uncaught RangeError:" (also after our own prefix, as in a worker's error event).
 */
export function plainMessage(message: string): string {
  const first = message
    .split('\n')[0]!
    .replace(/(^|: )\s*(Uncaught\s+)?(Error|TypeError|RangeError):\s*/, '$1')
    .trim();
  return first.length > 300 ? `${first.slice(0, 297)}…` : first;
}

/** The sentence end after `text`, unless it ends a sentence already (a browser's message may). */
const sentenceEnd = (text: string, end: string) => (/[.!?。！？]$/.test(text) ? '' : end);

/** "That change was not applied:" and the reason, or the list of reasons. */
function EditErrorText(props: { readonly error: EditError }) {
  const t = useT();
  const { error } = props;
  const lines =
    error.kind === 'issues'
      ? configIssueLines(error.issues, t, MAX_ISSUES).map(plainMessage)
      : [systemErrorText(plainMessage(error.text), t)];
  const title = <strong>{t('errors.notApplied')}</strong>;
  if (lines.length === 1) {
    return (
      <p>
        {title} {lines[0]}
      </p>
    );
  }
  return (
    <div>
      <p>{title}</p>
      <ul className="dl-notice-details">
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBanner() {
  const t = useT();
  const store = useLabStore();
  const workerError = useLab((s) => s.workerError);
  const editError = useLab((s) => s.editError);
  const workerText = workerError === null ? '' : systemErrorText(plainMessage(workerError), t);
  return (
    <div className="dl-banners">
      {workerError !== null && (
        <div className="dl-banner dl-banner-error" role="alert">
          <p>
            <strong>{t('errors.trainingStopped')}</strong> {workerText}
            {sentenceEnd(workerText, t('punctuation.sentenceEnd'))} {t('errors.keptSettings')}
          </p>
          <button type="button" onClick={() => store.getState().restartWorkers()}>
            {t('errors.restart')}
          </button>
        </div>
      )}
      {editError !== null && (
        <div className="dl-banner dl-banner-warning" role="alert">
          <EditErrorText error={editError} />
          <button type="button" onClick={() => store.getState().dismissError()}>
            {t('errors.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
