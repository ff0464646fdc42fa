/**
 * "Open experiment file…": reads a JSON experiment file, validated exactly like a share link
 * (size checked before reading). A bad file leaves the current experiment as it was and says
 * why; a good one opens in the workspace for its problem.
 */
import { useId, useRef } from 'react';
import { useT } from '../../i18n/index.ts';
import { MAX_FILE_BYTES, parseExperimentFile } from '../../store/experimentJson.ts';
import { clearNotices, notify } from './classroomStore.ts';
import { useClassroom } from './ClassroomContext.tsx';
import { shareErrorNotice } from './startup.ts';

export function ImportButton() {
  const t = useT();
  const { open } = useClassroom();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  const read = async (file: File) => {
    clearNotices('file.error.title', 'file.imported');
    if (file.size > MAX_FILE_BYTES) {
      const result = parseExperimentFile('', file.size);
      if (!result.ok) notify(shareErrorNotice(result.error, 'file', file.name));
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      notify({
        tone: 'error',
        key: 'file.error.title',
        params: { name: file.name },
        detailKey: 'file.error.read',
      });
      return;
    }
    const result = parseExperimentFile(text, file.size);
    if (!result.ok) {
      notify(shareErrorNotice(result.error, 'file', file.name));
      return;
    }
    open(result.value);
    notify({ tone: 'info', key: 'file.imported', params: { name: file.name } });
  };

  return (
    <div className="dl-import">
      <label htmlFor={id} className="dl-visually-hidden">
        {t('file.importLabel')}
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        accept=".json,application/json"
        className="dl-visually-hidden"
        tabIndex={-1}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // the same file can be chosen again
          if (file) void read(file);
        }}
      />
      <button type="button" onClick={() => input.current?.click()}>
        {t('file.import')}
      </button>
    </div>
  );
}
