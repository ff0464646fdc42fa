/**
 * The experiment slice: the config is the single source of truth. Every edit is validated
 * (the refusal is kept for the error banner); a new problem or start reloads the runs, a live
 * edit of one run is sent to its worker and applies at its next step.
 */
import type { StateCreator } from 'zustand/vanilla';
import { MAX_LABEL_LENGTH, type Experiment } from '../core/config/experiment.ts';
import { validateExperiment } from '../core/config/validate.ts';
import type { ExperimentSlice, LabServices, LabState, RunView } from './labState.ts';

/** Every run of `experiment` as it starts: running, not diverged. */
export function initialRuns(experiment: Experiment): Record<string, RunView> {
  return Object.fromEntries(
    experiment.runs.map((r) => [r.label, { status: 'running', divergence: null }]),
  );
}

export function createExperimentSlice(
  services: LabServices,
  initial: Experiment,
): StateCreator<LabState, [], [], ExperimentSlice> {
  const { live } = services;
  return (set, get) => {
    const validated = (candidate: unknown): Experiment | null => {
      const result = validateExperiment(candidate);
      if (!result.ok) {
        set({ editError: { kind: 'issues', issues: result.issues } });
        return null;
      }
      set({ editError: null });
      return result.value;
    };

    return {
      experiment: initial,
      editError: null,
      loadExperiment(experiment) {
        live.clear();
        get().cnnCleared();
        get().liveReset();
        set({
          experiment,
          runs: initialRuns(experiment),
          events: [],
          playing: false,
          workerError: null,
          shownStep: null,
          branches: {},
        });
        // An MNIST experiment waits for the data (the download reloads it when done); the old
        // runs stop meanwhile.
        if (!get().loadWorkers(experiment)) services.client().pause();
      },
      loadWorkers(experiment) {
        if (!get().cnnReadyToLoad(experiment)) return false;
        const client = services.client();
        client.load(experiment, get().cnnMnist());
        client.setSpeed(get().speed);
        get().cnnStarted();
        return true;
      },
      editExperiment(edit) {
        const next = validated(edit(get().experiment));
        if (!next) return false;
        get().loadExperiment(next);
        return true;
      },
      setProblem: (problem) => get().editExperiment((e) => ({ ...e, problem })),
      setStart: (start) =>
        get().editExperiment((e) =>
          'start' in e.problem
            ? { ...e, problem: { ...e.problem, start: [start[0], start[1]] } }
            : e,
        ),
      updateRun(label, edit) {
        const current = get().experiment;
        const next = validated({
          ...current,
          runs: current.runs.map((r) => (r.label === label ? edit(r) : r)),
        });
        if (!next) return false;
        const run = next.runs.find((r) => r.label === label);
        if (!run) return false;
        set({ experiment: next });
        services.client().patchRun(label, run);
        return true;
      },
      addRun(run) {
        const current = get().experiment;
        const next = validated({ ...current, runs: [...current.runs, run] });
        if (!next) return false;
        const added = next.runs[next.runs.length - 1]!;
        set({
          experiment: next,
          runs: { ...get().runs, [added.label]: { status: 'running', divergence: null } },
        });
        services.client().addRun(added);
        return true;
      },
      branchRun(parent, step) {
        const current = get().experiment;
        const run = current.runs.find((r) => r.label === parent);
        if (!run) return null;
        const label = branchLabel(parent, step, current);
        const next = validated({ ...current, runs: [...current.runs, { ...run, label }] });
        if (!next) return null;
        const added = next.runs[next.runs.length - 1]!;
        if (get().playing) get().pause();
        set({
          experiment: next,
          runs: { ...get().runs, [label]: { status: 'running', divergence: null } },
          branches: { ...get().branches, [label]: { label: parent, step } },
          shownStep: null,
        });
        services.client().addRun(added, { label: parent, step });
        return label;
      },
      removeRun(label) {
        const current = get().experiment;
        if (current.runs.length <= 1) return;
        const runs = { ...get().runs };
        delete runs[label];
        const branches = { ...get().branches };
        delete branches[label];
        set({
          experiment: { ...current, runs: current.runs.filter((r) => r.label !== label) },
          runs,
          branches,
        });
        live.remove(label);
        get().cnnRemoved(label);
        get().liveReset();
        services.client().removeRun(label);
      },
    };
  };
}

/** The label of a branch of run `parent` at step `step`: "SGD ↳ 40" (numbered when taken). */
export function branchLabel(parent: string, step: number, experiment: Experiment): string {
  const suffix = ` ↳ ${step}`;
  const base = parent.slice(0, MAX_LABEL_LENGTH - suffix.length - 3) + suffix;
  const taken = new Set(experiment.runs.map((r) => r.label));
  if (!taken.has(base)) return base;
  for (let k = 2; ; k++) if (!taken.has(`${base} ${k}`)) return `${base} ${k}`;
}
