/**
 * Named saved experiments: save the current one under a name, and open, rename or delete the
 * saved ones. Every storage problem is said in words; nothing is deleted without a second
 * press.
 */
import { useCallback, useId, useMemo, useState, type FormEvent } from 'react';
import { useLocale, useT, type MessageKey } from '../../i18n/index.ts';
import type { SavedExperiment, StorageProblem } from '../../store/persistence.ts';
import { useClassroom } from './ClassroomContext.tsx';
import { workspaceOf } from '../../core/lessons/lesson.ts';
import { downloadText, exportFileName } from '../exportFiles.ts';

const PROBLEM_MESSAGES: Record<StorageProblem, MessageKey> = {
  unavailable: 'storage.unavailable',
  full: 'storage.full',
  corrupt: 'saved.unreadableOne',
  notFound: 'storage.notFound',
};

export function SavedExperimentsPanel() {
  const t = useT();
  const locale = useLocale();
  const { storage, store, open } = useClassroom();
  // Re-read storage after every change (`version`), never from an effect.
  const [version, setVersion] = useState(0);
  const listed = useMemo(() => {
    void version;
    return storage.list();
  }, [storage, version]);
  const entries = listed.ok ? listed.value.entries : [];
  const unreadable = listed.ok ? listed.value.unreadable : 0;
  const [message, setMessage] = useState('');
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);
  const [renameTo, setRenameTo] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const nameId = useId();
  const renameId = useId();

  const problem = useCallback(
    (p: StorageProblem, entryName = '') => {
      const key = PROBLEM_MESSAGES[p];
      setMessage(
        key === 'storage.full' ? t(key, { name: entryName }) : t(key as 'storage.unavailable'),
      );
    },
    [t],
  );

  const refresh = () => setVersion((v) => v + 1);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const chosen = name.trim() || t('saved.defaultName', { n: entries.length + 1 });
    const result = storage.save(chosen, store.getState().experiment);
    if (result.ok) {
      setMessage(t('saved.saved', { name: result.value.name }));
      setName('');
      refresh();
    } else {
      problem(result.problem, chosen);
    }
  };

  const load = (entry: SavedExperiment) => {
    const result = storage.load(entry.id);
    if (!result.ok) return problem(result.problem);
    open(result.value.experiment);
    setMessage(t('saved.loaded', { name: result.value.name }));
  };

  const rename = (event: FormEvent, entry: SavedExperiment) => {
    event.preventDefault();
    const result = storage.rename(entry.id, renameTo);
    setRenaming(null);
    if (!result.ok) return problem(result.problem, entry.name);
    setMessage(t('saved.renamed', { name: result.value.name }));
    refresh();
  };

  const remove = (entry: SavedExperiment) => {
    if (confirming !== entry.id) {
      setConfirming(entry.id);
      setMessage(t('saved.confirmDelete', { name: entry.name }));
      return;
    }
    setConfirming(null);
    const result = storage.remove(entry.id);
    if (!result.ok) return problem(result.problem);
    setMessage(t('saved.deleted', { name: entry.name }));
    refresh();
  };

  const downloadUnreadable = () => {
    const result = storage.unreadableSaved();
    if (!result.ok) return problem(result.problem);
    if (result.value !== null)
      downloadText(
        result.value,
        exportFileName('unreadable saved experiments', 'json'),
        'application/json',
      );
  };

  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="dl-panel dl-saved" aria-labelledby={`${nameId}-title`}>
      <h2 id={`${nameId}-title`}>{t('saved.title')}</h2>
      {!storage.available && (
        <p className="dl-banner dl-banner-warning">{t('storage.unavailable')}</p>
      )}
      <form className="dl-saved-form" onSubmit={save}>
        <label htmlFor={nameId}>{t('saved.nameLabel')}</label>
        <input
          id={nameId}
          type="text"
          value={name}
          maxLength={80}
          placeholder={t('saved.defaultName', { n: entries.length + 1 })}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={!storage.available}>
          {t('saved.save')}
        </button>
      </form>
      <p role="status" className="dl-hint">
        {message ||
          (!listed.ok && storage.available
            ? t(PROBLEM_MESSAGES[listed.problem] as 'storage.unavailable')
            : '')}
      </p>
      {unreadable > 0 && (
        <p className="dl-hint">
          {t('storage.corrupt', { count: unreadable })}{' '}
          <button type="button" onClick={downloadUnreadable}>
            {t('saved.downloadUnreadable')}
          </button>
        </p>
      )}
      {entries.length === 0 ? (
        <p className="dl-hint">{t('saved.empty')}</p>
      ) : (
        <ul className="dl-saved-list">
          {entries.map((entry) => (
            <li key={entry.id}>
              {renaming === entry.id ? (
                <form onSubmit={(e) => rename(e, entry)} className="dl-saved-rename">
                  <label htmlFor={renameId}>{t('saved.renameTo', { name: entry.name })}</label>
                  <input
                    id={renameId}
                    type="text"
                    value={renameTo}
                    maxLength={80}
                    autoFocus
                    onChange={(e) => setRenameTo(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape') {
                        e.stopPropagation();
                        setRenaming(null);
                      }
                    }}
                  />
                  <button type="submit">{t('saved.rename')}</button>
                </form>
              ) : (
                <>
                  <span className="dl-saved-name">{entry.name}</span>{' '}
                  <span className="dl-hint">
                    {t('saved.savedAt', { date: date.format(entry.savedAt) })} ·{' '}
                    {t('saved.workspace', {
                      workspace: t(`workspace.${workspaceOf(entry.experiment.problem.kind)}.title`),
                    })}
                  </span>
                  <span className="dl-saved-actions">
                    <button type="button" onClick={() => load(entry)}>
                      {t('saved.load')} <span className="dl-visually-hidden">{entry.name}</span>
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        setRenaming(entry.id);
                        setRenameTo(entry.name);
                      }}
                    >
                      {t('saved.rename')} <span className="dl-visually-hidden">{entry.name}</span>
                    </button>
                    <button
                      type="button"
                      className={confirming === entry.id ? 'dl-danger' : undefined}
                      onClick={() => remove(entry)}
                    >
                      {t('saved.delete')} <span className="dl-visually-hidden">{entry.name}</span>
                    </button>
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
