/**
 * The explorer's problem: which surface (or a custom formula), its parameters (condition
 * number, rotation…), the shared start point, gradient noise and the step budget. Each change
 * reloads the experiment: every run starts again from the (new) start.
 */
import { surfaceParameterLabel, surfaceTitle, useT } from '../../i18n/index.ts';
import { useId, useState } from 'react';
import type { SurfaceName, SurfaceProblem } from '../../core/config/experiment.ts';
import { safeLearningRate } from '../../core/run/defaultRates.ts';
import { SURFACES, compileCustomSurface, surfaceParamDefaults } from '../../core/surfaces/index.ts';
import type { SurfaceParameter } from '../../core/surfaces/surface.ts';
import { formatReadout } from '../../core/numbers.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { CheckboxField, NumberField, NumberInput, SelectField } from '../controls/fields.tsx';
import { StartFields, StepBudgetField } from '../controls/experimentFields.tsx';
import { logSlider } from '../math/logSlider.ts';
import { FormulaEditor } from './FormulaEditor.tsx';

const DEFAULT_FORMULA = 'x^2 + 10*y^2';
const SURFACE_NAMES = Object.keys(SURFACES) as SurfaceName[];

export function ProblemPanel() {
  const t = useT();
  const store = useLabStore();
  const problem = useLab((s) => s.experiment.problem);
  const headingId = useId();
  // The last custom formula, so switching to a named surface and back restores it.
  const [formula, setFormula] = useState(
    problem.kind === 'surface' && problem.expression ? problem.expression : DEFAULT_FORMULA,
  );
  // Off by default: a new surface brings learning rates fitted to its own curvature.
  const [keepRates, setKeepRates] = useState(false);
  if (problem.kind !== 'surface') return null;

  const setProblem = (next: SurfaceProblem) => store.getState().setProblem(next);
  /** A new surface (or formula): each run's η becomes that surface's safe default unless kept. */
  const changeSurface = (next: SurfaceProblem) =>
    store.getState().editExperiment((e) => {
      if (keepRates) return { ...e, problem: next };
      try {
        return {
          ...e,
          problem: next,
          runs: e.runs.map((r) => ({
            ...r,
            optimizer: { ...r.optimizer, lr: safeLearningRate(next, r.optimizer, e.steps) },
          })),
        };
      } catch {
        // A formula that does not compile: validation reports it with its position.
        return { ...e, problem: next };
      }
    });

  const chooseSurface = (name: SurfaceName | 'custom') => {
    if (name === 'custom') {
      const start = compileCustomSurface(formula).start;
      changeSurface({
        kind: 'surface',
        surface: 'custom',
        expression: formula,
        start,
        params: {},
        gradientNoise: problem.gradientNoise,
      });
      return;
    }
    const params = surfaceParamDefaults(name);
    const start = SURFACES[name].create(params).start;
    changeSurface({
      kind: 'surface',
      surface: name,
      params,
      start,
      gradientNoise: problem.gradientNoise,
    });
  };

  const applyFormula = (expression: string) => {
    setFormula(expression);
    const { expression: _old, ...rest } = problem;
    changeSurface({ ...rest, surface: 'custom', expression });
  };

  const setParam = (name: string, value: number) =>
    setProblem({ ...problem, params: { ...problem.params, [name]: value } });

  const options = [
    ...SURFACE_NAMES.map((name) => ({
      value: name as SurfaceName | 'custom',
      label: surfaceTitle(name, t),
    })),
    { value: 'custom' as const, label: t('problem.custom') },
  ];
  const parameters = problem.surface === 'custom' ? [] : SURFACES[problem.surface].parameters;

  return (
    <section className="dl-panel dl-problem" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('problem.title')}</h2>
      <SelectField
        label={t('problem.surface')}
        value={problem.surface}
        options={options}
        onChange={chooseSurface}
      />
      <CheckboxField
        label={t('problem.keepRates')}
        hint={t('problem.keepRatesHint')}
        checked={keepRates}
        onChange={setKeepRates}
      />
      {problem.surface === 'custom' && (
        <FormulaEditor expression={problem.expression ?? formula} onApply={applyFormula} />
      )}
      {parameters.map((parameter) => (
        <ParameterField
          key={`${problem.surface}-${parameter.name}`}
          parameter={parameter}
          value={problem.params[parameter.name] ?? parameter.default}
          onCommit={(v) => setParam(parameter.name, v)}
        />
      ))}
      <StartFields
        legend={t('problem.start')}
        labels={[t('problem.startX'), t('problem.startY')]}
        start={problem.start}
      />
      <NumberField
        label={t('problem.noise')}
        hint={t('problem.noiseHint')}
        value={problem.gradientNoise}
        min={0}
        max={1000}
        onCommit={(gradientNoise) => setProblem({ ...problem, gradientNoise })}
      />
      <StepBudgetField label={t('problem.steps')} hint={t('problem.stepsHint')} />
    </section>
  );
}

/**
 * A surface parameter: a slider (logarithmic when it spans two decades or more, like the
 * condition number) with a typed field. The experiment reloads when the slider is released,
 * not on every pixel of a drag.
 */
function ParameterField(props: {
  readonly parameter: SurfaceParameter;
  readonly value: number;
  readonly onCommit: (value: number) => void;
}) {
  const { parameter, value, onCommit } = props;
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState<number | null>(null);
  const log = parameter.min > 0 && parameter.max / parameter.min >= 100;
  const slider = log ? logSlider(parameter.min, parameter.max) : null;
  const shown = draft ?? value;
  const commit = () => {
    if (draft !== null && draft !== value) onCommit(draft);
    setDraft(null);
  };
  const linearStep =
    (parameter.max - parameter.min) / 360 >= 0.5 ? 1 : (parameter.max - parameter.min) / 360;
  return (
    <div className="dl-field dl-slider-field">
      <label id={`${id}-label`} htmlFor={`${id}-range`}>
        {surfaceParameterLabel(parameter.name, parameter.label, t)}
      </label>
      <div className="dl-slider-row">
        <div className="dl-slider-track">
          <input
            id={`${id}-range`}
            type="range"
            min={slider ? 0 : parameter.min}
            max={slider ? slider.steps : parameter.max}
            step={slider ? 1 : linearStep}
            value={slider ? slider.position(shown) : shown}
            aria-valuetext={formatReadout(shown)}
            onChange={(e) => {
              const raw = Number(e.target.value);
              setDraft(slider ? slider.value(raw) : raw);
            }}
            onPointerUp={commit}
            onKeyUp={commit}
            onBlur={commit}
          />
        </div>
        <NumberInput
          value={shown}
          onCommit={onCommit}
          labelledBy={`${id}-label`}
          min={parameter.min}
          max={parameter.max}
        />
      </div>
    </div>
  );
}
