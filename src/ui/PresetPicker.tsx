/**
 * Opens one of the example experiments of public/examples in the current workspace. Its status
 * line is kept as what happened (not as text), so it follows a language switch.
 */
import { useId, useState } from 'react';
import type { ConfigIssue } from '../core/config/issue.ts';
import { configIssueLines, useT, type Translate } from '../i18n/index.ts';
import { useLabStore } from '../store/useLab.ts';
import { PRESETS, loadPreset, type PresetInfo, type WorkspaceId } from './workspaces.ts';

/** What the last choice of an example led to. */
type PresetStatus =
  | { readonly kind: 'loading' | 'loaded'; readonly preset: PresetInfo }
  | {
      readonly kind: 'failed';
      readonly preset: PresetInfo;
      readonly issues: readonly ConfigIssue[];
    };

function statusText(status: PresetStatus | null, t: Translate): string {
  if (status === null) return '';
  const title = t(status.preset.title);
  switch (status.kind) {
    case 'loading':
      return t('presets.loading', { title });
    case 'loaded':
      return t('presets.loaded', { title });
    case 'failed':
      // One line in a status region: the first issue and how many more.
      return t('presets.failed', {
        title,
        reason: configIssueLines(status.issues, t, 1).join(' '),
      });
  }
}

export function PresetPicker(props: {
  readonly workspace: WorkspaceId;
  /** How to fetch an example's JSON (tests pass their own). */
  readonly fetchJson?: (url: string) => Promise<unknown>;
}) {
  const store = useLabStore();
  const t = useT();
  const id = useId();
  const [status, setStatus] = useState<PresetStatus | null>(null);
  const presets = PRESETS.filter((p) => p.workspace === props.workspace);
  if (presets.length === 0) return null;

  const open = async (preset: PresetInfo) => {
    setStatus({ kind: 'loading', preset });
    const result = await loadPreset(preset, props.fetchJson);
    if (result.ok) {
      store.getState().loadExperiment(result.value);
      setStatus({ kind: 'loaded', preset });
    } else {
      setStatus({ kind: 'failed', preset, issues: result.issues });
    }
  };

  return (
    <div className="dl-presets">
      <label htmlFor={id}>{t('presets.label')}</label>
      <select
        id={id}
        value=""
        onChange={(e) => {
          const preset = presets.find((p) => p.file === e.target.value);
          if (preset) void open(preset);
        }}
      >
        <option value="">{t('presets.choose')}</option>
        {presets.map((p) => (
          <option key={p.file} value={p.file}>
            {t(p.title)}
          </option>
        ))}
      </select>
      <span className="dl-hint" role="status">
        {statusText(status, t)}
      </span>
    </div>
  );
}
