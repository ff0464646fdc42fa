/**
 * Form controls of the panels. Every control has a visible label that is also its accessible
 * name, works with the keyboard alone, and commits typed numbers only when they parse (Enter,
 * leaving the field, or a pause in typing), so a half-typed "0." never reaches a run.
 */
import {
  useEffect,
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { formatReadout } from '../../core/numbers.ts';
import type { LogSlider } from '../math/logSlider.ts';
import { useThrottled } from '../hooks.ts';
import { RichText } from '../RichText.tsx';

/** Typed numbers are committed after this pause in typing. */
const TYPING_PAUSE_MS = 800;
/** A dragged slider patches the run at most this often. */
const SLIDER_THROTTLE_MS = 90;

/** Formats a number for a text field: short, exact enough to round-trip what a person typed. */
export function formatInput(value: number): string {
  if (!Number.isFinite(value)) return '';
  return Number(value.toPrecision(6)).toString();
}

/** Parses a typed number ("0.01", "1e-3", " 2 "); null when it is not one. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

interface NumberInputProps {
  readonly value: number;
  readonly onCommit: (value: number) => void;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  readonly integer?: boolean | undefined;
  /** A further test a value must pass (e.g. an exclusive bound from the schema). */
  readonly accepts?: ((value: number) => boolean) | undefined;
  readonly id?: string | undefined;
  /** Accessible name when there is no <label for>: an element id (labelledby) or a text. */
  readonly labelledBy?: string | undefined;
  readonly ariaLabel?: string | undefined;
  readonly describedBy?: string | undefined;
  readonly disabled?: boolean | undefined;
  readonly className?: string | undefined;
}

/**
 * A number field (role spinbutton) with a draft: the text is the person's until committed;
 * out-of-range or non-numbers are flagged (aria-invalid) and never committed.
 */
export function NumberInput(props: NumberInputProps) {
  const { value, onCommit, min, max, integer = false, accepts } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const shown = draft ?? formatInput(value);
  const parsed = parseNumber(shown);
  const valid =
    parsed !== null &&
    (min === undefined || parsed >= min) &&
    (max === undefined || parsed <= max) &&
    (!integer || Number.isInteger(parsed)) &&
    (accepts === undefined || accepts(parsed));

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const commit = (text: string, final: boolean) => {
    if (timer.current !== null) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const next = parseNumber(text);
    const ok =
      next !== null &&
      (min === undefined || next >= min) &&
      (max === undefined || next <= max) &&
      (!integer || Number.isInteger(next)) &&
      (accepts === undefined || accepts(next));
    if (ok && next !== value) onCommit(next);
    if (final) setDraft(ok || text.trim() === '' ? null : text);
  };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const text = event.target.value;
    setDraft(text);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => commit(text, false), TYPING_PAUSE_MS);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit(event.currentTarget.value, true);
    } else if (event.key === 'Escape') {
      setDraft(null);
    }
  };

  return (
    <input
      type="number"
      inputMode="decimal"
      step="any"
      className={`dl-number ${props.className ?? ''}`}
      id={props.id}
      aria-labelledby={props.labelledBy}
      aria-label={props.ariaLabel}
      aria-describedby={props.describedBy}
      aria-invalid={valid ? undefined : true}
      disabled={props.disabled}
      min={min}
      max={max}
      value={shown}
      onChange={onChange}
      onKeyDown={onKeyDown}
      onBlur={(event) => commit(event.currentTarget.value, true)}
    />
  );
}

interface NumberFieldProps extends Omit<NumberInputProps, 'id' | 'labelledBy' | 'ariaLabel'> {
  readonly label: ReactNode;
  /** A short note under the field (units, meaning). */
  readonly hint?: string;
}

/** A labelled number field. */
export function NumberField(props: NumberFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const { label, hint, ...input } = props;
  return (
    <div className="dl-field">
      <label htmlFor={id}>{label}</label>
      <NumberInput {...input} id={id} describedBy={hint ? hintId : props.describedBy} />
      {hint && (
        <span className="dl-hint" id={hintId}>
          <RichText text={hint} />
        </span>
      )}
    </div>
  );
}

/** A mark drawn on a slider's track (e.g. the stability limit 2/λmax). */
export interface SliderMark {
  /** Value in the slider's units. */
  readonly value: number;
  /** Short text under the mark, e.g. "2/λmax". */
  readonly label: string;
  /** Longer text for screen readers and the tooltip. */
  readonly description: string;
  /** "limit": values beyond it are hatched as unstable; "target": a recommended value. */
  readonly kind: 'limit' | 'target';
}

interface SliderFieldProps {
  readonly label: string;
  readonly value: number;
  readonly onChange: (value: number) => void;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly hint?: string;
  readonly marks?: readonly SliderMark[];
}

/** A linear slider with a typed field beside it; both carry the same accessible name. */
export function SliderField(props: SliderFieldProps) {
  const { label, value, onChange, min, max, step, hint, marks = [] } = props;
  const id = useId();
  const labelId = `${id}-label`;
  const throttled = useThrottled(onChange, SLIDER_THROTTLE_MS);
  const [dragValue, setDragValue] = useState<number | null>(null);
  const shown = dragValue ?? value;
  const fraction = (v: number) => (v - min) / (max - min);
  return (
    <div className="dl-field dl-slider-field">
      <label id={labelId} htmlFor={`${id}-range`}>
        {label}
      </label>
      <div className="dl-slider-row">
        <SliderTrack marks={marks} fraction={fraction} describedById={`${id}-marks`}>
          <input
            id={`${id}-range`}
            type="range"
            min={min}
            max={max}
            step={step}
            value={Math.min(max, Math.max(min, shown))}
            aria-valuetext={formatReadout(shown)}
            aria-describedby={marks.length ? `${id}-marks` : undefined}
            onChange={(event) => {
              const next = Number(event.target.value);
              setDragValue(next);
              throttled(next);
            }}
            onBlur={() => setDragValue(null)}
            onPointerUp={() => setDragValue(null)}
          />
        </SliderTrack>
        <NumberInput value={value} onCommit={onChange} labelledBy={labelId} min={min} max={max} />
      </div>
      {hint && (
        <span className="dl-hint">
          <RichText text={hint} />
        </span>
      )}
    </div>
  );
}

interface LogSliderFieldProps {
  readonly label: string;
  readonly value: number;
  readonly onChange: (value: number) => void;
  readonly slider: LogSlider;
  readonly marks?: readonly SliderMark[];
  /** Smallest and largest value the typed field accepts (the slider clamps to its range). */
  readonly min?: number;
  readonly max?: number;
}

/**
 * A logarithmic slider (equal travel per decade) with a typed field; both are named `label`.
 * Marks such as the stability limit are drawn on the track and described to screen readers.
 */
export function LogSliderField(props: LogSliderFieldProps) {
  const { label, value, onChange, slider, marks = [], min = 0, max } = props;
  const id = useId();
  const labelId = `${id}-label`;
  const throttled = useThrottled(onChange, SLIDER_THROTTLE_MS);
  const [dragValue, setDragValue] = useState<number | null>(null);
  const shown = dragValue ?? value;
  return (
    <div className="dl-field dl-slider-field">
      <label id={labelId} htmlFor={`${id}-range`}>
        {label}
      </label>
      <div className="dl-slider-row">
        <SliderTrack marks={marks} fraction={slider.fraction} describedById={`${id}-marks`}>
          <input
            id={`${id}-range`}
            type="range"
            min={0}
            max={slider.steps}
            step={1}
            value={slider.position(shown)}
            aria-valuetext={formatReadout(shown)}
            aria-describedby={marks.length ? `${id}-marks` : undefined}
            onChange={(event) => {
              const next = slider.value(Number(event.target.value));
              setDragValue(next);
              throttled(next);
            }}
            onBlur={() => setDragValue(null)}
            onPointerUp={() => setDragValue(null)}
          />
        </SliderTrack>
        <NumberInput
          value={value}
          onCommit={onChange}
          labelledBy={labelId}
          min={min}
          {...(max === undefined ? {} : { max })}
        />
      </div>
    </div>
  );
}

/** The slider input with its marks overlaid on the track. */
function SliderTrack(props: {
  readonly marks: readonly SliderMark[];
  readonly fraction: (value: number) => number;
  readonly describedById: string;
  readonly children: ReactNode;
}) {
  const { marks, fraction } = props;
  const placed = marks
    .map((mark) => ({ mark, f: fraction(mark.value) }))
    .filter(({ f }) => Number.isFinite(f));
  return (
    <div className="dl-slider-track">
      {props.children}
      {placed.map(({ mark, f }) => (
        <div key={`${mark.kind}-${mark.label}`} aria-hidden="true">
          {mark.kind === 'limit' && f < 1 && (
            <span className="dl-slider-unstable" style={{ left: trackPosition(f), right: 0 }} />
          )}
          <span
            className={`dl-slider-mark dl-slider-mark-${mark.kind}`}
            style={{ left: trackPosition(f) }}
            title={mark.description}
          >
            <span className="dl-slider-mark-label">{mark.label}</span>
          </span>
        </div>
      ))}
      {placed.length > 0 && (
        <span id={props.describedById} className="dl-visually-hidden">
          {placed.map(({ mark }) => mark.description).join('. ')}
        </span>
      )}
    </div>
  );
}

/** CSS position of a fraction along a range input's track (the thumb is 16 px wide). */
function trackPosition(f: number): string {
  return `calc(8px + ${(f * 100).toFixed(3)}% - ${(f * 16).toFixed(3)}px)`;
}

interface CheckboxFieldProps {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly hint?: string;
}

export function CheckboxField(props: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="dl-field dl-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <span className="dl-hint">
          <RichText text={props.hint} />
        </span>
      )}
    </div>
  );
}

interface SelectFieldProps<T extends string> {
  readonly label: string;
  readonly value: T;
  readonly options: ReadonlyArray<{ readonly value: T; readonly label: string }>;
  readonly onChange: (value: T) => void;
  readonly hint?: string;
  readonly disabled?: boolean;
}

export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const id = useId();
  return (
    <div className="dl-field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.hint && (
        <span className="dl-hint">
          <RichText text={props.hint} />
        </span>
      )}
    </div>
  );
}
