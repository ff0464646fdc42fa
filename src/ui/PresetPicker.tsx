/**
 * Opens one of the example experiments of public/examples in the current workspace.
 */
import { useId, useState } from 'react';
import { useLabStore } from '../store/useLab.ts';
import { PRESETS, loadPreset, type PresetInfo, type WorkspaceId } from './workspaces.ts';

export function PresetPicker(props: {
  readonly workspace: WorkspaceId;
  /** How to fetch an example's JSON (tests pass their own). */
  readonly fetchJson?: (url: string) => Promise<unknown>;
}) {
  const store = useLabStore();
  const id = useId();
  const [status, setStatus] = useState<string>('');
  const presets = PRESETS.filter((p) => p.workspace === props.workspace);
  if (presets.length === 0) return null;

  const open = async (preset: PresetInfo) => {
    setStatus(`Loading “${preset.title}”…`);
    const result = await loadPreset(preset, props.fetchJson);
    if (result.ok) {
      store.getState().loadExperiment(result.value);
      setStatus(`Loaded “${preset.title}”.`);
    } else {
      setStatus(
        `Could not open “${preset.title}”: ${result.issues.map((i) => i.message).join('; ')}`,
      );
    }
  };

  return (
    <div className="dl-presets">
      <label htmlFor={id}>Example</label>
      <select
        id={id}
        value=""
        onChange={(e) => {
          const preset = presets.find((p) => p.file === e.target.value);
          if (preset) void open(preset);
        }}
      >
        <option value="">Open an example…</option>
        {presets.map((p) => (
          <option key={p.file} value={p.file}>
            {p.title}
          </option>
        ))}
      </select>
      <span className="dl-hint" role="status">
        {status}
      </span>
    </div>
  );
}
