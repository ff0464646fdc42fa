/** The classroom's messages under the header: links and files that could not be opened, storage problems. */
import { configIssueLines, useT, type MessageKey } from '../../i18n/index.ts';
import { dismissNotice, type Notice } from './classroomStore.ts';
import { useClassroomState } from './ClassroomContext.tsx';

/** Most validation issues listed under one notice; the rest are counted. */
const MAX_ISSUES = 8;

function say(t: ReturnType<typeof useT>, key: MessageKey, params?: Notice['params']): string {
  // Notices are built with the right parameters for their key; the types cannot follow a stored key.
  return (t as (k: MessageKey, p?: Notice['params']) => string)(key, params);
}

export function Notices() {
  const t = useT();
  const notices = useClassroomState((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="dl-notices">
      {notices.map((notice) => (
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
  );
}
