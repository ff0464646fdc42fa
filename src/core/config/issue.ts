/**
 * What is wrong with an experiment config, in a form any language can word: each issue has a
 * field path, a `code` naming the rule it broke and the values the rule names (`params`).
 * Words live in i18n only (src/i18n/domain.ts words them for the UI and the command line).
 */
import type { FormulaErrorCode } from '../expression/formulaError.ts';

/**
 * A rejected value, described without quoting anything large: short strings and numbers as
 * they are, long strings, arrays and objects by their size or kind.
 */
export type ValueSummary =
  /** The field is absent (`undefined`). */
  | { readonly kind: 'missing' }
  | { readonly kind: 'null' }
  /** Any number, NaN and ±Infinity included (from edits made in code, not JSON). */
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** A string of at most SHORT_STRING characters, verbatim. */
  | { readonly kind: 'string'; readonly value: string }
  /** A longer string: only its length in characters. */
  | { readonly kind: 'longString'; readonly length: number }
  | { readonly kind: 'array'; readonly length: number }
  | { readonly kind: 'object' }
  /** A function, bigint or symbol (`typeof` name). */
  | { readonly kind: 'other'; readonly type: string };

/** Longest string a `ValueSummary` quotes verbatim, in characters. */
export const SHORT_STRING = 30;

/** `value` as a `ValueSummary`. */
export function summarizeValue(value: unknown): ValueSummary {
  if (value === undefined) return { kind: 'missing' };
  if (value === null) return { kind: 'null' };
  if (Array.isArray(value)) return { kind: 'array', length: value.length };
  switch (typeof value) {
    case 'number':
      return { kind: 'number', value };
    case 'boolean':
      return { kind: 'boolean', value };
    case 'string':
      return value.length > SHORT_STRING
        ? { kind: 'longString', length: value.length }
        : { kind: 'string', value };
    case 'object':
      return { kind: 'object' };
    default:
      return { kind: 'other', type: typeof value };
  }
}

/** Comparison symbol of a lower bound: ≥ (inclusive) or > (exclusive). */
export type LowerBound = '≥' | '>';
/** Comparison symbol of an upper bound: ≤ (inclusive) or < (exclusive). */
export type UpperBound = '≤' | '<';

/** No values to name. */
type None = Readonly<Record<string, never>>;

/**
 * Every rule a config can break, with the values its message names. Paths are not repeated
 * here: they are the issue's `path`.
 */
export type IssueDetail =
  // ── any object or field
  /** Expected a JSON object. */
  | { readonly code: 'notObject'; readonly params: { readonly got: ValueSummary } }
  /** A field this object does not have; `expected` lists the ones it has (maybe none). */
  | { readonly code: 'unknownField'; readonly params: { readonly expected: readonly string[] } }
  /** A choice without a default (a `kind`, a surface) is absent; `options` are the allowed values. */
  | { readonly code: 'required'; readonly params: { readonly options: readonly string[] } }
  /** Not a finite number. */
  | { readonly code: 'notFinite'; readonly params: { readonly got: ValueSummary } }
  /** A number that must be whole is not. */
  | { readonly code: 'notInteger'; readonly params: { readonly got: number } }
  /**
   * Outside its allowed range: `lower` `min` and/or `upper` `max` (e.g. ≥ 0 and < 1). A bound
   * that is absent does not apply.
   */
  | {
      readonly code: 'outOfRange';
      readonly params: {
        readonly min?: number;
        readonly lower?: LowerBound;
        readonly max?: number;
        readonly upper?: UpperBound;
        readonly got: ValueSummary;
      };
    }
  /** Must be a whole number from `min` to `max`, both included. */
  | {
      readonly code: 'integerRange';
      readonly params: { readonly min: number; readonly max: number; readonly got: ValueSummary };
    }
  /** Must be true or false. */
  | { readonly code: 'notBoolean'; readonly params: { readonly got: ValueSummary } }
  /** Must be one of `options`. */
  | {
      readonly code: 'notOneOf';
      readonly params: { readonly options: readonly string[]; readonly got: ValueSummary };
    }
  // ── problems
  /** A point must be two finite numbers within ±`limit`. */
  | {
      readonly code: 'notPoint';
      readonly params: { readonly limit: number; readonly got: ValueSummary };
    }
  /** A custom surface's `expression` is not a string. */
  | { readonly code: 'notFormula'; readonly params: { readonly got: ValueSummary } }
  /**
   * The formula parser rejected the expression: its own code and values (see FormulaError),
   * and the offending span (0-based character index and length).
   */
  | {
      readonly code: 'formula';
      readonly params: {
        readonly formula: {
          readonly code: FormulaErrorCode;
          readonly params: Readonly<Record<string, string | number>>;
        };
        readonly position: number;
        readonly length: number;
      };
    }
  /** `expression` given for a built-in surface. */
  | { readonly code: 'expressionNotCustom'; readonly params: None }
  /** trainSize + testSize (`got`) exceeds the `max` MNIST digits shipped. */
  | {
      readonly code: 'mnistSize';
      readonly params: { readonly max: number; readonly got: number };
    }
  // ── runs
  /** Must be 1 to `max` runs. */
  | {
      readonly code: 'runCount';
      readonly params: { readonly max: number; readonly got: ValueSummary };
    }
  /** A label must be 1 to `max` characters, not only spaces. */
  | {
      readonly code: 'labelLength';
      readonly params: { readonly max: number; readonly got: ValueSummary };
    }
  /** Two runs share `label`. */
  | { readonly code: 'duplicateLabel'; readonly params: { readonly label: string } }
  /** Must be "all" or 1…`max` (null: the data set's size, unknown here). */
  | {
      readonly code: 'batchSize';
      readonly params: { readonly max: number | null; readonly got: ValueSummary };
    }
  /** A config of another format version than `expected`. */
  | {
      readonly code: 'version';
      readonly params: { readonly expected: number; readonly got: ValueSummary };
    }
  /** The config could not be read or checked at all; `reason` is the underlying error text. */
  | { readonly code: 'unreadable'; readonly params: { readonly reason: string } }
  // ── CNN architecture
  /** An architecture must be an object with "layers". */
  | { readonly code: 'notArchitecture'; readonly params: { readonly got: ValueSummary } }
  /** The input shape must be `expected` ([28, 28, 1]). */
  | {
      readonly code: 'inputShape';
      readonly params: { readonly expected: readonly number[]; readonly got: ValueSummary };
    }
  /** "layers" must be an array. */
  | { readonly code: 'notLayerList'; readonly params: { readonly got: ValueSummary } }
  /** More than `max` layers. */
  | {
      readonly code: 'tooManyLayers';
      readonly params: { readonly max: number; readonly got: number };
    }
  /** A layer must be an object like {"type": "relu"}. */
  | { readonly code: 'notLayer'; readonly params: { readonly got: ValueSummary } }
  /** A field a `layer` layer does not have; `expected` lists the ones it has. */
  | {
      readonly code: 'unknownLayerField';
      readonly params: { readonly layer: string; readonly expected: readonly string[] };
    }
  /** Padding `pad` is not smaller than the kernel `size`. */
  | {
      readonly code: 'padTooLarge';
      readonly params: { readonly pad: number; readonly size: number };
    }
  /** A `size` × `size` kernel does not fit the `height` × `width` input padded by `pad`. */
  | {
      readonly code: 'kernelTooLarge';
      readonly params: {
        readonly size: number;
        readonly height: number;
        readonly width: number;
        readonly pad: number;
      };
    }
  /** A `size` × `size` pooling window does not fit the `height` × `width` input. */
  | {
      readonly code: 'poolTooLarge';
      readonly params: { readonly size: number; readonly height: number; readonly width: number };
    }
  /** A convolution's im2col matrix has `values` entries, more than `max`. */
  | {
      readonly code: 'im2colTooLarge';
      readonly params: { readonly values: number; readonly max: number };
    }
  /** The net needs `macs` multiply-adds per image, more than `max`. */
  | {
      readonly code: 'tooManyMacs';
      readonly params: { readonly macs: number; readonly max: number };
    }
  /** The net holds `activations` values per image, more than `max`. */
  | {
      readonly code: 'tooManyActivations';
      readonly params: { readonly activations: number; readonly max: number };
    };

/** The rule an issue broke. */
export type ConfigIssueCode = IssueDetail['code'];

/**
 * One problem found in a config: where (`runs[0].optimizer.lr`, '' for the whole config) and
 * why (`code` and `params`).
 */
export type ConfigIssue = IssueDetail & { readonly path: string };

const CODES: { readonly [C in ConfigIssueCode]: true } = {
  notObject: true,
  unknownField: true,
  required: true,
  notFinite: true,
  notInteger: true,
  outOfRange: true,
  integerRange: true,
  notBoolean: true,
  notOneOf: true,
  notPoint: true,
  notFormula: true,
  formula: true,
  expressionNotCustom: true,
  mnistSize: true,
  runCount: true,
  labelLength: true,
  duplicateLabel: true,
  batchSize: true,
  version: true,
  unreadable: true,
  notArchitecture: true,
  inputShape: true,
  notLayerList: true,
  tooManyLayers: true,
  notLayer: true,
  unknownLayerField: true,
  padTooLarge: true,
  kernelTooLarge: true,
  poolTooLarge: true,
  im2colTooLarge: true,
  tooManyMacs: true,
  tooManyActivations: true,
};

/** Every issue code, once each (the record above makes a missing one a type error). */
export const CONFIG_ISSUE_CODES = Object.keys(CODES) as readonly ConfigIssueCode[];

/** An issue at `path`: `detail` says why. */
export function configIssue(path: string, detail: IssueDetail): ConfigIssue {
  return { path, ...detail };
}
