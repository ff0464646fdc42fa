/**
 * The custom-formula editor. The formula is parsed (never evaluated as JavaScript) as the
 * person types; an error is shown inline with the offending characters marked, and the map
 * keeps the last formula that parsed until a new one does.
 */
import { formulaErrorText, useT, type CodedFormulaError } from '../../i18n/index.ts';
import { useEffect, useId, useRef, useState } from 'react';
import { FormulaError } from '../../core/expression/formulaError.ts';
import { compileCustomSurface } from '../../core/surfaces/index.ts';

/** Parsing waits for this pause in typing. */
const PARSE_PAUSE_MS = 350;

/** Formulas offered as starting points. */
export const EXAMPLE_FORMULAS: readonly string[] = [
  'x^2 + 10*y^2',
  '(1 - x)^2 + 100*(y - x^2)^2',
  'sin(3*x)*cos(3*y) + 0.2*(x^2 + y^2)',
  'abs(x) + 2*abs(y)',
];

/** The outcome of checking a formula: fine, or an error with the span to mark. */
export type FormulaCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly message: string;
      readonly position: number;
      readonly length: number;
      /** The parser's coded error, for wording it in the UI language (absent: unusable). */
      readonly error?: FormulaError;
    };

/** Parses `text` as a formula in x and y; any failure is a FormulaCheck, never a throw. */
export function checkFormula(text: string): FormulaCheck {
  try {
    compileCustomSurface(text);
    return { ok: true };
  } catch (error) {
    if (error instanceof FormulaError) {
      return {
        ok: false,
        message: error.message,
        position: error.position,
        length: error.length,
        error,
      };
    }
    return { ok: false, message: 'this formula cannot be used', position: 0, length: text.length };
  }
}

interface FormulaEditorProps {
  /** The formula the experiment uses now (the last good one). */
  readonly expression: string;
  /** Called with a formula that parsed. */
  readonly onApply: (expression: string) => void;
}

export function FormulaEditor(props: FormulaEditorProps) {
  const { expression, onApply } = props;
  const t = useT();
  const id = useId();
  const [text, setText] = useState(expression);
  const [check, setCheck] = useState<FormulaCheck>({ ok: true });
  // A formula loaded from elsewhere (a preset) replaces the text; our own applies match it.
  const [shownExpression, setShownExpression] = useState(expression);
  if (expression !== shownExpression) {
    setShownExpression(expression);
    if (expression !== text) {
      setText(expression);
      setCheck({ ok: true });
    }
  }
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const submit = (value: string) => {
    if (timer.current !== null) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const result = checkFormula(value);
    setCheck(result);
    if (result.ok && value !== expression) onApply(value);
  };

  const edit = (value: string) => {
    setText(value);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => submit(value), PARSE_PAUSE_MS);
  };

  const errorId = `${id}-error`;
  return (
    <div className="dl-field dl-formula">
      <label htmlFor={id}>{t('formula.label')}</label>
      <input
        id={id}
        type="text"
        className="dl-formula-input"
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        value={text}
        aria-invalid={check.ok ? undefined : true}
        aria-describedby={check.ok ? `${id}-help` : errorId}
        onChange={(e) => edit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            submit(e.currentTarget.value);
          }
        }}
        onBlur={(e) => submit(e.currentTarget.value)}
      />
      <span className="dl-hint" id={`${id}-help`}>
        {t('formula.help')}
      </span>
      <div id={errorId} aria-live="polite" className="dl-formula-feedback">
        {!check.ok && <FormulaErrorView text={text} check={check} lastGood={expression} />}
      </div>
      <div className="dl-formula-examples" role="group" aria-label={t('formula.examples')}>
        {EXAMPLE_FORMULAS.map((f) => (
          <button
            key={f}
            type="button"
            className="dl-chip"
            onClick={() => {
              setText(f);
              submit(f);
            }}
          >
            {f}
          </button>
        ))}
      </div>
    </div>
  );
}

/** The parser counts characters from 0; the page counts them from 1, as the mark shows them. */
function countedFromOne(error: CodedFormulaError): CodedFormulaError {
  const params = { ...error.params };
  for (const name of ['position', 'open']) {
    const value = params[name];
    if (typeof value === 'number') params[name] = value + 1;
  }
  return { ...error, params };
}

/** Characters of context shown on each side of a formula error, and at most of the span itself. */
const EXCERPT_CONTEXT = 24;

/** The part of a formula an error message shows: the span [at, end) with a little context. */
export interface FormulaExcerpt {
  readonly before: string;
  readonly marked: string;
  readonly after: string;
}

/**
 * A short excerpt of `text` around the offending span [at, end): at most `context` characters on
 * each side and of the span, with "…" where text was left out, so a huge paste is never echoed
 * back whole. Cuts never split a surrogate pair.
 */
export function formulaExcerpt(
  text: string,
  at: number,
  end: number,
  context: number = EXCERPT_CONTEXT,
): FormulaExcerpt {
  const from = snap(text, Math.max(0, at - context));
  const markEnd = snap(text, Math.min(end, at + context));
  const afterEnd = snap(text, Math.min(text.length, end + context));
  return {
    before: (from > 0 ? '…' : '') + text.slice(from, at),
    marked: text.slice(at, markEnd) + (markEnd < end ? '…' : ''),
    after: text.slice(end, afterEnd) + (afterEnd < text.length ? '…' : ''),
  };
}

/** `index` moved back off the second half of a surrogate pair. */
function snap(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return index > 0 && code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}

function FormulaErrorView(props: {
  readonly text: string;
  readonly check: Extract<FormulaCheck, { ok: false }>;
  readonly lastGood: string;
}) {
  const { text, check, lastGood } = props;
  const t = useT();
  const at = Math.max(0, Math.min(check.position, text.length));
  const end = Math.min(text.length, at + check.length);
  const excerpt = formulaExcerpt(text, at, end);
  return (
    <div className="dl-formula-error">
      <pre className="dl-formula-echo" aria-hidden="true">
        {excerpt.before}
        <mark className={end > at ? 'dl-formula-span' : 'dl-formula-point'}>
          {end > at ? excerpt.marked : ' '}
        </mark>
        {excerpt.after}
      </pre>
      {/* The parser's message names the position itself: say it once. */}
      <p className="dl-error-text">
        {check.error ? formulaErrorText(countedFromOne(check.error), t) : t('formula.unusable')}
      </p>
      <p className="dl-hint">{t('formula.lastGood', { formula: lastGood })}</p>
    </div>
  );
}
