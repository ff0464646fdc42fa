/**
 * The building blocks the experiment format is declared with (valibot schemas), and the one
 * reading of a schema's complaints as coded config issues. A field declared here carries its
 * default and its range; validation, the UI's controls and the defaults tables all read them
 * from the declaration, so a new hyperparameter is declared once, next to its optimizer.
 */
import * as v from 'valibot';
import {
  summarizeValue,
  type ConfigIssue,
  type IssueDetail,
  type LowerBound,
  type UpperBound,
} from './issue.ts';

/** Any schema of the format (valibot's own base type). */
export type AnySchema = v.BaseSchema<unknown, unknown, v.BaseIssue<unknown>>;

/** The allowed interval of a number; an absent bound does not apply. */
export interface Bounds {
  readonly min?: number;
  /** ≥ (default) or > `min`. */
  readonly lower?: LowerBound;
  readonly max?: number;
  /** ≤ (default) or < `max`. */
  readonly upper?: UpperBound;
}

/** True when `value` lies within `bounds`. */
export function withinBounds(value: number, bounds: Bounds): boolean {
  const { min, lower = '≥', max, upper = '≤' } = bounds;
  if (min !== undefined && (lower === '>' ? value <= min : value < min)) return false;
  if (max !== undefined && (upper === '<' ? value >= max : value > max)) return false;
  return true;
}

/** A validation action: the number lies within `requirement`. */
export interface RangeAction extends v.BaseValidation<number, number, v.BaseIssue<number>> {
  readonly type: 'range';
  readonly requirement: Bounds;
}

/** The action `v.pipe(v.number(), range({ min: 0, max: 1, upper: '<' }))` checks with. */
export function range(bounds: Bounds): RangeAction {
  return {
    kind: 'validation',
    type: 'range',
    reference: range,
    async: false,
    expects: null,
    requirement: bounds,
    '~run'(dataset, config) {
      if (dataset.typed && !withinBounds(dataset.value, this.requirement)) {
        v._addIssue(this, 'value', dataset, config);
      }
      return dataset;
    },
  };
}

/** Options of a number field besides its range. */
export interface NumberOptions {
  /** Whole numbers only. */
  readonly integer?: boolean;
}

/** A finite number within `bounds`, `fallback` when absent. */
export function numberField(fallback: number, bounds: Bounds, options: NumberOptions = {}) {
  const checks = options.integer ? [v.integer(), range(bounds)] : [range(bounds)];
  return v.optional(v.pipe(v.number(), v.finite(), ...checks), fallback);
}

/** A required finite number within `bounds` (no default). */
export function requiredNumber(bounds: Bounds, options: NumberOptions = {}) {
  const checks = options.integer ? [v.integer(), range(bounds)] : [range(bounds)];
  return v.pipe(v.number(), v.finite(), ...checks);
}

/** True or false, `fallback` when absent. */
export function flagField(fallback: boolean) {
  return v.optional(v.boolean(), fallback);
}

/** One of `options`, `fallback` when absent. */
export function choiceField<const T extends readonly [string, ...string[]]>(
  options: T,
  fallback: T[number],
) {
  return v.optional(v.picklist(options), fallback);
}

/**
 * An object with exactly `entries` (unknown fields are issues; `__proto__` and friends are
 * never copied). Unlike valibot's own, an array is not an object here.
 */
export function fields<const E extends v.ObjectEntries>(
  entries: E,
): v.StrictObjectSchema<E, undefined> {
  const schema = v.strictObject(entries);
  const run = schema['~run'];
  return {
    ...schema,
    '~run'(dataset, config) {
      if (!Array.isArray(dataset.value)) return run.call(this, dataset, config);
      v._addIssue(this, 'type', dataset, config);
      return dataset as unknown as ReturnType<typeof run>;
    },
  };
}

/**
 * How a schema words its own issues where the generic reading does not fit: `value` for a bad
 * or absent value (e.g. a batch size, one code for every way it can be wrong),
 * `unknownKey` for a field an object does not have, `discriminator` for a variant's kind.
 */
export interface IssueHooks {
  readonly value?: (input: unknown, issue: v.BaseIssue<unknown> | null) => IssueDetail;
  readonly unknownKey?: (key: string) => IssueDetail;
  readonly discriminator?: (input: unknown) => IssueDetail;
}

const HOOKS = new WeakMap<object, IssueHooks>();

/** `schema`, whose issues `hooks` word. */
export function coded<S extends AnySchema>(schema: S, hooks: IssueHooks): S {
  HOOKS.set(schema, hooks);
  return schema;
}

/** `schema` without its optional wrapper. */
export function unwrap(schema: AnySchema): AnySchema {
  let s = schema as AnySchema & { wrapped?: AnySchema };
  while ((s.type === 'optional' || s.type === 'exact_optional') && s.wrapped) {
    s = s.wrapped as AnySchema & { wrapped?: AnySchema };
  }
  return s;
}

/** The default of an optional field, or undefined. */
export function defaultOf(schema: AnySchema): unknown {
  return v.getDefault(schema as v.OptionalSchema<AnySchema, unknown>);
}

type Entries = Readonly<Record<string, AnySchema>>;
type ObjectLike = AnySchema & { readonly entries: Entries };
type VariantLike = AnySchema & { readonly key: string; readonly options: readonly ObjectLike[] };

function isVariant(s: AnySchema): s is VariantLike {
  return s.type === 'variant';
}

function isObjectSchema(s: AnySchema): s is ObjectLike {
  return 'entries' in s && typeof (s as { entries?: unknown }).entries === 'object';
}

/** The values a variant's discriminator takes, in declaration order. */
export function variantKinds(schema: AnySchema): string[] {
  const s = unwrap(schema);
  if (!isVariant(s)) return [];
  return s.options.map((o) => {
    const d = unwrap(o.entries[s.key]!) as AnySchema & { literal?: unknown };
    return String(d.literal);
  });
}

/** The option of a variant an object belongs to (by its discriminator), if any. */
function optionFor(variant: VariantLike, input: unknown): ObjectLike | undefined {
  const tag =
    typeof input === 'object' && input !== null
      ? (input as Record<string, unknown>)[variant.key]
      : undefined;
  return variant.options.find((o) => v.is(o.entries[variant.key]!, tag));
}

/** The object schema that reads `value`: a variant's option for it, else `schema` itself. */
function resolve(schema: AnySchema | undefined, value: unknown): AnySchema | undefined {
  const s = schema && unwrap(schema);
  return s && isVariant(s) ? optionFor(s, value) : s;
}

/** The schema of one field of `schema` for the value `parent` (a variant picks its option). */
function childSchema(schema: AnySchema, parent: unknown, key: unknown): AnySchema | undefined {
  const s = unwrap(schema);
  if (isVariant(s)) {
    const option = optionFor(s, parent);
    return option ? childSchema(option, parent, key) : undefined;
  }
  if (isObjectSchema(s)) {
    return typeof key === 'string' && Object.prototype.hasOwnProperty.call(s.entries, key)
      ? s.entries[key]
      : undefined;
  }
  if (s.type === 'array') return (s as AnySchema & { item: AnySchema }).item;
  return undefined;
}

/** A field path as the format writes it: `runs[0].optimizer.lr`, '' for the whole config. */
export function pathText(keys: readonly unknown[], base = ''): string {
  let path = base;
  for (const key of keys) {
    if (typeof key === 'number') path = `${path}[${key}]`;
    else path = path ? `${path}.${String(key)}` : String(key);
  }
  return path;
}

/** The options of a picklist field, if it is one. */
function choices(schema: AnySchema): readonly string[] | undefined {
  const s = unwrap(schema) as AnySchema & { options?: readonly unknown[] };
  return s.type === 'picklist' ? (s.options as readonly string[]) : undefined;
}

/** The range of a number field, read from its pipe. */
export function boundsOf(schema: AnySchema): Bounds | undefined {
  const s = unwrap(schema) as AnySchema & {
    pipe?: ReadonlyArray<{ type: string; requirement?: unknown }>;
  };
  const action = s.pipe?.find((a) => a.type === 'range');
  return action?.requirement as Bounds | undefined;
}

/** True for a number field that takes whole numbers only. */
export function isIntegerField(schema: AnySchema): boolean {
  const s = unwrap(schema) as AnySchema & { pipe?: ReadonlyArray<{ type: string }> };
  return s.pipe?.some((a) => a.type === 'integer') ?? false;
}

/** An absent field without a default: the choice it needed, or its own hook's reading. */
function missing(schema: AnySchema, path: string): ConfigIssue {
  const hook = hooksOf(schema).value;
  if (hook) return { path, ...hook(undefined, null) };
  const s = unwrap(schema);
  if (isVariant(s)) {
    return {
      path: pathText([s.key], path),
      code: 'required',
      params: { options: variantKinds(s) },
    };
  }
  return { path, code: 'required', params: { options: choices(s) ?? [] } };
}

/** A valibot issue under `root`, as the format's coded issue with its path under `base`. */
function readIssue(root: AnySchema, issue: v.BaseIssue<unknown>, base: string): ConfigIssue {
  const items = issue.path ?? [];
  const path = pathText(
    items.map((item) => item.key),
    base,
  );
  const last = items[items.length - 1];
  // An object's complaint about one of its keys (absent, unknown) and a variant's about its
  // discriminator are raised by the parent, at the key's path.
  if (issue.type === 'strict_object' && last?.origin === 'key') {
    const parent = resolve(schemaAt(root, items.slice(0, -1)), last.input);
    const entry = parent && childSchema(parent, last.input, last.key);
    if (entry) return missing(entry, path);
    const hook = hooksOf(parent).unknownKey;
    if (hook) return { path, ...hook(String(last.key)) };
    const expected = parent && isObjectSchema(parent) ? Object.keys(parent.entries) : [];
    return { path, code: 'unknownField', params: { expected } };
  }
  const parent = last && schemaAt(root, items.slice(0, -1));
  const variant = parent && unwrap(parent);
  if (issue.type === 'variant' && variant && isVariant(variant) && variant.key === last?.key) {
    const hook = hooksOf(parent).discriminator;
    if (hook) return { path, ...hook(issue.input) };
    const options = variantKinds(variant);
    return issue.input === undefined
      ? { path, code: 'required', params: { options } }
      : { path, code: 'notOneOf', params: { options, got: summarizeValue(issue.input) } };
  }
  const schema = schemaAt(root, items) ?? root;
  const hook = hooksOf(schema).value;
  if (hook) return { path, ...hook(issue.input, issue) };
  const got = summarizeValue(issue.input);
  switch (issue.type) {
    case 'range':
      return {
        path,
        code: 'outOfRange',
        params: { ...spelledOut(issue.requirement as Bounds), got },
      };
    case 'integer':
      return { path, code: 'notInteger', params: { got: issue.input as number } };
    case 'number':
    case 'finite':
      return { path, code: 'notFinite', params: { got } };
    case 'boolean':
      return { path, code: 'notBoolean', params: { got } };
    case 'picklist':
      return issue.input === undefined
        ? { path, code: 'required', params: { options: choices(schema) ?? [] } }
        : { path, code: 'notOneOf', params: { options: choices(schema) ?? [], got } };
    case 'variant': {
      // Not an object at all: its kind is what is missing, unless one option needs none.
      const s = unwrap(schema);
      if (isVariant(s) && !s.options.some((o) => o.entries[s.key]!.type === 'optional')) {
        return {
          path: pathText([s.key], path),
          code: 'required',
          params: { options: variantKinds(s) },
        };
      }
      return { path, code: 'notObject', params: { got } };
    }
    default:
      return { path, code: 'notObject', params: { got } };
  }
}

function hooksOf(schema: AnySchema | undefined): IssueHooks {
  if (!schema) return {};
  const s = unwrap(schema) as AnySchema & { pipe?: readonly AnySchema[] };
  return HOOKS.get(schema) ?? HOOKS.get(s) ?? (s.pipe && HOOKS.get(s.pipe[0]!)) ?? {};
}

/** The bounds with their comparison symbols spelled out, as issues carry them. */
function spelledOut(bounds: Bounds): Bounds {
  return {
    ...(bounds.min === undefined ? {} : { min: bounds.min, lower: bounds.lower ?? '≥' }),
    ...(bounds.max === undefined ? {} : { max: bounds.max, upper: bounds.upper ?? '≤' }),
  };
}

function schemaAt(root: AnySchema, items: readonly v.IssuePathItem[]): AnySchema | undefined {
  let s: AnySchema | undefined = root;
  for (const item of items) {
    s = s && childSchema(s, item.input, item.key);
  }
  return s;
}

/** The outcome of reading untrusted JSON with a schema. */
export type ReadResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: ConfigIssue[] };

/**
 * `input` read with `schema`: its output (defaults filled in), or every issue found, each with
 * its field path under `base`, its code and its values.
 */
export function readWith<S extends AnySchema>(
  schema: S,
  input: unknown,
  base = '',
): ReadResult<v.InferOutput<S>> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output as v.InferOutput<S> };
  return { ok: false, issues: result.issues.map((issue) => readIssue(schema, issue, base)) };
}
