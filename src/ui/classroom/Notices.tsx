/**
 * The classroom's messages. Errors and warnings (a link or file that could not be opened, a
 * storage problem) are banners under the header until closed; passing news ("your last
 * experiment was restored", "link copied") is a small toast in a corner that shifts nothing,
 * closes itself after a few seconds and can be closed at once.
 */
import { useEffect } from 'react';
import { configIssueLines, useT, type MessageKey } from '../../i18n/index.ts';
import { dismissNotice, type Notice } from './classroomStore.ts';
import { useClassroomState } from './ClassroomContext.tsx';

/** Most validation issues listed under one notice; the rest are counted. */
const MAX_ISSUES = 8;

/** How long a toast stays, in milliseconds. */
export const TOAST_MS = 8000;

function say(t: ReturnType<typeof useT>, key: MessageKey, params?: Notice['params']): string {
  // Notices are built with the right parameters for their key; the types cannot follow a stored key.
  return (t as (k: MessageKey, p?: Notice['params']) => string)(key, params);
}

/** A notice is a toast when it is news, not a problem, and has no list to read. */
function isToast(notice: Notice): boolean {
  return notice.tone === 'info' && !(notice.issues && notice.issues.length > 0);
}

export function Notices() {
  const t = useT();
  const notices = useClassroomState((s) => s.notices);
  const banners = notices.filter((n) => !isToast(n));
  const toasts = notices.filter(isToast);
  return (
    <>
      {banners.length > 0 && (
        <div className="dl-notices">
          {banners.map((notice) => (
            <div
              key={notice.id}
              className={`dl-banner dl-banner-${notice.tone === 'error' ? 'error' : notice.tone === 'warning' ? 'warning' : 'info'}`}
              role={notice.tone === 'info' ? 'status' : 'alert'}
            >
              <div>
                <p>
                  <strong>{say(t, notice.key, notice.params)}</strong>
                  {notice.detailKey && <> {say(t, notice.detailKey, notice.detailParams)}</>}
                </p>
                {notice.issues && notice.issues.length > 0 && (
                  <ul className="dl-notice-details">
                    {configIssueLines(notice.issues, t, MAX_ISSUES).map((line, i) => (
                      <li key={i}>{line}</li>
                    ))}
                  </ul>
                )}
              </div>
              <button type="button" onClick={() => dismissNotice(notice.id)}>
                {t('shortcuts.close')}
              </button>
            </div>
          ))}
        </div>
      )}
      {/* Always present, so screen readers announce a toast as it arrives. */}
      <div className="dl-toasts" role="status">
        {toasts.map((notice) => (
          <Toast key={notice.id} notice={notice} text={say(t, notice.key, notice.params)} />
        ))}
      </div>
    </>
  );
}

function Toast(props: { readonly notice: Notice; readonly text: string }) {
  const t = useT();
  const { notice } = props;
  useEffect(() => {
    const timer = setTimeout(() => dismissNotice(notice.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [notice.id]);
  return (
    <div className="dl-toast">
      <p>
        {props.text}
        {notice.detailKey && <> {say(t, notice.detailKey, notice.detailParams)}</>}
      </p>
      <button
        type="button"
        className="dl-icon-button"
        aria-label={t('shortcuts.close')}
        title={t('shortcuts.close')}
        onClick={() => dismissNotice(notice.id)}
      >
        ×
      </button>
    </div>
  );
}
